import { describe, it } from 'vitest';
import { dashboardContract } from './dashboard.contract.js';
import { openStore } from './open-store.js';
import { pipelineContract } from './pipeline.contract.js';
import { responseContract } from './response.contract.js';
import { shopSyncContract } from './shop-sync.contract.js';
import { storeContract } from './store.contract.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from './testing/postgres-url.js';

const available = await postgresAvailable();
if (available) {
  storeContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_store') }));
  responseContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_response') }));
  pipelineContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_pipeline') }));
  dashboardContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_dashboard') }));
  shopSyncContract('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_shops') }));
} else {
  describe('Store contract: PostgreSQL', () => {
    it.skip(`skipped: no PostgreSQL server answers at ${TEST_POSTGRES_URL} (start one, or set ORDERWATCH_TEST_PG)`, () => undefined);
  });
}
