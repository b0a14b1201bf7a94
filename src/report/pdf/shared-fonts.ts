/**
 * pdfkit parses a font file for every document that uses it: for an 8 MB
 * CFF font that is most of a report's time (~300 ms of ~450). The parsed
 * font (a fontkit object, read-only once parsed) is safe to share; only
 * each document's subset must be its own. pdfkit has no public way to hand
 * it a parsed font, so the first document's embedded fonts are kept and
 * later documents get a fresh embedded font (own subset, own id) around the
 * same parsed face. Should pdfkit's internals ever differ, `shareFonts`
 * finds nothing and every document parses its own, as before: slower, not
 * wrong.
 */
interface PdfkitFonts {
  _fontFamilies?: Record<string, { font?: object; constructor: unknown } | undefined>;
  _fontCount?: number;
}
type EmbeddedFontClass = new (doc: PDFKit.PDFDocument, font: object, id: string) => object;
let sharedFaces: { readonly make: EmbeddedFontClass; readonly faces: ReadonlyMap<string, object> } | undefined;

/** shareFonts gives a new document the faces an earlier one parsed (see above); the first document's are kept. */
export function shareFonts(doc: PDFKit.PDFDocument, names: readonly string[]): void {
  const internals = doc as unknown as PdfkitFonts;
  if (typeof internals._fontFamilies !== 'object' || typeof internals._fontCount !== 'number') return;
  if (sharedFaces) {
    for (const [name, face] of sharedFaces.faces) internals._fontFamilies[name] = new sharedFaces.make(doc, face, `F${++internals._fontCount}`) as never;
    return;
  }
  const used = names.map((n) => internals._fontFamilies?.[n]);
  if (used.every((f) => f !== undefined && typeof f.font === 'object' && typeof f.constructor === 'function')) {
    sharedFaces = { make: used[0]!.constructor as EmbeddedFontClass, faces: new Map(names.map((n, i) => [n, used[i]!.font!])) };
  }
}


/** fontsShared tells whether an earlier document's faces are kept for sharing. */
export function fontsShared(): boolean {
  return sharedFaces !== undefined;
}
