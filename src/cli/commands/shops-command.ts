import type { Command } from 'commander';
import { kuaidi100Setup } from '../../config/kuaidi100-setup.js';
import { openContext, type AppContext } from '../../app/context.js';
import { ShopSetupError, ShopSyncService } from '../../app/shops/shop-sync-service.js';
import { toIso, type Instant } from '../../domain/time.js';
import { ConnectorError } from '../../ingest/connect/index.js';
import { startStandIn, STAND_IN_PLATFORMS } from '../../ingest/connect/stand-in/run-stand-in.js';
import { CliError, print, printJson, table } from '../output.js';
import { parseIntOption, parseTimeOption, withConfig, withDb } from './common-options.js';

interface Options {
  db?: string;
  config?: string;
  json?: boolean;
}

async function withService<T>(options: Options, work: (service: ShopSyncService, context: AppContext) => Promise<T>): Promise<T> {
  const context = await openContext(options);
  try {
    const service = new ShopSyncService({ store: context.store, settings: () => context.settings, clock: context.clock, owner: `cli-${process.pid}` });
    return await work(service, context);
  } catch (error) {
    if (error instanceof ShopSetupError || error instanceof ConnectorError) throw new CliError(error.message);
    throw error;
  } finally {
    await context.store.close();
  }
}

const when = (at: Instant | undefined): string => (at === undefined ? '-' : toIso(at).replace('T', ' ').slice(0, 19));
const minutes = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** registerShopsCommand adds `orderwatch shops list|test|sync|stand-in`. */
export function registerShopsCommand(program: Command): void {
  const shops = program.command('shops').description('connected shops: list them with their sync status, test a connection, sync one now (docs/connectors.md)');

  withConfig(withDb(shops.command('list')))
    .description('list the shops of the settings file: platform, last successful sync, cursor, orders in the last hour, last error')
    .option('--json', 'print the result as JSON')
    .action(async (options: Options) =>
      withService(options, async (service, context) => {
        const status = await service.status();
        if (options.json) {
          printJson(status);
          return;
        }
        if (status.length === 0) {
          print('no shops: add a shops: section to the settings file (docs/connectors.md)');
          return;
        }
        print(
          table(
            ['shop', 'platform', 'every', 'last good sync', 'cursor', 'orders 1h', 'last error'],
            status.map((s) => [
              s.shop + (s.enabled ? '' : ' (off)'),
              s.platform,
              minutes(s.interval),
              when(s.lastSuccessAt),
              s.cursor === undefined ? 'not synced yet' : `${when(s.cursor.from)}${s.cursor.page !== undefined ? ` page ${s.cursor.page.slice(0, 12)}` : ''}`,
              String(s.ordersLastHour),
              s.lastError === undefined || (s.lastSuccessAt !== undefined && s.lastSuccessAt > s.lastError.at) ? '' : `${when(s.lastError.at)} ${s.lastError.message}`,
            ]),
          ),
        );
        // Kuaidi100 subscriptions of shipped orders, one line per shop that has any (docs/connectors.md).
        if (context.settings.kuaidi100 !== undefined) {
          const setup = kuaidi100Setup(context.settings);
          if (setup !== undefined && 'problem' in setup) print(`kuaidi100: subscriptions paused until the set-up is complete: ${setup.problem}`);
          for (const t of await context.store.tracking.summary()) {
            const problem = t.lastError === undefined ? '' : `; last problem ${when(t.lastError.at)} ${t.lastError.trackingNo}: ${t.lastError.message}`;
            print(`kuaidi100 ${t.shop === '' ? '(no shop)' : t.shop}: ${t.subscribed} subscribed, ${t.pending} pending, ${t.refused} refused, ${t.failed} given up${problem}`);
          }
        }
      }),
    );

  withConfig(withDb(shops.command('test')))
    .description("call the shop's platform once (credentials, signature, session) and count the orders changed in the last hour; stores nothing")
    .argument('<shop>', 'the shop name in the settings file')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: Options) =>
      withService(options, async (service) => {
        const t = await service.test(name);
        if (options.json) printJson(t);
        else print(`${t.shop} (${t.platform}): connected — credentials and signature accepted; ${t.orders} orders changed ${when(t.from)} … ${when(t.to)}${t.morePages ? ' on the first page, more on the next' : ''}`);
      }),
    );

  withConfig(withDb(shops.command('sync')))
    .description("pull a shop's orders now, from its saved cursor (or --since), into the store")
    .argument('<shop>', 'the shop name in the settings file')
    .option('--since <time>', 'start over from this time (ISO-8601; zone-less is Asia/Shanghai) instead of the saved cursor', parseTimeOption('--since'))
    .option('--take-over', 'take the shop from an instance that died mid-sync (kill -9, power loss) without waiting a minute for its lease to run out')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: Options & { since?: Instant; takeOver?: boolean }) =>
      withService(options, async (service) => {
        const attempt = await service.sync(name, {
          ...(options.since !== undefined ? { since: options.since } : {}),
          ...(options.takeOver === true ? { takeOver: true } : {}),
          onPage: (r) => {
            if (!options.json) process.stderr.write(`\r${r.pages} pages, ${r.accepted} orders new or changed, ${r.duplicates} already stored`);
          },
        });
        if (!options.json) process.stderr.write('\n');
        if ('skipped' in attempt) throw new CliError(`${attempt.skipped}; try again in a few minutes`);
        const r = attempt.run;
        if (options.json) printJson(r);
        else print(`${name}: ${r.outcome} — ${r.pages} pages, ${r.accepted} orders new or changed, ${r.duplicates} already stored, ${r.rejected} rejected${r.error !== undefined ? `\n  ${r.error}` : ''}`);
        if (r.outcome !== 'ok') throw new CliError(`${name}: sync ${r.outcome === 'setup' ? 'needs its set-up fixed' : 'did not finish'}; the next sync goes on from the last page stored`);
      }),
    );

  shops
    .command('stand-in')
    .description('run a local stand-in of a platform (signed requests checked, paged answers) to try a shop set-up without a real one')
    .argument('<platform>', STAND_IN_PLATFORMS.join(' or '))
    .option('--port <n>', 'port to listen on', parseIntOption('--port', 1, 65535), 9101)
    .option('--orders <n>', 'orders in the stand-in shop, placed over the last --days', parseIntOption('--orders', 0, 10_000_000), 1000)
    .option('--days <n>', 'days the orders are spread over', parseIntOption('--days', 1, 90), 3)
    .option('--change-every <seconds>', 'advance a random order (shipped, then finished) this often, to watch the sync keep up', parseIntOption('--change-every', 1, 3600))
    .action(async (platform: string, options: { port: number; orders: number; days: number; changeEvery?: number }) => {
      if (!(STAND_IN_PLATFORMS as readonly string[]).includes(platform)) throw new CliError(`platform must be one of ${STAND_IN_PLATFORMS.join(', ')}, got "${platform}"`, 2);
      const running = await startStandIn(platform as (typeof STAND_IN_PLATFORMS)[number], options);
      print(running.instructions);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await running.stop();
    });
}
