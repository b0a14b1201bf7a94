import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { buildPipeline } from '../pipeline/build-pipeline.js';
import { buildServer } from '../server/server.js';
import { olistBacktester } from './console-backtest.js';
import type { AppContext, BackgroundHandle } from './context.js';
import { describeDb } from './context.js';
import { ensureAdmin } from './ensure-admin.js';
import { startIngestWriter } from './ingest-writer.js';
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
  readonly background?: (context: AppContext, owner: string, say: (line: string) => void, options: { readonly demo?: { readonly end: number } }) => Promise<BackgroundHandle>;
}

/**
 * serve starts orderwatch as a service: the first admin when there is no
 * user, the demo business when asked and the store is empty, the HTTP
 * server, then the background work. Start-up is one straight line so its
 * order is visible: a failure at any step stops it with that step's message.
 * The server's own thread never judges, groups or delivers, nor parses
 * and writes a peak's orders: an ingest writer thread stores them, a
 * background worker (thread or process) judges, groups and delivers, and
 * the request thread answers lookups, the console and people's actions.
 */
export async function serve(context: AppContext, options: ServeOptions): Promise<FastifyInstance> {
  const admin = await ensureAdmin(context);
  // An empty store gets the demo business: loaded and lived by the background work while the console already answers.
  let demo: { end: number } | undefined;
  const empty = options.demoIfEmpty === true && (await context.store.countOrders()) === 0;
  if (options.demoIfEmpty && !empty) {
    // A demo load cut short (serve stopped while it ran) left part of the demo: the store is not empty, so it is not
    // loaded again, and the console shows a business without its history. Say so, and how to start over.
    const cut = (await context.store.work.workers(0)).find((w) => {
      const progress = w.doc['demo'] as { phase?: string } | undefined;
      return progress !== undefined && progress.phase !== 'done';
    });
    if (cut) options.say(`the demo business was still loading when serve last stopped: this store holds part of it, without its history — to load it whole, stop serve, delete ${describeDb(context.db)} (with its -wal and -shm files) and start again`);
  }
  if (empty) {
    if (options.background) {
      demo = { end: context.clock.now() };
    } else {
      options.say('the store is empty: storing the demo business (no history without a worker)…');
      const result = await loadDemo(context.store, { end: context.clock.now() });
      options.say(`demo business stored: ${Object.values(result.bySource).reduce((n, s) => n + s.accepted, 0)} records`);
    }
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
  // Ingest bodies are parsed, normalised and written in a thread of their own (an in-memory database has no second connection).
  const writer = context.db === ':memory:' ? undefined : await startIngestWriter(context.db, options.say, context.settings.storage.durability);
  const app = await buildServer({
    ...(writer ? { ingestWriter: writer } : {}),
    store: context.store,
    settings: () => settings.get(),
    clock: context.clock,
    log: true,
    version: options.version,
    background: { kick: (orders?: number) => background.kick(orders) },
    responder: response,
    backtester: olistBacktester(),
    reporter: reports,
  });
  app.addHook('onClose', async () => {
    stopWatching();
    await background.stop();
    await writer?.stop();
  });
  const port = options.port ?? context.settings.server.port;
  const host = options.host ?? context.settings.server.host;
  await app.listen({ port, host });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  options.say(`orderwatch is running at ${url} (database: ${describeDb(context.db)})`);
  if (options.background) {
    if (demo) options.say('the store is empty: the demo business (60 days of four shops) is loading in the background — the console works meanwhile and fills as its history is lived; progress follows');
    background = await options.background(context, `${owner}:worker`, options.say, demo ? { demo } : {});
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
