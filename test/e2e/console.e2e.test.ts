// Runs the Playwright end-to-end suite (test/e2e/*.spec.ts) as part of
// `npm test`, or skips with the reason where Debian's Chromium is missing.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumInstalled } from './chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('console end to end (Playwright, Chromium)', () => {
  if (!chromiumInstalled()) {
    it.skip(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set ORDERWATCH_CHROMIUM)`, () => undefined);
    return;
  }
  if (process.env.ORDERWATCH_SKIP_E2E) {
    it.skip('skipped: ORDERWATCH_SKIP_E2E is set', () => undefined);
    return;
  }
  it('passes every scenario of test/e2e/console.spec.ts', { timeout: 290_000 }, () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'test/e2e/playwright.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 280_000,
      env: { ...process.env, CI: process.env.CI ?? '', FORCE_COLOR: '0' },
    });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.status !== 0) console.error(output);
    else console.log(output.split('\n').filter((l) => /passed|failed|chart shown/.test(l)).join('\n'));
    expect(run.status, output.slice(-4000)).toBe(0);
  });
});
