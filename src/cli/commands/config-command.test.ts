// `orderwatch config check` as people run it: the real binary on real files.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'orderwatch.mjs');

async function configCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'config', 'check', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('orderwatch config check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-config-check-'));

  it('accepts examples/policy.yaml and summarises what it configures', async () => {
    const json = await configCheck(join(ROOT, 'examples', 'policy.yaml'), '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      issues: [],
      summary: { receivers: 7, routes: 6, gradingRules: 7, playbooks: 11, templates: 5, onCallSchedules: 2 },
    });
    const text = await configCheck(join(ROOT, 'examples', 'policy.yaml'));
    expect(text.stdout).toContain('7 receiver(s), 6 route(s), 7 grading rule(s)');
  });

  it('prints every error with its path and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'receivers:\n  - { name: a, type: wecom, url: "not a url" }\nroutes:\n  - { match: { grade: Z }, receivers: [b] }\n');
    const r = await configCheck(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('receivers[0].url: expected the full http(s) URL');
    expect(r.stdout).toContain('routes[0].match.grade: Invalid option');
    expect(r.stdout).toContain('routes[0].receivers[0]: no receiver named "b"');
    expect(r.stderr).toMatch(/3 problem\(s\)/);
  });
});
