import { carrierName, isKnownCarrier } from '../domain/carrier.js';
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
  notify: '通知',
  held: '通知暂缓（静默时段）',
  inhibited: '被上级事件覆盖',
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
  customer_message_skipped: '未发客户消息',
};

const SEVERITIES: Readonly<Record<Severity, string>> = { info: '提示', warning: '警告', critical: '严重' };

const COMPENSATION_KINDS: Readonly<Record<string, string>> = { coupon: '优惠券', gift: '赠品', shipping_refund: '运费退款', refund: '退款' };

const COMPENSATION_STATES: Readonly<Record<string, string>> = { granted: '已发放', pending_approval: '待审批', approved: '已批准', rejected: '已驳回' };

const OUTBOX_STATES: Readonly<Record<string, string>> = { pending: '待发送', sent: '已发送', merged: '已并入汇总', dead: '发送失败' };

const TIERS: Readonly<Record<string, string>> = { vip: 'VIP', regular: '老客户', new: '新客户' };

/**
 * The platforms' own order states (what each channel's API or export calls
 * it), in the words of each platform's seller back office. A state a table
 * does not know is shown as "未识别的平台状态", never as a bare code.
 */
const CHANNEL_STATUSES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  taobao: {
    TRADE_NO_CREATE_PAY: '未创建支付宝交易',
    WAIT_BUYER_PAY: '等待买家付款',
    PAY_PENDING: '付款确认中',
    WAIT_PRE_AUTH_CONFIRM: '等待预授权确认',
    WAIT_SELLER_SEND_GOODS: '买家已付款，等待卖家发货',
    PAID_FORBID_CONSIGN: '已付款，暂不能发货',
    SELLER_CONSIGNED_PART: '卖家部分发货',
    WAIT_BUYER_CONFIRM_GOODS: '卖家已发货，等待买家确认收货',
    TRADE_BUYER_SIGNED: '买家已签收',
    TRADE_FINISHED: '交易成功',
    TRADE_CLOSED: '交易关闭',
    TRADE_CLOSED_BY_TAOBAO: '交易被淘宝关闭',
  },
  jd: {
    WAIT_SELLER_STOCK_OUT: '等待出库',
    WAIT_SELLER_DELIVERY: '等待发货',
    POP_ORDER_PAUSE: '订单暂停',
    PAUSE: '订单暂停',
    LOCKED: '订单已锁定',
    WAIT_GOODS_RECEIVE_CONFIRM: '等待确认收货',
    FINISHED_L: '完成',
    TRADE_CANCELED: '已取消',
  },
  douyin: { '1': '待支付', '105': '已支付', '2': '备货中', '101': '部分发货', '3': '已发货', '4': '已取消', '5': '已完成' },
  youzan: {
    TRADE_NO_CREATE_PAY: '未创建支付',
    WAIT_BUYER_PAY: '等待买家付款',
    TRADE_PAID: '已付款',
    WAIT_CONFIRM: '待成团/待接单',
    WAIT_SELLER_SEND_GOODS: '等待卖家发货',
    WAIT_BUYER_CONFIRM_GOODS: '卖家已发货',
    TRADE_SUCCESS: '交易成功',
    TRADE_CLOSE: '交易关闭',
    TRADE_CLOSED: '交易关闭',
    TRADE_CLOSED_BY_USER: '买家已关闭交易',
  },
  olist: { created: '已创建', approved: '已审核', invoiced: '已开票', processing: '处理中', shipped: '已发货', delivered: '已送达', canceled: '已取消', unavailable: '不可售' },
};

const SHOPIFY_FINANCIAL: Readonly<Record<string, string>> = {
  pending: '待付款',
  authorized: '已授权',
  partially_paid: '部分付款',
  paid: '已付款',
  partially_refunded: '部分退款',
  refunded: '已退款',
  voided: '已作废',
};
const SHOPIFY_FULFILLMENT: Readonly<Record<string, string>> = { unfulfilled: '未发货', partial: '部分发货', fulfilled: '已发货', restocked: '已退回库存', cancelled: '已取消' };

/** Why stock moved (the ERP's reasons); Chinese reasons pass through. */
const STOCK_REASONS: Readonly<Record<string, string>> = {
  reserve: '订单占用',
  release: '释放占用',
  outbound: '出库',
  inbound: '入库',
  restock: '补货入库',
  purchase: '采购入库',
  adjust: '盘点调整',
  adjustment: '盘点调整',
  return: '退货入库',
  transfer: '调拨',
};

/** Where an event came from. */
const EVENT_SOURCES: Readonly<Record<string, string>> = {
  wms: '仓库系统',
  erp: 'ERP',
  crm: '客服系统',
  kuaidi100: '快递100',
  taobao: '淘宝',
  jd: '京东',
  douyin: '抖店',
  youzan: '有赞',
  shopify: 'Shopify',
  supplier: '供应商',
  console: '控制台',
  generic: '接口',
  olist: 'Olist',
  import: '文件导入',
};

/** What a queued message was for. */
const MESSAGE_KINDS: Readonly<Record<string, string>> = {
  incident: '事件通知',
  escalation: '升级通知',
  reminder: '提醒',
  resolved: '解决通知',
  overdue: '超时通知',
  customer: '客户消息',
  test: '测试消息',
  digest: '汇总消息',
  report: '报告',
};

const RECEIVER_TYPES: Readonly<Record<string, string>> = { wecom: '企业微信群', dingtalk: '钉钉群', feishu: '飞书群', email: '邮件', sms: '短信', webhook: '接口推送', ticket: '工单池' };

const pick = (table: Readonly<Record<string, string>>, code: string): string => (Object.hasOwn(table, code) ? table[code]! : code);

/** channelStatus names a platform's order state in the platform's own words. */
function channelStatus(channel: string, status: string | undefined): string {
  if (status === undefined || status === '') return '—';
  if (channel === 'shopify') {
    const [financial = '', fulfillment = '', cancelled] = status.split('/');
    const words = [SHOPIFY_FINANCIAL[financial], SHOPIFY_FULFILLMENT[fulfillment], cancelled === 'cancelled' ? '已取消' : undefined];
    if (words[0] !== undefined && words[1] !== undefined) return words.filter(Boolean).join('，');
  }
  const table = CHANNEL_STATUSES[channel];
  if (table && Object.hasOwn(table, status)) return table[status]!;
  // A Chinese state (an ERP export writes it so) reads as it is.
  return /[\u4e00-\u9fff]/.test(status) ? status : '未识别的平台状态';
}

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
  channelStatus,
  carrier: (code: string | undefined): string => carrierName(code).zh,
  /** explanation says a finding's explanation with the carrier codes detection wrote in it ("（ZTO）") in words. */
  explanation: (text: string): string => text.replace(/（([A-Za-z0-9_]{1,20})）/g, (all, code: string) => (isKnownCarrier(code) ? `（${carrierName(code).zh}）` : all)),
  stockReason: (code: string): string => pick(STOCK_REASONS, code),
  source: (code: string): string => pick(EVENT_SOURCES, code),
  messageKind: (code: string): string => pick(MESSAGE_KINDS, code),
  receiverType: (code: string): string => pick(RECEIVER_TYPES, code),
} as const;

/**
 * ReportVocabulary is what the policy file defines: the words of the
 * root-cause classes and sub-causes, and which closes count as false
 * alarms (every `not_abnormal` cause and the sub-causes the policy lists
 * in `rootCauses.falseAlarm`). The app passes the policy in effect.
 */
export interface ReportVocabulary {
  rootCauseClass(cls: string): string;
  subCause(id: string): string;
  /** Sub-causes of real classes that count as false alarms too (the policy's `rootCauses.falseAlarm`). */
  readonly falseAlarmSubCauses: readonly string[];
  /** receiver names a receiver of the policy with what it is ("企业微信群 ops-group"). */
  receiver(name: string): string;
}

/** isFalseAlarmCause tells whether a close with this root cause is a false alarm under the vocabulary's policy. */
export function isFalseAlarmCause(vocabulary: ReportVocabulary, rootCause: { readonly class: string; readonly subCause: string } | undefined): boolean {
  return rootCause !== undefined && (rootCause.class === 'not_abnormal' || vocabulary.falseAlarmSubCauses.includes(rootCause.subCause));
}

const CLASS_WORDS: Readonly<Record<string, string>> = { system: '系统原因', human: '人为原因', external: '外部原因', not_abnormal: '非异常（误报）' };

/** PLAIN_VOCABULARY names the classes and shows sub-causes by their ids (tests, or no policy at hand); no extra false-alarm sub-causes. */
export const PLAIN_VOCABULARY: ReportVocabulary = { rootCauseClass: (c) => pick(CLASS_WORDS, c), subCause: (s) => s, falseAlarmSubCauses: [], receiver: (n) => n };
