import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The PostgreSQL contract tests share one database; files run in parallel
    // but each uses its own schema.
    pool: 'forks',
    // Three files at a time on two cores: many files wait on child processes
    // (the CLI, serve, Chromium) or PostgreSQL, so a third keeps the cores busy
    // (the suite went from 379 s to 208 s on the 2-core machine).
    maxWorkers: 3,
    // Each worker process keeps its modules from one file to the next instead
    // of importing the whole app again per file: importing was 180 s of the
    // suite's summed time isolated against 45 s not, and the CPU time of a
    // whole run fell from 440 s to 347 s (same busy machine, 2026-12-06).
    // Tests restore what they change (environment variables, servers,
    // stores in temporary directories); nothing relies on a fresh module.
    isolate: false,
    // A file that measures memory collects what earlier files left behind first (global.gc).
    execArgv: ['--expose-gc'],
    sequence: { sequencer: SlowFirstSequencer },
  },
});
