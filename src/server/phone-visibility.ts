import type { OrderEvent } from '../domain/event.js';
import type { StoredOrder } from '../domain/order.js';
import { maskPhone, maskPhonesInText } from '../domain/phone.js';
import { seesFullPhone, type Role } from '../domain/role.js';
import type { Order360, OrderSummary } from '../store/store.js';

function maskOrder(order: StoredOrder): StoredOrder {
  const phone = order.receiver.phone;
  if (!phone) return order;
  const masked = maskPhone(phone.raw);
  return {
    ...order,
    receiver: { ...order.receiver, phone: { kind: phone.kind, raw: masked, ...(phone.last4 ? { last4: phone.last4 } : {}), ...(phone.prefix3 ? { prefix3: phone.prefix3 } : {}) } },
    ...(order.buyerNote !== undefined ? { buyerNote: maskPhonesInText(order.buyerNote) } : {}),
    ...(order.sellerNote !== undefined ? { sellerNote: maskPhonesInText(order.sellerNote) } : {}),
  };
}

function maskEvent(event: OrderEvent): OrderEvent {
  if (event.kind === 'contact' || event.kind === 'note') return { ...event, text: maskPhonesInText(event.text) };
  return event;
}

/** orderSummaryFor shows a search result row as the role may see it: phones masked for roles that need none. */
export function orderSummaryFor(summary: OrderSummary, role: Role): OrderSummary {
  if (seesFullPhone(role) || summary.phone === undefined) return summary;
  return { ...summary, phone: maskPhone(summary.phone) };
}

/** order360For shows the order 360 as the role may see it. */
export function order360For(view: Order360, role: Role): Order360 {
  if (seesFullPhone(role)) return view;
  const timeline = view.timeline.map(maskEvent);
  return {
    ...view,
    order: maskOrder(view.order),
    timeline,
    contacts: view.contacts.map((c) => maskEvent(c) as typeof c),
  };
}
