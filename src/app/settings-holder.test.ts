import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../config/load-settings.js';
import { SettingsHolder } from './settings-holder.js';

describe('SettingsHolder', () => {
  it('applies a valid change and keeps the running policy when the new file is broken', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ow-settings-')), 'policy.yaml');
    writeFileSync(file, 'receivers:\n  - { name: a, type: wecom, url: "http://127.0.0.1:1/x" }\nroutes:\n  - { match: {}, receivers: [a] }\n');
    const said: string[] = [];
    const holder = new SettingsHolder(loadSettings(file), file, (line) => said.push(line));
    writeFileSync(file, 'receivers:\n  - { name: b, type: wecom, url: "http://127.0.0.1:1/y" }\nroutes:\n  - { match: {}, receivers: [b] }\n');
    expect(holder.reload()).toBe(true);
    expect(holder.get().receivers.map((r) => r.name)).toEqual(['b']);
    // A route naming a receiver that does not exist, and a bad type: refused, the running policy stays.
    writeFileSync(file, 'receivers:\n  - { name: c, type: pager, url: "http://127.0.0.1:1/z" }\nroutes:\n  - { match: {}, receivers: [nobody] }\n');
    expect(holder.reload()).toBe(false);
    expect(holder.get().receivers.map((r) => r.name)).toEqual(['b']);
    expect(said.at(-1)).toMatch(/keeping the running policy/);
    expect(said.at(-1)).toMatch(/receivers/);
  });
});
