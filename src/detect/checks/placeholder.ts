import type { Finding } from '../../domain/finding.js';
import { classifyPhone, type Phone } from '../../domain/phone.js';
import { HOUR_MS, toIso } from '../../domain/time.js';
import type { ArrivalContext, OrderFacts } from '../facts.js';
import { clip, foldWidth, makeFinding, type ArrivalCheck } from './check.js';

/** PlaceholderSignal is one sign that an order is a test or slot-holding order, with its strength and what matched. */
export interface PlaceholderSignal {
  readonly signal: 'test_name' | 'test_address' | 'test_note' | 'zero_paid' | 'phone_burst' | 'sample_name' | 'sample_phone' | 'sample_address';
  /** Strong signals raise a finding alone; weak ones (张三, 13800138000) only together with another signal. */
  readonly strong: boolean;
  readonly field: string;
  readonly matched: string;
}

/** A name that is nothing but a test word. */
const TEST_NAME = /^(?:测试\d*|测试[员人用户]*|test\d*|testing|tester|demo|假单|刷单)$/i;
/** A test word inside a longer name ("测试用户张", "Test Buyer"). */
const TEST_IN_NAME = /测试|假单|刷单|\btest\b/i;
const TEST_ADDRESS = /测试地址|地址测试|测试测试|测试专用|^测试$|\btest address\b|^test$/i;
const TEST_NOTE = /测试单|测试订单|测试下单|假单|刷单|空包|^测试$|\btest order\b/i;
/** Textbook example names: 李四 is also a real person's name, so these count only together with another signal. */
const SAMPLE_NAMES = new Set(['张三', '李四', '王五', '赵六', '某某', '张某某', '李某某', 'xxx', 'abc', 'aaa', '123']);
const SAMPLE_PHONES = new Set(['13800138000', '13800000000', '13000000000', '13888888888', '13900000000']);
const SAMPLE_ADDRESS = /^(?:xx+|某某|\d+|[a-z]+)$|xx路xx号|某某路/i;
const MAX_TEXT = 200;

/**
 * placeholderSignals lists what makes an order look like a test or
 * slot-holding (占位) order, strongest first. Only full phone numbers are
 * grouped: masked numbers such as 138****5678 are shared by strangers.
 */
export function placeholderSignals(facts: OrderFacts): PlaceholderSignal[] {
  const o = facts.order;
  const r = o.receiver ?? {};
  const signals: PlaceholderSignal[] = [];
  const name = foldWidth((r.name ?? '').slice(0, MAX_TEXT)).trim();
  if (TEST_NAME.test(name)) signals.push({ signal: 'test_name', strong: true, field: 'receiver.name', matched: name });
  else if (TEST_IN_NAME.test(name)) signals.push({ signal: 'test_name', strong: true, field: 'receiver.name', matched: TEST_IN_NAME.exec(name)![0] });
  else if (SAMPLE_NAMES.has(name.toLowerCase())) signals.push({ signal: 'sample_name', strong: false, field: 'receiver.name', matched: name });

  const detail = foldWidth((r.detail ?? '').slice(0, MAX_TEXT)).trim();
  const testAddress = TEST_ADDRESS.exec(detail);
  if (testAddress) signals.push({ signal: 'test_address', strong: true, field: 'receiver.detail', matched: testAddress[0] });
  else {
    const sample = SAMPLE_ADDRESS.exec(detail) ?? /测试/.exec(detail);
    if (sample) signals.push({ signal: 'sample_address', strong: false, field: 'receiver.detail', matched: sample[0] });
  }

  for (const [field, text] of [['buyerNote', o.buyerNote], ['sellerNote', o.sellerNote], ...(o.tags ?? []).map((t) => ['tags', t] as const)] as const) {
    const m = text === undefined ? null : TEST_NOTE.exec(text.slice(0, MAX_TEXT));
    if (m) {
      signals.push({ signal: 'test_note', strong: true, field, matched: m[0] });
      break;
    }
  }

  const itemsValue = Math.max(o.itemsTotalFen, (o.items ?? []).reduce((s, i) => s + i.unitPriceFen * i.quantity, 0));
  if (o.stage !== 'pending_payment' && o.paidFen <= 0 && itemsValue > 0) {
    signals.push({ signal: 'zero_paid', strong: true, field: 'paidFen', matched: String(o.paidFen) });
  }

  const phone = r.phone;
  const number = fullNumber(phone);
  if (number !== undefined && SAMPLE_PHONES.has(number)) signals.push({ signal: 'sample_phone', strong: false, field: 'receiver.phone', matched: number });
  return signals;
}

/** A number that identifies one subscriber: mobiles and landlines, not masked, virtual or encrypted ones. */
function fullNumber(phone: Phone | undefined): string | undefined {
  if (!phone) return undefined;
  return (phone.kind === 'mobile' || phone.kind === 'landline') && phone.number ? phone.number : undefined;
}

/** The most orders of one full phone in any window of `windowMs` that contains this order, and which orders. */
function phoneBurst(facts: OrderFacts, context: ArrivalContext, number: string, windowMs: number) {
  const own = facts.order.placedAt;
  const times: { at: number; id: string }[] = [{ at: own, id: facts.order.id }];
  for (const n of context.neighbours) {
    if (n.phone === undefined || Math.abs(n.placedAt - own) > windowMs) continue;
    const other = classifyPhone(n.phone);
    if (fullNumber(other) === number) times.push({ at: n.placedAt, id: n.id });
  }
  times.sort((a, b) => a.at - b.at);
  let best = { count: 1, from: 0, to: 0 };
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]!.at - times[start]!.at > windowMs) start++;
    const containsOwn = times[start]!.at <= own && own <= times[end]!.at;
    if (containsOwn && end - start + 1 > best.count) best = { count: end - start + 1, from: start, to: end };
  }
  const inWindow = times.slice(best.from, best.to + 1);
  return { count: best.count, firstAt: inWindow[0]!.at, lastAt: inWindow[inWindow.length - 1]!.at, orderIds: inWindow.slice(0, 20).map((t) => t.id) };
}

const SIGNAL_ZH: Readonly<Record<PlaceholderSignal['signal'], string>> = {
  test_name: '收货人姓名像测试数据',
  test_address: '收货地址是测试地址',
  test_note: '备注或标签写明测试/假单',
  zero_paid: '实付金额为0',
  phone_burst: '同一手机号短时间内大量下单',
  sample_name: '收货人是示例姓名',
  sample_phone: '手机号是示例号码',
  sample_address: '地址像示例文字',
};

/**
 * placeholderCheck raises `order.placeholder` for test and slot-holding
 * orders (有效订单验证): test names, addresses or notes, zero payment for
 * goods, one full phone with `placeholderPhoneOrders` or more orders within
 * `placeholderWindowHours`; weak hints (张三, 13800138000) need a second signal.
 */
export const placeholderCheck: ArrivalCheck = {
  name: 'placeholder',
  codes: ['order.placeholder'],
  run(facts, context) {
    const signals = placeholderSignals(facts);
    const s = context.settings;
    const number = fullNumber(facts.order.receiver?.phone);
    let burst: ReturnType<typeof phoneBurst> | undefined;
    if (number !== undefined && context.neighbours.length + 1 >= s.placeholderPhoneOrders) {
      burst = phoneBurst(facts, context, number, s.placeholderWindowHours * HOUR_MS);
      if (burst.count >= s.placeholderPhoneOrders) signals.push({ signal: 'phone_burst', strong: true, field: 'receiver.phone', matched: number });
    }
    if (!signals.some((x) => x.strong) && signals.length < 2) return [];
    const first = signals.find((x) => x.strong) ?? signals[0]!;
    const reasons = signals.map((x) => SIGNAL_ZH[x.signal]).join('；');
    const findings: Finding[] = [
      makeFinding(facts, context, {
        code: 'order.placeholder',
        severity: 'warning',
        explanation: {
          zh: `疑似测试或占位订单：${reasons}${first.signal === 'phone_burst' && burst ? `（${s.placeholderWindowHours}小时内${burst.count}单）` : first.matched ? `（「${clip(first.matched, 20)}」）` : ''}`,
          en: `Looks like a test or slot-holding order: ${signals.map((x) => x.signal.replace('_', ' ')).join(', ')}${burst && burst.count >= s.placeholderPhoneOrders ? ` (${burst.count} orders from one phone within ${s.placeholderWindowHours} h)` : ''}`,
        },
        evidence: {
          signals: signals.map((x) => ({ signal: x.signal, strong: x.strong, field: x.field, matched: clip(x.matched, 40) })),
          ...(burst && burst.count >= s.placeholderPhoneOrders
            ? { count: burst.count, windowHours: s.placeholderWindowHours, firstAt: toIso(burst.firstAt), lastAt: toIso(burst.lastAt), orderIds: burst.orderIds }
            : {}),
        },
      }),
    ];
    return findings;
  },
};
