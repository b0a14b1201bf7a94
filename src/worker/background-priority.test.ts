import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { yieldToRequests } from './background-priority.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('yieldToRequests', () => {
  it.runIf(process.platform === 'linux')('lowers the background thread it runs in, and not the server’s own thread', () => {
    // In a process of its own: a thread's nice value can only go up, and this test process runs other files after.
    const dir = mkdtempSync(join(tmpdir(), 'ow-nice-'));
    try {
      const thread = join(dir, 'thread.mjs');
      writeFileSync(
        thread,
        `import { tsImport } from ${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs')).href)};
import { parentPort } from 'node:worker_threads';
const { yieldToRequests } = await tsImport(${JSON.stringify(join(ROOT, 'src/worker/background-priority.ts'))}, import.meta.url);
parentPort.postMessage(yieldToRequests());`,
      );
      const server = join(dir, 'server.mjs');
      writeFileSync(
        server,
        `import { Worker } from 'node:worker_threads';
import { getPriority } from 'node:os';
const thread = new Worker(${JSON.stringify(thread)});
thread.once('message', (m) => { console.log(JSON.stringify({ thread: m, server: getPriority(0) })); process.exit(0); });
thread.once('error', (e) => { console.error(e); process.exit(1); });`,
      );
      const out = JSON.parse(execFileSync(process.execPath, [server], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ORDERWATCH_BACKGROUND_NICE: '6' } })) as { thread: unknown; server: number };
      expect(out).toEqual({ thread: { nice: Math.max(6, getPriority(0)) }, server: getPriority(0) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a value outside 0…19 with the reason, and never raises priority', () => {
    expect(yieldToRequests(25)).toEqual({ error: 'ORDERWATCH_BACKGROUND_NICE must be a whole number from 0 to 19, not 25' });
    expect(yieldToRequests(Number.NaN)).toMatchObject({ error: expect.stringContaining('whole number') });
    const now = getPriority(0);
    expect(yieldToRequests(0)).toEqual({ nice: now });
  });
});
