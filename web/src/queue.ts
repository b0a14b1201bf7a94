import { api, ApiError, query } from './api';
import type { Bilingual } from './i18n';
import type { Incident } from './incident';

/** QueueTab is a tab of the triage queue. */
export type QueueTab = 'open' | 'breached' | 'mine' | 'A' | 'B' | 'all';

/** QUEUE_TABS in the order the queue shows them. */
export const QUEUE_TABS: readonly QueueTab[] = ['open', 'breached', 'mine', 'A', 'B', 'all'];

/** QueueSort is the order of the queue; `default` is breached first, then grade A→D, then the soonest deadline. */
export type QueueSort = 'default' | 'deadline' | 'opened' | 'grade';

/** QueueRow is one incident as the queue shows it (the lean summary of GET /incidents). */
export interface QueueRow {
  readonly id: string;
  readonly title: Bilingual;
  readonly state: string;
  readonly grade: string;
  readonly level: number;
  readonly owners: string[];
  readonly assignee?: string;
  readonly deadlineAt?: string;
  readonly breached: boolean;
  readonly orderCount: number;
  readonly openedAt: string;
  readonly acknowledgedAt?: string;
  readonly pause?: { by: string; reason: string };
  readonly allowedActions?: string[];
}

/** QueuePage is one page of the queue with the tab counts (absent where the server does not count them). */
export interface QueuePage {
  readonly total: number;
  readonly now?: string;
  readonly rows: QueueRow[];
  readonly tabs?: Partial<Record<QueueTab, number>>;
  /** legacy: the server predates tabs/search/sort (the queue hides those controls). */
  readonly legacy: boolean;
}

/** QueueQuery is what the queue asks for. */
export interface QueueQuery {
  readonly tab: QueueTab;
  readonly q?: string;
  readonly grade?: string[];
  readonly level?: string[];
  /** Owner roles. */
  readonly owner?: string[];
  readonly state?: string[];
  readonly sort: QueueSort;
  readonly limit: number;
  readonly offset: number;
  /** The signed-in user, for the 我的 tab on an older server. */
  readonly me: string;
}

type Summary = Partial<Incident> & { id: string; title: Bilingual; owners?: string[]; deadlineAt?: string; breached?: boolean; orderCount?: number; allowedActions?: string[] };

/** toRow reads either the lean summary (deadlineAt, owners, orderCount) or the full incident an older server sends. */
export function toRow(i: Summary, now: number): QueueRow {
  const deadlineAt = i.deadlineAt ?? i.responseDeadline;
  const waits = i.state === 'open' && !i.acknowledgedAt;
  return {
    id: i.id,
    title: i.title,
    state: i.state ?? 'open',
    grade: i.grade ?? 'C',
    level: i.level ?? 1,
    owners: i.owners ?? (i.ownerRole ? [i.ownerRole] : []),
    ...(i.assignee ? { assignee: i.assignee } : {}),
    ...(deadlineAt ? { deadlineAt } : {}),
    breached: i.breached ?? (waits && deadlineAt !== undefined && Date.parse(deadlineAt) < now),
    orderCount: i.orderCount ?? i.orderIds?.length ?? 0,
    openedAt: i.openedAt ?? '',
    ...(i.acknowledgedAt ? { acknowledgedAt: i.acknowledgedAt } : {}),
    ...(i.pause ? { pause: i.pause } : {}),
    ...(i.allowedActions ? { allowedActions: i.allowedActions } : {}),
  };
}

let legacyServer = false;

function legacyParams(q: QueueQuery, tab: QueueTab = q.tab): Record<string, string | number | string[] | undefined> {
  const state = tab === 'open' ? ['open'] : tab === 'all' ? q.state : (q.state ?? ['open', 'acknowledged', 'in_progress']);
  return {
    state,
    grade: tab === 'A' ? ['A'] : tab === 'B' ? ['B'] : q.grade,
    level: q.level,
    ownerRole: q.owner,
    assignee: tab === 'mine' ? q.me : undefined,
    limit: q.limit,
    offset: q.offset,
  };
}

/**
 * loadQueue reads one page of the queue from the server (paging, sort,
 * tabs and search are the server's). An older server without tabs answers
 * 400 to the new parameters: the queue then asks it the old way and counts
 * the tabs it can with one-row requests.
 */
export async function loadQueue(q: QueueQuery, signal?: AbortSignal): Promise<QueuePage> {
  if (!legacyServer) {
    try {
      const r = await api<{ total: number; now?: string; items?: Summary[]; incidents?: Summary[]; tabs?: Partial<Record<QueueTab, number>> }>(
        `/incidents${query({ tab: q.tab, q: q.q, grade: q.grade, level: q.level, ownerRole: q.owner, state: q.state, sort: q.sort, limit: q.limit, offset: q.offset })}`,
        signal ? { signal } : {},
      );
      const now = r.now ? Date.parse(r.now) : Date.now();
      return { total: r.total, ...(r.now ? { now: r.now } : {}), rows: (r.items ?? r.incidents ?? []).map((i) => toRow(i, now)), ...(r.tabs ? { tabs: r.tabs } : {}), legacy: false };
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 400) throw e;
      legacyServer = true;
    }
  }
  const r = await api<{ total: number; now: string; incidents: Summary[] }>(`/incidents${query(legacyParams(q))}`, signal ? { signal } : {});
  const counts = await Promise.all(
    (['open', 'mine', 'A', 'B', 'all'] as const).map(async (tab) => {
      const c = await api<{ total: number }>(`/incidents${query({ ...legacyParams({ ...q, limit: 1, offset: 0 }, tab), limit: 1, offset: 0 })}`, signal ? { signal } : {});
      return [tab, c.total] as const;
    }),
  );
  const now = Date.parse(r.now);
  return { total: r.total, now: r.now, rows: r.incidents.map((i) => toRow(i, now)), tabs: Object.fromEntries(counts), legacy: true };
}

/** BulkAction is what the queue does to several incidents at once. */
export type BulkAction = { type: 'acknowledge' } | { type: 'assign'; assignee: string } | { type: 'close'; rootCause: { class: string; subCause: string; note?: string } };

/** BulkResult is one incident's outcome of a bulk action, with the reason in words when it failed. */
export interface BulkResult {
  readonly id: string;
  readonly ok: boolean;
  readonly reason?: string | Bilingual;
}

/** bulkAct applies one action to several incidents; each succeeds or fails on its own. */
export async function bulkAct(ids: string[], action: BulkAction): Promise<BulkResult[]> {
  type Answer = { results: Array<{ id: string; ok: boolean; error?: string; reason?: string | Bilingual; message?: string | Bilingual }> };
  const { type, ...rest } = action;
  let r: Answer;
  try {
    r = await api<Answer>('/incidents/bulk-actions', { body: { ids, action: type, ...rest } });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    r = await api<Answer>('/incidents/bulk-actions', { body: { ids, action } });
  }
  return r.results.map((x) => ({ id: x.id, ok: x.ok, ...(x.ok ? {} : { reason: x.reason ?? x.message ?? x.error ?? '' }) }));
}

/** Assignable is a person the queue may assign incidents to. */
export interface Assignable {
  readonly name: string;
  readonly displayName?: string;
  readonly role: string;
}

let assignableCache: Promise<Assignable[] | undefined> | undefined;

/** assignable lists the real, active users (GET /users/assignable); undefined where the server has no such list (the picker is hidden). */
export function assignable(): Promise<Assignable[] | undefined> {
  assignableCache ??= api<{ users?: Assignable[] } | Assignable[]>('/users/assignable')
    .then((r) => (Array.isArray(r) ? r : (r.users ?? [])))
    .catch(() => {
      assignableCache = undefined;
      return undefined;
    });
  return assignableCache;
}
