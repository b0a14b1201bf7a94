// Ingest writer thread of `orderwatch serve` (src/app/ingest-writer-thread.ts):
// loads the TypeScript sources through tsx, as bin/orderwatch.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('../src/app/ingest-writer-thread.ts');
