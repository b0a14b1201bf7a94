import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { loadDemo } from '../../app/load-demo.js';
import { DEFAULT_DEMO } from '../../demo/index.js';
import { print, printJson } from '../output.js';
import { parseIntOption, parseTimeOption, withDb } from './common-options.js';

/** registerDemoCommand adds `orderwatch demo`. */
export function registerDemoCommand(program: Command): void {
  withDb(program.command('demo'))
    .description('fill the database with a realistic synthetic business (four channels, stock, logistics and the trouble a team meets)')
    .option('--seed <n>', 'random seed: the same seed gives the same business', parseIntOption('--seed', 0, 2 ** 31), DEFAULT_DEMO.seed)
    .option('--days <d>', 'days of history', parseIntOption('--days', 1, 3650), DEFAULT_DEMO.days)
    .option('--orders-per-day <k>', 'orders on a normal day', parseIntOption('--orders-per-day', 1, 1_000_000), DEFAULT_DEMO.ordersPerDay)
    .option('--end <time>', 'the business "now": the last day ends here (default: now)', parseTimeOption('--end'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { seed: number; days: number; ordersPerDay: number; end?: number; db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const end = options.end ?? context.clock.now();
        const started = Date.now();
        const result = await loadDemo(context.store, { seed: options.seed, days: options.days, ordersPerDay: options.ordersPerDay, end }, (r) => {
          if (!options.json && process.stderr.isTTY) {
            const accepted = Object.values(r.bySource).reduce((n, s) => n + s.accepted, 0);
            process.stderr.write(`\r  demo: ${accepted} records stored…`);
          }
        });
        if (!options.json && process.stderr.isTTY) process.stderr.write('\n');
        if (options.json) {
          printJson({ ...result, seconds: (Date.now() - started) / 1000 });
          return;
        }
        for (const [source, s] of Object.entries(result.bySource)) {
          print(`${source.padEnd(8)} accepted ${s.accepted}, rejected ${s.rejected}, duplicates ${s.duplicates}`);
        }
        print(`ground-truth labels: ${result.labels}; ${(Date.now() - started) / 1000}s; orders stored: ${await context.store.countOrders()}`);
      } finally {
        await context.store.close();
      }
    });
}
