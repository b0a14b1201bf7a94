// Lint, plus the dependency direction of STYLE.md: the pipeline
// ingest → store → detect → respond → notify → report only points inward,
// with server, cli and app as the doors. A folder may import only the
// folders listed for it; everything else is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'server', 'cli', 'app'];

/** What each folder under src/ may import from the others. */
const ALLOWED = {
  domain: [],
  config: ['domain'],
  ingest: ['domain'],
  store: ['domain'],
  detect: ['domain', 'config'],
  // respond reads the business calendar of detect (response deadlines in business time).
  respond: ['domain', 'config', 'detect'],
  notify: ['domain'],
  report: ['domain', 'store'],
  demo: ['domain'],
  server: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report'],
  app: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'server'],
  cli: ['domain', 'config', 'ingest', 'store', 'detect', 'respond', 'notify', 'report', 'demo', 'server', 'app'],
};

const layerRules = Object.entries(ALLOWED).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: LAYERS.filter((other) => other !== layer && !allowed.includes(other)).map((other) => ({
          group: [`**/${other}/*`, `**/${other}`, `!./**`],
          message: `src/${layer} may not import src/${other} (STYLE.md: dependencies point inward; allowed: ${allowed.join(', ') || 'none'})`,
        })),
      },
    ],
  },
}));

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
