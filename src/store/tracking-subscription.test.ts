import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { openStore } from './open-store.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from './testing/postgres-url.js';
import { trackingSubscriptionContract } from './tracking-subscription.contract.js';

trackingSubscriptionContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-tracking-')), 'test.db')));
if (await postgresAvailable()) {
  trackingSubscriptionContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_tracking') }));
} else {
  describe('TrackingSubscriptionStore contract: PostgreSQL', () => {
    it.skip(`skipped: no PostgreSQL server answers at ${TEST_POSTGRES_URL}`, () => undefined);
  });
}
