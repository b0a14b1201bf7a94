import { describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { AppContext } from './context.js';
import { ensureAdmin } from './ensure-admin.js';

describe('ensureAdmin', () => {
  it('creates admin on a store that has people but nobody who can administer it (the demo staff), and only once', async () => {
    const store = await openStore(':memory:');
    const context = { store, clock: { now: () => Date.UTC(2026, 10, 11) } } as unknown as AppContext;
    await store.addUser({ name: 'li.na', role: 'agent', createdAt: 0, disabled: false }, 'x');
    const first = await ensureAdmin(context);
    expect(first?.name).toBe('admin');
    expect((await store.getUser('admin'))?.role).toBe('admin');
    expect(await ensureAdmin(context)).toBeUndefined();
    await store.close();
  });
});
