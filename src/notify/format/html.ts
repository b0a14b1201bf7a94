import { isWebUrl, parseBody, type InlineSpan } from './inline.js';

/** escapeHtml makes text safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * toHtml renders a markdown-ish body as an HTML fragment: consecutive list
 * items become one <ul>, other lines become paragraphs. Everything is escaped;
 * only http(s) and mailto links become <a>, so an order note cannot inject
 * markup or a javascript: URL into a mailbox.
 */
export function toHtml(body: string): string {
  const out: string[] = [];
  let inList = false;
  for (const line of parseBody(body)) {
    const html = line.spans.map(htmlSpan).join('');
    if (line.listItem) {
      if (!inList) out.push('<ul>');
      inList = true;
      out.push(`<li>${html}</li>`);
      continue;
    }
    if (inList) out.push('</ul>');
    inList = false;
    if (html.trim() !== '') out.push(`<p>${html}</p>`);
  }
  if (inList) out.push('</ul>');
  return out.join('\n');
}

function htmlSpan(span: InlineSpan): string {
  switch (span.kind) {
    case 'text':
      return escapeHtml(span.text);
    case 'bold':
      return `<strong>${escapeHtml(span.text)}</strong>`;
    case 'link': {
      const text = escapeHtml(span.text === '' ? span.url : span.text);
      return isWebUrl(span.url) ? `<a href="${escapeHtml(span.url)}">${text}</a>` : `${text} (${escapeHtml(span.url)})`;
    }
  }
}
