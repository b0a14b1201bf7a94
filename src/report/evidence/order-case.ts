import type { ContactEvent, LogisticsEvent, OrderEvent } from '../../domain/event.js';
import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { FindingCode } from '../../domain/finding.js';
import type { StoredOrder } from '../../domain/order.js';
import { isStage, STAGE_NAMES_ZH, type Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { StoredFinding } from '../../store/detection-store.js';
import { span, when } from '../format.js';
import { LABELS } from '../labels.js';
import type { StockWindow } from './stock-window.js';

/** CaseKind is what kind of trouble an order is in: it decides the order of the report's sections and who is responsible. */
export type CaseKind = 'stock' | 'logistics' | 'warehouse' | 'service' | 'data' | 'none';

/** The step after each stage, and who does it: the department a stall at that stage points to. */
const NEXT_STEP: Readonly<Record<Stage, { readonly step: string; readonly department: string; readonly kind: CaseKind }>> = {
  pending_payment: { step: '付款', department: '客服', kind: 'service' },
  paid: { step: '审单', department: '客服（审单）', kind: 'service' },
  reviewed: { step: '打单', department: '仓储', kind: 'warehouse' },
  label_printed: { step: '拣货', department: '仓储', kind: 'warehouse' },
  picked: { step: '出库', department: '仓储', kind: 'warehouse' },
  shipped: { step: '快递揽收', department: '物流（快递揽收）', kind: 'logistics' },
  collected: { step: '运输', department: '物流（快递）', kind: 'logistics' },
  in_transit: { step: '派件', department: '物流（快递）', kind: 'logistics' },
  out_for_delivery: { step: '签收', department: '物流（快递）', kind: 'logistics' },
  delivered: { step: '—', department: '—', kind: 'none' },
  cancelled: { step: '—', department: '—', kind: 'none' },
  returned: { step: '—', department: '—', kind: 'none' },
};

const DATA_QUALITY: readonly string[] = ['phone.invalid', 'address.unresolved', 'address.vague', 'amount.mismatch', 'amount.outlier', 'order.placeholder', 'order.duplicate'];
// Most telling first: a broken promise outranks a stall, a stall outranks a warning.
const RANK: readonly string[] = ['stock.oversold', 'promise.breached', 'logistics.exception', 'stage.stalled', 'stock.sync_stale', 'promise.at_risk', ...DATA_QUALITY];

/** findingLabel names a finding code in Chinese. */
export function findingLabel(code: string): string {
  return Object.hasOwn(FINDING_LABELS, code) ? FINDING_LABELS[code as FindingCode].zh : '其他异常';
}

/** stageName names a stage in Chinese. */
export function stageName(stage: string): string {
  return isStage(stage) ? STAGE_NAMES_ZH[stage] : '未知环节';
}

/**
 * OrderCase is what the evidence says about one order, in words a reader
 * can check against the pages that follow: its problems from its own
 * findings (or, with none, from its stock readings), the stage it is
 * stuck in and the step that did not happen, the department that step
 * belongs to, the deadline it is measured against and how far past it
 * is, and how often the customer has been in touch.
 */
export interface OrderCase {
  readonly kind: CaseKind;
  /** The findings the case rests on, most telling first (open ones; resolved ones when nothing is open). */
  readonly findings: readonly StoredFinding[];
  /** One line: the main problem in words. */
  readonly summary: string;
  /** A few characters for a roster column ("已超承诺", "已拣货后停滞"). */
  readonly short: string;
  readonly stuckStage?: Stage;
  /** The step that did not happen after the stuck stage ("出库"). */
  readonly nextStep?: string;
  /** Who is responsible for that step ("仓储（GZ-01 仓）"). */
  readonly department: string;
  /** The deadline the order is measured against, when there is one. */
  readonly deadline?: Instant;
  /** Whose deadline it is (the finding's words), e.g. 环节停滞. */
  readonly deadlineFor?: string;
  /** How far past the deadline it is now (positive), if it is. */
  readonly overdueMs?: number;
  /** Customer contacts that came in (complaints, chats, calls). */
  readonly contactsIn: number;
  readonly complaints: number;
  readonly lastContact?: ContactEvent;
  /** Rank for choosing the orders to detail: lower is more telling. */
  readonly rank: number;
}

function deadlineOf(f: StoredFinding, order: StoredOrder): Instant | undefined {
  if (f.threshold) return f.threshold.deadline;
  if (f.code === 'promise.breached' || f.code === 'promise.at_risk') return order.promisedShipBy ?? order.promisedDeliveryBy;
  return undefined;
}

/**
 * caseOf reads an order's case from its findings (limited to `codes` when
 * an incident covers only some of them), its timeline and its stock window.
 */
export function caseOf(order: StoredOrder, findings: readonly StoredFinding[], timeline: readonly OrderEvent[], stock: StockWindow | undefined, now: Instant, codes?: readonly string[]): OrderCase {
  const relevant = findings.filter((f) => codes === undefined || codes.includes(f.code));
  const open = relevant.filter((f) => f.status === 'open');
  const used = [...(open.length > 0 ? open : relevant)].sort((a, b) => RANK.indexOf(a.code) - RANK.indexOf(b.code) || a.firstSeenAt - b.firstSeenAt);
  const contacts = timeline.filter((e): e is ContactEvent => e.kind === 'contact' && e.direction === 'inbound');
  const base = { contactsIn: contacts.length, complaints: contacts.filter((c) => c.channel === 'complaint').length, ...(contacts.length > 0 ? { lastContact: contacts.at(-1)! } : {}) };
  const warehouse = order.warehouse ? `（${order.warehouse} 仓）` : '';
  const main = used[0];
  const shortStock = stock?.checks.filter((c) => c.short) ?? [];
  if (!main) {
    if (shortStock.length > 0) {
      const c = shortStock[0]!;
      return {
        kind: 'stock',
        findings: [],
        summary: `系统未对本单判定异常，但下单前最近一次 ERP 读数（${when(c.reading.occurredAt)}）显示 ${c.sku} 可用 ${c.reading.available}、已占用 ${c.reading.reserved}，可售余量 ${c.free}，少于下单的 ${c.quantity} 件：本单是在没有库存的情况下售出的（超卖）`,
        short: '超卖（库存读数）',
        department: `库存/采购${warehouse}`,
        rank: 1,
        ...base,
      };
    }
    return { kind: 'none', findings: [], summary: '没有异常发现：本单的检查都已通过。', short: '无异常', department: '—', rank: RANK.length + 1, ...base };
  }
  const stalled = used.find((f) => f.code === 'stage.stalled');
  const stuck: Stage | undefined = stalled && isStage(stalled.key) ? stalled.key : isStage(order.stage) ? order.stage : undefined;
  const next = stuck ? NEXT_STEP[stuck] : undefined;
  const timed = used.find((f) => deadlineOf(f, order) !== undefined);
  const deadline = timed ? deadlineOf(timed, order) : undefined;
  const overdue = deadline !== undefined && now > deadline ? { overdueMs: now - deadline } : {};
  const stuckWords = stuck ? `「${stageName(stuck)}」后未${next?.step ?? '推进'}` : '';
  let kind: CaseKind;
  let department: string;
  let short: string;
  if (main.code === 'stock.oversold' || main.code === 'stock.sync_stale') {
    kind = 'stock';
    department = `库存/采购${warehouse}`;
    short = findingLabel(main.code);
  } else if (main.code === 'logistics.exception') {
    kind = 'logistics';
    // The platform's order may not list its waybill yet; the carrier's track names it.
    const carrier = order.shipments[0]?.carrier ?? timeline.find((e): e is LogisticsEvent => e.kind === 'logistics' && e.carrier !== undefined)?.carrier;
    department = `物流（${LABELS.carrier(carrier)}）`;
    short = '物流异常';
  } else if (DATA_QUALITY.includes(main.code)) {
    kind = 'data';
    department = '客服（核实订单信息）';
    short = findingLabel(main.code);
  } else {
    kind = next?.kind ?? 'warehouse';
    department = next ? `${next.department}${next.kind === 'warehouse' ? warehouse : ''}` : '仓储';
    short = main.code === 'promise.breached' ? '已超承诺' : main.code === 'promise.at_risk' ? '即将超承诺' : stuck ? `${stageName(stuck)}后停滞` : '环节停滞';
  }
  const resolvedNote = main.status === 'resolved' ? `（已于 ${when(main.resolvedAt)} 消除）` : '';
  // The deadline may be another finding's (a stall's threshold beside a logistics exception): say whose.
  const deadlineOfOther = 'overdueMs' in overdue && deadline !== undefined && main.code !== 'promise.breached' && timed !== undefined && timed !== main ? timed.code : undefined;
  const overdueNote = 'overdueMs' in overdue && deadline !== undefined && main.code !== 'promise.breached' ? `；${deadlineOfOther ? `${findingLabel(deadlineOfOther)}的` : ''}截止 ${when(deadline)}，已超 ${span(overdue.overdueMs)}` : '';
  // A finding the deadline already named is not listed again ("环节停滞的截止 …；另有环节停滞").
  const others = used
    .slice(1)
    .filter((f) => f.code !== deadlineOfOther)
    .map((f) => findingLabel(f.code));
  return {
    kind,
    findings: used,
    summary: `${findingLabel(main.code)}${resolvedNote}：${LABELS.explanation(main.explanation.zh)}${overdueNote}${others.length > 0 ? `；另有${[...new Set(others)].join('、')}` : ''}${kind === 'warehouse' && stuckWords && !main.explanation.zh.includes(stageName(stuck!)) ? `（${stuckWords}）` : ''}`,
    short,
    // A stuck stage explains a stall or a late parcel, not a wrong phone number or a stock-out.
    ...(stuck && kind !== 'data' && kind !== 'stock' ? { stuckStage: stuck } : {}),
    ...(next && next.step !== '—' && kind !== 'data' && kind !== 'stock' ? { nextStep: next.step } : {}),
    department,
    ...(deadline !== undefined && timed ? { deadline, deadlineFor: findingLabel(timed.code) } : {}),
    ...overdue,
    rank: RANK.indexOf(main.code),
    ...base,
  };
}
