import { describe, expect, it } from 'vitest';
import { PLATFORM_CLOCK_MARGIN_MS, rateLimitFor, slidingWindowLimiter } from './rate-limit.js';
import type { ReceiverConfig } from './receiver.js';

const T0 = Date.UTC(2026, 10, 11, 0, 0, 0);
const wecom: ReceiverConfig = { name: 'ops', type: 'wecom', url: 'http://127.0.0.1/x' };
const feishu: ReceiverConfig = { name: 'fs', type: 'feishu', url: 'http://127.0.0.1/x' };

describe('rate limits', () => {
  const cases: { name: string; receiver: ReceiverConfig; sent: number[]; now: number; can: boolean; slot: number }[] = [
    { name: 'wecom: nothing sent yet', receiver: wecom, sent: [], now: T0, can: true, slot: T0 },
    { name: 'wecom: 19 in the last minute', receiver: wecom, sent: Array.from({ length: 19 }, (_, i) => T0 + i * 1000), now: T0 + 30_000, can: true, slot: T0 + 30_000 },
    {
      name: 'wecom: 20 in the last minute waits for the oldest to slide out',
      receiver: wecom,
      sent: Array.from({ length: 20 }, (_, i) => T0 + i * 1000),
      now: T0 + 30_000,
      can: false,
      slot: T0 + 60_000 + PLATFORM_CLOCK_MARGIN_MS,
    },
    {
      name: 'wecom: old sends no longer count',
      receiver: wecom,
      sent: Array.from({ length: 20 }, (_, i) => T0 + i * 10),
      now: T0 + 120_000,
      can: true,
      slot: T0 + 120_000,
    },
    {
      name: 'feishu: 5 in the last second holds even though the minute has room',
      receiver: feishu,
      sent: [T0, T0 + 100, T0 + 200, T0 + 300, T0 + 400],
      now: T0 + 500,
      can: false,
      slot: T0 + 1000 + PLATFORM_CLOCK_MARGIN_MS,
    },
    {
      name: 'override: rateLimitPerMinute 2',
      receiver: { ...wecom, rateLimitPerMinute: 2 },
      sent: [T0, T0 + 5_000],
      now: T0 + 10_000,
      can: false,
      slot: T0 + 60_000 + PLATFORM_CLOCK_MARGIN_MS,
    },
    { name: 'ticket pool is never limited', receiver: { name: 't', type: 'ticket' }, sent: Array(1000).fill(T0), now: T0, can: true, slot: T0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const limiter = rateLimitFor(c.receiver);
      expect(limiter.canSend(c.sent, c.now)).toBe(c.can);
      expect(limiter.nextSlot(c.sent, c.now)).toBe(c.slot);
      expect(limiter.canSend(c.sent, limiter.nextSlot(c.sent, c.now))).toBe(true);
    });
  }

  it('sending at every next slot never breaks any window (feishu: 100/min and 5/s)', () => {
    const limiter = rateLimitFor(feishu);
    const sent: number[] = [];
    let now = T0;
    for (let i = 0; i < 400; i++) {
      now = limiter.nextSlot(sent, now);
      sent.push(now);
    }
    for (const w of limiter.windows) {
      for (const t of sent) {
        const inWindow = sent.filter((s) => s > t - w.windowMs && s <= t).length;
        expect(inWindow).toBeLessThanOrEqual(w.limit);
      }
    }
    // and it is not needlessly slow: 400 sends at 100 per ~61 s take about 4 minutes
    expect(now - T0).toBeLessThan(4 * 61_000 + 5_000);
  });

  it('rejects nonsense windows', () => {
    expect(() => slidingWindowLimiter([{ limit: 0, windowMs: 1000 }])).toThrow(RangeError);
  });
});
