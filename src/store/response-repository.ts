import { channelOfOrder, deadlineOf, INCIDENT_ORDER_SAMPLE, isActiveState, normaliseIncident, ownersOf, type Incident, type IncidentLogEntry, type IncidentMember, type Pause } from '../domain/incident.js';
import type { FindingCode } from '../domain/finding.js';
import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver, SqlValue } from './sql/driver.js';
import { Where } from './sql/where.js';
import { OUTBOX_COLUMNS, OutboxRepository, outboxRow } from './outbox-repository.js';
import { clockMarks, type ClockMarks } from './incident-timings.js';
import { QUEUE_TABS, type IncidentChange, type IncidentFilter, type MemberRef, type MembershipChange, type MembershipDelta, type QueueSort, type QueueTab, type ResponseStore, type WaitingFinding } from './response-store.js';

interface IncidentRow {
  doc: string;
}

function incidentRow(i: Incident): SqlValue[] {
  return [
    i.id,
    i.groupKey,
    isActiveState(i.state) ? i.groupKey : null,
    i.state,
    i.level,
    i.grade,
    i.ownerRole,
    i.assignee ?? null,
    i.openedAt,
    i.responseDeadline ?? null,
    i.nextActionAt ?? null,
    i.updatedAt,
    JSON.stringify(i),
    `,${ownersOf(i).join(',')},`,
    deadlineOf(i) ?? null,
    [i.id, i.groupKey, i.title.zh, i.title.en, i.assignee ?? ''].join(' ').toLowerCase(),
    i.resolutionTarget ?? null,
  ];
}

const INCIDENT_COLUMNS = ['id', 'group_key', 'active_key', 'state', 'level', 'grade', 'owner_role', 'assignee', 'opened_at', 'response_deadline', 'next_action_at', 'updated_at', 'doc', 'owners', 'deadline_at', 'search_text', 'resolution_target'];

function memberOf(r: { incident_id: string; order_id: string; code: string; fkey: string; added_at: number | string; removed_at: number | string | null }): IncidentMember {
  return {
    incidentId: r.incident_id,
    orderId: r.order_id,
    code: r.code as FindingCode,
    key: r.fkey,
    addedAt: Number(r.added_at),
    ...(r.removed_at !== null ? { removedAt: Number(r.removed_at) } : {}),
  };
}

interface WaitRow {
  group_key: string;
  order_id: string;
  code: string;
  fkey: string;
  scope: string;
  rank: number | string;
  added_at: number | string;
}

function waitingOf(r: WaitRow): WaitingFinding {
  return { groupKey: r.group_key, scope: r.scope, rank: Number(r.rank), orderId: r.order_id, code: r.code, key: r.fkey, addedAt: Number(r.added_at) };
}

/** likeEscaped makes user text literal inside a LIKE pattern (ESCAPE '\\'). */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * queueOrder is the queue's ORDER BY: `default` (the console's) breached first, then the
 * active ones, then grade A → D, then the deadline soonest (none last);
 * `deadline` soonest first; `opened` newest first (when none is given);
 * `grade` A first.
 */
function queueOrder(sort: QueueSort | undefined, now: Instant): { sql: string; values: SqlValue[] } {
  const deadline = 'CASE WHEN deadline_at IS NULL THEN 1 ELSE 0 END, deadline_at';
  switch (sort ?? 'opened') {
    case 'deadline':
      return { sql: `${deadline}, opened_at DESC, id`, values: [] };
    case 'opened':
      return { sql: 'opened_at DESC, id', values: [] };
    case 'grade':
      return { sql: `grade, ${deadline}, opened_at DESC, id`, values: [] };
    default:
      return {
        sql: `CASE WHEN active_key IS NOT NULL AND deadline_at < ? THEN 0 ELSE 1 END, CASE WHEN active_key IS NOT NULL THEN 0 ELSE 1 END, grade, ${deadline}, opened_at DESC, id`,
        values: [now],
      };
  }
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/**
 * ResponseRepository is the SQL implementation of ResponseStore. Incidents
 * are a JSON document plus the columns queues filter and sort on; the
 * `active_key` column (the group key while active, NULL after) is unique,
 * which is what stops two instances from opening the same incident twice.
 */
export class ResponseRepository extends OutboxRepository implements ResponseStore {
  constructor(db: SqlDriver) {
    super(db);
  }

  private forUpdate(tx: SqlDriver, skipLocked = false): string {
    if (tx.dialect !== 'postgres') return '';
    return skipLocked ? ' FOR UPDATE SKIP LOCKED' : ' FOR UPDATE';
  }

  private async write(tx: SqlDriver, change: IncidentChange): Promise<void> {
    const i = change.incident;
    if (change.addMembers?.length) {
      await tx.insertMany(
        'incident_members',
        ['incident_id', 'order_id', 'code', 'fkey', 'added_at', 'removed_at'],
        change.addMembers.map((m) => [i.id, m.orderId, m.code, m.key, m.addedAt, null]),
        'ON CONFLICT (incident_id, order_id, code, fkey) DO UPDATE SET removed_at = NULL',
      );
    }
    for (const m of change.removeMembers ?? []) {
      await tx.run('UPDATE incident_members SET removed_at = ? WHERE incident_id = ? AND order_id = ? AND code = ? AND fkey = ? AND removed_at IS NULL', [m.at, i.id, m.orderId, m.code, m.key]);
    }
    if (change.log?.length) {
      await tx.insertMany(
        'incident_log',
        ['incident_id', 'at', 'actor', 'action', 'from_state', 'to_state', 'reason', 'detail'],
        change.log.map((l) => [l.incidentId, l.at, l.actor, l.action, l.fromState ?? null, l.toState ?? null, l.reason ?? null, l.detail ? JSON.stringify(l.detail) : null]),
      );
      await this.markClock(tx, i.id, clockMarks(change.log));
    }
    if (change.outbox?.length) await tx.insertMany('outbox', OUTBOX_COLUMNS, change.outbox.map(outboxRow), 'ON CONFLICT (id) DO NOTHING');
  }

  /** markClock keeps the incident's response-clock columns (migration 15) true to the log just appended. */
  private async markClock(tx: SqlDriver, id: string, marks: ClockMarks): Promise<void> {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    if (marks.acknowledgedAt !== undefined) {
      sets.push('acknowledged_at = CASE WHEN acknowledged_at IS NULL OR acknowledged_at > ? THEN ? ELSE acknowledged_at END');
      values.push(marks.acknowledgedAt, marks.acknowledgedAt);
    }
    if (marks.resolvedAt !== undefined) {
      sets.push('resolved_at = CASE WHEN resolved_at IS NULL OR resolved_at > ? THEN ? ELSE resolved_at END');
      values.push(marks.resolvedAt, marks.resolvedAt);
    }
    if (marks.lastClose) {
      // The latest close appended is the incident's latest: the log is only ever appended to.
      sets.push('last_closed_at = ?', 'close_root_cause = ?');
      values.push(marks.lastClose.at, marks.lastClose.rootCause ? JSON.stringify(marks.lastClose.rootCause) : null);
    }
    if (sets.length > 0) await tx.run(`UPDATE incidents SET ${sets.join(', ')} WHERE id = ?`, [...values, id]);
  }

  async openIncident(change: IncidentChange): Promise<{ opened: boolean; id: string }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.run(`INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}) VALUES (${marks(INCIDENT_COLUMNS.length)}) ON CONFLICT DO NOTHING`, incidentRow(change.incident));
      if (inserted === 0) {
        const existing = await tx.all<{ id: string }>('SELECT id FROM incidents WHERE active_key = ? OR id = ?', [change.incident.groupKey, change.incident.id]);
        return { opened: false, id: existing[0]?.id ?? change.incident.id };
      }
      await this.write(tx, change);
      return { opened: true, id: change.incident.id };
    });
  }

  async changeIncident(
    id: string,
    decide: (current: Incident, orderIncidents: readonly Incident[]) => IncidentChange | undefined,
    options: { readonly orderOf?: (current: Incident) => OrderId | undefined } = {},
  ): Promise<Incident | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.locked(tx, id);
      if (!current) return undefined;
      const orderId = options.orderOf?.(current);
      const others = orderId === undefined ? [] : (await this.lockedOrderIncidents(tx, orderId)).filter((i) => i.id !== id);
      const change = decide(current, others);
      if (!change) return current;
      await this.update(tx, change);
      return change.incident;
    });
  }

  async changeMembers(id: string, change: MembershipChange, decide: (current: Incident, delta: MembershipDelta) => IncidentChange | undefined): Promise<Incident | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.locked(tx, id);
      if (!current) return undefined;
      const delta = await this.applyMembership(tx, current, change);
      const decided = decide(current, delta);
      if (!decided) return current;
      await this.update(tx, decided);
      return decided.incident;
    });
  }

  /**
   * lockedOrderIncidents reads every incident of an order under a lock per
   * order: on PostgreSQL a transaction advisory lock (two decisions on two
   * incidents of one order wait for each other; nothing else takes it), on
   * SQLite the write transaction itself (one writer at a time).
   */
  private async lockedOrderIncidents(tx: SqlDriver, orderId: OrderId): Promise<Incident[]> {
    if (tx.dialect === 'postgres') await tx.all(`SELECT pg_advisory_xact_lock(hashtext(?)) AS locked`, [`order-incidents:${orderId}`]);
    const rows = await tx.all<IncidentRow>('SELECT doc FROM incidents WHERE id IN (SELECT incident_id FROM incident_members WHERE order_id = ?)', [orderId]);
    return rows.map((r) => normaliseIncident(JSON.parse(r.doc) as Incident));
  }

  private async locked(tx: SqlDriver, id: string): Promise<Incident | undefined> {
    const rows = await tx.all<IncidentRow>(`SELECT doc FROM incidents WHERE id = ?${this.forUpdate(tx)}`, [id]);
    return rows[0] ? normaliseIncident(JSON.parse(rows[0].doc) as Incident) : undefined;
  }

  private async update(tx: SqlDriver, change: IncidentChange): Promise<void> {
    const values = incidentRow(change.incident);
    // Closing frees the group key: a new finding on it opens a new incident.
    await tx.run(`UPDATE incidents SET ${INCIDENT_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...values.slice(1), change.incident.id]);
    await this.write(tx, change);
  }

  /**
   * applyMembership adds and removes members one statement each (indexed on
   * the incident and order), and measures the result with counts over the
   * active-members index: nothing here reads every member.
   */
  private async applyMembership(tx: SqlDriver, current: Incident, change: MembershipChange): Promise<MembershipDelta> {
    const id = current.id;
    const activeOrder = async (orderId: string): Promise<boolean> =>
      (await tx.all('SELECT 1 AS x FROM incident_members WHERE incident_id = ? AND order_id = ? AND removed_at IS NULL LIMIT 1', [id, orderId])).length > 0;
    const added: MemberRef[] = [];
    const ordersAdded: string[] = [];
    for (const m of change.add ?? []) {
      const hadOrder = ordersAdded.includes(m.orderId) || (await activeOrder(m.orderId));
      const n = await tx.run(
        `INSERT INTO incident_members (incident_id, order_id, code, fkey, added_at, removed_at) VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT (incident_id, order_id, code, fkey) DO UPDATE SET removed_at = NULL, added_at = excluded.added_at WHERE incident_members.removed_at IS NOT NULL`,
        [id, m.orderId, m.code, m.key, change.at],
      );
      if (n === 0) continue;
      added.push(m);
      if (!hadOrder) ordersAdded.push(m.orderId);
    }
    const removed: MemberRef[] = [];
    const touchedOrders = new Set<string>();
    for (const m of change.remove ?? []) {
      const n = await tx.run('UPDATE incident_members SET removed_at = ? WHERE incident_id = ? AND order_id = ? AND code = ? AND fkey = ? AND removed_at IS NULL', [change.at, id, m.orderId, m.code, m.key]);
      if (n === 0) continue;
      removed.push(m);
      touchedOrders.add(m.orderId);
    }
    const ordersRemoved: string[] = [];
    for (const orderId of touchedOrders) if (!(await activeOrder(orderId))) ordersRemoved.push(orderId);
    const counts = (
      await tx.all<{ members: number | string; orders: number | string }>(
        'SELECT COUNT(*) AS members, COUNT(DISTINCT order_id) AS orders FROM incident_members WHERE incident_id = ? AND removed_at IS NULL',
        [id],
      )
    )[0];
    const orderCount = Number(counts?.orders ?? 0);
    let sample = current.orderIds.filter((o) => !ordersRemoved.includes(o));
    for (const o of ordersAdded) if (sample.length < INCIDENT_ORDER_SAMPLE && !sample.includes(o)) sample.push(o);
    if (sample.length < Math.min(INCIDENT_ORDER_SAMPLE, orderCount)) {
      sample = (await tx.all<{ order_id: string }>('SELECT DISTINCT order_id FROM incident_members WHERE incident_id = ? AND removed_at IS NULL ORDER BY order_id LIMIT ?', [id, INCIDENT_ORDER_SAMPLE])).map((r) => r.order_id);
    }
    let codes: FindingCode[];
    let channels: string[];
    if (removed.length === 0) {
      codes = [...new Set([...current.codes, ...added.map((m) => m.code as FindingCode)])];
      channels = [...new Set([...current.channels, ...ordersAdded.map(channelOfOrder)])];
    } else {
      // Something left: what remains is counted afresh (once per change, not per member).
      const rows = await tx.all<{ code: string; channel: string }>(
        `SELECT DISTINCT code, ${tx.dialect === 'postgres' ? "split_part(order_id, ':', 1)" : "substr(order_id, 1, instr(order_id, ':') - 1)"} AS channel FROM incident_members WHERE incident_id = ? AND removed_at IS NULL`,
        [id],
      );
      codes = [...new Set(rows.map((r) => r.code as FindingCode))];
      channels = [...new Set(rows.map((r) => r.channel))];
    }
    return { added, removed, ordersAdded, ordersRemoved, activeMembers: Number(counts?.members ?? 0), orderCount, orderSample: sample, codes, channels };
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const rows = await this.db.all<IncidentRow>('SELECT doc FROM incidents WHERE id = ?', [id]);
    return rows[0] ? normaliseIncident(JSON.parse(rows[0].doc) as Incident) : undefined;
  }

  async activeIncidentByKey(groupKey: string): Promise<Incident | undefined> {
    const rows = await this.db.all<IncidentRow>('SELECT doc FROM incidents WHERE active_key = ?', [groupKey]);
    return rows[0] ? normaliseIncident(JSON.parse(rows[0].doc) as Incident) : undefined;
  }

  async activeIncidentsByKeys(groupKeys: readonly string[]): Promise<Map<string, Incident>> {
    const out = new Map<string, Incident>();
    const keys = [...new Set(groupKeys)];
    for (let i = 0; i < keys.length; i += 500) {
      const part = keys.slice(i, i + 500);
      for (const r of await this.db.all<IncidentRow>(`SELECT doc FROM incidents WHERE active_key IN (${marks(part.length)})`, part)) {
        const incident = normaliseIncident(JSON.parse(r.doc) as Incident);
        out.set(incident.groupKey, incident);
      }
    }
    return out;
  }

  // The conditions every queue filter adds, tabs aside (a tab's count is counted under the same filters).
  private queueWhere(filter: IncidentFilter): Where {
    const where = new Where()
      .anyOf('state', filter.states)
      .anyOf('grade', filter.grades)
      .anyOf('level', filter.levels)
      .anyOf('owner_role', filter.ownerRoles)
      .when('assignee = ?', filter.assignee)
      .when('id IN (SELECT incident_id FROM incident_members WHERE order_id = ?)', filter.orderId)
      .when('opened_at >= ?', filter.openedFrom)
      .when('opened_at < ?', filter.openedTo);
    if (filter.channels && filter.channels.length > 0) {
      // Order ids start with their channel: `taobao:…`.
      where.add(
        `id IN (SELECT incident_id FROM incident_members WHERE ${filter.channels.map(() => 'order_id LIKE ?').join(' OR ')})`,
        ...filter.channels.map((c) => `${c.replace(/[%_]/g, '')}:%`),
      );
    }
    if (filter.owner !== undefined) where.add("(assignee = ? OR owners LIKE ? ESCAPE '\\')", filter.owner, `%,${likeEscaped(filter.owner)},%`);
    const q = filter.q?.trim();
    if (q) {
      // Text in the title (both languages), group key, assignee or order sample; or an order it covers, by its full id
      // or its number on any channel (the index on members answers, not a scan).
      const orderIds = q.includes(':') ? [q] : (filter.searchChannels ?? []).map((c) => `${c}:${q}`);
      where.add(
        `(id = ? OR search_text LIKE ? ESCAPE '\\' OR (search_text IS NULL AND doc LIKE ? ESCAPE '\\')${orderIds.length ? ` OR id IN (SELECT incident_id FROM incident_members WHERE order_id IN (${marks(orderIds.length)}))` : ''})`,
        q,
        `%${likeEscaped(q.toLowerCase())}%`,
        `%${likeEscaped(q)}%`,
        ...orderIds,
      );
    }
    return where;
  }

  // What each tab adds to the filters (SQL and values), at `now` for the caller (without a `now`, nothing is breached).
  private tabCondition(tab: QueueTab, filter: IncidentFilter): { sql: string; values: SqlValue[] } | undefined {
    const now = filter.now ?? Number.MIN_SAFE_INTEGER;
    switch (tab) {
      case 'open':
        return { sql: "state = 'open'", values: [] };
      case 'breached':
        return { sql: 'active_key IS NOT NULL AND deadline_at < ?', values: [now] };
      case 'mine': {
        const me = filter.me;
        if (!me) return { sql: '1 = 0', values: [] };
        return { sql: "active_key IS NOT NULL AND (assignee = ? OR (assignee IS NULL AND owners LIKE ? ESCAPE '\\'))", values: [me.name, `%,${likeEscaped(me.role)},%`] };
      }
      case 'A':
      case 'B':
        return { sql: 'active_key IS NOT NULL AND grade = ?', values: [tab] };
      case 'all':
        return undefined;
    }
  }

  async incidents(filter: IncidentFilter): Promise<{ total: number; items: Incident[] }> {
    const where = this.queueWhere(filter);
    const tab = filter.tab ? this.tabCondition(filter.tab, filter) : undefined;
    if (tab) where.add(tab.sql, ...tab.values);
    const total = filter.withTotal === false ? -1 : Number((await this.db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM incidents${where}`, where.params))[0]?.n ?? 0);
    const { sql: order, values: orderValues } = queueOrder(filter.sort, filter.now ?? Number.MIN_SAFE_INTEGER);
    // The page's ids first (sorted on the queue index, no document carried through the sort), then their documents.
    const ids = (
      await this.db.all<{ id: string }>(`SELECT id FROM incidents${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...where.params, ...orderValues, Math.min(filter.limit ?? 100, 10_000), filter.offset ?? 0])
    ).map((r) => r.id);
    if (ids.length === 0) return { total, items: [] };
    const docs = new Map((await this.db.all<{ id: string; doc: string }>(`SELECT id, doc FROM incidents WHERE id IN (${marks(ids.length)})`, ids)).map((r) => [r.id, r.doc]));
    return { total, items: ids.flatMap((id) => (docs.has(id) ? [normaliseIncident(JSON.parse(docs.get(id)!) as Incident)] : [])) };
  }

  async incidentTabCounts(filter: IncidentFilter): Promise<Record<QueueTab, number>> {
    const where = this.queueWhere(filter);
    const parts: string[] = [];
    const values: SqlValue[] = [];
    for (const tab of QUEUE_TABS) {
      const c = this.tabCondition(tab, filter);
      parts.push(c ? `SUM(CASE WHEN ${c.sql} THEN 1 ELSE 0 END) AS "${tab}"` : `COUNT(*) AS "${tab}"`);
      if (c) values.push(...c.values);
    }
    const row = (await this.db.all<Record<string, number | string | null>>(`SELECT ${parts.join(', ')} FROM incidents${where}`, [...values, ...where.params]))[0] ?? {};
    return Object.fromEntries(QUEUE_TABS.map((t) => [t, Number(row[t] ?? 0)])) as Record<QueueTab, number>;
  }

  async incidentMembers(id: string, options: { activeOnly?: boolean; limit?: number; offset?: number } = {}): Promise<IncidentMember[]> {
    const active = options.activeOnly ? ' AND removed_at IS NULL' : '';
    const page = options.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(options.limit))} OFFSET ${Math.max(0, Math.floor(options.offset ?? 0))}` : '';
    return (await this.db.all<Parameters<typeof memberOf>[0]>(`SELECT * FROM incident_members WHERE incident_id = ?${active} ORDER BY added_at, order_id, code, fkey${page}`, [id])).map(memberOf);
  }

  async incidentOrderIds(id: string, options: { limit: number; offset?: number }): Promise<OrderId[]> {
    const rows = await this.db.all<{ order_id: string }>(
      'SELECT order_id FROM incident_members WHERE incident_id = ? AND removed_at IS NULL GROUP BY order_id ORDER BY MIN(added_at), order_id LIMIT ? OFFSET ?',
      [id, Math.max(0, Math.floor(options.limit)), Math.max(0, Math.floor(options.offset ?? 0))],
    );
    return rows.map((r) => r.order_id);
  }

  async incidentMembersOfOrders(id: string, orderIds: readonly OrderId[]): Promise<IncidentMember[]> {
    if (orderIds.length === 0) return [];
    return (
      await this.db.all<Parameters<typeof memberOf>[0]>(
        `SELECT * FROM incident_members WHERE incident_id = ? AND removed_at IS NULL AND order_id IN (${marks(orderIds.length)}) ORDER BY added_at, order_id, code, fkey`,
        [id, ...orderIds],
      )
    ).map(memberOf);
  }

  async incidentsOfOrder(orderId: OrderId): Promise<Incident[]> {
    const rows = await this.db.all<IncidentRow>(
      'SELECT doc FROM incidents WHERE id IN (SELECT incident_id FROM incident_members WHERE order_id = ?) ORDER BY opened_at DESC',
      [orderId],
    );
    return rows.map((r) => normaliseIncident(JSON.parse(r.doc) as Incident));
  }

  async incidentsOfFindings(findings: readonly MemberRef[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < findings.length; i += 300) {
      const part = findings.slice(i, i + 300);
      const rows = await this.db.all<{ incident_id: string; order_id: string; code: string; fkey: string }>(
        `SELECT m.incident_id, m.order_id, m.code, m.fkey FROM incident_members m JOIN incidents i ON i.id = m.incident_id
          WHERE (m.order_id, m.code, m.fkey) IN (VALUES ${part.map(() => '(?, ?, ?)').join(', ')}) AND m.removed_at IS NULL AND i.active_key IS NOT NULL`,
        part.flatMap((f) => [f.orderId, f.code, f.key]),
      );
      for (const r of rows) {
        const k = `${r.order_id}|${r.code}|${r.fkey}`;
        (out.get(k) ?? out.set(k, []).get(k)!).push(r.incident_id);
      }
    }
    return out;
  }

  async incidentsOfFinding(orderId: OrderId, code: string, key: string): Promise<string[]> {
    const rows = await this.db.all<{ incident_id: string }>(
      'SELECT m.incident_id FROM incident_members m JOIN incidents i ON i.id = m.incident_id WHERE m.order_id = ? AND m.code = ? AND m.fkey = ? AND m.removed_at IS NULL AND i.active_key IS NOT NULL',
      [orderId, code, key],
    );
    return rows.map((r) => r.incident_id);
  }

  async incidentLog(id: string): Promise<IncidentLogEntry[]> {
    const rows = await this.db.all<{ incident_id: string; at: number | string; actor: string; action: string; from_state: string | null; to_state: string | null; reason: string | null; detail: string | null }>(
      'SELECT incident_id, at, actor, action, from_state, to_state, reason, detail FROM incident_log WHERE incident_id = ? ORDER BY seq',
      [id],
    );
    return rows.map((r) => ({
      incidentId: r.incident_id,
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      ...(r.from_state !== null ? { fromState: r.from_state as IncidentLogEntry['fromState'] } : {}),
      ...(r.to_state !== null ? { toState: r.to_state as IncidentLogEntry['toState'] } : {}),
      ...(r.reason !== null ? { reason: r.reason } : {}),
      ...(r.detail !== null ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
    }));
  }

  async dueIncidents(asOf: Instant, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>('SELECT id FROM incidents WHERE next_action_at <= ? ORDER BY next_action_at LIMIT ?', [asOf, limit]);
    return rows.map((r) => r.id);
  }

  async addToWaitRoom(rows: readonly WaitingFinding[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction((tx) =>
      tx.insertMany(
        'grouping_wait',
        ['group_key', 'order_id', 'code', 'fkey', 'scope', 'rank', 'added_at'],
        rows.map((r) => [r.groupKey, r.orderId, r.code, r.key, r.scope, r.rank, r.addedAt]),
        'ON CONFLICT (group_key, order_id, code, fkey) DO NOTHING',
      ),
    );
  }

  async removeFromWaitRoom(findings: readonly { orderId: OrderId; code: string; key: string }[]): Promise<void> {
    if (findings.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const f of findings) await tx.run('DELETE FROM grouping_wait WHERE order_id = ? AND code = ? AND fkey = ?', [f.orderId, f.code, f.key]);
    });
  }

  async waitingSince(readyBefore: Instant, limit: number): Promise<WaitingFinding[]> {
    const rows = await this.db.all<WaitRow>(
      `SELECT w.* FROM grouping_wait w JOIN (
         SELECT order_id, code, fkey FROM grouping_wait GROUP BY order_id, code, fkey HAVING MIN(added_at) <= ? ORDER BY MIN(added_at) LIMIT ?
       ) r ON r.order_id = w.order_id AND r.code = w.code AND r.fkey = w.fkey
       ORDER BY w.added_at, w.order_id, w.code, w.fkey, w.rank`,
      [readyBefore, limit],
    );
    return rows.map(waitingOf);
  }

  async waitRoomOrders(groupKeys: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < groupKeys.length; i += 500) {
      const part = groupKeys.slice(i, i + 500);
      const rows = await this.db.all<{ group_key: string; n: number | string }>(
        `SELECT group_key, COUNT(DISTINCT order_id) AS n FROM grouping_wait WHERE group_key IN (${marks(part.length)}) GROUP BY group_key`,
        part,
      );
      for (const r of rows) out.set(r.group_key, Number(r.n));
    }
    return out;
  }

  async waitRoomRows(groupKeys: readonly string[]): Promise<WaitingFinding[]> {
    const out: WaitingFinding[] = [];
    for (let i = 0; i < groupKeys.length; i += 500) {
      const part = groupKeys.slice(i, i + 500);
      out.push(...(await this.db.all<WaitRow>(`SELECT * FROM grouping_wait WHERE group_key IN (${marks(part.length)}) ORDER BY added_at, order_id`, part)).map(waitingOf));
    }
    return out;
  }

  async setOrderPause(orderId: OrderId, pause: Pause | undefined): Promise<void> {
    if (!pause) {
      await this.db.run('DELETE FROM order_pauses WHERE order_id = ?', [orderId]);
      return;
    }
    await this.db.run(
      `INSERT INTO order_pauses (order_id, paused_by, reason, paused_at, until_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (order_id) DO UPDATE SET paused_by = excluded.paused_by, reason = excluded.reason, paused_at = excluded.paused_at, until_at = excluded.until_at`,
      [orderId, pause.by, pause.reason, pause.at, pause.until ?? null],
    );
  }

  async pausedOrders(orderIds: readonly OrderId[], now: Instant): Promise<Map<OrderId, Pause>> {
    const out = new Map<OrderId, Pause>();
    for (let i = 0; i < orderIds.length; i += 500) {
      const part = orderIds.slice(i, i + 500);
      const rows = await this.db.all<{ order_id: string; paused_by: string; reason: string; paused_at: number | string; until_at: number | string | null }>(
        `SELECT * FROM order_pauses WHERE order_id IN (${marks(part.length)}) AND (until_at IS NULL OR until_at > ?)`,
        [...part, now],
      );
      for (const r of rows) {
        out.set(r.order_id, { by: r.paused_by, reason: r.reason, at: Number(r.paused_at), ...(r.until_at !== null ? { until: Number(r.until_at) } : {}) });
      }
    }
    return out;
  }

  async tryLease(name: string, owner: string, now: Instant, ttlMs: number): Promise<boolean> {
    const taken = await this.db.run(
      `INSERT INTO leases (name, owner, until_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until_at = excluded.until_at
       WHERE leases.until_at < ? OR leases.owner = excluded.owner`,
      [name, owner, now + ttlMs, now],
    );
    return taken > 0;
  }

  async clearResponse(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const table of ['incident_log', 'incident_members', 'incidents', 'outbox', 'grouping_wait', 'order_pauses', 'tickets']) await tx.run(`DELETE FROM ${table}`);
    });
  }
}
