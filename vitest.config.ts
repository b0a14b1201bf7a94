import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The PostgreSQL contract tests share one database; files run in parallel
    // but each uses its own schema.
    pool: 'forks',
  },
});
