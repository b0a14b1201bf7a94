import type { Incident } from '../domain/incident.js';
import type { DelayedOrder, WarRoomSplit } from '../store/dashboard-store.js';
import type { StoredFinding } from '../store/detection-store.js';
import type { CallbackTask, ImprovementItem } from '../store/report-store.js';
import { findingLabel } from './evidence/order-case.js';
import { when } from './format.js';
import type { KpiDay } from './kpi/kpi-data.js';
import { LABELS, type ReportVocabulary } from './labels.js';
import { NO_PEOPLE, type People } from './people.js';
import type { ExportColumn } from './table-export.js';
import { splitLabel } from './split-labels.js';

/**
 * The lists people export from the console and the CLI, each with Chinese
 * column headers. Times are Beijing time, amounts yuan.
 */

export const KPI_DAY_COLUMNS: ReadonlyArray<ExportColumn<KpiDay>> = [
  { header: '日期', value: (d) => d.day, width: 12 },
  { header: '订单量', value: (d) => d.orders },
  { header: '延迟订单', value: (d) => d.delayed },
  { header: '被投诉订单', value: (d) => d.complained },
  { header: '新增事件', value: (d) => d.incidents },
  { header: '中位确认用时(小时)', value: (d) => d.ackMedianHours },
  { header: '中位解决用时(小时)', value: (d) => d.resolveMedianHours },
];

/** incidentColumns are the queue's columns; root causes are named with the policy's words. */
export function incidentColumns(vocabulary: ReportVocabulary, people: People = NO_PEOPLE): ReadonlyArray<ExportColumn<Incident>> {
  return [
    { header: '事件编号', value: (i) => i.id, width: 16 },
    { header: '标题', value: (i) => i.title.zh, width: 40 },
    { header: '状态', value: (i) => LABELS.incidentState(i.state) },
    { header: '等级', value: (i) => i.grade },
    { header: '范围级别', value: (i) => i.level },
    { header: '负责角色', value: (i) => LABELS.role(i.ownerRole) },
    { header: '指派', value: (i) => (i.assignee !== undefined ? people.name(i.assignee) : undefined) },
    // orderIds is a capped sample once an incident carries orderCount (the total).
    { header: '订单数', value: (i) => ('orderCount' in i && typeof i.orderCount === 'number' ? i.orderCount : i.orderIds.length) },
    { header: '打开时间', value: (i) => when(i.openedAt), width: 18 },
    { header: '确认时间', value: (i) => (i.acknowledgedAt !== undefined ? when(i.acknowledgedAt) : undefined), width: 18 },
    { header: '解决时间', value: (i) => (i.resolvedAt !== undefined ? when(i.resolvedAt) : undefined), width: 18 },
    { header: '关闭时间', value: (i) => (i.closedAt !== undefined ? when(i.closedAt) : undefined), width: 18 },
    { header: '根因类别', value: (i) => (i.rootCause ? vocabulary.rootCauseClass(i.rootCause.class) : undefined) },
    { header: '子原因', value: (i) => (i.rootCause ? vocabulary.subCause(i.rootCause.subCause) : undefined) },
  ];
}

export const CALLBACK_COLUMNS: ReadonlyArray<ExportColumn<CallbackTask>> = [
  { header: '回访编号', value: (c) => c.id, width: 16 },
  { header: '事件', value: (c) => c.incidentId, width: 14 },
  { header: '订单', value: (c) => c.orderId, width: 24 },
  { header: '状态', value: (c) => (c.state === 'done' ? '已回访' : c.state === 'unreachable' ? '联系不上' : '待回访') },
  { header: '应回访时间', value: (c) => when(c.dueAt), width: 18 },
  { header: '评分', value: (c) => c.score },
  { header: '客户反馈', value: (c) => c.comment, width: 40 },
  { header: '回访人', value: (c) => c.doneBy },
  { header: '回访时间', value: (c) => (c.doneAt !== undefined ? when(c.doneAt) : undefined), width: 18 },
];

export const IMPROVEMENT_COLUMNS: ReadonlyArray<ExportColumn<ImprovementItem>> = [
  { header: '编号', value: (i) => i.id, width: 14 },
  { header: '来源事件', value: (i) => i.incidentId, width: 14 },
  { header: '改进项', value: (i) => i.title, width: 40 },
  { header: '负责人', value: (i) => i.owner },
  { header: '截止日期', value: (i) => when(i.dueAt).slice(0, 10), width: 12 },
  { header: '状态', value: (i) => ({ open: '未开始', in_progress: '进行中', done: '已完成', dropped: '已放弃' })[i.state] },
  { header: '完成时间', value: (i) => (i.doneAt !== undefined ? when(i.doneAt) : undefined), width: 18 },
  { header: '最新进展', value: (i) => i.notes.at(-1)?.text, width: 40 },
];

export const DELAYED_ORDER_COLUMNS: ReadonlyArray<ExportColumn<DelayedOrder>> = [
  { header: '订单编号', value: (o) => o.id, width: 24 },
  { header: '平台订单号', value: (o) => o.channelOrderId, width: 20 },
  { header: '渠道', value: (o) => LABELS.channel(o.channel) },
  { header: '下单时间', value: (o) => when(o.placedAt), width: 18 },
  { header: '当前环节', value: (o) => LABELS.stage(o.stage) },
  { header: '延迟环节', value: (o) => LABELS.stage(o.delayStage) },
  { header: '等级', value: (o) => o.grade },
  { header: '省份', value: (o) => o.region },
  { header: '城市', value: (o) => o.city },
  { header: '客户等级', value: (o) => LABELS.tier(o.customerTier) },
  { header: '实付(元)', value: (o) => o.paidFen / 100 },
  { header: '异常', value: (o) => o.codes.map(findingLabel).join('、') },
  { header: '首次发现', value: (o) => when(o.firstSeenAt), width: 18 },
  { header: '仓库', value: (o) => splitLabel('warehouse', o.warehouse).zh, width: 14 },
  { header: '商品', value: (o) => splitLabel('sku', o.sku, o.skuTitle).zh, width: 28 },
  { header: '快递', value: (o) => splitLabel('carrier', o.carrier).zh, width: 14 },
  { header: '店铺', value: (o) => splitLabel('shop', o.shop).zh, width: 22 },
  { header: '仅预警', value: (o) => (o.atRisk ? '是' : '否') },
];

/** SplitRow is one row of the war-room tables as exported: which split, which value, its figures. */
export interface SplitRow {
  readonly split: WarRoomSplit;
  readonly key: string;
  readonly title?: string;
  readonly delayed: number;
  readonly atRisk: number;
  readonly orders: number;
  /** Of the period's delayed orders, 0..1. */
  readonly share: number;
  readonly today: number;
  readonly yesterday: number;
}

const SPLIT_NAMES: Readonly<Record<WarRoomSplit, string>> = { warehouse: '仓库', sku: '商品', carrier: '快递', shop: '店铺' };

export const SPLIT_COLUMNS: ReadonlyArray<ExportColumn<SplitRow>> = [
  { header: '维度', value: (r) => SPLIT_NAMES[r.split] },
  { header: '名称', value: (r) => splitLabel(r.split, r.key, r.title).zh, width: 28 },
  { header: '编码', value: (r) => r.key, width: 18 },
  { header: '延迟订单', value: (r) => r.delayed },
  { header: '其中预警', value: (r) => r.atRisk },
  { header: '订单量', value: (r) => r.orders },
  { header: '占延迟比例(%)', value: (r) => Math.round(r.share * 1000) / 10 },
  { header: '今日延迟', value: (r) => r.today },
  { header: '昨日延迟', value: (r) => r.yesterday },
];

export const FINDING_COLUMNS: ReadonlyArray<ExportColumn<StoredFinding>> = [
  { header: '订单', value: (f) => f.orderId, width: 24 },
  { header: '异常', value: (f) => findingLabel(f.code), width: 16 },
  { header: '级别', value: (f) => LABELS.severity(f.severity) },
  { header: '状态', value: (f) => (f.status === 'open' ? '未消除' : '已消除') },
  { header: '首次发现', value: (f) => when(f.firstSeenAt), width: 18 },
  { header: '说明', value: (f) => f.explanation.zh, width: 50 },
  { header: '阈值(小时)', value: (f) => f.threshold?.hours },
  { header: '阈值来历', value: (f) => f.threshold?.derivation.zh, width: 50 },
];
