// The suite runs three files at a time on two cores; a fresh clone has no
// timings from an earlier run, and vitest would start its longest files (the
// end-to-end console, the report renderings, the CLI processes) last, leaving
// one worker busy for minutes after the others finish. They go first.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FIRST = [
  'test/e2e/console.e2e.test.ts',
  'src/app/report/report-text.test.ts',
  'src/app/report/report-history.test.ts',
  'test/cli.test.ts',
  'test/multi-instance.test.ts',
  'src/app/demo-made-to-order.test.ts',
  'src/cli/commands/report-command.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = SLOW_FIRST.findIndex((s) => f.moduleId.endsWith(s));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
