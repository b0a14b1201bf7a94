import { describe, expect, it } from 'vitest';
import type { NeighbourOrder } from '../detect/facts.js';
import { NEIGHBOURS_PER_KEY, nearestInTime } from './detection-context.js';

const at = (placedAt: number): NeighbourOrder => ({ id: `o:${placedAt}`, channel: 'taobao', placedAt, paidFen: 0, basket: [], cancelled: false, phone: '13800000000', receiverName: '王' });

describe('nearestInTime', () => {
  it('keeps a short list whole', () => {
    const list = [at(1), at(5), at(9)];
    expect(nearestInTime(list, 100)).toBe(list);
  });

  it('takes the orders placed nearest to the moment from both sides of a long list', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => at(i * 10));
    const picked = nearestInTime(list, 100_005);
    expect(picked).toHaveLength(NEIGHBOURS_PER_KEY);
    const gaps = picked.map((n) => Math.abs(n.placedAt - 100_005));
    const outside = list.filter((n) => !picked.includes(n)).map((n) => Math.abs(n.placedAt - 100_005));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.min(...outside));
    expect(nearestInTime(list, -5)[0]?.placedAt).toBe(0);
    expect(nearestInTime(list, 10_000_000).at(-1)?.placedAt).toBe(199_990);
  });
});
