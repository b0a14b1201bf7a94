import type { ChannelAdapter } from '../adapter.js';
import { normaliseGenericEvent } from './event-record.js';
import { normaliseGenericOrder } from './order-record.js';

export { GENERIC_EVENT_TYPES, MAX_ATTACHMENT_BYTES } from './event-record.js';

/**
 * genericAdapter reads the generic JSON/NDJSON format (docs/generic-format.md):
 * orders of any channel and every kind of event, one record or an array.
 */
export const genericAdapter: ChannelAdapter = {
  channel: 'generic',
  split(document) {
    return { ok: true, records: Array.isArray(document) ? document : [document] };
  },
  normalise(record, context) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return { ok: false, errors: [{ field: '(record)', message: 'must be a JSON object with a "type"' }] };
    }
    const type = (record as { type?: unknown }).type;
    if (type === 'order') return normaliseGenericOrder(record, context);
    if (type === undefined) return { ok: false, errors: [{ field: 'type', message: 'is required: "order" or an event type' }] };
    return normaliseGenericEvent(record);
  },
};
