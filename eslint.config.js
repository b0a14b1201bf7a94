// Lint, plus the dependency direction of STYLE.md: the pipeline
// ingest → store → detect → respond → notify → report only points inward,
// with server, cli and app as the doors. A folder may import only the
// folders listed for it; everything else is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'pipeline', 'server', 'app', 'worker', 'cli'];

/** What each folder under src/ may import from the others. */
const ALLOWED = {
  domain: [],
  config: ['domain'],
  ingest: ['domain'],
  store: ['domain'],
  detect: ['domain', 'config'],
  // respond reads the business calendar of detect (response deadlines in business time);
  // its engine keeps incidents and the fix list through the store's ports (PORTS_ONLY).
  respond: ['domain', 'config', 'detect', 'store'],
  // notify's delivery lanes keep the outbox through the store's ports (PORTS_ONLY).
  notify: ['domain', 'store'],
  report: ['domain', 'store'],
  demo: ['domain'],
  // pipeline is the one place detect → respond → notify are wired, over the store.
  pipeline: ['domain', 'config', 'store', 'detect', 'respond', 'notify'],
  server: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report'],
  app: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'pipeline', 'server'],
  // worker is a door like cli: the background work, in serve's thread or a process of its own.
  worker: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'pipeline', 'app'],
  cli: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'pipeline', 'server', 'app', 'worker'],
};

/**
 * PORTS_ONLY: layers that may use the store only through its ports (the
 * interfaces in src/store/*-store.ts, store.ts, finding-feed.ts), never an
 * implementation: they do not know whether it is SQLite or PostgreSQL.
 */
const PORTS_ONLY = { respond: true, notify: true };
const STORE_PORTS = ['store.js', 'detection-store.js', 'response-store.js', 'dashboard-store.js', 'report-store.js', 'fix-list-store.js', 'work-store.js', 'finding-feed.js'];

function layerPatterns(layer, allowed) {
  return LAYERS.filter((other) => other !== layer && !allowed.includes(other)).map((other) => ({
    group: [`**/${other}/*`, `**/${other}`, `!./**`],
    message: `src/${layer} may not import src/${other} (STYLE.md: dependencies point inward; allowed: ${allowed.join(', ') || 'none'})`,
  }));
}

const PORT_PATTERN = (layer) => ({
  group: ['**/store/**', ...STORE_PORTS.map((port) => `!**/store/${port}`)],
  message: `src/${layer} uses the store through its ports only (${STORE_PORTS.join(', ')}), not an implementation`,
});

// Tests run the real thing (a SQLite or PostgreSQL store), so the ports-only rule is for the code alone.
const layerRules = Object.entries(ALLOWED).flatMap(([layer, allowed]) => [
  {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...layerPatterns(layer, allowed), ...(PORTS_ONLY[layer] ? [PORT_PATTERN(layer)] : [])] }] },
  },
  ...(PORTS_ONLY[layer] ? [{ files: [`src/${layer}/**/*.test.ts`], rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(layer, allowed) }] } }] : []),
]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'web/dist/**', 'dist/**', 'coverage/**', 'test-results/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', performance: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', document: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layerRules,
);
