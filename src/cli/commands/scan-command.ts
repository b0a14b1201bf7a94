import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { DetectionService } from '../../app/detection-service.js';
import { ResponseService } from '../../app/response/response-service.js';
import { toIso } from '../../domain/time.js';
import { print, printJson, table } from '../output.js';
import { parseTimeOption, withConfig, withDb } from './common-options.js';

/** registerScanCommand adds `orderwatch scan [--at TIME]`. */
export function registerScanCommand(program: Command): void {
  withConfig(withDb(program.command('scan')))
    .description('judge every open order as of a time (default now): findings, exemptions, incidents and the notifications they call for (the outbox) go to the store')
    .option('--at <time>', 'judge as of this ISO-8601 time (a replay); default: now', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: number; db?: string; config?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const at = options.at ?? context.clock.now();
        const response = new ResponseService({ store: context.store, settings: () => context.settings, owner: `scan-${process.pid}` });
        const detection = new DetectionService(context.store.detection);
        detection.onChanges = (changes, when) => response.onFindings(changes, when);
        const summary = await detection.scan(at, (n) => {
          if (!options.json && process.stderr.isTTY) process.stderr.write(`\r  judged ${n} orders…`);
        });
        // A scan judges one moment whole: grouping waits end now, and what is due is decided.
        const decided = await response.tick(at, true);
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        if (options.json) {
          printJson({ at: toIso(at), ...summary, incidents: { opened: decided.opened, joined: decided.joined, acted: decided.acted, notificationsQueued: decided.enqueued } });
          return;
        }
        if (summary.calendarNotice) print(`note: ${summary.calendarNotice.zh} / ${summary.calendarNotice.en}`);
        print(`judged ${summary.judged} open orders as of ${toIso(at)}: ${summary.opened} findings opened, ${summary.resolved} resolved, ${summary.exemptions} exemptions`);
        print(`incidents: ${decided.opened} opened, ${decided.joined} joined; ${decided.enqueued} notifications queued (send them with \`orderwatch deliver --once\`)`);
        const rows = Object.entries(summary.openByCode).sort((a, b) => b[1] - a[1]);
        if (rows.length > 0) print(table(['finding', 'open'], rows.map(([code, n]) => [code, String(n)])));
      } finally {
        await context.store.close();
      }
    });
}
