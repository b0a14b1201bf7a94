import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { calibrateFromStore } from '../../pipeline/stall-thresholds.js';
import { STAGE_SPANS } from '../../detect/thresholds/index.js';
import { toIso } from '../../domain/time.js';
import { print, printJson, table } from '../output.js';
import { parseTimeOption, withDb } from './common-options.js';

/** registerCalibrateCommand adds `orderwatch calibrate [--at TIME]`. */
export function registerCalibrateCommand(program: Command): void {
  withDb(program.command('calibrate'))
    .description('learn stage thresholds from order history as of a time (only orders completed before it) and store them as a new version')
    .option('--at <time>', 'calibrate as of this ISO-8601 time; default: now', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: number; db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const asOf = options.at ?? context.clock.now();
        const { version, table: t, orders } = await calibrateFromStore(context.store.detection, asOf);
        const segments = STAGE_SPANS.map((span) => ({ span, segments: Object.keys(t.stats[span]).length, global: t.stats[span]['global'] }));
        if (options.json) {
          printJson({ version, asOf: toIso(asOf), policy: t.policy, orders, segments });
          return;
        }
        print(`threshold table v${version} as of ${toIso(asOf)} from ${orders} orders (policy ${t.policy.kind})`);
        print(table(['span', 'segments', 'global samples', 'global mean h'], segments.map((s) => [s.span, String(s.segments), String(s.global?.count ?? 0), s.global ? s.global.meanHours.toFixed(1) : '—'])));
      } finally {
        await context.store.close();
      }
    });
}
