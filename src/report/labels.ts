import type { ContactEvent, LogisticsState, OrderEvent } from '../domain/event.js';
import type { Severity } from '../domain/finding.js';
import type { IncidentScope, IncidentState } from '../domain/incident.js';
import { ROLE_NAMES_ZH, isRole } from '../domain/role.js';
import { STAGE_NAMES_ZH, isStage } from '../domain/stage.js';

/**
 * The Chinese words reports use for the model's codes. A code without a
 * label is shown as itself, never dropped: a new action or state still
 * reads, just in English.
 */

const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  taobao: '淘宝/天猫',
  jd: '京东',
  douyin: '抖店',
  pdd: '拼多多',
  kuaishou: '快手小店',
  wechat_shop: '微信小店（视频号）',
  youzan: '有赞',
  shopify: 'Shopify 自营商城',
  generic: '通用接口',
  olist: 'Olist',
};

const EVENT_KINDS: Readonly<Record<OrderEvent['kind'], string>> = {
  stage: '环节',
  logistics: '物流',
  contact: '客户沟通',
  note: '备注',
  inventory_level: '库存读数',
  inventory_change: '库存变动',
};

const LOGISTICS_STATES: Readonly<Record<LogisticsState, string>> = {
  pickup_pending: '待揽收',
  picked_up: '已揽收',
  pickup_failed: '揽收失败',
  in_transit: '运输中',
  out_for_delivery: '派件中',
  in_locker: '已入柜/驿站',
  delivered: '已签收',
  problem: '问题件',
  refused: '拒收',
  returning: '退回中',
  returned: '已退回',
  customs: '清关中',
  transferred: '转运',
  no_update: '无更新',
};

const CONTACT_CHANNELS: Readonly<Record<ContactEvent['channel'], string>> = {
  phone: '电话',
  chat: '在线聊天',
  complaint: '投诉',
  email: '邮件',
  sms: '短信',
  other: '其他',
};

const INCIDENT_STATES: Readonly<Record<IncidentState, string>> = {
  open: '待确认',
  acknowledged: '已确认',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
  reviewed: '已复盘',
};

const SCOPES: Readonly<Record<IncidentScope, string>> = {
  order: '单个订单',
  batch: '同批次',
  sku: '同SKU',
  warehouse: '同仓库',
  carrier: '同快递',
  channel_sync: '渠道同步',
  system: '系统',
};

const ACTIONS: Readonly<Record<string, string>> = {
  open: '创建事件',
  join: '并入异常',
  level_up: '升级范围',
  graded: '定级',
  notify: '发出通知',
  held: '通知暂缓（静默时段）',
  inhibited: '已被上级事件抑制',
  remind: '提醒',
  escalate: '升级',
  overdue: '超出解决时限',
  resume: '恢复自动处理',
  auto_resolve: '自动解决',
  finding_cleared: '异常消失',
  suggest_resolve: '建议解决',
  acknowledge: '确认',
  assign: '指派',
  start: '开始处理',
  pause: '暂停（人工接管）',
  resolve: '解决',
  close: '关闭',
  reopen: '重新打开',
  review: '复盘完成',
  check: '勾选清单项',
  uncheck: '取消勾选',
  compensate: '补偿',
  compensation_requested: '申请补偿（待审批）',
  compensation_approved: '批准补偿',
  compensation_rejected: '驳回补偿',
  rate: '预案评分',
  comment: '备注',
  customer_message: '发送客户消息',
  pause_order: '接管订单',
  resume_order: '恢复订单',
  report_sent: '发送报告',
};

const SEVERITIES: Readonly<Record<Severity, string>> = { info: '提示', warning: '警告', critical: '严重' };

const COMPENSATION_KINDS: Readonly<Record<string, string>> = { coupon: '优惠券', gift: '赠品', shipping_refund: '运费退款', refund: '退款' };

const COMPENSATION_STATES: Readonly<Record<string, string>> = { granted: '已发放', pending_approval: '待审批', approved: '已批准', rejected: '已驳回' };

const OUTBOX_STATES: Readonly<Record<string, string>> = { pending: '待发送', sent: '已发送', merged: '已并入汇总', dead: '发送失败' };

const TIERS: Readonly<Record<string, string>> = { vip: 'VIP', regular: '老客户', new: '新客户' };

const pick = (table: Readonly<Record<string, string>>, code: string): string => (Object.hasOwn(table, code) ? table[code]! : code);

/** LABELS look codes up for people; unknown codes come back unchanged. */
export const LABELS = {
  channel: (code: string): string => pick(CHANNEL_NAMES, code),
  stage: (code: string): string => (isStage(code) ? STAGE_NAMES_ZH[code] : code),
  eventKind: (code: string): string => pick(EVENT_KINDS, code),
  logistics: (code: string): string => pick(LOGISTICS_STATES, code),
  contactChannel: (code: string): string => pick(CONTACT_CHANNELS, code),
  direction: (code: string): string => (code === 'inbound' ? '客户来访' : code === 'outbound' ? '我方联系' : code),
  incidentState: (code: string): string => pick(INCIDENT_STATES, code),
  scope: (code: string): string => pick(SCOPES, code),
  action: (code: string): string => pick(ACTIONS, code),
  severity: (code: string): string => pick(SEVERITIES, code),
  compensation: (code: string): string => pick(COMPENSATION_KINDS, code),
  compensationState: (code: string): string => pick(COMPENSATION_STATES, code),
  outboxState: (code: string): string => pick(OUTBOX_STATES, code),
  tier: (code: string): string => pick(TIERS, code),
  role: (code: string): string => (isRole(code) ? ROLE_NAMES_ZH[code] : code),
  actor: (name: string): string => (name === 'system' ? '系统' : name),
} as const;

/**
 * ReportVocabulary names what the policy file defines (root-cause classes
 * and sub-causes): the app passes the labels of the policy in effect.
 */
export interface ReportVocabulary {
  rootCauseClass(cls: string): string;
  subCause(id: string): string;
}

/** PLAIN_VOCABULARY shows root causes by their ids (tests, or no policy at hand). */
export const PLAIN_VOCABULARY: ReportVocabulary = { rootCauseClass: (c) => c, subCause: (s) => s };
