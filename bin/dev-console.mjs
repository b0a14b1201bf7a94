#!/usr/bin/env node
// `npm run dev`: the orderwatch server (API on :8080, demo data when empty)
// and the Vite dev server with hot reload on http://127.0.0.1:5173, which
// sends /api to the former. Ctrl-C stops both. Extra arguments go to `serve`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(process.execPath, [join(root, 'bin/orderwatch.mjs'), 'serve', '--demo-if-empty', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'web', '--host', '127.0.0.1'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => {
  if (code !== 0 && code !== null) process.exitCode = code;
  stop();
});
