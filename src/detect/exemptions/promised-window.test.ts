import { describe, expect, it } from 'vitest';
import { findPromisedWindow } from './promised-window.js';

describe('findPromisedWindow', () => {
  it.each([
    { note: '定制家具已下单生产，预计7-15天完工后发货', window: { minDays: 7, maxDays: 15, unit: 'day' } },
    { note: '实木餐桌定制款，7~15个工作日发货', window: { minDays: 7, maxDays: 15, unit: 'workday' } },
    { note: '付款后10到20天内发出，介意慎拍', window: { minDays: 10, maxDays: 20, unit: 'day' } },
    { note: '预计15天发货', window: { maxDays: 15, unit: 'day' } },
    { note: '下单后20个工作日出货', window: { maxDays: 20, unit: 'workday' } },
    { note: '刻字款需生产，生产周期15-20天', window: { minDays: 15, maxDays: 20, unit: 'day' } },
    { note: '货期：30天', window: { maxDays: 30, unit: 'day' } },
    { note: 'Made to order, ships in 7-15 days', window: { minDays: 7, maxDays: 15, unit: 'day' } },
    { note: 'Custom sofa: dispatched within 10 to 14 business days', window: { minDays: 10, maxDays: 14, unit: 'workday' } },
    { note: 'Pre-order item, estimated to ship in 21 days', window: { maxDays: 21, unit: 'day' } },
    { note: '7-15 working days to make', window: { minDays: 7, maxDays: 15, unit: 'workday' } },
  ])('"$note" promises $window', ({ note, window }) => {
    expect(findPromisedWindow(note)).toMatchObject(window);
    expect(findPromisedWindow(note)?.minDays).toBe((window as { minDays?: number }).minDays);
  });

  it.each([
    '7天无理由退货',
    '支持7天无理由',
    '快点发货！',
    '请尽快发货，谢谢',
    '订单号 20251119 请核对',
    'I ordered 20 days ago, where is it?',
    'ships today please',
    '预计999天发货',
    '',
  ])('"%s" promises no lead time', (note) => {
    expect(findPromisedWindow(note)).toBeUndefined();
  });

  it('keeps the text that matched, for the reason a supervisor reads', () => {
    expect(findPromisedWindow('定制家具已下单生产，预计7-15天完工后发货')?.matched).toBe('7-15天完工');
  });
});
