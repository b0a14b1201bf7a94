// How much JavaScript a browser fetches to show each console page on a
// first visit (empty cache): the entry, every chunk it imports, and the
// page's own lazily loaded chunk with its imports — from Vite's manifest of
// the built console. Sizes are as `orderwatch serve` sends them
// (src/server/console-files.ts: gzip level 9, Brotli quality 9).
// Target (issue 14): ≤ 600 KB gzip on first load. Run alone:
// node bin/run-ts.mjs bench/console-weight-bench.ts
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface PageWeight {
  readonly page: string;
  readonly chunks: number;
  readonly rawKb: number;
  readonly gzipKb: number;
  readonly brotliKb: number;
}

export interface ConsoleWeightFigures {
  readonly pages: PageWeight[];
  /** The heaviest first load among the pages, gzip KB. */
  readonly maxGzipKb: number;
}

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: string[];
  readonly dynamicImports?: string[];
}

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'web/dist');

/** The pages people open first, by the source file of their lazily loaded chunk. */
const PAGES: ReadonlyArray<[string, string]> = [
  ['/ (dashboard)', 'src/pages/DashboardPage.tsx'],
  ['/incidents (queue)', 'src/pages/IncidentsPage.tsx'],
  ['/incidents/:id', 'src/pages/IncidentPage.tsx'],
  ['/search', 'src/pages/SearchPage.tsx'],
  ['/orders/:id (order 360)', 'src/pages/OrderPage.tsx'],
];

function closure(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return files;
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

/** runConsoleWeightBench builds the console and weighs each page's first load. */
export function runConsoleWeightBench(): ConsoleWeightFigures {
  execFileSync(process.execPath, [join(ROOT, 'bin/build-console.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('the manifest has no entry');
  const sizes = new Map<string, { raw: number; gzip: number; br: number }>();
  const sizeOf = (file: string) => {
    let s = sizes.get(file);
    if (!s) {
      const body = readFileSync(join(DIST, file));
      s = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length };
      sizes.set(file, s);
    }
    return s;
  };
  const pages = PAGES.map(([page, source]): PageWeight => {
    const files = [...closure(manifest, [entry, source])];
    const sum = files.map(sizeOf).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, br: a.br + s.br }), { raw: 0, gzip: 0, br: 0 });
    return { page, chunks: files.length, rawKb: kb(sum.raw), gzipKb: kb(sum.gzip), brotliKb: kb(sum.br) };
  });
  return { pages, maxGzipKb: Math.max(...pages.map((p) => p.gzipKb)) };
}

/** consoleWeightRows are the bench table's rows: each page's first load against 600 KB gzip. */
export function consoleWeightRows(f: ConsoleWeightFigures): Array<[string, string, string, boolean]> {
  return f.pages.map((p, i): [string, string, string, boolean] => [
    i === 0 ? `console JavaScript on a first visit, gzip (brotli, raw): ${p.page}` : `  ${p.page}`,
    `${p.gzipKb} KB (${p.brotliKb} / ${p.rawKb} KB)`,
    '≤ 600 KB',
    p.gzipKb <= 600,
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const figures = runConsoleWeightBench();
  for (const [name, figure, target, met] of consoleWeightRows(figures)) process.stderr.write(`${name.padEnd(72)} ${figure.padEnd(30)} ${target} ${met ? 'met' : 'NOT MET'}\n`);
  console.log(JSON.stringify(figures));
}
