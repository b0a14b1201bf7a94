import type { AppContext } from '../app/context.js';
import { SettingsHolder } from '../app/settings-holder.js';
import { buildPipeline, type Pipeline } from '../pipeline/build-pipeline.js';
import { BackgroundWork, type BackgroundWorkOptions } from './background-work.js';
import { startScheduledJobs } from './scheduled-jobs.js';

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
  return {
    work,
    pipeline,
    async stop() {
      stopJobs();
      stopWatching();
      await work.stop();
    },
  };
}
