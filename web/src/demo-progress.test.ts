import { describe, expect, it } from 'vitest';
import { demoPercent } from './demo-progress';

describe('demoPercent', () => {
  it('counts the orders as the first tenth and the lived days as the rest, 100 only when done', () => {
    expect(demoPercent({ phase: 'orders', records: 12_000 })).toBe(5);
    expect(demoPercent({ phase: 'history', day: 0, days: 60 })).toBe(10);
    expect(demoPercent({ phase: 'history', day: 30, days: 60 })).toBe(55);
    expect(demoPercent({ phase: 'history', day: 60, days: 60 })).toBe(99);
    expect(demoPercent({ phase: 'history' })).toBe(10);
    expect(demoPercent({ phase: 'done' })).toBe(100);
  });
});
