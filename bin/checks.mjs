#!/usr/bin/env node
// The type checks (server and console) and the linter run side by side: each
// keeps about one core busy, and on two cores one after the other left a core
// idle for most of their 26 s. Exits non-zero when any fails, with its output.
import { spawn } from 'node:child_process';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const checks = [
  ['types (server)', bin('tsc'), ['--noEmit']],
  ['types (console)', bin('tsc'), ['--noEmit', '-p', 'web']],
  ['lint', bin('eslint'), ['.']],
];

const results = await Promise.all(
  checks.map(
    ([name, command, args]) =>
      new Promise((done) => {
        const started = Date.now();
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', (error) => done({ name, code: 1, output: String(error), seconds: 0 }));
        child.on('close', (code) => done({ name, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
      }),
  ),
);
for (const r of results) {
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)} s)`);
  if (r.code !== 0 || r.output.trim()) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
