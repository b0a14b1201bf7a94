import type { ChannelAdapter } from '../adapter.js';
import { normaliseJdOrder } from './normalise.js';
import { splitJdDocument } from './split.js';

/** jdAdapter reads JD POP orders (jingdong.pop.order.search / .get). */
export const jdAdapter: ChannelAdapter = {
  channel: 'jd',
  split: splitJdDocument,
  normalise: normaliseJdOrder,
};

export { normaliseJdOrder } from './normalise.js';
export { splitJdDocument } from './split.js';
export { JD_ORDER_STAGES, jdStageOf } from './status.js';
