import { describe, expect, it } from 'vitest';
import { cleanCell, headerKey, readAmount, readTime } from './cells.js';
import { parseShipments } from './shipments.js';

describe('cleanCell', () => {
  const cases: [string, string, string][] = [
    ['Excel formula protection', '="3921874561234567890"', '3921874561234567890'],
    ['leading apostrophe on a phone', "'13812345678", '13812345678'],
    ['apostrophe on a masked phone', "'138****5678", '138****5678'],
    ['apostrophe starting free text stays', "'; DROP TABLE orders; --", "'; DROP TABLE orders; --"],
    ['full-width and normal spaces, tab', '\u3000 SF1234567890\t', 'SF1234567890'],
    ['emoji untouched', ' 好评🙏 ', '好评🙏'],
  ];
  it.each(cases)('%s', (_name, cell, clean) => expect(cleanCell(cell)).toBe(clean));
});

describe('headerKey', () => {
  const cases: [string, string, string][] = [
    ['trailing spaces', '收货地址 ', '收货地址'],
    ['full-width space and colon', '\u3000订单编号：', '订单编号'],
    ['full-width comma equals half-width', '买家已付款，等待卖家发货', '买家已付款,等待卖家发货'],
    ['byte-order mark', '\ufeff订单编号', '订单编号'],
  ];
  it.each(cases)('%s', (_name, header, key) => expect(headerKey(header)).toBe(key));
});

describe('readTime and readAmount', () => {
  it('reads an Excel serial date as Shanghai local time', () => {
    expect(readTime('46336.5', 'shanghai_time')).toEqual({ ok: true, value: Date.parse('2026-11-10T12:00:00+08:00') });
  });
  it('reads yuan with symbol, thousands separator and 元', () => {
    expect(readAmount('¥1,299.50', 'yuan')).toEqual({ ok: true, value: 129950 });
    expect(readAmount('12.3元', 'yuan')).toEqual({ ok: true, value: 1230 });
    expect(readAmount('12.30', 'fen')).toEqual({ ok: false, message: 'must be an integer amount in fen, got "12.30"' });
  });
});

describe('parseShipments', () => {
  it('pairs carriers with tracking numbers by position', () => {
    expect(parseShipments('中通快递,顺丰速运', '753123456789,SF1234567890', undefined)).toEqual([
      { carrier: '中通快递', trackingNo: '753123456789' },
      { carrier: '顺丰速运', trackingNo: 'SF1234567890' },
    ]);
  });
  it('drops a number given twice', () => {
    expect(parseShipments('中通快递', '753123456789', '中通快递 753123456789')).toEqual([{ carrier: '中通快递', trackingNo: '753123456789' }]);
  });
});
