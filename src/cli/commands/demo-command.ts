import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { describeProgress, liveDemo } from '../../app/demo-history.js';
import { DEFAULT_DEMO } from '../../demo/index.js';
import { print, printJson } from '../output.js';
import { parseIntOption, parseTimeOption, withConfig, withDb } from './common-options.js';

/** registerDemoCommand adds `orderwatch demo`. */
export function registerDemoCommand(program: Command): void {
  withConfig(withDb(program.command('demo')))
    .description('fill the database with a realistic synthetic business (four channels, stock, logistics and the trouble a team meets), then live its history through the pipeline: incidents opened, handled, closed and reviewed across its days')
    .option('--seed <n>', 'random seed: the same seed gives the same business', parseIntOption('--seed', 0, 2 ** 31), DEFAULT_DEMO.seed)
    .option('--days <d>', 'days of history', parseIntOption('--days', 1, 3650), DEFAULT_DEMO.days)
    .option('--orders-per-day <k>', 'orders on a normal day', parseIntOption('--orders-per-day', 1, 1_000_000), DEFAULT_DEMO.ordersPerDay)
    .option('--end <time>', 'the business "now": the last day ends here (default: now)', parseTimeOption('--end'))
    .option('--no-history', 'only store the orders and events; do not live the history (no incidents until a worker judges them as of now)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { seed: number; days: number; ordersPerDay: number; end?: number; db?: string; config?: string; json?: boolean; history: boolean }) => {
      const context = await openContext(options);
      try {
        const end = options.end ?? context.clock.now();
        // On a terminal one line that keeps changing; in a log, a line per phase and per ten days.
        let logged = '';
        const result = await liveDemo(context.store, () => context.settings, { seed: options.seed, days: options.days, ordersPerDay: options.ordersPerDay, end, history: options.history }, (p) => {
          if (options.json) return;
          if (process.stderr.isTTY) process.stderr.write(`\r  ${describeProgress(p)}`.padEnd(80));
          else {
            const step = `${p.phase}:${p.phase === 'history' ? Math.floor((p.day ?? 0) / 10) : ''}`;
            if (step !== logged) process.stderr.write(`${describeProgress(p)}\n`);
            logged = step;
          }
        });
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        if (options.json) {
          printJson(result);
          return;
        }
        print(`demo business stored: ${result.records} orders and events; ${result.judged} judgements while living its history; ${result.incidents} incidents; ${result.seconds.toFixed(0)} s`);
      } finally {
        await context.store.close();
      }
    });
}
