import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { toIso } from '../../domain/time.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { print, printJson, table } from '../output.js';
import { parseTimeOption, withConfig, withDb } from './common-options.js';

/** registerScanCommand adds `orderwatch scan [--at TIME]`. */
export function registerScanCommand(program: Command): void {
  withConfig(withDb(program.command('scan')))
    .description('judge every open order as of a time (default now): findings, exemptions, incidents, fix-list cases and the notifications they call for (the outbox) go to the store')
    .option('--at <time>', 'judge as of this ISO-8601 time (a replay); default: now', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: number; db?: string; config?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const at = options.at ?? context.clock.now();
        const pipeline = buildPipeline({ store: context.store, settings: () => context.settings, clock: context.clock, owner: `scan-${process.pid}` });
        const summary = await pipeline.scan(at, (n) => {
          if (!options.json && process.stderr.isTTY) process.stderr.write(`\r  judged ${n} orders…`);
        });
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        const decided = summary.response;
        if (options.json) {
          const { response: _r, ...rest } = summary;
          printJson({
            at: toIso(at),
            ...rest,
            incidents: decided ? { opened: decided.opened, joined: decided.joined, acted: decided.acted, notificationsQueued: decided.enqueued } : null,
            fixList: decided ? { filed: decided.filed } : null,
          });
          return;
        }
        if (summary.calendarNotice) print(`note: ${summary.calendarNotice.zh} / ${summary.calendarNotice.en}`);
        print(`judged ${summary.judged} open orders as of ${toIso(at)}: ${summary.opened} findings opened, ${summary.resolved} resolved, ${summary.exemptions} exemptions`);
        if (decided) {
          print(`incidents: ${decided.opened} opened, ${decided.joined} joined; ${decided.filed} data-quality findings on the fix list; ${decided.enqueued} notifications queued (send them with \`orderwatch deliver --once\`)`);
        } else {
          print('incidents: a running worker holds the response engine; it places these findings and decides their incidents');
        }
        const rows = Object.entries(summary.openByCode).sort((a, b) => b[1] - a[1]);
        if (rows.length > 0) print(table(['finding', 'open'], rows.map(([code, n]) => [code, String(n)])));
      } finally {
        await context.store.close();
      }
    });
}
