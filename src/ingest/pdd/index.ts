import type { ChannelAdapter } from '../adapter.js';
import { normalisePddOrder } from './normalise.js';
import { splitPddDocument } from './split.js';

/** pddAdapter reads 拼多多 orders (pdd.order.information.get, pdd.order.list.get, the increment list). */
export const pddAdapter: ChannelAdapter = {
  channel: 'pdd',
  split: splitPddDocument,
  normalise: normalisePddOrder,
};

export { normalisePddOrder } from './normalise.js';
export { splitPddDocument } from './split.js';
export { PDD_ORDER_STAGES, pddStageOf } from './status.js';
