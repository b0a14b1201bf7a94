import type { ChannelAdapter } from '../adapter.js';
import { normaliseDouyinOrder } from './normalise.js';
import { splitDouyinDocument } from './split.js';

/** douyinAdapter reads 抖店 orders (/order/orderDetail, /order/searchList). */
export const douyinAdapter: ChannelAdapter = {
  channel: 'douyin',
  split: splitDouyinDocument,
  normalise: normaliseDouyinOrder,
};

export { normaliseDouyinOrder } from './normalise.js';
export { splitDouyinDocument } from './split.js';
export { DOUYIN_ORDER_STAGES, douyinStageOf } from './status.js';
