import type { Attachment } from '../../domain/event.js';
import type { Exemption } from '../../domain/finding.js';
import type { Incident, IncidentLogEntry, IncidentMember } from '../../domain/incident.js';
import type { OrderId, StoredOrder } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import type { StoredFinding } from '../../store/detection-store.js';
import { summaryOf as storeSummaryOf } from '../../store/order-reader.js';
import type { Order360, OrderSummary, Store } from '../../store/store.js';
import { messageRecords, notifiedOf, type MessageRecord, type Notified } from '../delivery-record.js';
import { documentNumber, ownerOf } from '../document-number.js';
import { LABELS } from '../labels.js';
import { peopleOf, type People } from '../people.js';
import { caseOf, type OrderCase } from './order-case.js';
import { stockQueryOf, stockWindowOf, type StockWindow } from './stock-window.js';

/** MAX_FOCUS_ORDERS: an incident's report details its most telling orders; the rest are in its order table (and the appendix). */
export const MAX_FOCUS_ORDERS = 3;
/** MAX_ROSTER_ORDERS bounds the order table of an incident (a stock-out may cover thousands; the console exports them all). */
export const MAX_ROSTER_ORDERS = 300;
/** MAX_APPENDIX_ORDERS bounds the orders the appendix details. */
export const MAX_APPENDIX_ORDERS = 50;

/** ScreenshotFile is an attachment of a contact with its bytes. */
export interface ScreenshotFile {
  readonly meta: Attachment;
  readonly bytes: Uint8Array;
}

/** OrderEvidence is everything the report says about one order. */
export interface OrderEvidence {
  readonly view: Order360;
  readonly findings: readonly StoredFinding[];
  readonly exemptions: readonly Exemption[];
  /** The contacts' attachments by attachment id (missing ones are simply absent). */
  readonly files: ReadonlyMap<string, ScreenshotFile>;
  /** Its stock readings and own movements around its life. */
  readonly stock: StockWindow;
  /** What the evidence says, in words. */
  readonly case: OrderCase;
}

/** RosterRow is one line of an incident's order table. */
export interface RosterRow {
  readonly order: OrderSummary;
  readonly case: OrderCase;
}

/** IncidentEvidence is one incident with what was done about it: members, audit trail, messages and who was really told. */
export interface IncidentEvidence {
  readonly incident: Incident;
  readonly members: readonly IncidentMember[];
  /** Distinct orders it covers (from its members, not the capped `orderIds` sample). */
  readonly orderCount: number;
  readonly log: readonly IncidentLogEntry[];
  readonly messages: readonly MessageRecord[];
  readonly notified: Notified;
}

/** EvidenceOptions: the appendix (every order in full, stock movements) is off by default for an incident, on for one order. */
export interface EvidenceOptions {
  readonly appendix?: boolean;
}

/** EvidenceData is the evidence chain of an order, or of an incident and its orders. */
export interface EvidenceData {
  readonly target: { readonly kind: 'order' | 'incident'; readonly id: string };
  readonly generatedAt: Instant;
  /** Who asked, by display name. */
  readonly generatedBy?: string;
  readonly documentNo: string;
  /** Whose orders (shops), for the running header. */
  readonly owner?: string;
  readonly people: People;
  /** For an incident: it. For an order: every incident that covered it. */
  readonly incidents: readonly IncidentEvidence[];
  /** The orders detailed in the body: the order itself, or an incident's most telling few. */
  readonly focus: readonly OrderEvidence[];
  /** An incident's order table, every listed order with its case. */
  readonly roster: readonly RosterRow[];
  /** With the appendix on: the stock movements of the focus orders, and for an incident its other orders in full. */
  readonly appendix: readonly OrderEvidence[];
  readonly appendixOn: boolean;
  readonly totalOrders: number;
}

/** EvidenceTarget is what a user asked for, resolved: an incident, an order, or why not. */
export type EvidenceTarget =
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'order'; readonly id: OrderId }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly OrderSummary[] };

/**
 * resolveEvidenceTarget reads what a person typed: an incident id, an order
 * id (`taobao:123…`), or anything the search box takes (the platform's order
 * number alone, a tracking number …) when it names exactly one order.
 */
export async function resolveEvidenceTarget(store: Store, text: string): Promise<EvidenceTarget> {
  const id = text.trim();
  if (id === '') return { kind: 'not_found' };
  if (await store.response.getIncident(id)) return { kind: 'incident', id };
  if (await store.getOrder(id)) return { kind: 'order', id };
  const found = await store.lookup(id, 5);
  if (found.length === 1) return { kind: 'order', id: found[0]!.id };
  return found.length === 0 ? { kind: 'not_found' } : { kind: 'ambiguous', candidates: found };
}

/** shopName names an order's shop for people: a bare shop id becomes "京东店铺 10086721". */
export function shopName(order: { readonly channel: string; readonly shop?: string }): string {
  if (!order.shop) return LABELS.channel(order.channel);
  return /^\d+$/.test(order.shop) ? `${LABELS.channel(order.channel)}店铺 ${order.shop}` : order.shop;
}

/** summaryOf is the store's summary of an order without the receiver's name and phone: a report row never shows them. */
function summaryOf(order: StoredOrder): OrderSummary {
  const { receiverName: _name, phone: _phone, ...row } = storeSummaryOf(order);
  return row;
}

async function orderEvidence(store: Store, view: Order360, findings: readonly StoredFinding[], now: Instant, codes: readonly string[] | undefined): Promise<OrderEvidence> {
  const id = view.order.id;
  const exemptions = await store.detection.exemptions(id);
  const files = new Map<string, ScreenshotFile>();
  for (const contact of view.contacts) {
    for (const a of contact.attachments) {
      const file = await store.getAttachment(a.id);
      if (file) files.set(a.id, file);
    }
  }
  const query = stockQueryOf(view.order, view.timeline, now);
  const stock = stockWindowOf(view.order, query, await store.reports.stockMovements(query));
  return { view, findings, exemptions, files, stock, case: caseOf(view.order, findings, view.timeline, stock, now, codes) };
}

async function incidentEvidence(store: Store, incident: Incident): Promise<IncidentEvidence> {
  const [members, log, outbox] = await Promise.all([store.response.incidentMembers(incident.id), store.response.incidentLog(incident.id), store.response.outbox({ incidentId: incident.id, limit: 1000 })]);
  const digests = await store.reports.deliveries(outbox.filter((e) => e.state === 'merged' && e.mergedInto !== undefined).map((e) => e.mergedInto!));
  const messages = messageRecords(outbox, digests);
  return { incident, members, orderCount: new Set(members.map((m) => m.orderId)).size, log, messages, notified: notifiedOf(messages) };
}

/** byTelling orders cases most telling first: the worst problem, then complaints, then how far overdue. */
function byTelling(a: OrderCase, b: OrderCase): number {
  return a.rank - b.rank || b.complaints + b.contactsIn - (a.complaints + a.contactsIn) || (b.overdueMs ?? 0) - (a.overdueMs ?? 0);
}

/**
 * collectEvidence gathers an evidence report's facts from the store: for an
 * order, its 360 view, findings, exemptions, screenshots, stock window and
 * every incident that covered it; for an incident, its trail, who was
 * really told, a case line for each of its orders (up to
 * MAX_ROSTER_ORDERS) and the full evidence of its most telling few.
 * Undefined when the target does not exist.
 */
export async function collectEvidence(
  store: Store,
  target: { readonly kind: 'order' | 'incident'; readonly id: string },
  stamp: { readonly now: Instant; readonly by?: string },
  options: EvidenceOptions = {},
): Promise<EvidenceData | undefined> {
  const now = stamp.now;
  const people = peopleOf(await store.listUsers());
  const appendixOn = options.appendix ?? target.kind === 'order';
  const base = {
    target,
    generatedAt: now,
    ...(stamp.by !== undefined ? { generatedBy: people.name(stamp.by) } : {}),
    documentNo: documentNumber('EV', target.id, now),
    people,
    appendixOn,
  };
  if (target.kind === 'order') {
    const view = await store.getOrder360(target.id);
    if (!view) return undefined;
    const findings = await store.detection.findings({ orderId: target.id, limit: 500 });
    const order = await orderEvidence(store, view, findings, now, undefined);
    const incidents = await store.response.incidentsOfOrder(target.id);
    const owner = ownerOf([shopName(view.order)]);
    return { ...base, ...(owner ? { owner } : {}), incidents: await Promise.all(incidents.map((i) => incidentEvidence(store, i))), focus: [order], roster: [], appendix: [], totalOrders: 1 };
  }
  const incident = await store.response.getIncident(target.id);
  if (!incident) return undefined;
  const evidence = await incidentEvidence(store, incident);
  const codesOf = new Map<OrderId, string[]>();
  for (const m of evidence.members) codesOf.set(m.orderId, [...(codesOf.get(m.orderId) ?? []), m.code]);
  const listed: Array<{ view: Order360; findings: StoredFinding[]; row: RosterRow }> = [];
  for (const id of [...codesOf.keys()].slice(0, MAX_ROSTER_ORDERS)) {
    const view = await store.getOrder360(id);
    if (!view) continue;
    const findings = await store.detection.findings({ orderId: id, limit: 200 });
    listed.push({ view, findings, row: { order: summaryOf(view.order), case: caseOf(view.order, findings, view.timeline, undefined, now, codesOf.get(id)) } });
  }
  const ranked = [...listed].sort((a, b) => byTelling(a.row.case, b.row.case));
  const focus: OrderEvidence[] = [];
  for (const x of ranked.slice(0, MAX_FOCUS_ORDERS)) focus.push(await orderEvidence(store, x.view, x.findings, now, codesOf.get(x.view.order.id)));
  const appendix: OrderEvidence[] = [];
  if (appendixOn) for (const x of ranked.slice(MAX_FOCUS_ORDERS, MAX_APPENDIX_ORDERS)) appendix.push(await orderEvidence(store, x.view, x.findings, now, codesOf.get(x.view.order.id)));
  const owner = ownerOf(listed.map((x) => shopName(x.view.order)));
  return { ...base, ...(owner ? { owner } : {}), incidents: [evidence], focus, roster: listed.map((x) => x.row), appendix, totalOrders: evidence.orderCount };
}
