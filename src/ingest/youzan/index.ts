import type { ChannelAdapter } from '../adapter.js';
import { normaliseYouzan } from './youzan-order.js';
import { splitYouzan } from './youzan-split.js';

/** youzanAdapter reads Youzan (有赞) `full_order_info` orders from the trade APIs and their push messages. */
export const youzanAdapter: ChannelAdapter = {
  channel: 'youzan',
  split: splitYouzan,
  normalise: normaliseYouzan,
};

export { normaliseYouzan } from './youzan-order.js';
export { splitYouzan } from './youzan-split.js';
export { YOUZAN_STATUS_STAGES, youzanStatusStage } from './youzan-status.js';
