import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Poppler's command-line tools read the PDFs the tests write, as a person's
 * reader would: pdftotext for the words, pdfimages for the embedded
 * pictures, pdftoppm for what a page looks like. Tests only.
 */

/** POPPLER tells whether pdftotext and pdftoppm are installed (the report tests skip their assertions otherwise). */
export const POPPLER: boolean = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** POPPLER_MISSING is the skip message. */
export const POPPLER_MISSING = 'skipped: pdftotext/pdftoppm not installed (apt-get install poppler-utils; .ci/run installs it)';

/** OUT_DIR keeps the last PDFs and page images the tests wrote, for a person to look at (test-results is git-ignored). */
export const OUT_DIR = join(process.cwd(), 'test-results', 'reports');

function scratch(pdf: Buffer, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-pdf-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdfText is the PDF's text in reading order. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', scratch(pdf, 'text'), '-'], { encoding: 'utf8' });
}

/** pdfPageCount is the number of pages (pdfinfo). */
export function pdfPageCount(pdf: Buffer): number {
  const out = execFileSync('pdfinfo', [scratch(pdf, 'info')], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(out)?.[1] ?? 0);
}

/**
 * smallTextWords lists the words set smaller than `minPt` points (their box
 * height, from pdftotext -bbox): text a reader cannot read, e.g. a font
 * size left at a measuring size.
 */
export function smallTextWords(pdf: Buffer, minPt = 5): string[] {
  const out = execFileSync('pdftotext', ['-bbox', scratch(pdf, 'bbox'), '-'], { encoding: 'utf8' });
  const small: string[] = [];
  for (const m of out.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (Number(m[4]) - Number(m[2]) < minPt) small.push(m[5]!);
  }
  return small;
}

/**
 * lastPageFill is how far down its last page a document's body reaches
 * (0 at the top margin, 1 at the bottom one), from the words pdftotext
 * places there, the running header and footer left out: a last page of
 * 0.03 holds one stray line.
 */
export function lastPageFill(pdf: Buffer, margins = { top: 50, bottom: 56 }): number {
  const out = execFileSync('pdftotext', ['-bbox', scratch(pdf, 'fill'), '-'], { encoding: 'utf8' });
  const pages = out.split('<page ').slice(1);
  const last = pages.at(-1) ?? '';
  const height = Number(/height="([\d.]+)"/.exec(last)?.[1] ?? 842);
  const bottoms = [...last.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const).filter(([top, bottom]) => top >= margins.top - 2 && bottom <= height - margins.bottom);
  const reach = Math.max(margins.top, ...bottoms.map(([, bottom]) => bottom));
  return (reach - margins.top) / (height - margins.top - margins.bottom);
}

/** pdfImageCount counts the images placed in the PDF (pdfimages -list). */
export function pdfImageCount(pdf: Buffer): number {
  const out = execFileSync('pdfimages', ['-list', scratch(pdf, 'images')], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length;
}

/** pdfFonts lists the fonts and whether each is embedded as a subset. */
export function pdfFonts(pdf: Buffer): Array<{ name: string; embedded: boolean; subset: boolean }> {
  const out = execFileSync('pdffonts', [scratch(pdf, 'fonts')], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const n = cols.length;
      return { name: cols[0] ?? '', embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
    });
}

/**
 * renderPages draws every page to a greyscale PNG (for a person to look at,
 * kept under OUT_DIR/name-N.png) and returns each page's ink: the share of
 * pixels that are not white. A blank page has ink 0.
 */
export function renderPages(pdf: Buffer, name: string, dpi = 60, dir = OUT_DIR): number[] {
  const file = scratch(pdf, name);
  mkdirSync(dir, { recursive: true });
  // A shorter document than last time must not leave the old pages lying beside it.
  for (const f of readdirSync(dir)) if (f.startsWith(`${name}-`) && /^\d+\.png$/.test(f.slice(name.length + 1))) rmSync(join(dir, f));
  writeFileSync(join(dir, `${name}.pdf`), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, name)]);
  const grey = mkdtempSync(join(tmpdir(), 'ow-pgm-'));
  execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(grey, 'p')]);
  return readdirSync(grey)
    .filter((f) => f.endsWith('.pgm'))
    .sort()
    .map((f) => inkOf(readFileSync(join(grey, f))));
}

/** inkOf reads a binary PGM (P5) and returns the share of pixels darker than near-white. */
function inkOf(pgm: Buffer): number {
  const header = pgm.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PGM');
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length, header[0].length + w * h);
  let dark = 0;
  for (const p of pixels) if (p < 235) dark++;
  return dark / (w * h);
}
