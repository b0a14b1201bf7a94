// `orderwatch backtest --dataset olist` as a user runs it: the real binary on the real Olist sample.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'orderwatch.mjs');
// The real Olist sample sits beside the repository (never inside it); absent on a user's machine.
const OLIST = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'olist');

async function orderwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ORDERWATCH_CONFIG: undefined }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('orderwatch backtest --dataset olist', () => {
  it('refuses a period it does not know, as a usage error', async () => {
    const r = await orderwatch('backtest', '--dataset', 'olist', '--dir', OLIST, '--period', '2019');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--period must be report or tune, got "2019"');
  });

  it('says which folder it could not read', async () => {
    const r = await orderwatch('backtest', '--dataset', 'olist', '--dir', join(tmpdir(), 'no-olist-here'), '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read the Olist data set in');
  });

  it.skipIf(!existsSync(OLIST))('answers the live detector with its lead basis, lead (from the settings file), tuning period, baseline and every code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-backtest-'));
    const config = join(dir, 'settings.yaml');
    writeFileSync(config, 'detection:\n  promiseWarning:\n    channels: { olist: 24 }\n');
    const r = await orderwatch('backtest', '--dataset', 'olist', '--dir', OLIST, '--config', config, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { baseline: Record<string, unknown>; codes: unknown[] };
    for (const key of ['alerts', 'precision', 'recall', 'falseAlarmShare', 'leadTimeHoursMedian']) expect(typeof out[key], key).toBe('number');
    expect(out).toMatchObject({ detector: 'live', leadBasis: 'promised-date-00:00', leadHours: 24, tunedOn: { from: '2017-01-01', to: '2017-12-31' } });
    expect(out['leadTimeHoursMedian']).toBeCloseTo(24, 0);
    expect(out.baseline).toMatchObject({ recall: 1, leadTimeHoursMedian: 24 });
    expect(typeof out.baseline['falseAlarmShare']).toBe('number');
    expect(out.codes.length).toBe(8);
  }, 180_000);
});
