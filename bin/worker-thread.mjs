// Worker thread entry of `orderwatch serve` (src/worker/worker-thread.ts):
// loads the TypeScript sources through tsx, as bin/orderwatch.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('../src/worker/worker-thread.ts');
