import { createHash } from 'node:crypto';
import type { Attachment, AttachmentUpload, ContactEvent, LogisticsState, OrderEvent } from '../../domain/event.js';
import type { Normalisation } from '../../domain/ingest-result.js';
import { isStage } from '../../domain/stage.js';
import { RecordReader } from '../record-reader.js';
import { rejectUnknownFields } from './unknown-fields.js';

const LOGISTICS_STATES: readonly LogisticsState[] = [
  'pickup_pending', 'picked_up', 'pickup_failed', 'in_transit', 'out_for_delivery', 'in_locker', 'delivered',
  'problem', 'refused', 'returning', 'returned', 'customs', 'transferred', 'no_update',
];
const CONTACT_CHANNELS: readonly string[] = ['phone', 'chat', 'complaint', 'email', 'sms', 'other'];
const ATTACHMENT_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];
/** MAX_ATTACHMENT_BYTES bounds one attachment (a chat screenshot, a scanned form). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const COMMON = ['type', 'id', 'source', 'at'];
const FIELDS: Record<string, readonly string[]> = {
  stage: [...COMMON, 'orderId', 'stage', 'warehouse', 'batch', 'operator', 'note'],
  logistics: [...COMMON, 'orderId', 'carrier', 'trackingNo', 'state', 'detail', 'location'],
  contact: [...COMMON, 'orderId', 'channel', 'direction', 'text', 'agent', 'attachments'],
  note: [...COMMON, 'orderId', 'text', 'author'],
  inventory_level: [...COMMON, 'sku', 'warehouse', 'available', 'reserved'],
  inventory_change: [...COMMON, 'sku', 'warehouse', 'delta', 'reason', 'orderId'],
};

/** GENERIC_EVENT_TYPES are the event record types of the generic format. */
export const GENERIC_EVENT_TYPES = Object.keys(FIELDS);

function orderRef(r: RecordReader, required: boolean): string | undefined {
  const id = r.text('orderId', { required, max: 100 });
  if (id !== undefined && !/^[a-z]+:\S+$/.test(id)) r.fail('orderId', `must be an orderwatch order id like "taobao:3921874561234567890", got "${id}"`);
  return id;
}

function attachments(r: RecordReader, uploads: Map<string, AttachmentUpload>): Attachment[] {
  const out: Attachment[] = [];
  const list = r.list('attachments');
  if (list.length > 10) {
    r.fail('attachments', `has ${list.length} attachments, at most 10`);
    return [];
  }
  for (const a of list) {
    rejectUnknownFields(a, ['filename', 'contentType', 'base64']);
    const filename = a.text('filename', { required: true, max: 200 });
    const contentType = a.text('contentType', { required: true, max: 100 });
    const data = a.raw('base64');
    if (contentType !== undefined && !ATTACHMENT_TYPES.includes(contentType)) a.fail('contentType', `must be one of ${ATTACHMENT_TYPES.join(', ')}`);
    if (typeof data !== 'string' || data.length === 0) {
      a.fail('base64', 'is required: the file content, base64-encoded');
      continue;
    }
    if (data.length > Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4) {
      a.fail('base64', `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
      continue;
    }
    if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(data)) {
      a.fail('base64', 'is not valid base64');
      continue;
    }
    if (filename === undefined || contentType === undefined || !ATTACHMENT_TYPES.includes(contentType)) continue;
    const bytes = Buffer.from(data, 'base64');
    // Content-addressed: the same screenshot sent twice is stored once.
    const id = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    uploads.set(id, { filename, contentType, bytes });
    out.push({ id, filename, contentType, size: bytes.length });
  }
  return out;
}

/** normaliseGenericEvent reads a generic-format event record of any event type. */
export function normaliseGenericEvent(record: unknown): Normalisation {
  const r = new RecordReader(record);
  const type = r.text('type', { required: true }) ?? '';
  const allowed = FIELDS[type];
  if (!allowed) return { ok: false, errors: [{ field: 'type', message: `is not a record type: "${type}"` }] };
  rejectUnknownFields(r, allowed);
  const id = r.text('id', { required: true, max: 200 });
  const source = r.text('source', { required: true, max: 50 });
  const occurredAt = r.isoTime('at', true);
  const uploads = new Map<string, AttachmentUpload>();
  let event: OrderEvent | undefined;
  const base = { id: `${source ?? ''}:${id ?? ''}`, source: source ?? '', occurredAt: occurredAt ?? 0 };
  switch (type) {
    case 'stage': {
      const orderId = orderRef(r, true);
      const stage = r.text('stage', { required: true }) ?? '';
      if (stage !== '' && !isStage(stage)) r.fail('stage', `is not a stage name: "${stage}"`);
      const [warehouse, batch, operator, note] = [r.text('warehouse', { max: 50 }), r.text('batch', { max: 100 }), r.text('operator', { max: 50 }), r.text('note')];
      if (orderId !== undefined && isStage(stage)) {
        event = { ...base, kind: 'stage', orderId, stage, ...opt({ warehouse, batch, operator, note }) };
      }
      break;
    }
    case 'logistics': {
      const orderId = orderRef(r, false);
      const trackingNo = r.text('trackingNo', { required: true, max: 64 });
      const state = r.text('state', { required: true }) ?? '';
      if (state !== '' && !(LOGISTICS_STATES as readonly string[]).includes(state)) r.fail('state', `must be one of ${LOGISTICS_STATES.join(', ')}, got "${state}"`);
      const detail = r.text('detail') ?? '';
      const [carrier, location] = [r.text('carrier', { max: 50 }), r.text('location', { max: 100 })];
      if (trackingNo !== undefined && (LOGISTICS_STATES as readonly string[]).includes(state)) {
        event = { ...base, kind: 'logistics', trackingNo, state: state as LogisticsState, detail, ...opt({ orderId, carrier, location }) };
      }
      break;
    }
    case 'contact': {
      const orderId = orderRef(r, true);
      const channel = r.text('channel', { required: true }) ?? '';
      if (channel !== '' && !CONTACT_CHANNELS.includes(channel)) r.fail('channel', `must be one of ${CONTACT_CHANNELS.join(', ')}, got "${channel}"`);
      const direction = r.text('direction') ?? 'inbound';
      if (direction !== 'inbound' && direction !== 'outbound') r.fail('direction', `must be inbound or outbound, got "${direction}"`);
      const text = r.text('text', { max: 10_000 }) ?? '';
      const agent = r.text('agent', { max: 50 });
      const files = attachments(r, uploads);
      if (orderId !== undefined && CONTACT_CHANNELS.includes(channel)) {
        event = { ...base, kind: 'contact', orderId, channel: channel as ContactEvent['channel'], direction: direction as ContactEvent['direction'], text, attachments: files, ...opt({ agent }) };
      }
      break;
    }
    case 'note': {
      const orderId = orderRef(r, true);
      const text = r.text('text', { required: true, max: 10_000 });
      const author = r.text('author', { max: 50 });
      if (orderId !== undefined && text !== undefined) event = { ...base, kind: 'note', orderId, text, ...opt({ author }) };
      break;
    }
    case 'inventory_level': {
      const sku = r.text('sku', { required: true, max: 100 });
      const warehouse = r.text('warehouse', { required: true, max: 50 });
      const available = r.integer('available', { required: true, min: -1_000_000_000, max: 1_000_000_000 });
      const reserved = r.integer('reserved', { min: 0, max: 1_000_000_000 }) ?? 0;
      if (sku !== undefined && warehouse !== undefined && available !== undefined) event = { ...base, kind: 'inventory_level', sku, warehouse, available, reserved };
      break;
    }
    default: {
      const sku = r.text('sku', { required: true, max: 100 });
      const warehouse = r.text('warehouse', { required: true, max: 50 });
      const delta = r.integer('delta', { required: true, min: -1_000_000_000, max: 1_000_000_000 });
      const reason = r.text('reason', { required: true, max: 50 });
      const orderId = orderRef(r, false);
      if (sku !== undefined && warehouse !== undefined && delta !== undefined && reason !== undefined) {
        event = { ...base, kind: 'inventory_change', sku, warehouse, delta, reason, ...opt({ orderId }) };
      }
    }
  }
  if (r.errors.length > 0 || !event) return { ok: false, errors: r.errors.length > 0 ? r.errors : [{ field: 'type', message: 'could not be read' }] };
  return { ok: true, value: { orders: [], events: [event], ...(uploads.size > 0 ? { attachments: uploads } : {}) } };
}

// Optional fields are left out rather than stored as undefined.
function opt<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: string };
}
