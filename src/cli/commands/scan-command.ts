import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { DetectionService } from '../../app/detection-service.js';
import { toIso } from '../../domain/time.js';
import { print, printJson, table } from '../output.js';
import { parseTimeOption, withDb } from './common-options.js';

/** registerScanCommand adds `orderwatch scan [--at TIME]`. */
export function registerScanCommand(program: Command): void {
  withDb(program.command('scan'))
    .description('judge every open order as of a time (default now): findings and exemptions go to the store')
    .option('--at <time>', 'judge as of this ISO-8601 time (a replay); default: now', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: number; db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const at = options.at ?? context.clock.now();
        const summary = await new DetectionService(context.store.detection).scan(at, (n) => {
          if (!options.json && process.stderr.isTTY) process.stderr.write(`\r  judged ${n} orders…`);
        });
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        if (options.json) {
          printJson({ at: toIso(at), ...summary });
          return;
        }
        if (summary.calendarNotice) print(`note: ${summary.calendarNotice.zh} / ${summary.calendarNotice.en}`);
        print(`judged ${summary.judged} open orders as of ${toIso(at)}: ${summary.opened} findings opened, ${summary.resolved} resolved, ${summary.exemptions} exemptions`);
        const rows = Object.entries(summary.openByCode).sort((a, b) => b[1] - a[1]);
        if (rows.length > 0) print(table(['finding', 'open'], rows.map(([code, n]) => [code, String(n)])));
      } finally {
        await context.store.close();
      }
    });
}
