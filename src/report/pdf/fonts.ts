import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Chinese font: Noto Sans Hans (SIL OFL) as shipped, in OpenType/CFF, by
 * the npm package @embedpdf/fonts-sc. pdfkit embeds only the glyphs a
 * document uses (a subset of the CID font), so a report carries tens of
 * kilobytes of font, not the 8 MB file. The woff2 slices of
 * @fontsource/noto-sans-sc are not usable here: pdfkit draws their glyphs
 * blank and each slice misses characters.
 */
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

/** ReportFonts are the font files' bytes, read once per process. */
export interface ReportFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let cached: ReportFonts | undefined;

/** fontDirectory is where the package keeps its OTF files (its `fonts/` beside `dist/`). */
export function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry point (dist/index.*); the fonts are one level up.
  return join(dirname(dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts');
}

/** reportFonts reads the regular and bold faces (once); a missing package fails with what to install. */
export function reportFonts(): ReportFonts {
  if (cached) return cached;
  let dir: string;
  try {
    dir = fontDirectory();
  } catch {
    throw new Error('the Chinese report font is missing: npm install @embedpdf/fonts-sc');
  }
  cached = { regular: readFileSync(join(dir, FONT_FILES.regular)), bold: readFileSync(join(dir, FONT_FILES.bold)) };
  return cached;
}
