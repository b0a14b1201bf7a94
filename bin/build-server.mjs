#!/usr/bin/env node
// Compiles the server and CLI (src/, TypeScript) to JavaScript in dist/ with
// esbuild, one file per source file (no bundle), so `orderwatch` starts on
// plain Node.js without transpiling at every start. `npm install` runs it
// (prepare), as do `npm start` and `npm test`; it is a no-op when dist/ is
// newer than every source. JSON files beside the sources are copied.
// Type checking is `npm run typecheck` (tsc), not this.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const files = walk(src);
const newest = Math.max(...files.map((f) => statSync(f).mtimeMs), statSync(join(root, 'package-lock.json')).mtimeMs);
if (!process.argv.includes('--force') && existsSync(stamp) && Number(readFileSync(stamp, 'utf8')) >= newest && files.length === Number(readFileSync(join(dist, '.build-files'), 'utf8').trim() || 0)) process.exit(0);

const isTest = (f) => /\.(test|contract)\.ts$/.test(f) || /(^|[/\\])testing[/\\]/.test(relative(src, f));
const entries = files.filter((f) => f.endsWith('.ts') && !isTest(f));
const started = Date.now();
const { build } = await import('esbuild');
rmSync(dist, { recursive: true, force: true });
await build({ entryPoints: entries, outdir: dist, outbase: src, format: 'esm', platform: 'node', target: 'node20', supported: { 'import-attributes': true }, sourcemap: 'linked', logLevel: 'warning' });
for (const f of files.filter((f) => f.endsWith('.json'))) {
  const to = join(dist, relative(src, f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
}
writeFileSync(stamp, String(newest));
writeFileSync(join(dist, '.build-files'), String(files.length));
process.stderr.write(`server built: ${entries.length} files → dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
