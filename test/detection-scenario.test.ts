// The detection issue's acceptance scenario, as a new user meets it: native
// payloads in, `scan --at` five days after payment, exactly the right
// findings and exemptions out, with readable explanations.
import { describe, expect, it } from 'vitest';
import { DetectionService } from '../src/pipeline/detection-service.js';
import { parseInstant } from '../src/domain/time.js';
import { CHANNEL_ADAPTERS } from '../src/ingest/channels.js';
import { importRecords } from '../src/ingest/import-records.js';
import { openStore } from '../src/store/open-store.js';

const PAID = '2026-11-11 10:00:00';

function taobaoTrade(tid: string, over: Record<string, unknown>): Record<string, unknown> {
  return {
    tid, type: 'fixed', status: 'WAIT_SELLER_SEND_GOODS', created: '2026-11-11 09:58:00', pay_time: PAID, modified: PAID,
    payment: '99.00', total_fee: '99.00', post_fee: '0.00', buyer_nick: 'buyer', seller_nick: '小王家居旗舰店',
    receiver_name: '王小明', receiver_mobile: '13812345678', receiver_state: '浙江省', receiver_city: '杭州市', receiver_district: '西湖区',
    receiver_address: '文三路100号3幢501室',
    orders: { order: [{ oid: `${tid}1`, sku_id: '1', outer_sku_id: 'CUP-1', title: '保温杯', num: 1, price: '99.00', payment: '99.00', status: 'WAIT_SELLER_SEND_GOODS' }] },
    ...over,
  };
}

const unix = (text: string): number => parseInstant(text)! / 1000;

describe('detection on native payloads, as of five days after payment', () => {
  it('lists exactly the right findings and exemptions', async () => {
    const store = await openStore(':memory:');
    try {
      const receivedAt = parseInstant('2026-11-11T12:00:00+08:00')!;
      const taobao = {
        trades_sold_get_response: {
          total_results: 4,
          trades: {
            trade: [
              taobaoTrade('1001', { receiver_mobile: '1381234567' }),
              taobaoTrade('1002', { receiver_address: '阳光小区门口', receiver_name: '王二', receiver_mobile: '13900000002' }),
              taobaoTrade('1003', { receiver_name: '测试', payment: '0.00', receiver_mobile: '13900000003' }),
              taobaoTrade('1004', { receiver_name: '李雷', receiver_mobile: '13900000004', type: 'step', step_trade_status: 'FRONT_PAID_FINAL_PAID', est_con_time: '2026-11-20 23:59:59' }),
            ],
          },
        },
      };
      const douyin = {
        code: 10000,
        data: {
          shop_order_detail: {
            order_id: '6920000000000033333', shop_id: '4463798', order_status: 105, create_time: unix('2026-11-11 09:59:00'), pay_time: unix(PAID), update_time: unix(PAID),
            order_amount: 5900, pay_amount: 5900, post_amount: 0, buyer_words: '麻烦下周再发货', seller_words: '',
            post_addr: { province: { name: '四川省', id: '51' }, city: { name: '成都市', id: '5101' }, town: { name: '武侯区', id: '510107' }, street: { name: '', id: '' }, detail: '人民南路4段1号2栋301' },
            mask_post_tel: '139****0000', encrypt_post_tel: '#abcDEF123456789xyz#', mask_post_receiver: '吴**',
            sku_order_list: [{ order_id: '6920000000000033334', sku_id: '17', product_id: '36', product_name: '花椒 250g', item_num: 1, origin_amount: 5900, pay_amount: 5900, pre_sale_type: 0 }],
          },
        },
      };
      for (const [channel, doc] of [['taobao', taobao], ['douyin', douyin]] as const) {
        const summary = await importRecords([{ value: doc }], CHANNEL_ADAPTERS[channel], store, { receivedAt });
        expect(summary.errors, channel).toEqual([]);
      }

      const at = parseInstant('2026-11-16T10:00:00+08:00')!;
      await new DetectionService(store.detection).scan(at);
      const found = async (id: string): Promise<string[]> => (await store.detection.findings({ orderId: id, status: 'open' })).map((f) => f.code).sort();
      const exempt = async (id: string): Promise<string[]> => (await store.detection.exemptions(id)).map((e) => e.code);

      expect(await found('taobao:1001')).toEqual(['phone.invalid', 'stage.stalled']);
      expect(await found('taobao:1002')).toEqual(['address.vague', 'stage.stalled']);
      // A zero payment is one placeholder finding, not also an amount mismatch.
      expect(await found('taobao:1003')).toEqual(['order.placeholder', 'stage.stalled']);
      expect(await found('taobao:1004')).toEqual([]);
      expect(await exempt('taobao:1004')).toEqual(['exempt.presale']);
      // The masked Douyin phone is a valid route; the buyer asked for next week.
      expect(await found('douyin:6920000000000033333')).toEqual([]);
      expect(await exempt('douyin:6920000000000033333')).toEqual(['exempt.customer_request']);

      const [phone] = await store.detection.findings({ orderId: 'taobao:1001', code: 'phone.invalid' });
      expect(phone!.explanation.zh).toContain('1381234567');
      const [stall] = await store.detection.findings({ orderId: 'taobao:1001', code: 'stage.stalled' });
      expect(stall!.threshold).toMatchObject({ hours: 24, policy: 'fixed' });
      const [request] = await store.detection.exemptions('douyin:6920000000000033333');
      expect(request!.matched).toContain('下周');
      expect(request!.newDeadline).toBeGreaterThan(at);

      // Judging again changes nothing; shipping the order resolves its stall, with the time.
      await new DetectionService(store.detection).scan(at);
      expect(await found('taobao:1001')).toEqual(['phone.invalid', 'stage.stalled']);
      await importRecords(
        [{ value: { type: 'stage', id: 'w1', source: 'wms', orderId: 'taobao:1001', stage: 'shipped', at: '2026-11-16T11:00:00+08:00' } }],
        CHANNEL_ADAPTERS.generic, store, { receivedAt: at },
      );
      const later = parseInstant('2026-11-16T12:00:00+08:00')!;
      await new DetectionService(store.detection).sweep(later);
      expect(await found('taobao:1001')).toEqual(['phone.invalid']);
      const resolved = await store.detection.findings({ orderId: 'taobao:1001', status: 'resolved' });
      expect(resolved.map((f) => [f.code, f.resolvedAt])).toEqual([['stage.stalled', later]]);
    } finally {
      await store.close();
    }
  });
});
