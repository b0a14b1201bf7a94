import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardContract } from './dashboard.contract.js';
import { openStore } from './open-store.js';
import { pipelineContract } from './pipeline.contract.js';
import { responseContract } from './response.contract.js';
import { shopSyncContract } from './shop-sync.contract.js';
import { storeContract } from './store.contract.js';

storeContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-store-')), 'test.db')));
responseContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-response-')), 'test.db')));
dashboardContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-dashboard-')), 'test.db')));
pipelineContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-pipeline-')), 'test.db')));
shopSyncContract('SQLite', () => openStore(join(mkdtempSync(join(tmpdir(), 'ow-shops-')), 'test.db')));
