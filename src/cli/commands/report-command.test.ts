// `orderwatch report …` as people run it: the real binary on a real database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { POPPLER, pdfText } from '../../report/testing/pdf-tools.js';
import { seedStuckOrder, STUCK_INCIDENT } from '../../report/testing/report-fixtures.js';
import { openStore } from '../../store/open-store.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'orderwatch.mjs');

async function orderwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ow-report-cli-'));
const db = join(dir, 'ow.db');

// Each run starts a Node process that compiles the TypeScript: seconds each on a busy machine.
const SLOW = 180_000;

describe('orderwatch report', () => {
  beforeAll(async () => {
    const store = await openStore(db);
    await seedStuckOrder(store);
    await store.addUser({ name: 'sun', role: 'supervisor', createdAt: 0, disabled: false }, 'x');
    await store.close();
  });

  it('evidence: one command, a PDF of the stuck order by its platform number', async () => {
    const out = join(dir, 'stuck.pdf');
    const r = await orderwatch('report', 'evidence', 'T20261111001', '--db', db, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}`);
    if (POPPLER) expect(pdfText(readFileSync(out))).toContain('已经三天了还没发货');
    const missing = await orderwatch('report', 'evidence', 'NOPE-1', '--db', db, '--out', join(dir, 'x.pdf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到订单或事件');
  }, SLOW);

  it('review and KPI with exports', async () => {
    const review = await orderwatch('report', 'review', STUCK_INCIDENT, '--db', db, '--json');
    expect(review.code, review.stderr).toBe(0);
    expect(existsSync(join(dir, `review-${STUCK_INCIDENT}.pdf`))).toBe(true);
    const kpi = await orderwatch('report', 'kpi', '--month', '2026-11', '--db', db, '--out', join(dir, 'kpi.pdf'), '--xlsx', join(dir, 'kpi.xlsx'), '--json');
    expect(kpi.code, kpi.stderr).toBe(0);
    expect(JSON.parse(kpi.stdout.slice(kpi.stdout.indexOf('{')))).toMatchObject({ totals: { orders: 1 } });
    expect(readFileSync(join(dir, 'kpi.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const bad = await orderwatch('report', 'kpi', '--month', '2026-13', '--db', db);
    expect(bad.code).toBe(2);
  }, SLOW);

  it('improvement items and callbacks need to know who', async () => {
    expect((await orderwatch('report', 'improvement', 'add', STUCK_INCIDENT, '--title', '复核', '--owner', '王强', '--due', '2026-12-01', '--db', db)).code).toBe(2);
    const added = await orderwatch('report', 'improvement', 'add', STUCK_INCIDENT, '--title', '复核', '--owner', '王强', '--due', '2026-12-01', '--as', 'sun', '--db', db, '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ incidentId: STUCK_INCIDENT, owner: '王强', state: 'open' });
  }, SLOW);
});
