import { generateDemoBusiness, type DemoChunk, type DemoOptions } from './business.js';

export { generateDemoBusiness, type DemoChunk, type DemoOptions };
export type { DemoLabel, DemoChannel } from './model.js';
export { CATALOGUE, WAREHOUSES, CARRIERS, SHOP_NAMES, CATEGORY_NAMES_ZH, type Sku, type Category } from './catalogue.js';
export { customerTier } from './people.js';

/** DEFAULT_DEMO is the demo business `orderwatch demo` builds: 60 days of about 1,200 orders a day. */
export const DEFAULT_DEMO: Omit<DemoOptions, 'end'> = { seed: 42, days: 60, ordersPerDay: 1200 };
