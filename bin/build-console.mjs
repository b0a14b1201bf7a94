#!/usr/bin/env node
// Builds the console (web/) into web/dist with Vite when the build is missing
// or older than its sources; `--force` builds regardless. `npm start` runs it
// first, so a fresh clone serves the built console after `npm install`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let latest = s.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

const sources = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'package-lock.json')].filter(existsSync);
const force = process.argv.includes('--force');
if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest))) {
  process.exit(0);
}
process.stderr.write('building the console (web/ → web/dist)…\n');
const started = Date.now();
const { build } = await import('vite');
await build({ root: web, configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
process.stderr.write(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
