// Worker thread entry of the console's Olist backtest (src/app/console-backtest.ts):
// loads the TypeScript sources through tsx, as bin/orderwatch.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('../src/app/olist-backtest-job.ts');
