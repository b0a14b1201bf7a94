import type { ChannelAdapter } from '../adapter.js';
import { normaliseKuaishouOrder } from './normalise.js';
import { splitKuaishouDocument } from './split.js';

/** kuaishouAdapter reads 快手小店 orders (open.order.detail, open.order.cursor.list). */
export const kuaishouAdapter: ChannelAdapter = {
  channel: 'kuaishou',
  split: splitKuaishouDocument,
  normalise: normaliseKuaishouOrder,
};

export { normaliseKuaishouOrder } from './normalise.js';
export { splitKuaishouDocument } from './split.js';
export { KUAISHOU_ORDER_STAGES, kuaishouStageOf } from './status.js';
