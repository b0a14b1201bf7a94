import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LogisticsEvent } from '../../domain/event.js';
import type { FieldError } from '../../domain/ingest-result.js';
import { parseShanghaiTime } from '../../domain/time.js';
import { kuaidi100Adapter, kuaidi100Reply, parseKuaidi100Push, verifyKuaidi100Sign } from './index.js';

const RECEIVED = Date.UTC(2026, 10, 14, 0, 0, 0);
const sh = (t: string): number => parseShanghaiTime(t)!;

function push(overrides: Record<string, unknown> = {}, track: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'polling',
    billstatus: 'got',
    message: '',
    lastResult: {
      message: 'ok',
      state: '5',
      status: '200',
      ischeck: '0',
      com: 'yuantong',
      nu: 'YT1234567890',
      data: [
        { context: '【杭州市】快递员 王师傅 正在派件，电话 13800000000', time: '2026-11-13 08:30:00', ftime: '2026-11-13 08:30:00', areaName: '杭州市' },
        { context: '【杭州转运中心】已发出', time: '2026-11-12 22:00:00', ftime: '2026-11-12 22:00:00' },
        { context: '【上海市】已揽收', time: '2026-11-12 09:00:00', ftime: '2026-11-12 09:00:00', status: '揽收', statusCode: '1' },
      ],
      ...track,
    },
    ...overrides,
  };
}

function events(param: unknown): LogisticsEvent[] {
  const r = parseKuaidi100Push(param, RECEIVED, 'taobao:123');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.events.filter((e): e is LogisticsEvent => e.kind === 'logistics');
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('parseKuaidi100Push', () => {
  it('turns each track line into an event, newest line carrying the track state', () => {
    const got = events(push());
    expect(got).toEqual([
      {
        kind: 'logistics',
        id: `YT1234567890#2026-11-13 08:30:00#${hash('【杭州市】快递员 王师傅 正在派件，电话 13800000000')}`,
        source: 'kuaidi100',
        orderId: 'taobao:123',
        trackingNo: 'YT1234567890',
        carrier: 'yuantong',
        occurredAt: sh('2026-11-13 08:30:00'),
        state: 'out_for_delivery',
        detail: '【杭州市】快递员 王师傅 正在派件，电话 13800000000',
        location: '杭州市',
      },
      expect.objectContaining({ occurredAt: sh('2026-11-12 22:00:00'), state: 'in_transit' }),
      expect.objectContaining({ occurredAt: sh('2026-11-12 09:00:00'), state: 'picked_up' }),
    ]);
  });

  it('gives the same ids when a later push repeats the lines in another order', () => {
    const first = events(push()).map((e) => e.id);
    const track = push().lastResult as { data: unknown[] };
    const reordered = events(push({}, { data: [...track.data].reverse() })).map((e) => e.id);
    expect(new Set(reordered)).toEqual(new Set(first));
  });

  const stateCases: Array<{ name: string; state: string; expected: string }> = [
    { name: 'signed', state: '3', expected: 'delivered' },
    { name: 'problem', state: '2', expected: 'problem' },
    { name: 'refused (14)', state: '14', expected: 'refused' },
    { name: 'returning', state: '6', expected: 'returning' },
    { name: 'awaiting pickup (102)', state: '102', expected: 'pickup_pending' },
    { name: 'not signed in time (201)', state: '201', expected: 'no_update' },
    { name: 'refused (203)', state: '203', expected: 'refused' },
    { name: 'uncollected in locker (205)', state: '205', expected: 'in_locker' },
    { name: 'cancelled by sender (210)', state: '210', expected: 'problem' },
    { name: 'signed by proxy (303)', state: '303', expected: 'delivered' },
    { name: 'in parcel station (501)', state: '501', expected: 'in_locker' },
    { name: 'unlisted customs sub-state falls back to its family', state: '802', expected: 'customs' },
    { name: 'numeric state', state: 3 as unknown as string, expected: 'delivered' },
  ];
  it.each(stateCases)('newest line state: $name', ({ state, expected }) => {
    expect(events(push({}, { state }))[0]!.state).toBe(expected);
  });

  it('reports abort as a no_update event with a stable id', () => {
    const got = events(push({ status: 'abort', message: '3天查询无记录' }, { data: [] }));
    expect(got).toEqual([
      {
        kind: 'logistics',
        id: 'YT1234567890#abort#-',
        source: 'kuaidi100',
        orderId: 'taobao:123',
        trackingNo: 'YT1234567890',
        carrier: 'yuantong',
        occurredAt: RECEIVED,
        state: 'no_update',
        detail: 'Kuaidi100 stopped tracking this waybill: no track data for 3 days or no change for 60 days (3天查询无记录)',
      },
    ]);
  });

  it('accepts the param as JSON text and falls back to time without ftime', () => {
    const text = JSON.stringify(push({}, { data: [{ context: "'; DROP TABLE tracks; -- 🚚", time: '2026-11-13 08:30' }] }));
    const got = events(text);
    expect(got.map((e) => [e.occurredAt, e.detail, e.state])).toEqual([[sh('2026-11-13 08:30:00'), "'; DROP TABLE tracks; -- 🚚", 'out_for_delivery']]);
  });

  it('skips a line repeated within one push', () => {
    const line = { context: '已签收', ftime: '2026-11-13 18:00:00' };
    expect(events(push({}, { state: '3', data: [line, line] }))).toHaveLength(1);
  });

  const errorCases: Array<{ name: string; param: unknown; errors: FieldError[] }> = [
    { name: 'not JSON text', param: '{nope', errors: [{ field: 'param', message: expect.stringMatching(/^is not valid JSON \(/) as string }] },
    { name: 'a JSON array', param: [], errors: [{ field: 'param', message: 'must be a JSON object, got an array' }] },
    { name: 'huge text', param: 'x'.repeat(1_000_001), errors: [{ field: 'param', message: 'is too long (1000001 characters, at most 1000000)' }] },
    {
      name: 'unknown push status and state',
      param: push({ status: 'exploded' }, { state: '99' }),
      errors: [
        { field: 'status', message: 'is not a Kuaidi100 push status we know ("exploded"); expected one of polling, shutdown, abort, updateall' },
        { field: 'lastResult.state', message: 'is not a Kuaidi100 state code we know ("99"); expected 0-8, 14 or a resultv2 code such as 101 or 205' },
      ],
    },
    { name: 'no lastResult', param: { status: 'polling' }, errors: [{ field: 'lastResult', message: 'is required' }] },
    {
      name: 'bad lines and missing nu',
      param: push({}, { nu: '', data: [{ context: 'x', ftime: 'yesterday' }, 5, { ftime: '2026-11-13 08:30:00' }] }),
      errors: [
        { field: 'lastResult.nu', message: 'is required' },
        { field: 'lastResult.data[0].ftime', message: 'must be a time like "2026-11-11 10:00:00", got "yesterday"' },
        { field: 'lastResult.data[1]', message: 'must be a track line object' },
        { field: 'lastResult.data[2].context', message: 'is required' },
      ],
    },
  ];
  it.each(errorCases)('errors: $name', ({ param, errors }) => {
    const r = parseKuaidi100Push(param, RECEIVED);
    expect(r.ok ? [] : r.errors).toEqual(errors);
  });
});

describe('verifyKuaidi100Sign', () => {
  const param = JSON.stringify(push());
  const salt = 's3cr3t';
  const upper = createHash('md5').update(param + salt).digest('hex').toUpperCase();
  const cases: Array<{ name: string; param: string; sign: string | undefined; expected: boolean }> = [
    { name: 'upper-case hex as sent', param, sign: upper, expected: true },
    { name: 'lower-case hex', param, sign: upper.toLowerCase(), expected: true },
    { name: 'param changed', param: param.replace('yuantong', 'shunfeng'), sign: upper, expected: false },
    { name: 'missing sign', param, sign: undefined, expected: false },
    { name: 'empty sign', param, sign: '', expected: false },
    { name: 'not hex', param, sign: 'Z'.repeat(32), expected: false },
    { name: 'too short', param, sign: upper.slice(0, 31), expected: false },
  ];
  it.each(cases)('$name', ({ param: p, sign, expected }) => {
    expect(verifyKuaidi100Sign(p, sign, salt)).toBe(expected);
  });
});

describe('kuaidi100Reply', () => {
  it.each([
    { name: 'success', ok: true, expected: { result: true, returnCode: '200', message: '成功' } },
    { name: 'failure', ok: false, expected: { result: false, returnCode: '500', message: '成功' } },
  ])('$name', ({ ok, expected }) => {
    expect(kuaidi100Reply(ok, '成功')).toEqual(expected);
    expect(kuaidi100Adapter.reply(ok, '成功')).toEqual(expected);
  });
});
