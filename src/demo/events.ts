import type { Instant } from '../domain/time.js';
import { isoShanghai } from './local-time.js';
import type { DemoOrder } from './model.js';
import { parcelOfLine } from './channels/shape-helpers.js';
import { SCREENSHOT_BASE64 } from './png.js';

/** GenericRecord is one record of the generic JSON format (docs/generic-format.md). */
export type GenericRecord = Record<string, unknown>;

/**
 * orderEvents lists the generic records that tell an order's life up to the
 * business's `end`: the WMS stage changes (or the supplier's, for drop-ship),
 * the carrier track from Kuaidi100, the ERP's stock movements for it, system
 * notes and customer contacts. Ids are derived from the order and the step, so
 * the same options always give the same ids.
 */
export function orderEvents(order: DemoOrder, end: Instant): GenericRecord[] {
  const out: GenericRecord[] = [];
  const t = order.timeline;
  if (!t) return out;
  const key = `${order.channel}-${order.channelOrderId}`;
  const wms = order.warehouse !== undefined;
  const stage = (name: string, at: Instant | undefined, source: string, extra: GenericRecord = {}): void => {
    if (at === undefined || at > end) return;
    out.push({ type: 'stage', id: `${source}-${key}-${name}`, source, orderId: order.orderId, stage: name, at: isoShanghai(at), ...extra });
  };
  const where = wms ? { warehouse: order.warehouse } : {};
  const wave = t.batch ? { batch: t.batch } : {};
  stage('reviewed', t.reviewedAt, wms ? 'wms' : 'erp', where);
  stage('label_printed', t.labelPrintedAt, 'wms', { ...where, ...wave });
  stage('picked', t.pickedAt, 'wms', { ...where, ...wave, ...(t.operator ? { operator: t.operator } : {}) });
  stage('shipped', t.parcels[0]?.shippedAt, wms ? 'wms' : 'supplier', { ...where, ...wave });

  for (const parcel of t.parcels) {
    if (parcel.shippedAt > end) continue;
    parcel.track.forEach((point, n) => {
      if (point.at > end) return;
      out.push({
        type: 'logistics', id: `kd-${parcel.trackingNo}-${n + 1}`, source: 'kuaidi100', orderId: order.orderId,
        trackingNo: parcel.trackingNo, carrier: parcel.carrier.code, state: point.state, detail: point.detail, at: isoShanghai(point.at),
      });
    });
  }

  if (order.warehouse) {
    order.lines.forEach((line, i) => {
      const move = (reason: string, delta: number, at: Instant | undefined): void => {
        if (at === undefined || at > end) return;
        out.push({
          type: 'inventory_change', id: `erp-mv-${key}-${line.lineId}-${reason}`, source: 'erp', sku: line.sku.code,
          warehouse: order.warehouse, delta, reason, orderId: order.orderId, at: isoShanghai(at),
        });
      };
      move('reserve', -line.quantity, order.paidAt);
      move('outbound', -line.quantity, t.parcels[parcelOfLine(order, i)]?.shippedAt);
      move('release', line.quantity, t.cancelledAt);
    });
  }

  [...t.notes, ...order.notes].forEach((note, n) => {
    if (note.at > end) return;
    out.push({ type: 'note', id: `note-${key}-${n + 1}`, source: note.source, orderId: order.orderId, text: note.text, at: isoShanghai(note.at), author: note.author });
  });

  order.contacts.forEach((contact, n) => {
    if (contact.at > end) return;
    out.push({
      type: 'contact', id: `crm-${key}-${n + 1}`, source: 'crm', orderId: order.orderId, channel: contact.channel,
      direction: 'inbound', text: contact.text, at: isoShanghai(contact.at),
      ...(contact.screenshot
        ? { attachments: [{ filename: `chat-${order.channelOrderId}.png`, contentType: 'image/png', base64: SCREENSHOT_BASE64 }] }
        : {}),
    });
  });
  return out;
}
