import type { Clock } from '../../../domain/time.js';
import type { BookOrder, OrderBook } from './order-book.js';
import type { PlatformHandler, StandInAnswer, StandInRequest } from './stand-in-server.js';

const STATUS = ['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS'] as const;
const yzTime = (at: number): string => new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const readYzTime = (text: unknown): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(text));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000 : Number.NaN;
};

/** youzanOrder renders a book order as a Youzan full_order_info the youzan adapter reads. */
export function youzanOrder(o: BookOrder): Record<string, unknown> {
  return {
    full_order_info: {
      order_info: {
        tid: `E2026${o.id}`,
        status: STATUS[o.state],
        type: 0,
        created: yzTime(o.createdAt),
        pay_time: yzTime(o.createdAt + 9000),
        ...(o.state >= 1 ? { consign_time: yzTime(o.modifiedAt) } : {}),
        ...(o.state === 2 ? { success_time: yzTime(o.modifiedAt) } : {}),
        update_time: yzTime(o.modifiedAt),
      },
      pay_info: { post_fee: '0.00', total_fee: '59.00', payment: o.flawed === true ? '0.00' : '59.00' },
      address_info: { receiver_name: '钱*', receiver_tel: '139****0000', delivery_province: '四川省', delivery_city: '成都市', delivery_district: '金牛区', delivery_address: '一环路北段1号' },
      orders: [{ oid: `${o.id}1`, item_id: 3573486471, outer_item_id: 'YZ-TEA', title: '蒙顶甘露 100g', num: 1, price: '59.00', total_fee: '59.00', payment: '59.00' }],
    },
  };
}

/** youzanStandIn plays youzan.trades.sold.get: the access_token (an expired one answers as Youzan's gateway does), pages of at most 100 by update time. */
export function youzanStandIn(accessToken: string): PlatformHandler {
  return {
    platform: 'youzan',
    answer(request: StandInRequest, book: OrderBook, _clock: Clock): StandInAnswer {
      if (request.url.searchParams.get('access_token') !== accessToken || request.sessionExpired) return { status: 200, body: { gw_err_resp: { err_code: 4203, err_msg: 'access_token 无效或已过期' } } };
      if (request.throttle) return { status: 200, body: { gw_err_resp: { err_code: 4302, err_msg: '调用频繁，已被限流' } } };
      if (!request.url.pathname.startsWith('/api/youzan.trades.sold.get/')) return { status: 200, body: { success: false, code: 404, message: '接口不存在' } };
      const p = JSON.parse(request.body || '{}') as Record<string, unknown>;
      const from = readYzTime(p['start_update']);
      const to = readYzTime(p['end_update']);
      const page = Number(p['page_no']);
      const size = Number(p['page_size']);
      if (!(to >= from) || !(size >= 1 && size <= 100) || !(page >= 1)) return { status: 200, body: { success: false, code: 4001, message: '参数错误' } };
      const all = book.between(from, to + 999);
      return { status: 200, body: { success: true, code: 200, data: { total_results: all.length, full_order_info_list: all.slice((page - 1) * size, page * size).map(youzanOrder) } } };
    },
  };
}
