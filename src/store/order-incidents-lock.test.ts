import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../domain/incident.js';
import { openStore } from './open-store.js';
import type { Store } from './store.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from './testing/postgres-url.js';
import { at } from './testing/store-fixtures.js';

/*
 * On PostgreSQL, a decision across the incidents of one order (a role's compensation limit for one
 * customer) holds a lock per order: two such decisions on two incidents of the order run one after
 * the other, so the second sees the first one's grant. SQLite has one writer at a time anyway.
 */

const available = await postgresAvailable();
const T0 = at('2026-11-12 12:00:00');
// A key no other test run takes: advisory locks are per database, not per schema.
const ORDER = `jd:lock-${process.pid}-${Date.now()}`;

function incident(id: string): Incident {
  return {
    id, groupKey: `order:${id}`, scope: 'order', title: { zh: '订单延迟', en: 'Order late' }, state: 'open', level: 1, grade: 'B', ownerRole: 'agent',
    openedAt: T0, notifyAt: T0, escalations: 0, remindersSent: 0, checklist: [], compensations: [], ratings: [], suggestResolve: false,
    activeMembers: 1, orderIds: [ORDER], orderCount: 1, channels: ['jd'], codes: ['promise.breached'], updatedAt: T0,
  };
}

describe.skipIf(!available)('the lock per order of a decision across its incidents (PostgreSQL)', () => {
  let store: Store;
  let holder: pg.Client;
  beforeAll(async () => {
    store = await openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_order_lock') });
    await store.response.openIncident({ incident: incident('L-1'), addMembers: [{ orderId: ORDER, code: 'promise.breached', key: '', addedAt: T0 }] });
    holder = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    await store?.close();
  });

  it('waits while another transaction holds the order, and goes on once it is released', async () => {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`order-incidents:${ORDER}`]);
    let settled = false;
    const decided = store.response.changeIncident('L-1', (cur) => ({ incident: { ...cur, remindersSent: cur.remindersSent + 1 } }), { orderOf: (cur) => cur.orderIds[0] }).then((i) => {
      settled = true;
      return i;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await holder.query('COMMIT');
    expect((await decided)?.remindersSent).toBe(1);
  });
});
if (!available) {
  describe('the lock per order (PostgreSQL)', () => {
    it.skip(`skipped: no PostgreSQL server answers at ${TEST_POSTGRES_URL} (start one, or set ORDERWATCH_TEST_PG)`, () => undefined);
  });
}
