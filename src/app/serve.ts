import type { FastifyInstance } from 'fastify';
import { Cron } from 'croner';
import { buildServer } from '../server/server.js';
import { calibrateFromStore } from './stall-thresholds.js';
import { olistBacktester } from './console-backtest.js';
import { DetectionLoop } from './detection-loop.js';
import { DetectionService } from './detection-service.js';
import type { AppContext } from './context.js';
import { describeDb } from './context.js';
import { ensureAdmin } from './ensure-admin.js';
import { loadDemo } from './load-demo.js';
import { ReportService } from './report/report-service.js';
import { dailyDigest } from './response/daily-digest.js';
import { ResponseLoop } from './response/response-loop.js';
import { ResponseService } from './response/response-service.js';
import { SettingsHolder } from './settings-holder.js';
import { hostname } from 'node:os';
import { policyOf } from '../respond/index.js';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  /** Load the demo business first when the store holds no orders (what `npm start` does). */
  readonly demoIfEmpty?: boolean;
  readonly version: string;
  readonly say: (line: string) => void;
}

/**
 * serve starts orderwatch as a service: the first admin when there is no
 * user, the demo business when asked and the store is empty, then the HTTP
 * server. Start-up is one straight line so its order is visible: a failure at
 * any step stops it with that step's message.
 */
export async function serve(context: AppContext, options: ServeOptions): Promise<FastifyInstance> {
  const admin = await ensureAdmin(context);
  if (options.demoIfEmpty && (await context.store.countOrders()) === 0) {
    options.say('the store is empty: loading the demo business (about a minute)…');
    const started = Date.now();
    const result = await loadDemo(context.store, { end: context.clock.now() });
    const accepted = Object.values(result.bySource).reduce((n, s) => n + s.accepted, 0);
    options.say(`demo business loaded: ${accepted} records in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  // The policy file is watched: a valid change applies at once, a broken one is reported and ignored.
  const settings = new SettingsHolder(context.settings, context.configFile, options.say);
  const stopWatching = settings.watch();
  const owner = `${hostname()}:${process.pid}`;
  const response = new ResponseService({ store: context.store, settings: () => settings.get(), owner });
  const detection = new DetectionService(context.store.detection);
  // New findings reach the response engine at once, and its pass runs right after: event → message in well under a second.
  detection.onChanges = async (changes, at) => {
    await response.onFindings(changes, at);
    responseLoop.kick();
  };
  const loop = new DetectionLoop(detection, context.clock, 2000, (error) => options.say(`detection sweep failed: ${error instanceof Error ? error.message : String(error)}`), async (now) =>
    context.store.response.tryLease('detection-sweep', owner, now, 30_000),
  );
  const responseLoop = new ResponseLoop(response, context.store, context.clock, owner, 5000, (error) => options.say(`response pass failed: ${error instanceof Error ? error.message : String(error)}`));
  const reports = new ReportService(context.store, () => settings.get());
  const app = await buildServer({
    store: context.store,
    settings: context.settings,
    clock: context.clock,
    log: true,
    version: options.version,
    scanner: {
      scan: async (at) => {
        const summary = await detection.scan(at);
        return { ...summary, response: await response.tick(at, true) };
      },
      kick: () => loop.kick(),
    },
    responder: response,
    backtester: olistBacktester(),
    reporter: reports,
  });
  // Thresholds are relearned monthly (the seed business's rhythm), 03:00 on the 1st, Shanghai time.
  const monthly = new Cron('0 3 1 * *', { timezone: 'Asia/Shanghai', protect: true }, async () => {
    try {
      const { version, orders } = await calibrateFromStore(context.store.detection, context.clock.now());
      options.say(`thresholds recalibrated: v${version} from ${orders} orders`);
    } catch (error) {
      options.say(`monthly calibration failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  // The seed's 09:00 scan, kept as a report: each owner's open incidents, once a day (keyed per day, so once across instances).
  const daily = new Cron('0 9 * * *', { timezone: 'Asia/Shanghai', protect: true }, async () => {
    try {
      const r = await dailyDigest(context.store, policyOf(settings.get()), context.clock.now(), settings.get().server.publicUrl);
      options.say(`daily digest: ${r.enqueued} messages for ${r.roles} owner roles`);
    } catch (error) {
      options.say(`daily digest failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  // Post-incident reviews (SPEC C9): every 5 minutes, closed incidents get their callbacks and, within 72 h, their review (under a lease: one instance).
  const reviews = new Cron('*/5 * * * *', { timezone: 'Asia/Shanghai', protect: true }, async () => {
    try {
      const now = context.clock.now();
      if (!(await context.store.response.tryLease('report-reviews', owner, now, 4 * 60_000))) return;
      const r = await reports.runReviewPass(now);
      if (r.callbacksCreated + r.reviewsGenerated > 0) options.say(`reviews: ${r.reviewsGenerated} generated (${r.reviewsSent} sent), ${r.callbacksCreated} callbacks created`);
    } catch (error) {
      options.say(`review job failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  app.addHook('onClose', async () => {
    reviews.stop();
    daily.stop();
    monthly.stop();
    stopWatching();
    await loop.stop();
    await responseLoop.stop();
  });
  const port = options.port ?? context.settings.server.port;
  const host = options.host ?? context.settings.server.host;
  await app.listen({ port, host });
  // Continuous detection: the first sweep judges whatever is due (all of a fresh import).
  loop.start();
  responseLoop.start();
  // The first PDF of a process compiles the font and chart code: do it now, not on the first click.
  void reports.warmUp().catch((error: unknown) => options.say(`report warm-up failed: ${error instanceof Error ? error.message : String(error)}`));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.say(`orderwatch is running at ${url} (database: ${describeDb(context.db)})`);
  if (admin) {
    options.say(
      admin.generated
        ? `first start: created user "admin" with password ${admin.password} — sign in at ${url} and add people with \`npx orderwatch user add NAME --role ROLE\``
        : `first start: created user "admin" with the password from ORDERWATCH_ADMIN_PASSWORD`,
    );
  }
  return app;
}
