import Database from 'better-sqlite3';
import type { loadSettings } from '../../../config/load-settings.js';
import { EXEMPTION_CODES, FINDING_CODES } from '../../../domain/finding.js';
import { INCIDENT_STATES } from '../../../domain/incident.js';
import { ROLES } from '../../../domain/role.js';
import { STAGES } from '../../../domain/stage.js';
import { JD_ORDER_STAGES } from '../../../ingest/jd/status.js';
import { TAOBAO_TRADE_STAGES } from '../../../ingest/taobao/status.js';
import { YOUZAN_STATUS_STAGES } from '../../../ingest/youzan/youzan-status.js';

/**
 * The codes a report of a demo database must say in words, for the report
 * text tests (tests only): the model's lists and the demo's own data
 * (actions, message kinds, channel states, event sources, carriers, stock
 * reasons, checklist items, playbooks) read from the SQLite file.
 */

/** modelCodes are the codes of the model and of the demo's own data that a report must say in words. */
export function modelCodes(db: string, settings: ReturnType<typeof loadSettings>): string[] {
  const sql = new Database(db, { readonly: true });
  try {
    const column = (query: string): string[] => (sql.prepare(query).all() as Array<{ v: string | null }>).map((r) => r.v).filter((v): v is string => typeof v === 'string' && v !== '');
    const checklist = column("SELECT DISTINCT je.value AS v FROM incidents, json_each(json_extract(incidents.doc, '$.checklist')) je").flatMap((v) => {
      const item = JSON.parse(v) as { id: string; kind?: string };
      return [item.id, item.kind ?? ''];
    });
    const policy = settings.rootCauses;
    return [
      ...FINDING_CODES,
      ...EXEMPTION_CODES,
      ...STAGES,
      ...INCIDENT_STATES,
      ...ROLES,
      'channel_sync',
      'not_abnormal',
      'vip',
      'regular',
      'shipping_refund',
      ...[...policy.system, ...policy.human, ...policy.external, ...policy.notAbnormal].map((s) => s.id),
      ...Object.keys(TAOBAO_TRADE_STAGES),
      ...Object.keys(JD_ORDER_STAGES),
      ...Object.keys(YOUZAN_STATUS_STAGES),
      ...checklist,
      ...column("SELECT DISTINCT json_extract(doc, '$.playbook') AS v FROM incidents"),
      ...column('SELECT DISTINCT action AS v FROM incident_log'),
      ...column('SELECT DISTINCT kind AS v FROM outbox'),
      ...column('SELECT DISTINCT channel_status AS v FROM orders'),
      ...column('SELECT DISTINCT source AS v FROM events'),
      ...column("SELECT DISTINCT json_extract(doc, '$.state') AS v FROM events WHERE kind = 'logistics'"),
      ...column("SELECT DISTINCT json_extract(doc, '$.carrier') AS v FROM events WHERE kind = 'logistics'"),
      ...column("SELECT DISTINCT json_extract(doc, '$.reason') AS v FROM events WHERE kind = 'inventory_change'"),
      ...column("SELECT DISTINCT json_extract(doc, '$.customer.tier') AS v FROM orders"),
    ];
  } finally {
    sql.close();
  }
}
