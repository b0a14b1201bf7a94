import { parseBody, type InlineSpan } from './inline.js';

/**
 * toPlainText renders a markdown-ish body for plain-text readers (e-mail's
 * text part, WeCom's text message): bold loses its asterisks, a link becomes
 * "text (url)" so the address survives, list items keep their "- ".
 */
export function toPlainText(body: string): string {
  return parseBody(body)
    .map((line) => (line.listItem ? '- ' : '') + line.spans.map(plainSpan).join(''))
    .join('\n');
}

function plainSpan(span: InlineSpan): string {
  switch (span.kind) {
    case 'text':
    case 'bold':
      return span.text;
    case 'link':
      return span.text === '' || span.text === span.url ? span.url : `${span.text} (${span.url})`;
  }
}
