import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { formatYuan } from '../../domain/money.js';
import { STAGE_NAMES_ZH } from '../../domain/stage.js';
import { formatShanghai, toIso } from '../../domain/time.js';
import { print, printJson, table } from '../output.js';
import { withDb } from './common-options.js';

/** registerLookupCommand adds `orderwatch lookup QUERY`. */
export function registerLookupCommand(program: Command): void {
  withDb(program.command('lookup'))
    .description('find orders by any channel order number, full phone, last 4 digits, masked phone (138****5678), receiver name or tracking number')
    .argument('<query>', 'what the customer told you')
    .option('--limit <n>', 'at most this many orders', '50')
    .option('--json', 'print the result as JSON')
    .action(async (query: string, options: { db?: string; json?: boolean; limit: string }) => {
      const context = await openContext(options);
      try {
        const started = performance.now();
        const orders = await context.store.lookup(query, Number(options.limit) || 50);
        const ms = performance.now() - started;
        if (options.json) {
          printJson({ query, orders: orders.map((o) => ({ ...o, placedAt: toIso(o.placedAt), stageEnteredAt: toIso(o.stageEnteredAt) })) });
          return;
        }
        if (orders.length === 0) {
          print(`no order matches "${query}"`);
          return;
        }
        print(
          table(
            ['order', 'channel', 'placed (Asia/Shanghai)', 'receiver', 'phone', 'region', 'stage', 'paid ¥'],
            orders.map((o) => [
              o.id,
              o.shop ?? o.channel,
              formatShanghai(o.placedAt).slice(0, 16),
              o.receiverName ?? '',
              o.phone ?? '',
              [o.province, o.city].filter(Boolean).join(' '),
              STAGE_NAMES_ZH[o.stage] ?? o.stage,
              formatYuan(o.paidFen),
            ]),
          ),
        );
        print(`${orders.length} order(s) in ${ms.toFixed(1)} ms`);
      } finally {
        await context.store.close();
      }
    });
}
