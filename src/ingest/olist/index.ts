import type { ChannelAdapter } from '../adapter.js';
import { normaliseOlist } from './olist-order.js';
import { splitOlist } from './olist-split.js';

/**
 * olistAdapter reads the joined records of the Olist data set (see
 * readOlistDataset); report errors under each record's own `row`, the data
 * row of olist_orders_dataset.csv, rather than its position in a batch.
 */
export const olistAdapter: ChannelAdapter = {
  channel: 'olist',
  split: splitOlist,
  normalise: normaliseOlist,
};

export { readOlistDataset, csvRows } from './olist-dataset.js';
export { olistGroundTruth, readOlistGroundTruth, type OlistGroundTruth } from './olist-ground-truth.js';
export { normaliseOlist, OUT_OF_ORDER_TAG } from './olist-order.js';
export { OLIST_FILES, OLIST_STATUSES, type OlistRecord, type OlistRow } from './olist-record.js';
export { splitOlist } from './olist-split.js';
export { OLIST_UTC_OFFSET_MS, olistEndOfDay, olistLocalDate, readOlistTime } from './olist-time.js';
