import { describe, expect, it } from 'vitest';
import { glue, unbreakableRuns, wrapLines } from './text-glue.js';

// One unit per character: a Chinese character counts 2, anything else 1.
const widthOf = (s: string): number => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

describe('text glue', () => {
  it('joins a date and its time, and a number and its unit, with no-break spaces', () => {
    expect(glue('2026-12-07 10:33 起已 5 天 10 小时，第 3 页')).toBe('2026-12-07\u00a010:33 起已 5\u00a0天 10\u00a0小时，第\u00a03\u00a0页');
  });

  it('lists the runs that must stay whole', () => {
    expect(unbreakableRuns(glue('订单 youzan:E20261130102626187137769 于 2026-12-07 10:33 下单'))).toEqual(['youzan:E20261130102626187137769', '2026-12-07\u00a010:33']);
  });

  const cases: Array<[string, string, number, string[]]> = [
    ['an id longer than the rest of the line moves down whole', '订单 W-20261201-GZ03 已拣货', 16, ['订单', 'W-20261201-GZ03', '已拣货']],
    ['a hyphen before letters is no break point inside a run', '通知 企业微信群 ops-group 已送达', 20, ['通知 企业微信群', 'ops-group 已送达']],
    ['Chinese breaks between characters', '仓库已拣货之后一直没有出库', 10, ['仓库已拣货', '之后一直没', '有出库']],
    ['a closing mark stays with the character before it', '已经三天了。还没有发货', 10, ['已经三天', '了。还没有', '发货']],
    ['an opening mark moves down with what it opens', '订单仍为「已拣货」', 10, ['订单仍为', '「已拣货」']],
    ['a date and time stay on one line', '截止 2026-12-07 10:33 已超时', 17, ['截止', '2026-12-07 10:33', '已超时']],
    ['a number keeps its unit', '已停留 3 天 7 小时', 13, ['已停留 3 天', '7 小时']],
    ['a run wider than the line is cut as a last resort', 'ABCDEFGHIJKL', 5, ['ABCDE', 'FGHIJ', 'KL']],
    ['a new line always breaks', '第一行\n第二行', 40, ['第一行', '第二行']],
  ];
  for (const [name, text, width, lines] of cases) {
    it(name, () => {
      const out = wrapLines(glue(text), width, widthOf).map((l) => l.replace(/\u00a0/g, ' '));
      expect(out).toEqual(lines);
      for (const l of wrapLines(glue(text), width, widthOf)) if (!/^[A-Z]+$/.test(l)) expect(widthOf(l)).toBeLessThanOrEqual(width);
    });
  }
});

describe('text glue at a closing mark', () => {
  it('takes the whole number and unit down with a closing bracket, not just its last character', () => {
    // "（自 … 起 22 小时）": the bracket does not fit; "22 小时" goes down whole with it.
    expect(wrapLines(glue('已签收（起 22 小时）'), 16, widthOf).map((l) => l.replace(/\u00a0/g, ' '))).toEqual(['已签收（起', '22 小时）']);
  });

  it('takes a run of closing marks down with the character before them', () => {
    for (let width = 60; width <= 80; width++) {
      for (const line of wrapLines(glue('未定（仍有事件在计时）；上期 —（n=0）。期间内打开的全部 63 个事件，其中 60 个仍未解决（按至今计）'), width / 3, widthOf)) expect(line, `width ${width / 3}`).not.toMatch(/^[）；。，]/);
    }
  });

  it('keeps masked stars with the street they hide', () => {
    expect(wrapLines('学院路****', 6, widthOf)).toEqual(['学院', '路****']);
  });
});
