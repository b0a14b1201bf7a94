import { describe, expect, it } from 'vitest';
import { brokenOrderNumbers, conclusionOnFirstPage, rawCodesIn, splitOrderNumbers } from './report-checks.js';

// The checks the report tests rely on must be able to fail.
describe('report checks', () => {
  it('finds an order number only whole', () => {
    expect(brokenOrderNumbers('订单 E20261130102626187137769 已拣货', ['E20261130102626187137769'])).toEqual([]);
    expect(brokenOrderNumbers('订单 E20261130102626187137\n769 已拣货', ['E20261130102626187137769'])).toEqual(['E20261130102626187137769']);
    expect(brokenOrderNumbers('订单 3042261101023757X', ['3042261101023757'])).toEqual(['3042261101023757']);
  });

  it('sees a number cut across lines even where the report need not name it', () => {
    expect(splitOrderNumbers('1 30422612\n02261457860 淘宝', ['3042261202261457860'])).toEqual(['3042261202261457860']);
    expect(splitOrderNumbers('1 3042261202261457860 淘宝', ['3042261202261457860'])).toEqual([]);
    // Absent altogether is not cut; another number sharing the first digits is not this one cut.
    expect(splitOrderNumbers('2 3042261202980470202 淘宝', ['3042261202261457860'])).toEqual([]);
  });

  it('finds a raw code only where it stands as a code', () => {
    const codes = ['stage.stalled', 'TRADE_FINISHED', 'erp', 'picked', 'SF'];
    expect(rawCodesIn('异常 stage.stalled 与 TRADE_FINISHED', codes)).toEqual(['TRADE_FINISHED', 'stage.stalled']);
    // A word in capitals, a code inside a longer id or a tracking number is no leak.
    expect(rawCodesIn('来源 ERP，运单 SF1442577215664，订单 picked-up-2', codes)).toEqual([]);
    expect(rawCodesIn('来源 erp', codes)).toEqual(['erp']);
  });

  it('wants the conclusion on the first page', () => {
    expect(conclusionOnFirstPage('结论\n发生了什么\f下一步', ['结论', '发生了什么', '下一步'])).toEqual(['下一步']);
  });
});
