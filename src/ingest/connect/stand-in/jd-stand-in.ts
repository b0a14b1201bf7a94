import { createHash } from 'node:crypto';
import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import { SIGNATURE_FAILURE, type PlatformHandler, type StandInAnswer, type StandInRequest } from './stand-in-server.js';

const STATES = ['WAIT_SELLER_STOCK_OUT', 'WAIT_GOODS_RECEIVE_CONFIRM', 'FINISHED_L'] as const;
const jdTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const readJdTime = (text: unknown): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(text));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : Number.NaN;
};

/** jdOrder renders a book order as a JD POP order the jd adapter reads. */
export function jdOrder(o: BookOrder): Record<string, unknown> {
  return {
    orderId: `28${o.id}`,
    orderState: STATES[o.state],
    orderStartTime: jdTime(o.createdAt),
    paymentConfirmTime: jdTime(o.createdAt + 15_000),
    orderEndTime: o.state === 2 ? jdTime(o.modifiedAt) : '0001-01-01 00:00:00',
    modified: jdTime(o.modifiedAt),
    orderTotalPrice: '149.50',
    orderSellerPrice: '149.50',
    orderPayment: o.flawed === true ? '0.00' : '149.50',
    freightPrice: '0.00',
    waybill: o.state >= 1 ? `JDVA${o.id}` : '',
    logisticsId: o.state >= 1 ? '1327' : '',
    consigneeInfo: { fullname: '赵*', desen_mobile: '159****4321', province: '广东省', city: '深圳市', county: '南山区', fullAddress: '广东省深圳市南山区深南大道10000号' },
    itemInfoList: [{ skuId: '100012345678', outerSkuId: 'KETTLE-1.7L', skuName: '电热水壶 1.7L 白色', jdPrice: '149.50', itemTotal: '1', wareId: '100000123456' }],
  };
}

const fail = (code: string, zh: string, extra: Record<string | symbol, unknown> = {}): StandInAnswer => ({ status: 200, body: { error_response: { code, zh_desc: zh, en_desc: zh }, ...extra } });

/** jdStandIn plays jingdong.pop.order.enSearch: the MD5 signature (its own reading), access_token, pages of at most 100 by modification time. */
export function jdStandIn(options: { readonly appKey: string; readonly appSecret: string; readonly accessToken: string }): PlatformHandler {
  return {
    platform: 'jd',
    answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer {
      const form = new URLSearchParams(request.body);
      const pairs = [...form.entries()].filter(([k]) => k !== 'sign').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const expected = createHash('md5').update(options.appSecret + pairs.map(([k, v]) => k + v).join('') + options.appSecret).digest('hex').toUpperCase();
      if (form.get('app_key') !== options.appKey) return fail('17', 'app_key不存在');
      if (form.get('sign') !== expected) return fail('14', '签名无效', { [SIGNATURE_FAILURE]: true });
      if (Math.abs(readJdTime(form.get('timestamp')) - clock.now()) > 10 * 60_000) return fail('15', '时间戳超出范围');
      if (form.get('access_token') !== options.accessToken || request.sessionExpired) return fail('19', 'token已过期或者不存在，请重新授权');
      if (request.throttle) return fail('67', '调用过于频繁，已被限流');
      if (form.get('method') !== 'jingdong.pop.order.enSearch') return fail('22', '方法不存在');
      const p = JSON.parse(form.get('360buy_param_json') ?? '{}') as Record<string, unknown>;
      const from = readJdTime(p['start_date']);
      const to = readJdTime(p['end_date']);
      const page = Number(p['page']);
      const size = Number(p['page_size']);
      if (!(to >= from) || !(size >= 1 && size <= 100) || !(page >= 1)) return { status: 200, body: { jingdong_pop_order_enSearch_responce: { code: '0', searchorderinfo_result: { apiResult: { success: false, resultCode: '100', chineseErr: '参数错误', englishErr: 'bad parameters' } } } } };
      const all = book.between(from, to + 999);
      return {
        status: 200,
        body: { jingdong_pop_order_enSearch_responce: { code: '0', searchorderinfo_result: { apiResult: { success: true, resultCode: '0' }, orderTotal: all.length, orderInfoList: all.slice((page - 1) * size, page * size).map(jdOrder) } } },
      };
    },
  };
}
