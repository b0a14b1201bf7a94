import { describe, expect, it } from 'vitest';
import { markupRanges } from './format/inline.js';
import { fitSerialized, fitText, prefixWithin, TRUNCATION_NOTICE, utf8Bytes } from './fit.js';

const LINK = 'https://console.example/incidents/42';

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces that stress the cutter: 3-byte CJK, 4-byte emoji, combining sequences, markup.
const PIECES = [
  '订单', '延迟', '仓库', '顺丰', '已揽收', 'abc', ' ', '123', '\n', '\n', '- ', '，',
  '😀', '👍🏽', '👨‍👩‍👧‍👦', '🇨🇳', '🇨🇳🇯🇵', 'é', 'e\u0301', '\r\n', '🧧', '１２３', '～',
  '**加急**', '[订单 taobao:123](https://console.example/o/123)', '[查看](https://x.example/a?b=1&c=2)',
];

function randomText(next: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(next() * PIECES.length)] ?? '';
  return out;
}

/** Every "](" or "**" that survives must belong to a complete link or bold run. */
function hasBrokenMarkup(text: string): boolean {
  return text.split('\n').some((line) => {
    const ranges = markupRanges(line);
    const covered = (i: number): boolean => ranges.some((r) => i >= r.start && i < r.end);
    for (let i = line.indexOf(']('); i >= 0; i = line.indexOf('](', i + 1)) if (!covered(i)) return true;
    return false;
  });
}

const graphemes = (s: string): string[] => [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('fitText', () => {
  it('returns text that fits unchanged', () => {
    expect(fitText('订单延迟 5 天', 100, { link: LINK })).toBe('订单延迟 5 天');
  });

  it('cuts at a line when that keeps at least half of the room', () => {
    const lines = [1, 2, 3, 4, 5].map((i) => `第${i}行：订单 taobao:${i} 延迟 5 天，客户 VIP，仓库杭州一仓，承运商顺丰`);
    const text = lines.join('\n');
    const max = utf8Bytes(`${lines[0]}\n${lines[1]}\n${TRUNCATION_NOTICE}: ${LINK}`) + 20;
    expect(utf8Bytes(text)).toBeGreaterThan(max);
    expect(fitText(text, max, { link: LINK })).toBe(`${lines[0]}\n${lines[1]}\n${TRUNCATION_NOTICE}: ${LINK}`);
  });

  it('cuts one long line at a character, never inside a multi-byte one', () => {
    const text = '延'.repeat(100);
    const out = fitText(text, 120, { link: 'https://c.example/1' });
    expect(utf8Bytes(out)).toBeLessThanOrEqual(120);
    expect(out.startsWith('延'.repeat(10))).toBe(true);
    expect(out.endsWith(`${TRUNCATION_NOTICE}: https://c.example/1`)).toBe(true);
  });

  it('moves a cut out of a markdown link rather than splitting it', () => {
    const text = `前言 [非常长的链接文字说明订单详情](https://console.example/orders/taobao:1234567890) 之后的文字`;
    for (let max = 60; max < utf8Bytes(text); max += 3) {
      const out = fitText(text, max);
      expect(hasBrokenMarkup(out), `max ${max}: ${out}`).toBe(false);
      expect(utf8Bytes(out)).toBeLessThanOrEqual(max);
    }
  });

  it('keeps emoji sequences whole', () => {
    const family = '👨‍👩‍👧‍👦';
    const text = family.repeat(40);
    const out = fitText(text, 200);
    const kept = out.split('\n')[0] ?? '';
    expect(graphemes(kept).every((g) => g === family)).toBe(true);
  });

  it('says so without a link when the message has none', () => {
    expect(fitText('字'.repeat(100), 80)).toMatch(new RegExp(`\n${TRUNCATION_NOTICE}$`));
  });

  it('never exceeds the limit even when the notice barely fits', () => {
    for (const max of [0, 1, 5, 20, 40, 60]) {
      const out = fitText('订单'.repeat(50), max, { link: LINK });
      expect(utf8Bytes(out), `max ${max}`).toBeLessThanOrEqual(max);
    }
  });

  it('property: within the limit, well-formed, a prefix of the input, links whole, notice last (1000 random cases)', () => {
    const next = prng(20240611);
    for (let run = 0; run < 1000; run++) {
      const text = randomText(next, 5 + Math.floor(next() * 120));
      const max = 120 + Math.floor(next() * 600); // room for the notice; tiny limits have their own case
      const link = next() < 0.8 ? LINK : undefined;
      const out = fitText(text, max, { link });
      const context = `run ${run}, max ${max}: ${JSON.stringify(text)}`;
      expect(utf8Bytes(out), context).toBeLessThanOrEqual(max);
      expect(Buffer.from(out, 'utf8').toString('utf8'), context).toBe(out); // no lone surrogate
      if (utf8Bytes(text) <= max) {
        expect(out, context).toBe(text);
        continue;
      }
      const notice = link === undefined ? TRUNCATION_NOTICE : `${TRUNCATION_NOTICE}: ${link}`;
      expect(out.endsWith(notice), context).toBe(true);
      const head = out.slice(0, out.length - notice.length).replace(/\n$/, '');
      expect(text.startsWith(head), context).toBe(true);
      // the head ends on a grapheme boundary of the original
      const boundaries = new Set([0]);
      let at = 0;
      for (const g of graphemes(text)) boundaries.add((at += g.length));
      expect(boundaries.has(head.length), context).toBe(true);
      expect(hasBrokenMarkup(head), context).toBe(false);
    }
  });
});

describe('prefixWithin', () => {
  it('counts UTF-8 bytes: 3 per CJK character, 4 per astral emoji', () => {
    expect(prefixWithin('订单订单', 7)).toBe('订单');
    expect(prefixWithin('😀😀', 7)).toBe('😀');
    expect(prefixWithin('ab😀', 5)).toBe('ab');
  });
});

describe('fitSerialized', () => {
  it('fits the serialised body, escaping included', () => {
    const text = '"引号"\n\\反斜杠\t制表\n'.repeat(300);
    const serialise = (t: string): string => JSON.stringify({ card: { elements: [{ content: t }] }, padding: 'x'.repeat(100) });
    const fitted = fitSerialized(text, 2000, serialise, { link: LINK });
    expect(utf8Bytes(serialise(fitted))).toBeLessThanOrEqual(2000);
    expect(utf8Bytes(serialise(fitted))).toBeGreaterThan(1500);
    expect(fitted.endsWith(LINK)).toBe(true);
  });

  it('returns the text itself when the body already fits', () => {
    expect(fitSerialized('短', 100, (t) => JSON.stringify({ t }))).toBe('短');
  });
});
