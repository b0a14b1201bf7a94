import type { SqlDriver } from './sql/driver.js';

/**
 * MIGRATIONS is the one source of truth for the schema of both engines. The
 * SQL is the subset SQLite and PostgreSQL share; the few type names that
 * differ are written as tokens ({{blob}}, {{without_rowid}}: SQLite's
 * clustered tables, which halve the index work of the key tables; {{serial}}) and filled
 * in per dialect. Indexes are few and partial where most rows would be NULL:
 * every index is paid for on each of a million inserts. Times are
 * BIGINT epoch milliseconds (UTC), amounts BIGINT fen, documents JSON text.
 * Migrations are append-only: never edit one that has shipped.
 */
export const MIGRATIONS: ReadonlyArray<{ readonly id: number; readonly name: string; readonly sql: string }> = [
  {
    id: 1,
    name: 'orders, events, inventory, lookup keys, attachments',
    sql: `
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  shop TEXT,
  channel_order_id TEXT NOT NULL,
  channel_status TEXT,
  stage TEXT NOT NULL,
  stage_entered_at BIGINT NOT NULL,
  placed_at BIGINT NOT NULL,
  paid_at BIGINT,
  modified_at BIGINT NOT NULL,
  promised_ship_by BIGINT,
  promised_delivery_by BIGINT,
  paid_fen BIGINT NOT NULL,
  customer_tier TEXT NOT NULL,
  province TEXT,
  warehouse TEXT,
  batch TEXT,
  is_open INTEGER NOT NULL,
  ingested_at BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX orders_placed_at ON orders (placed_at);
CREATE INDEX orders_open_stage ON orders (is_open, stage, stage_entered_at);

CREATE TABLE order_items (
  order_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_fen BIGINT NOT NULL,
  category TEXT,
  PRIMARY KEY (order_id, line_no)
){{without_rowid}};
CREATE INDEX order_items_sku ON order_items (sku);

CREATE TABLE order_keys (
  lookup_key TEXT NOT NULL,
  order_id TEXT NOT NULL,
  PRIMARY KEY (lookup_key, order_id)
){{without_rowid}};

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  order_id TEXT,
  stage TEXT,
  sku TEXT,
  warehouse TEXT,
  batch TEXT,
  tracking_no TEXT,
  occurred_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  source TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX events_order ON events (order_id, occurred_at) WHERE order_id IS NOT NULL;
CREATE INDEX events_sku ON events (sku, occurred_at) WHERE sku IS NOT NULL;

CREATE TABLE inventory_levels (
  sku TEXT NOT NULL,
  warehouse TEXT NOT NULL,
  available INTEGER NOT NULL,
  reserved INTEGER NOT NULL,
  synced_at BIGINT NOT NULL,
  PRIMARY KEY (sku, warehouse)
);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes {{blob}} NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE ground_truth (
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (order_id, code)
);
`,
  },
  {
    id: 2,
    name: 'users, sessions, api tokens',
    sql: `
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  display_name TEXT,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
`,
  },
  {
    id: 3,
    name: 'findings, exemptions, detection deadlines, threshold tables',
    sql: `
ALTER TABLE orders ADD COLUMN next_check_at BIGINT;
CREATE INDEX orders_next_check ON orders (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE findings (
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  fkey TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  resolved_at BIGINT,
  doc TEXT NOT NULL,
  PRIMARY KEY (order_id, code, fkey)
);
CREATE INDEX findings_status_code ON findings (status, code, first_seen_at);

CREATE TABLE exemptions (
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  new_deadline BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (order_id, code)
);

CREATE TABLE threshold_tables (
  version INTEGER PRIMARY KEY,
  created_at BIGINT NOT NULL,
  as_of BIGINT NOT NULL,
  policy TEXT NOT NULL,
  doc TEXT NOT NULL
);
`,
  },
  {
    id: 4,
    name: 'incidents, members, audit log, outbox, grouping wait room, pauses, tickets, leases',
    sql: `
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  group_key TEXT NOT NULL,
  active_key TEXT UNIQUE,
  state TEXT NOT NULL,
  level INTEGER NOT NULL,
  grade TEXT NOT NULL,
  owner_role TEXT NOT NULL,
  assignee TEXT,
  opened_at BIGINT NOT NULL,
  response_deadline BIGINT,
  next_action_at BIGINT,
  updated_at BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX incidents_next_action ON incidents (next_action_at) WHERE next_action_at IS NOT NULL;
CREATE INDEX incidents_opened ON incidents (opened_at);
CREATE INDEX incidents_state ON incidents (state, opened_at);

CREATE TABLE incident_members (
  incident_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  fkey TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  removed_at BIGINT,
  PRIMARY KEY (incident_id, order_id, code, fkey)
);
CREATE INDEX incident_members_order ON incident_members (order_id, code, fkey);

CREATE TABLE incident_log (
  seq {{serial}},
  incident_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  reason TEXT,
  detail TEXT
);
CREATE INDEX incident_log_incident ON incident_log (incident_id, seq);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  incident_id TEXT,
  receiver TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  sent_at BIGINT,
  merged_into TEXT,
  message TEXT NOT NULL
);
CREATE INDEX outbox_pending ON outbox (due_at) WHERE state = 'pending';
CREATE INDEX outbox_receiver_sent ON outbox (receiver, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_incident ON outbox (incident_id);

CREATE TABLE order_pauses (
  order_id TEXT PRIMARY KEY,
  paused_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  paused_at BIGINT NOT NULL,
  until_at BIGINT
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  incident_id TEXT,
  receiver TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  claimed_by TEXT,
  doc TEXT NOT NULL
);
CREATE INDEX tickets_state ON tickets (state, created_at);

CREATE TABLE grouping_wait (
  group_key TEXT NOT NULL,
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  fkey TEXT NOT NULL,
  scope TEXT NOT NULL,
  rank INTEGER NOT NULL,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (group_key, order_id, code, fkey)
);
CREATE INDEX grouping_wait_finding ON grouping_wait (order_id, code, fkey);
CREATE INDEX grouping_wait_added ON grouping_wait (added_at);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until_at BIGINT NOT NULL
);
`,
  },
  {
    id: 5,
    name: 'dashboard: delay findings by code and time, incidents by change, audit log by state reached',
    sql: `
CREATE INDEX findings_code_seen ON findings (code, first_seen_at, order_id);
CREATE INDEX incidents_updated ON incidents (updated_at);
CREATE INDEX incident_log_to_state ON incident_log (to_state, at, incident_id) WHERE to_state IS NOT NULL;
`,
  },
  {
    id: 6,
    name: 'dashboard read model: one row per delayed order, and its counts per day and split',
    sql: `
CREATE TABLE dashboard_delays (
  order_id TEXT PRIMARY KEY,
  placed_at BIGINT NOT NULL,
  channel TEXT NOT NULL,
  stage TEXT NOT NULL,
  grade TEXT,
  region TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL
);
CREATE INDEX dashboard_delays_placed ON dashboard_delays (placed_at, channel, stage, grade, region);

CREATE TABLE dashboard_daily (
  day_no BIGINT NOT NULL,
  split TEXT NOT NULL,
  split_key TEXT NOT NULL,
  orders BIGINT NOT NULL,
  PRIMARY KEY (day_no, split, split_key)
);

CREATE TABLE dashboard_marks (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
`,
  },
  {
    id: 7,
    name: 'reports: satisfaction callbacks, improvement items, generated reviews; customer contacts by order',
    sql: `
CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  done_at BIGINT,
  doc TEXT NOT NULL
);
CREATE INDEX callbacks_incident ON callbacks (incident_id);
CREATE INDEX callbacks_state ON callbacks (state, due_at);
CREATE INDEX callbacks_done ON callbacks (done_at) WHERE done_at IS NOT NULL;

CREATE TABLE improvements (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  state TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX improvements_incident ON improvements (incident_id);
CREATE INDEX improvements_state ON improvements (state, due_at);

CREATE TABLE reviews (
  incident_id TEXT NOT NULL,
  closed_at BIGINT NOT NULL,
  generated_at BIGINT NOT NULL,
  trigger_kind TEXT NOT NULL,
  generated_by TEXT NOT NULL,
  doc TEXT NOT NULL,
  pdf {{blob}} NOT NULL,
  PRIMARY KEY (incident_id, closed_at)
);
CREATE INDEX reviews_generated ON reviews (generated_at);

CREATE INDEX events_contacts ON events (order_id) WHERE kind = 'contact';
`,
  },
  {
    id: 8,
    name: 'peak-proof pipeline: finding feed, fix list, delivery lanes, background work requests, worker heartbeats, shops with a tracking feed, order items by SKU and time, next checks apart from the orders',
    sql: `
CREATE TABLE finding_feed (
  seq {{serial}},
  order_id TEXT NOT NULL,
  code TEXT NOT NULL,
  fkey TEXT NOT NULL,
  change TEXT NOT NULL,
  at BIGINT NOT NULL
);

ALTER TABLE findings ADD COLUMN fix_case TEXT;
ALTER TABLE findings ADD COLUMN fix_state TEXT;
ALTER TABLE findings ADD COLUMN fix_by TEXT;
ALTER TABLE findings ADD COLUMN fix_at BIGINT;
CREATE INDEX findings_fix_case ON findings (fix_case, status, fix_state) WHERE fix_case IS NOT NULL;

CREATE TABLE fix_cases (
  id TEXT PRIMARY KEY,
  cause TEXT NOT NULL,
  channel TEXT NOT NULL,
  shop TEXT,
  day TEXT NOT NULL,
  buyer TEXT,
  state TEXT NOT NULL,
  open_items INTEGER NOT NULL,
  items INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  alerted_at BIGINT,
  updated_at BIGINT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX fix_cases_state ON fix_cases (state, last_at);
CREATE INDEX fix_cases_updated ON fix_cases (updated_at);

CREATE INDEX incident_members_active ON incident_members (incident_id, order_id) WHERE removed_at IS NULL;

CREATE INDEX outbox_lane ON outbox (receiver, due_at) WHERE state = 'pending';
CREATE TABLE receiver_lanes (
  receiver TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  parked_until BIGINT,
  parked_reason TEXT,
  config_hash TEXT,
  last_error TEXT,
  last_sent_at BIGINT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE work_requests (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  params TEXT NOT NULL,
  progress TEXT,
  result TEXT,
  finished_at BIGINT
);
CREATE INDEX work_requests_state ON work_requests (state, requested_at);

CREATE TABLE worker_status (
  owner TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL,
  doc TEXT NOT NULL
);

ALTER TABLE order_items ADD COLUMN placed_at BIGINT;
UPDATE order_items SET placed_at = (SELECT o.placed_at FROM orders o WHERE o.id = order_items.order_id);
CREATE INDEX order_items_sku_placed ON order_items (sku, placed_at);

CREATE TABLE order_checks (
  order_id TEXT PRIMARY KEY,
  next_check_at BIGINT NOT NULL
){{without_rowid}};
INSERT INTO order_checks (order_id, next_check_at) SELECT id, next_check_at FROM orders WHERE next_check_at IS NOT NULL;
CREATE INDEX order_checks_due ON order_checks (next_check_at);
DROP INDEX orders_next_check;

CREATE TABLE tracking_feeds (
  shop_key TEXT PRIMARY KEY,
  first_seen_at BIGINT NOT NULL
);
INSERT INTO tracking_feeds (shop_key, first_seen_at)
  SELECT DISTINCT o.channel || ':' || COALESCE(o.shop, ''), MIN(e.received_at)
    FROM events e JOIN orders o ON o.id = e.order_id
   WHERE e.kind = 'logistics'
   GROUP BY o.channel, o.shop;
`,
  },
  {
    id: 9,
    name: 'session, token and sign-in lifecycle',
    // Sessions made before this migration have no id to list or revoke them by: they end (people sign in once more).
    // API tokens get scopes (the old ones could only ingest or were admin tokens, which are no longer allowed), an expiry and a revocation.
    sql: `
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;
ALTER TABLE sessions ADD COLUMN address TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
CREATE UNIQUE INDEX sessions_id ON sessions (id);

ALTER TABLE api_tokens ADD COLUMN scopes TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
UPDATE api_tokens SET scopes = 'ingest';
UPDATE api_tokens SET revoked_at = created_at WHERE role <> 'integration';

CREATE TABLE sign_in_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  locked_until BIGINT
);
`,
  },
  {
    id: 10,
    name: 'connected shops: sync cursors and runs',
    sql: `
CREATE TABLE shop_cursors (
  shop TEXT PRIMARY KEY,
  platform TEXT NOT NULL,
  window_from BIGINT NOT NULL,
  window_to BIGINT,
  page TEXT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE shop_sync_runs (
  id TEXT PRIMARY KEY,
  shop TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  outcome TEXT,
  pages INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX shop_sync_runs_shop ON shop_sync_runs (shop, started_at);
`,
  },
  {
    id: 11,
    name: 'incident queue: owners, the deadline that matters now, per-role search',
    // owners is ",ops_manager,executive," so one LIKE finds an owner role; deadline_at is the response deadline until
    // acknowledged, then the resolution target (NULL once no longer active); search_text is id, group key, title and
    // assignee in lower case. Rows written before take their owner role and response deadline (and are searched in
    // their document); the next change of each incident writes the exact values. The queue index covers what the
    // tabs count and the queue sorts by, so neither reads the incident documents.
    sql: `
ALTER TABLE incidents ADD COLUMN owners TEXT;
ALTER TABLE incidents ADD COLUMN deadline_at BIGINT;
ALTER TABLE incidents ADD COLUMN search_text TEXT;
UPDATE incidents SET owners = ',' || owner_role || ',';
UPDATE incidents SET deadline_at = response_deadline WHERE active_key IS NOT NULL;
CREATE INDEX incidents_queue ON incidents (grade, state, deadline_at, active_key, assignee, owners, opened_at, id, search_text);
`,
  },
  {
    id: 12,
    name: 'dashboard war room (delays by warehouse, SKU, carrier and shop; at-risk counts; all orders per day and split) and single-use action links',
    // The read model is rebuilt on the next read (its marks are cleared) with the new columns filled.
    sql: `
DELETE FROM dashboard_delays;
DELETE FROM dashboard_daily;
DELETE FROM dashboard_marks;
ALTER TABLE dashboard_delays ADD COLUMN warehouse TEXT NOT NULL DEFAULT '';
ALTER TABLE dashboard_delays ADD COLUMN sku TEXT NOT NULL DEFAULT '';
ALTER TABLE dashboard_delays ADD COLUMN sku_title TEXT NOT NULL DEFAULT '';
ALTER TABLE dashboard_delays ADD COLUMN carrier TEXT NOT NULL DEFAULT '';
ALTER TABLE dashboard_delays ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE dashboard_delays ADD COLUMN at_risk INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_daily ADD COLUMN at_risk BIGINT NOT NULL DEFAULT 0;

CREATE TABLE dashboard_order_daily (
  day_no BIGINT NOT NULL,
  split TEXT NOT NULL,
  split_key TEXT NOT NULL,
  orders BIGINT NOT NULL,
  PRIMARY KEY (day_no, split, split_key)
);

-- The war-room tops read one split over a range of days: covering indexes, so no table row is visited.
CREATE INDEX dashboard_daily_split ON dashboard_daily (split, day_no, split_key, orders, at_risk);
CREATE INDEX dashboard_order_daily_key ON dashboard_order_daily (split, split_key, day_no, orders);
CREATE INDEX dashboard_delays_sku ON dashboard_delays (sku, sku_title);

CREATE TABLE dashboard_order_days (
  day_no BIGINT PRIMARY KEY,
  computed_at BIGINT NOT NULL
);

-- One-click links in messages are single use: a link's nonce is written when it is used.
CREATE TABLE action_link_uses (
  nonce TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL,
  action TEXT NOT NULL,
  used_by TEXT NOT NULL,
  used_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
`,
  },
  {
    id: 13,
    name: 'findings by order and status',
    // An order's open findings are read for every incident decided; with only
    // (status, code, first_seen_at), SQLite walked every open finding for each
    // (2.5 ms a read at 17,500 open findings, most of a worker's time).
    sql: `
CREATE INDEX findings_order_status ON findings (order_id, status);
`,
  },
  {
    id: 14,
    name: 'incidents: the resolution target as a column',
    // The KPIs read every incident of a period's resolution target; taking it
    // out of each JSON document cost most of the 30-day KPI request (143 ms at
    // 10,000 incidents).
    sql: `
ALTER TABLE incidents ADD COLUMN resolution_target BIGINT;
UPDATE incidents SET resolution_target = {{doc_resolution_target}};
`,
  },
  {
    id: 15,
    name: 'incidents: the response clock as columns',
    // The KPIs read, for every incident of a period, when a person first took
    // it on, when it first ended, and its latest close with the root cause:
    // two correlated reads of the audit trail per incident and a MAX(seq) per
    // close cost 105 of the 30-day request's 124 ms at 10,000 incidents. The
    // repository keeps these columns in the transaction that appends the log.
    sql: `
ALTER TABLE incidents ADD COLUMN acknowledged_at BIGINT;
ALTER TABLE incidents ADD COLUMN resolved_at BIGINT;
ALTER TABLE incidents ADD COLUMN last_closed_at BIGINT;
ALTER TABLE incidents ADD COLUMN close_root_cause TEXT;
UPDATE incidents SET
  acknowledged_at = (SELECT MIN(l.at) FROM incident_log l WHERE l.incident_id = incidents.id AND l.to_state IN ('acknowledged', 'in_progress', 'resolved', 'closed') AND l.actor <> 'system'),
  resolved_at = (SELECT MIN(l.at) FROM incident_log l WHERE l.incident_id = incidents.id AND l.to_state IN ('resolved', 'closed')),
  last_closed_at = (SELECT l.at FROM incident_log l WHERE l.incident_id = incidents.id AND l.to_state = 'closed' ORDER BY l.seq DESC LIMIT 1),
  close_root_cause = (SELECT {{detail_root_cause}} FROM incident_log l WHERE l.incident_id = incidents.id AND l.to_state = 'closed' ORDER BY l.seq DESC LIMIT 1);
-- Covering: the incident's JSON document sits before these columns in the row, and reading past it
-- walks its overflow pages (a 10,000-incident period: 28.5 → 21.4 ms; 8,000 closes: 15.6 → 7.9 ms).
CREATE INDEX incidents_clock ON incidents (opened_at, id, grade, state, response_deadline, resolution_target, acknowledged_at, resolved_at);
CREATE INDEX incidents_last_closed ON incidents (last_closed_at, id, state, close_root_cause) WHERE last_closed_at IS NOT NULL;
`,
  },
  {
    id: 16,
    name: 'Kuaidi100 subscriptions of shipped orders; refreshed platform tokens',
    // One row per tracking number (normalised): a number is subscribed once, whatever
    // the orders and pushes that name it. tracking_orders_seen remembers the version
    // of each shipped order already looked at, so the worker's scan skips it until
    // it changes. shop_tokens holds an access token a refresh gave, with the
    // fingerprint of the settings' token it replaced: a person who updates the
    // settings (authorised again) wins over it.
    sql: `
CREATE TABLE tracking_subscriptions (
  tracking_no TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  shop TEXT,
  carrier TEXT NOT NULL,
  company TEXT,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT,
  last_code TEXT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  subscribed_at BIGINT
);
CREATE INDEX tracking_subscriptions_due ON tracking_subscriptions (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX tracking_subscriptions_shop ON tracking_subscriptions (shop, status);

CREATE TABLE tracking_orders_seen (
  order_id TEXT PRIMARY KEY,
  modified_at BIGINT NOT NULL
);

CREATE TABLE shop_tokens (
  shop TEXT PRIMARY KEY,
  access_token TEXT NOT NULL,
  refresh_token TEXT,
  expires_at BIGINT,
  replaces TEXT NOT NULL,
  refreshed_at BIGINT NOT NULL
);
`,
  },
];

const TYPE_TOKENS: Record<SqlDriver['dialect'], Record<string, string>> = {
  sqlite: { blob: 'BLOB', without_rowid: ' WITHOUT ROWID', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', doc_resolution_target: "json_extract(doc, '$.resolutionTarget')", detail_root_cause: "json_extract(l.detail, '$.rootCause')" },
  postgres: { blob: 'BYTEA', without_rowid: '', serial: 'BIGSERIAL PRIMARY KEY', doc_resolution_target: "CAST(CAST(doc AS jsonb) ->> 'resolutionTarget' AS BIGINT)", detail_root_cause: "CAST(CAST(l.detail AS jsonb) -> 'rootCause' AS TEXT)" },
};

/** migrationSql fills a migration's type tokens for one dialect. */
export function migrationSql(sql: string, dialect: SqlDriver['dialect']): string {
  return sql.replace(/\{\{(\w+)\}\}/g, (_m, token: string) => {
    const type = TYPE_TOKENS[dialect][token];
    if (type === undefined) throw new Error(`unknown type token {{${token}}} in a migration`);
    return type;
  });
}

/**
 * migrate brings a database up to the newest schema, each migration in its
 * own transaction, and is safe to call at every start (and from two
 * instances at once on PostgreSQL, where an advisory lock serialises them).
 * `upTo` stops at a migration (a test of a later one's backfill starts there).
 */
export async function migrate(driver: SqlDriver, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  await driver.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  return driver.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(724001)');
    const done = new Set((await tx.all<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id) || m.id > upTo) continue;
      await tx.exec(migrationSql(m.sql, tx.dialect));
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [m.id, m.name, Date.now()]);
      applied.push(m.id);
    }
    return applied;
  });
}
