import { describe, expect, it } from 'vitest';
import { BodyGate } from './body-gate.js';

describe('BodyGate', () => {
  it('lets `limit` in at once, the next in turn as places are given back, and turns away what cannot wait', async () => {
    const gate = new BodyGate(2, 1, 50);
    const a = await gate.enter();
    const b = await gate.enter();
    expect([gate.inUse, gate.queued]).toEqual([2, 0]);
    const waiting = gate.enter();
    expect(gate.queued).toBe(1);
    // The queue is full: the next is turned away at once.
    expect(await gate.enter()).toBeUndefined();
    a!();
    a!();
    const c = await waiting;
    expect(c).toBeTypeOf('function');
    expect([gate.inUse, gate.queued]).toEqual([2, 0]);
    // A wait that runs out gives up its place in the queue.
    expect(await gate.enter()).toBeUndefined();
    expect(gate.queued).toBe(0);
    b!();
    c!();
    expect(gate.inUse).toBe(0);
  });
});
