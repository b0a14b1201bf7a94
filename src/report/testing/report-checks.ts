/**
 * What a reader of a report must be able to rely on, as checks on the text
 * pdftotext reads out of it (tests only):
 * - every order number the report names is found whole (a PDF search for
 *   it succeeds: no line break inside it);
 * - no raw code of the model shows (`stage.stalled`, `TRADE_FINISHED`,
 *   `courier_delay` …): every code is said in words;
 * - it opens with a conclusion block.
 */

/** readable normalises pdftotext's output: no-break spaces become spaces. */
export function readable(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** findsWhole tells whether `token` appears in the text with no letter or digit glued to either end. */
export function findsWhole(text: string, token: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9])${escape(token)}(?![A-Za-z0-9])`).test(text);
}

/** brokenOrderNumbers lists the order numbers not found whole. */
export function brokenOrderNumbers(text: string, orderNumbers: Iterable<string>): string[] {
  return [...new Set(orderNumbers)].filter((n) => !findsWhole(text, n));
}

/**
 * splitOrderNumbers lists the order numbers that appear cut: somewhere the
 * text has the start of one (its first 8 characters) not followed by the
 * rest of it. It finds a number broken across lines even in a report that
 * need not name every number.
 */
export function splitOrderNumbers(text: string, orderNumbers: Iterable<string>): string[] {
  const out: string[] = [];
  for (const n of new Set(orderNumbers)) {
    if (n.length < 10) continue;
    const head = n.slice(0, 8);
    for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + 1)) {
      // The same head may begin another order number of the list: only a run that stops short counts.
      const run = /^[A-Za-z0-9:_-]*/.exec(text.slice(i))![0];
      if (n.startsWith(run) && run.length < n.length) {
        out.push(n);
        break;
      }
    }
  }
  return out.sort();
}

/**
 * rawCodesIn lists the codes that appear in the text as codes: the exact
 * spelling (case matters: "ERP" is a word, "erp" a source code) with no
 * code character (letter, digit, `_ . : -`) on either side.
 */
export function rawCodesIn(text: string, codes: Iterable<string>): string[] {
  const found: string[] = [];
  for (const code of new Set(codes)) {
    if (code.length < 2 || /^\d+$/.test(code)) continue;
    if (new RegExp(`(?<![A-Za-z0-9_.:-])${escape(code)}(?![A-Za-z0-9_.:-])`).test(text)) found.push(code);
  }
  return found.sort();
}

/** CONCLUSION_LABELS are the lines every evidence and review conclusion block has. */
export const CONCLUSION_LABELS = ['结论', '发生了什么', '责任部门', '下一步'] as const;
/** KPI_CONCLUSION_LABELS are the lines of the KPI report's conclusion block. */
export const KPI_CONCLUSION_LABELS = ['本期结论', '总体', '此刻', '结论'] as const;

/** conclusionOnFirstPage tells whether the first page (up to the first form feed) holds every label. */
export function conclusionOnFirstPage(text: string, labels: readonly string[]): string[] {
  const first = text.split('\f')[0] ?? '';
  return labels.filter((l) => !first.includes(l));
}
