import { describe, expect, it } from 'vitest';
import { classifyPhone } from '../domain/phone.js';
import { parseFen, parseYuan } from '../domain/money.js';
import { parseShanghaiTime } from '../domain/time.js';
import { DEFAULT_DEMO, generateDemoBusiness, type DemoChunk, type DemoLabel, type DemoOptions } from './index.js';

const END = Date.parse('2026-11-20T00:00:00+08:00');
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const YUAN = /^-?\d+\.\d{2}$/;

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => v as Doc;

/** nativeRecords unwraps every order record of a native chunk. */
function nativeRecords(chunk: Extract<DemoChunk, { kind: 'native' }>): Doc[] {
  return chunk.documents.flatMap((d) => {
    const doc = obj(d);
    switch (chunk.channel) {
      case 'taobao':
        return obj(obj(doc['trades_sold_get_response'])['trades'])['trade'] as Doc[];
      case 'jd':
        return obj(obj(doc['jingdong_pop_order_search_responce'])['searchorderinfo_result'])['orderInfoList'] as Doc[];
      case 'douyin':
        return obj(doc['data'])['shop_order_list'] as Doc[];
      case 'youzan':
        return [obj(doc['full_order_info'])];
    }
  });
}

function collect(options: DemoOptions): { chunks: DemoChunk[]; labels: DemoLabel[]; orders: Map<string, Doc[]> } {
  const chunks = [...generateDemoBusiness(options)];
  const labels = chunks.flatMap((c) => (c.kind === 'truth' ? c.labels : []));
  const orders = new Map<string, Doc[]>();
  for (const c of chunks) if (c.kind === 'native') orders.set(c.channel, [...(orders.get(c.channel) ?? []), ...nativeRecords(c)]);
  return { chunks, labels, orders };
}

// One mid-size business shared by the tests that only read it.
const business = collect({ seed: 7, days: 30, ordersPerDay: 500, end: END });

describe('generateDemoBusiness', () => {
  it('is deterministic per seed', () => {
    const take = (seed: number): DemoChunk[] => {
      const out: DemoChunk[] = [];
      for (const c of generateDemoBusiness({ seed, days: 3, ordersPerDay: 200, end: END })) {
        out.push(c);
        if (out.length >= 40) break;
      }
      return out;
    };
    expect(take(42)).toEqual(take(42));
    expect(take(43)).not.toEqual(take(42));
  });

  it('sizes the business as days × ordersPerDay plus the peak', () => {
    const total = [...business.orders.values()].reduce((n, list) => n + list.length, 0);
    // 11.11 is inside the window: ×10 on the day, ×2 on each neighbour.
    const expected = 30 * 500 + 9 * 500 + 2 * 500;
    expect(total).toBeGreaterThan(expected * 0.9);
    expect(total).toBeLessThan(expected * 1.1);
    const share = (ch: string): number => (business.orders.get(ch)?.length ?? 0) / total;
    expect(share('taobao')).toBeCloseTo(0.45, 1);
    expect(share('jd')).toBeCloseTo(0.25, 1);
    expect(share('douyin')).toBeCloseTo(0.2, 1);
    expect(share('youzan')).toBeCloseTo(0.1, 1);
  });

  it('puts the peak on a day two thirds in when 11.11 is outside the window', () => {
    const perDay = new Map<string, number>();
    for (const c of generateDemoBusiness({ seed: 1, days: 12, ordersPerDay: 100, end: Date.parse('2026-06-13T00:00:00+08:00') })) {
      if (c.kind !== 'native') continue;
      for (const r of nativeRecords(c)) {
        const created = r['created'] ?? r['orderStartTime'] ?? (r['order_info'] as Doc | undefined)?.['created'];
        const day = typeof created === 'string' ? created.slice(0, 10) : new Date(Number(r['create_time']) * 1000 + 8 * 3600_000).toISOString().slice(0, 10);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
    }
    const [peakDay] = [...perDay.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
    expect(peakDay).toBe('2026-06-09');
    expect(business.labels.filter((l) => l.code === 'stock.oversold').length).toBeGreaterThan(0);
  });

  it('gives every native record and every event a unique id', () => {
    const seen = new Set<string>();
    for (const [channel, list] of business.orders) {
      for (const r of list) {
        const id = String(r['tid'] ?? r['orderId'] ?? r['order_id'] ?? obj(r['order_info'])['tid']);
        expect(seen.has(`${channel}:${id}`)).toBe(false);
        seen.add(`${channel}:${id}`);
      }
    }
    const events = new Set<string>();
    let count = 0;
    for (const c of business.chunks) {
      if (c.kind !== 'generic') continue;
      for (const r of c.records) {
        const rec = obj(r);
        events.add(`${String(rec['source'])}|${String(rec['id'])}`);
        count++;
      }
    }
    expect(events.size).toBe(count);
    for (const label of business.labels) expect(seen.has(label.orderId)).toBe(true);
  });

  it('renders Taobao trades as TOP does: yuan strings, Shanghai local times', () => {
    for (const t of business.orders.get('taobao') ?? []) {
      for (const f of ['payment', 'total_fee', 'post_fee', 'discount_fee']) expect(t[f]).toMatch(YUAN);
      for (const f of ['created', 'pay_time', 'modified', 'consign_time', 'end_time']) if (t[f] !== undefined) expect(t[f]).toMatch(LOCAL_TIME);
      expect(String(t['tid'])).toMatch(/^\d{19}$/);
      for (const o of obj(t['orders'])['order'] as Doc[]) expect(o['price']).toMatch(YUAN);
      if (t['type'] === 'step') expect(t['step_trade_status']).toBe('FRONT_PAID_FINAL_PAID');
    }
  });

  it('renders JD orders with yuan strings, local times and masked mobiles', () => {
    for (const o of business.orders.get('jd') ?? []) {
      for (const f of ['orderTotalPrice', 'orderSellerPrice', 'orderPayment', 'freightPrice']) expect(o[f]).toMatch(YUAN);
      for (const f of ['orderStartTime', 'paymentConfirmTime', 'modified']) expect(parseShanghaiTime(String(o[f]))).toBeDefined();
      expect(String(obj(o['consigneeInfo'])['desen_mobile'])).toMatch(/^\d{3}\*{4}\w{4}$|^\*{4}$/);
    }
  });

  it('renders Douyin orders with fen integers, unix seconds and masked receivers', () => {
    for (const o of business.orders.get('douyin') ?? []) {
      for (const f of ['order_amount', 'pay_amount', 'post_amount', 'promotion_amount']) expect(Number.isInteger(o[f])).toBe(true);
      for (const f of ['create_time', 'pay_time', 'update_time', 'exp_ship_time']) {
        expect(Number.isInteger(o[f])).toBe(true);
        expect(Math.abs(Number(o[f]) * 1000 - END)).toBeLessThan(60 * 86_400_000);
      }
      expect(classifyPhone(String(o['mask_post_tel'])).kind).toBe('masked');
      expect(classifyPhone(String(o['encrypt_post_tel'])).kind).toBe('encrypted');
      for (const s of o['sku_order_list'] as Doc[]) expect([0, 1, 2]).toContain(s['pre_sale_type']);
    }
  });

  it('keeps amounts consistent except where a mismatch is labelled', () => {
    const mismatched = new Set(business.labels.filter((l) => l.code === 'amount.mismatch').map((l) => l.orderId));
    for (const t of business.orders.get('taobao') ?? []) {
      const ok = parseYuan(t['payment']) === (parseYuan(t['total_fee']) ?? 0) + (parseYuan(t['post_fee']) ?? 0) - (parseYuan(t['discount_fee']) ?? 0);
      expect(ok).toBe(!mismatched.has(`taobao:${String(t['tid'])}`));
    }
    for (const o of business.orders.get('douyin') ?? []) {
      const ok = parseFen(o['pay_amount']) === Number(o['order_amount']) - Number(o['promotion_amount']);
      expect(ok).toBe(!mismatched.has(`douyin:${String(o['order_id'])}`));
    }
  });

  it('sends phones that are valid unless labelled phone.invalid', () => {
    const invalid = new Set(business.labels.filter((l) => l.code === 'phone.invalid').map((l) => l.orderId));
    for (const t of business.orders.get('taobao') ?? []) {
      const kind = classifyPhone(String(t['receiver_mobile'])).kind;
      expect(kind === 'invalid' || (kind === 'mobile' && /^12/.test(String(t['receiver_mobile'])))).toBe(invalid.has(`taobao:${String(t['tid'])}`));
    }
  });

  it('labels every kind of injected trouble', () => {
    const codes = new Set(business.labels.map((l) => l.code));
    for (const code of [
      'stock.oversold', 'stock.sync_stale', 'phone.invalid', 'address.vague', 'address.unresolved', 'amount.mismatch',
      'amount.outlier', 'order.placeholder', 'order.duplicate', 'stage.stalled', 'promise.at_risk', 'promise.breached',
      'logistics.exception', 'exempt.presale', 'exempt.customer_request', 'exempt.customs', 'exempt.split_shipment',
      'exempt.dropship', 'customer.vip',
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it('oversells about 400 orders of the hot SKUs across channels while the ERP shows nothing free', () => {
    const oversold = business.labels.filter((l) => l.code === 'stock.oversold');
    expect(oversold.length).toBeGreaterThanOrEqual(380);
    expect(oversold.length).toBeLessThanOrEqual(420);
    expect(new Set(oversold.map((l) => l.orderId.split(':')[0])).size).toBe(4);
    const zero = business.chunks.some(
      (c) => c.kind === 'generic' && c.records.some((r) => obj(r)['type'] === 'inventory_level' && obj(r)['available'] === obj(r)['reserved'] && String(obj(r)['at']).startsWith('2026-11-11T10')),
    );
    expect(zero).toBe(true);
  });

  it('scans a parcel with the carrier at least once a day until it is delivered', () => {
    const tracks = new Map<string, number[]>();
    for (const c of business.chunks) {
      if (c.kind !== 'generic') continue;
      for (const r of c.records.map(obj)) {
        if (r['type'] !== 'logistics' || r['state'] === 'pickup_failed') continue;
        const key = String(r['trackingNo']);
        tracks.set(key, [...(tracks.get(key) ?? []), Date.parse(String(r['at']))]);
      }
    }
    expect(tracks.size).toBeGreaterThan(10_000);
    let longest = 0;
    for (const times of tracks.values()) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
    }
    // The longest silence is a parcel waiting in a locker for its buyer (up to 30 h).
    expect(longest / 3_600_000).toBeLessThanOrEqual(30);
  });

  it('keeps a real payment on the orders the peak oversells (the basket changes, the discount stays its share)', () => {
    const oversold = new Set(business.labels.filter((l) => l.code === 'stock.oversold').map((l) => l.orderId));
    const placeholder = new Set(business.labels.filter((l) => l.code === 'order.placeholder').map((l) => l.orderId));
    const zeroPaid = (business.orders.get('taobao') ?? []).filter((t) => parseYuan(t['payment']) === 0).map((t) => `taobao:${String(t['tid'])}`);
    expect(zeroPaid.filter((id) => oversold.has(id))).toEqual([]);
    for (const id of zeroPaid) expect(placeholder.has(id)).toBe(true);
  });

  it('labels a promise at risk whenever the order was unshipped 12 h before it, also when it was then broken', () => {
    const byOrder = new Map<string, Set<string>>();
    for (const l of business.labels) byOrder.set(l.orderId, (byOrder.get(l.orderId) ?? new Set()).add(l.code));
    const breached = [...byOrder].filter(([, codes]) => codes.has('promise.breached'));
    expect(breached.length).toBeGreaterThan(5);
    for (const [id, codes] of breached) expect(codes.has('promise.at_risk'), id).toBe(true);
  });

  it('emits the generic records of docs/generic-format.md with zoned times', () => {
    const types = new Set<string>();
    for (const c of business.chunks) {
      if (c.kind !== 'generic') continue;
      for (const [i, r] of c.records.entries()) {
        const rec = obj(r);
        types.add(String(rec['type']));
        if (i % 7 !== 0) continue;
        expect(String(rec['at'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(Date.parse(String(rec['at']))).toBeLessThanOrEqual(END);
      }
    }
    expect([...types].sort()).toEqual(['contact', 'inventory_change', 'inventory_level', 'logistics', 'note', 'stage']);
  });

  // Speed is a benchmark's business; here: it streams, a day at a time.
  it('streams a 20k-order business one day at a time', () => {
    let orders = 0;
    let days = 0;
    let largestDay = 0;
    let thisDay = 0;
    for (const c of generateDemoBusiness({ ...DEFAULT_DEMO, days: 17, end: Date.parse('2026-06-01T00:00:00+08:00') })) {
      if (c.kind === 'native') {
        orders += nativeRecords(c).length;
        thisDay += nativeRecords(c).length;
      }
      if (c.kind === 'truth') {
        days += 1;
        largestDay = Math.max(largestDay, thisDay);
        thisDay = 0;
      }
    }
    expect(orders).toBeGreaterThan(20_000);
    expect(days).toBe(17);
    // The 11.11 stand-in peak is the largest day: about ten normal days, never the whole window.
    expect(largestDay).toBeLessThanOrEqual(DEFAULT_DEMO.ordersPerDay * 12);
  });
});
