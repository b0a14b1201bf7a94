import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { buildPipeline } from '../pipeline/build-pipeline.js';
import { buildServer } from '../server/server.js';
import { olistBacktester } from './console-backtest.js';
import type { AppContext, BackgroundHandle } from './context.js';
import { describeDb } from './context.js';
import { ensureAdmin } from './ensure-admin.js';
import { loadDemo } from './load-demo.js';
import { ReportService } from './report/report-service.js';
import { ResponseService } from './response-service.js';
import { SettingsHolder } from './settings-holder.js';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  /** Load the demo business first when the store holds no orders (what `npm start` does). */
  readonly demoIfEmpty?: boolean;
  readonly version: string;
  readonly say: (line: string) => void;
  /**
   * Starts the background work (detection, grouping, grading, delivery) off
   * the request path once the server listens; serve's default is a worker
   * thread (src/worker). Without it the server only answers requests and
   * stores what arrives: `orderwatch worker` processes do the rest.
   */
  readonly background?: (context: AppContext, owner: string, say: (line: string) => void) => Promise<BackgroundHandle>;
}

/**
 * serve starts orderwatch as a service: the first admin when there is no
 * user, the demo business when asked and the store is empty, the HTTP
 * server, then the background work. Start-up is one straight line so its
 * order is visible: a failure at any step stops it with that step's message.
 * The server's own thread never judges, groups or delivers: the request
 * path stores orders and events, answers lookups and records people's
 * actions, and kicks the background work.
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
  // People's actions (acknowledge, escalate, close …) are one incident each: they run here, on the pipeline's engine, never stepped in this thread.
  const pipeline = buildPipeline({ store: context.store, settings: () => settings.get(), clock: context.clock, owner });
  const response = new ResponseService({ store: context.store, settings: () => settings.get(), pipeline });
  const reports = new ReportService(context.store, () => settings.get());
  let background: BackgroundHandle = { mode: 'none', kick: () => undefined, stop: async () => undefined };
  const app = await buildServer({
    store: context.store,
    settings: () => settings.get(),
    clock: context.clock,
    log: true,
    version: options.version,
    background: { kick: () => background.kick() },
    responder: response,
    backtester: olistBacktester(),
    reporter: reports,
  });
  app.addHook('onClose', async () => {
    stopWatching();
    await background.stop();
  });
  const port = options.port ?? context.settings.server.port;
  const host = options.host ?? context.settings.server.host;
  await app.listen({ port, host });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.say(`orderwatch is running at ${url} (database: ${describeDb(context.db)})`);
  if (options.background) {
    background = await options.background(context, `${owner}:worker`, options.say);
    options.say(background.mode === 'thread' ? 'background work (detection, incidents, notifications) runs in a worker thread' : `background work runs ${background.mode}`);
  } else {
    options.say('no background work in this process: run `orderwatch worker` beside it for detection, incidents and notifications');
  }
  // The first PDF of a process compiles the font and chart code: do it now, not on the first click.
  void reports.warmUp().catch((error: unknown) => options.say(`report warm-up failed: ${error instanceof Error ? error.message : String(error)}`));
  if (admin) {
    options.say(
      admin.generated
        ? `first start: created user "admin" with password ${admin.password} — sign in at ${url} and add people with \`npx orderwatch user add NAME --role ROLE\``
        : `first start: created user "admin" with the password from ORDERWATCH_ADMIN_PASSWORD`,
    );
  }
  return app;
}
