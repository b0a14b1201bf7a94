import type { AppContext } from '../app/context.js';
import { SettingsHolder } from '../app/settings-holder.js';
import { describeProgress, liveDemo, type DemoProgress } from '../app/demo-history.js';
import { buildPipeline, type Pipeline } from '../pipeline/build-pipeline.js';
import { BackgroundWork, type BackgroundWorkOptions } from './background-work.js';
import { startScheduledJobs } from './scheduled-jobs.js';
import { ShopSyncService } from '../app/shops/shop-sync-service.js';
import { ShopSyncJob } from './shop-sync-job.js';
import { TrackingSubscriptionService } from '../app/shops/tracking-subscription-service.js';
import { TrackingSubscriptionJob } from './tracking-subscription-job.js';

/** RunningWorker is a worker at work: its loop, its pipeline, and how to stop both. */
export interface RunningWorker {
  readonly work: BackgroundWork;
  readonly pipeline: Pipeline;
  stop(): Promise<void>;
}

/** RunWorkerOptions: this worker's name (leases carry it), where it says what happens, and its loop's settings. */
export interface RunWorkerOptions extends Omit<BackgroundWorkOptions, 'say'> {
  readonly owner: string;
  readonly say: (line: string) => void;
  /** Run the timed jobs (daily digest, calibration, reviews); default true. */
  readonly scheduledJobs?: boolean;
}

/**
 * loadDemoFirst fills an empty store with the demo business and lives its
 * history (minutes for the full demo) before any live work starts — the two
 * would judge the same orders as of different times. Progress goes to the
 * terminal and to this worker's heartbeat, which the console shows.
 */
export async function loadDemoFirst(context: AppContext, owner: string, end: number, say: (line: string) => void): Promise<void> {
  let lastSaid = 0;
  const report = async (p: DemoProgress): Promise<void> => {
    const now = Date.now();
    if (now - lastSaid < 5000 && p.phase !== 'done') return;
    lastSaid = now;
    say(describeProgress(p));
    await context.store.work.heartbeat(owner, context.clock.now(), { demo: p }).catch(() => undefined);
  };
  let pending: Promise<void> = Promise.resolve();
  const summary = await liveDemo(context.store, () => context.settings, { end }, (p) => void (pending = pending.then(() => report(p))));
  await pending;
  say(`demo business ready: ${summary.records.toLocaleString('en')} orders and events, ${summary.incidents} incidents over its history, in ${Math.round(summary.seconds)} s`);
  await context.store.work.heartbeat(owner, context.clock.now(), { demo: { phase: 'done' } });
}

/**
 * runWorker starts the background work on a store: the policy file watched
 * (a valid change applies at once, a broken one is reported and ignored),
 * the pipeline built, its loop running and the timed jobs scheduled. The
 * same function runs in serve's worker thread and in `orderwatch worker`.
 */
export function runWorker(context: AppContext, options: RunWorkerOptions): RunningWorker {
  const settings = new SettingsHolder(context.settings, context.configFile, options.say);
  const stopWatching = settings.watch();
  const pipeline = buildPipeline({ store: context.store, settings: () => settings.get(), clock: context.clock, owner: options.owner });
  const work = new BackgroundWork(pipeline, options.owner, options);
  work.start();
  const stopJobs = options.scheduledJobs === false ? () => undefined : startScheduledJobs(pipeline, () => settings.get(), options.owner, options.say);
  // Connected shops are pulled on their own timer (docs/connectors.md); pages stored wake the pipeline.
  const shops = new ShopSyncJob({ service: new ShopSyncService({ store: context.store, settings: () => settings.get(), clock: context.clock, owner: options.owner }), clock: context.clock, say: options.say, stored: () => work.kick() });
  if (options.scheduledJobs !== false) shops.start();
  // Shipped orders' tracking numbers are subscribed at Kuaidi100 on a timer of their own: a slow Kuaidi100 holds up nothing else.
  const tracking = new TrackingSubscriptionJob({ service: new TrackingSubscriptionService({ store: context.store, settings: () => settings.get(), clock: context.clock, owner: options.owner }), say: options.say });
  if (options.scheduledJobs !== false) tracking.start();
  return {
    work,
    pipeline,
    async stop() {
      stopJobs();
      await shops.stop();
      await tracking.stop();
      stopWatching();
      await work.stop();
    },
  };
}
