import type { Bilingual } from './i18n';

/** Incident is an incident as the API sends it (times are ISO strings). */
export interface Incident {
  readonly id: string;
  readonly groupKey: string;
  readonly scope: string;
  readonly title: Bilingual;
  readonly state: string;
  readonly level: number;
  readonly grade: string;
  readonly ownerRole: string;
  readonly assignee?: string;
  readonly rule?: string;
  readonly playbook?: string;
  readonly openedAt: string;
  readonly responseDeadline?: string;
  readonly resolutionTarget?: string;
  readonly acknowledgedAt?: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly escalations: number;
  readonly pause?: { by: string; reason: string; at: string; until?: string };
  readonly rootCause?: { class: string; subCause: string; note?: string };
  readonly checklist: Array<{ id: string; kind?: string; label: Bilingual; template?: string; done: boolean; doneBy?: string; doneAt?: string; note?: string }>;
  readonly compensations: Array<{ id: string; orderId?: string; kind: string; amountFen: number; requestedBy: string; requestedAt: string; state: string; approverRole?: string; decidedBy?: string }>;
  readonly ratings: Array<{ by: string; at: string; score: number; comment?: string }>;
  readonly suggestResolve: boolean;
  readonly activeMembers: number;
  readonly orderIds: string[];
  readonly codes: string[];
  readonly updatedAt: string;
}

/** ACTIVE_STATES are the states automation and the queue care about. */
export const ACTIVE_STATES = ['open', 'acknowledged', 'in_progress'];

/** channelsOf are the sales channels of the orders an incident covers (order ids start with the channel). */
export function channelsOf(incident: Pick<Incident, 'orderIds'>): string[] {
  return [...new Set(incident.orderIds.map((id) => id.split(':')[0] ?? ''))];
}

/** waitsForResponse tells whether the response deadline still runs (not yet acknowledged). */
export function waitsForResponse(incident: Pick<Incident, 'state' | 'acknowledgedAt'>): boolean {
  return incident.state === 'open' && !incident.acknowledgedAt;
}
