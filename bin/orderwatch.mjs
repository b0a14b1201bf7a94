#!/usr/bin/env node
// The `orderwatch` command. It runs the JavaScript compiled into dist/ (by
// `npm install`, `npm start` and `npm test`: bin/build-server.mjs); when the
// sources are newer than that build (a developer editing src/), it runs the
// TypeScript through tsx instead, so a stale build is never what runs.
import { compiledIsFresh } from './compiled.mjs';

// A closed pipe (`orderwatch lookup 5678 | head -1`) ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

let main;
if (compiledIsFresh()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
