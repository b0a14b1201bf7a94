import { describe, expect, it } from 'vitest';
import { isFalseAlarmCause, LABELS, PLAIN_VOCABULARY } from './labels.js';

describe('codes in words', () => {
  const statuses: Array<[string, string | undefined, string]> = [
    ['taobao', 'TRADE_FINISHED', '交易成功'],
    ['taobao', 'WAIT_SELLER_SEND_GOODS', '买家已付款，等待卖家发货'],
    ['jd', 'WAIT_SELLER_STOCK_OUT', '等待出库'],
    ['douyin', '2', '备货中'],
    ['youzan', 'WAIT_BUYER_CONFIRM_GOODS', '卖家已发货'],
    ['shopify', 'paid/unfulfilled', '已付款，未发货'],
    ['shopify', 'refunded/fulfilled/cancelled', '已退款，已发货，已取消'],
    ['generic', '已发货', '已发货'],
    ['taobao', 'SOMETHING_NEW', '未识别的平台状态'],
    ['taobao', undefined, '—'],
  ];
  for (const [channel, status, words] of statuses) {
    it(`${channel} ${status ?? '(none)'} → ${words}`, () => expect(LABELS.channelStatus(channel, status)).toBe(words));
  }

  it('names carriers by any of their codes, and in explanations detection wrote', () => {
    expect(['ZTO', 'zhongtong', '1499', '中通快递'].map(LABELS.carrier)).toEqual(['中通快递', '中通快递', '中通快递', '中通快递']);
    expect(LABELS.explanation('运单 780123（ZTO）：揽收失败（成都）')).toBe('运单 780123（中通快递）：揽收失败（成都）');
  });

  it("counts not_abnormal and the policy's listed sub-causes as false alarms", () => {
    const policy = { ...PLAIN_VOCABULARY, falseAlarmSubCauses: ['rule_false_positive'] };
    expect(isFalseAlarmCause(policy, { class: 'not_abnormal', subCause: 'data_lag' })).toBe(true);
    expect(isFalseAlarmCause(policy, { class: 'system', subCause: 'rule_false_positive' })).toBe(true);
    expect(isFalseAlarmCause(policy, { class: 'system', subCause: 'erp_failure' })).toBe(false);
    expect(isFalseAlarmCause(policy, undefined)).toBe(false);
  });
});
