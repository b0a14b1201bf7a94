import type { Attachment } from '../../domain/event.js';
import type { Exemption } from '../../domain/finding.js';
import type { Incident, IncidentLogEntry, IncidentMember, OutboxEntry } from '../../domain/incident.js';
import type { OrderId } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import type { StoredFinding } from '../../store/detection-store.js';
import type { Order360, OrderSummary, Store } from '../../store/store.js';
import { reportSummaryOf } from '../order-summary.js';

/** MAX_DETAILED_ORDERS: an incident's first orders get the full evidence; the rest are listed (a stock-out may cover thousands). */
export const MAX_DETAILED_ORDERS = 10;
/** MAX_LISTED_ORDERS bounds the list of an incident's other orders. */
export const MAX_LISTED_ORDERS = 300;

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
}

/** IncidentEvidence is one incident with what was done about it: members, audit trail, messages. */
export interface IncidentEvidence {
  readonly incident: Incident;
  readonly members: readonly IncidentMember[];
  readonly log: readonly IncidentLogEntry[];
  readonly messages: ReadonlyArray<Pick<OutboxEntry, 'id' | 'receiver' | 'kind' | 'state' | 'createdAt' | 'sentAt' | 'lastError'> & { readonly title: string }>;
}

/** EvidenceData is the evidence chain of an order, or of an incident and its orders. */
export interface EvidenceData {
  readonly target: { readonly kind: 'order' | 'incident'; readonly id: string };
  readonly generatedAt: Instant;
  readonly generatedBy?: string;
  readonly incidents: readonly IncidentEvidence[];
  readonly orders: readonly OrderEvidence[];
  /** An incident's orders beyond the detailed ones: listed only. */
  readonly otherOrders: readonly OrderSummary[];
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

async function orderEvidence(store: Store, id: OrderId): Promise<OrderEvidence | undefined> {
  const view = await store.getOrder360(id);
  if (!view) return undefined;
  const [findings, exemptions] = await Promise.all([store.detection.findings({ orderId: id, limit: 500 }), store.detection.exemptions(id)]);
  const files = new Map<string, ScreenshotFile>();
  for (const contact of view.contacts) {
    for (const a of contact.attachments) {
      const file = await store.getAttachment(a.id);
      if (file) files.set(a.id, file);
    }
  }
  return { view, findings, exemptions, files };
}

async function incidentEvidence(store: Store, incident: Incident): Promise<IncidentEvidence> {
  const [members, log, outbox] = await Promise.all([
    store.response.incidentMembers(incident.id),
    store.response.incidentLog(incident.id),
    store.response.outbox({ incidentId: incident.id, limit: 500 }),
  ]);
  return {
    incident,
    members,
    log,
    messages: outbox.map((e) => ({
      id: e.id,
      receiver: e.receiver,
      kind: e.kind,
      state: e.state,
      createdAt: e.createdAt,
      ...(e.sentAt !== undefined ? { sentAt: e.sentAt } : {}),
      ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
      title: typeof e.message.title === 'string' ? e.message.title : '',
    })),
  };
}

/**
 * collectEvidence gathers an evidence report's facts from the store: for an
 * order, its 360 view, findings, exemptions, screenshots and every incident
 * that covered it; for an incident, its trail and the evidence of its first
 * orders (the rest listed). Undefined when the target does not exist.
 */
export async function collectEvidence(
  store: Store,
  target: { readonly kind: 'order' | 'incident'; readonly id: string },
  stamp: { readonly now: Instant; readonly by?: string },
): Promise<EvidenceData | undefined> {
  const base = { target, generatedAt: stamp.now, ...(stamp.by !== undefined ? { generatedBy: stamp.by } : {}) };
  if (target.kind === 'order') {
    const order = await orderEvidence(store, target.id);
    if (!order) return undefined;
    const incidents = await store.response.incidentsOfOrder(target.id);
    return { ...base, incidents: await Promise.all(incidents.map((i) => incidentEvidence(store, i))), orders: [order], otherOrders: [], totalOrders: 1 };
  }
  const incident = await store.response.getIncident(target.id);
  if (!incident) return undefined;
  const evidence = await incidentEvidence(store, incident);
  const orderIds = [...new Set(evidence.members.map((m) => m.orderId))];
  const orders: OrderEvidence[] = [];
  for (const id of orderIds.slice(0, MAX_DETAILED_ORDERS)) {
    const e = await orderEvidence(store, id);
    if (e) orders.push(e);
  }
  const otherOrders: OrderSummary[] = [];
  for (const id of orderIds.slice(MAX_DETAILED_ORDERS, MAX_DETAILED_ORDERS + MAX_LISTED_ORDERS)) {
    const o = await store.getOrder(id);
    if (o) {
      otherOrders.push(reportSummaryOf(o));
    }
  }
  return { ...base, incidents: [evidence], orders, otherOrders, totalOrders: orderIds.length };
}
