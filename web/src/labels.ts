import type { Bilingual } from './i18n';

type Labels = Readonly<Record<string, Bilingual>>;

const b = (zh: string, en: string): Bilingual => ({ zh, en });

/** CHANNELS name the sales channels. */
export const CHANNELS: Labels = {
  taobao: b('淘宝/天猫', 'Taobao/Tmall'),
  jd: b('京东', 'JD'),
  douyin: b('抖店', 'Douyin shop'),
  pdd: b('拼多多', 'Pinduoduo'),
  kuaishou: b('快手小店', 'Kuaishou shop'),
  wechat_shop: b('微信小店（视频号）', 'WeChat Channels shop'),
  youzan: b('有赞', 'Youzan'),
  shopify: b('Shopify', 'Shopify'),
  generic: b('其他', 'Other'),
  olist: b('Olist', 'Olist'),
};

/** STAGES name an order's stages. */
export const STAGES: Labels = {
  pending_payment: b('待付款', 'awaiting payment'),
  paid: b('已付款', 'paid'),
  reviewed: b('已审核', 'reviewed'),
  label_printed: b('已打单', 'label printed'),
  picked: b('已拣货', 'picked'),
  shipped: b('已出库', 'shipped'),
  collected: b('已揽收', 'collected'),
  in_transit: b('运输中', 'in transit'),
  out_for_delivery: b('派件中', 'out for delivery'),
  delivered: b('已签收', 'delivered'),
  cancelled: b('已取消', 'cancelled'),
  returned: b('已退回', 'returned'),
};

/** FINDINGS name the finding codes. */
export const FINDINGS: Labels = {
  'stock.oversold': b('超卖', 'oversold'),
  'stock.sync_stale': b('库存同步过期', 'stale stock sync'),
  'phone.invalid': b('手机号无效', 'invalid phone'),
  'address.unresolved': b('地址无法解析', 'unresolved address'),
  'address.vague': b('地址模糊', 'vague address'),
  'amount.mismatch': b('金额不符', 'amount mismatch'),
  'amount.outlier': b('金额异常', 'amount outlier'),
  'order.placeholder': b('疑似虚假订单', 'placeholder order'),
  'order.duplicate': b('重复订单', 'duplicate order'),
  'stage.stalled': b('环节停滞', 'stalled'),
  'promise.at_risk': b('承诺时效有风险', 'promise at risk'),
  'promise.breached': b('已超承诺时效', 'promise breached'),
  'logistics.exception': b('物流异常', 'logistics exception'),
};

/** STATES name the incident states. */
export const STATES: Labels = {
  open: b('待响应', 'open'),
  acknowledged: b('已响应', 'acknowledged'),
  in_progress: b('处理中', 'in progress'),
  resolved: b('已解决', 'resolved'),
  closed: b('已关闭', 'closed'),
  reviewed: b('已复盘', 'reviewed'),
};

/** ROLES name the roles. */
export const ROLES: Labels = {
  agent: b('客服', 'agent'),
  supervisor: b('客服主管', 'supervisor'),
  ops_manager: b('运营经理', 'ops manager'),
  warehouse: b('仓储负责人', 'warehouse lead'),
  executive: b('副总', 'executive'),
  admin: b('管理员', 'admin'),
  integration: b('系统集成', 'integration'),
};

/** GRADES name the grades; `none` is a delayed order no incident covers. */
export const GRADES: Labels = {
  A: b('A 级', 'Grade A'),
  B: b('B 级', 'Grade B'),
  C: b('C 级', 'Grade C'),
  D: b('D 级', 'Grade D'),
  none: b('未分级', 'Ungraded'),
};

/** GRADE_COLORS colour the grades the same everywhere. */
export const GRADE_COLORS: Readonly<Record<string, string>> = { A: '#cf1322', B: '#fa8c16', C: '#fadb14', D: '#8c8c8c', none: '#d9d9d9' };

/** TIERS name the customer tiers. */
export const TIERS: Labels = { vip: b('VIP', 'VIP'), regular: b('老客户', 'regular'), new: b('新客户', 'new') };

/** COMPENSATIONS name the kinds of compensation. */
export const COMPENSATIONS: Labels = {
  coupon: b('优惠券', 'coupon'),
  gift: b('赠品', 'gift'),
  shipping_refund: b('退运费', 'shipping refund'),
  refund: b('退款', 'refund'),
};

/** COMPENSATION_STATES name where a compensation stands. */
export const COMPENSATION_STATES: Labels = {
  granted: b('已发放', 'granted'),
  pending_approval: b('待审批', 'pending approval'),
  approved: b('已批准', 'approved'),
  rejected: b('已驳回', 'rejected'),
};

/** ROOT_CAUSE_CLASSES name the classes of root cause. */
export const ROOT_CAUSE_CLASSES: Labels = {
  system: b('系统原因', 'system'),
  human: b('人为原因', 'human'),
  external: b('外部原因', 'external'),
  not_abnormal: b('非异常（误报）', 'not abnormal (false alarm)'),
};

/** ACTIONS name what people and automation did to an incident (its log) and what a person may do. */
export const ACTIONS: Labels = {
  open: b('创建事件', 'opened'),
  join: b('并入异常', 'finding joined'),
  level_up: b('升级范围', 'scope widened'),
  graded: b('定级', 'graded'),
  regraded: b('重新定级', 'regraded'),
  notify: b('通知', 'notified'),
  held: b('通知暂缓（静默时段）', 'notice held (quiet hours)'),
  inhibited: b('被上级事件覆盖', 'covered by a wider incident'),
  remind: b('提醒', 'reminder'),
  escalate: b('升级', 'escalate'),
  escalated: b('已升级', 'escalated'),
  overdue: b('超出解决时限', 'past resolution target'),
  resume: b('恢复自动处理', 'resume automation'),
  auto_resolve: b('自动解决', 'resolved automatically'),
  finding_cleared: b('异常消失', 'finding cleared'),
  suggest_resolve: b('建议解决', 'resolve suggested'),
  acknowledge: b('响应（认领）', 'acknowledge'),
  assign: b('指派', 'assign'),
  start: b('开始处理', 'start'),
  pause: b('暂停（人工接管）', 'pause (take over)'),
  resolve: b('解决', 'resolve'),
  close: b('关闭', 'close'),
  reopen: b('重新打开', 'reopen'),
  review: b('复盘完成', 'reviewed'),
  check: b('勾选清单项', 'checklist item ticked'),
  uncheck: b('取消勾选', 'checklist item unticked'),
  compensate: b('补偿', 'compensate'),
  compensation_requested: b('申请补偿（待审批）', 'compensation requested'),
  compensation_approved: b('批准补偿', 'compensation approved'),
  compensation_rejected: b('驳回补偿', 'compensation rejected'),
  decide_compensation: b('审批补偿', 'decide compensation'),
  rate: b('预案评分', 'playbook rated'),
  comment: b('备注', 'comment'),
  customer_message: b('发送客户消息', 'customer message sent'),
  customer_message_skipped: b('未发客户消息', 'customer message skipped'),
  pause_order: b('接管订单', 'order taken over'),
  resume_order: b('恢复订单', 'order handed back'),
  report_sent: b('发送报告', 'report sent'),
  force_close: b('强制关闭（补偿待审批）', 'force-closed (compensation pending)'),
};

/** LEVELS name the response levels (level 1 one order … level 3 the whole business). */
export const LEVELS: Labels = {
  '1': b('一级', 'Level 1'),
  '2': b('二级', 'Level 2'),
  '3': b('三级', 'Level 3'),
  'level-1': b('一级', 'Level 1'),
  'level-2': b('二级', 'Level 2'),
  'level-3': b('三级', 'Level 3'),
};

/** levelLabel names a level given as a number or as `level-2`. */
export function levelLabel(level: number | string | undefined, lang: 'zh' | 'en'): string {
  if (level === undefined) return '—';
  return label(LEVELS, String(level), lang);
}

/** RULES name the shipped grading rules (a rule of one's own policy shows its own name). */
export const RULES: Labels = {
  'system-failure': b('系统/渠道同步故障', 'system or channel sync failure'),
  'stock-out': b('同一 SKU 多单缺货', 'one SKU out of stock for several orders'),
  'batch-late': b('同批次/仓库/快递多单延迟', 'a batch, warehouse or carrier late on several orders'),
  'vip-late': b('VIP 延迟 3 天以上', 'VIP order 3+ days late'),
  'long-late': b('延迟 5 天以上', 'order 5+ days late'),
  'high-value-late': b('高价值订单延迟（≥ ¥1000）', 'high-value order late (≥ ¥1000)'),
  'vip-recent': b('VIP 订单延迟', 'VIP order late'),
  'late-3-4-days': b('延迟 3–4 天', 'order 3–4 days late'),
  'late-recent': b('订单延迟', 'order late'),
  'oversold-order': b('超卖订单', 'oversold order'),
  'promise-at-risk': b('承诺时效有风险', 'promise at risk'),
  'order-data': b('订单数据问题', 'order data problem'),
  fallback: b('其他异常', 'other exception'),
};

/** PLAYBOOKS name the shipped playbooks when the policy gives no title. */
export const PLAYBOOKS: Labels = {
  'grade-a': b('A 级处置方案', 'Grade A playbook'),
  'grade-b': b('B 级处置方案', 'Grade B playbook'),
  'grade-c': b('C 级处置方案', 'Grade C playbook'),
  'grade-d': b('D 级处置方案', 'Grade D playbook'),
  'level-1': b('一级响应方案', 'Level 1 playbook'),
  'level-2': b('二级响应方案', 'Level 2 playbook'),
  'level-3': b('三级响应方案', 'Level 3 playbook'),
  'carrier-delay': b('快递延误处置', 'Carrier delay playbook'),
  oversold: b('超卖处置', 'Oversold playbook'),
  'at-risk': b('时效风险处置', 'At-risk playbook'),
};

/** SUB_CAUSES name the shipped root causes (and the delay reasons people pick). */
export const SUB_CAUSES: Labels = {
  stock_sync_failure: b('库存同步失败', 'stock sync failure'),
  erp_failure: b('ERP故障', 'ERP failure'),
  rule_false_positive: b('规则误报', 'rule false positive'),
  integration_failure: b('接口故障', 'integration failure'),
  misconfiguration: b('配置错误', 'misconfiguration'),
  picking_error: b('拣货错误', 'picking error'),
  missed_item: b('漏发', 'item left out'),
  cs_no_follow_up: b('客服未跟进', 'customer service did not follow up'),
  data_entry_error: b('录入错误', 'data entry error'),
  packing_error: b('包装错误', 'packing error'),
  courier_delay: b('快递延误', 'courier delay'),
  weather: b('天气', 'weather'),
  supplier_out_of_stock: b('供应商缺货', 'supplier out of stock'),
  platform_outage: b('平台故障', 'platform outage'),
  customer_unreachable: b('客户联系不上', 'customer unreachable'),
  legitimate_delay: b('合法延迟（预售/约定发货）', 'legitimate delay (pre-sale / agreed date)'),
  customer_agreed: b('客户已同意', 'customer had agreed'),
  duplicate_alert: b('重复告警', 'duplicate alert'),
  data_lag: b('数据延迟到达', 'data arrived late'),
};

/** LOGISTICS_STATES name the carriers' tracking states (also the delay reasons such as pickup_failed). */
export const LOGISTICS_STATES: Labels = {
  pickup_pending: b('待揽收', 'awaiting pickup'),
  picked_up: b('已揽收', 'picked up'),
  pickup_failed: b('揽收失败', 'pickup failed'),
  in_transit: b('运输中', 'in transit'),
  out_for_delivery: b('派件中', 'out for delivery'),
  in_locker: b('已入柜/驿站', 'in a locker / station'),
  delivered: b('已签收', 'delivered'),
  problem: b('问题件', 'problem parcel'),
  refused: b('拒收', 'refused'),
  returning: b('退回中', 'returning'),
  returned: b('已退回', 'returned'),
  customs: b('清关中', 'in customs'),
  transferred: b('转运', 'transferred'),
  no_update: b('无更新', 'no update'),
};

/** REASONS name why an order is late, whichever vocabulary the code comes from. */
export const REASONS: Labels = { ...LOGISTICS_STATES, ...SUB_CAUSES, ...FINDINGS, ...STAGES };

/** SCOPES name how wide an incident is. */
export const SCOPES: Labels = {
  order: b('单个订单', 'one order'),
  batch: b('同批次', 'one batch'),
  sku: b('同 SKU', 'one SKU'),
  warehouse: b('同仓库', 'one warehouse'),
  carrier: b('同快递', 'one carrier'),
  channel_sync: b('渠道同步', 'channel sync'),
  system: b('系统', 'system'),
};

/** EVENT_KINDS name the kinds of events on an order's timeline. */
export const EVENT_KINDS: Labels = {
  stage: b('环节', 'stage'),
  logistics: b('物流', 'logistics'),
  contact: b('客户沟通', 'contact'),
  note: b('备注', 'note'),
  inventory_level: b('库存读数', 'stock reading'),
  inventory_change: b('库存变动', 'stock change'),
};

/** CONTACT_CHANNELS name how a customer was in touch. */
export const CONTACT_CHANNELS: Labels = {
  phone: b('电话', 'phone'),
  chat: b('在线聊天', 'chat'),
  complaint: b('投诉', 'complaint'),
  email: b('邮件', 'e-mail'),
  sms: b('短信', 'SMS'),
  wecom: b('企业微信', 'WeCom'),
  other: b('其他', 'other'),
  inbound: b('客户来访', 'from the customer'),
  outbound: b('我方联系', 'to the customer'),
};

/** EVENT_SOURCES name where an event came from. */
export const EVENT_SOURCES: Labels = {
  wms: b('仓库系统', 'WMS'),
  erp: b('ERP', 'ERP'),
  crm: b('客服系统', 'CRM'),
  kuaidi100: b('快递100', 'Kuaidi100'),
  taobao: b('淘宝', 'Taobao'),
  jd: b('京东', 'JD'),
  douyin: b('抖店', 'Douyin shop'),
  youzan: b('有赞', 'Youzan'),
  shopify: b('Shopify', 'Shopify'),
  supplier: b('供应商', 'supplier'),
  console: b('控制台', 'console'),
  generic: b('接口', 'API'),
  olist: b('Olist', 'Olist'),
  import: b('文件导入', 'file import'),
};

/** STOCK_REASONS name why stock moved. */
export const STOCK_REASONS: Labels = {
  reserve: b('订单占用', 'reserved'),
  release: b('释放占用', 'released'),
  outbound: b('出库', 'outbound'),
  inbound: b('入库', 'inbound'),
  restock: b('补货入库', 'restocked'),
  purchase: b('采购入库', 'purchased'),
  adjust: b('盘点调整', 'stock-take adjustment'),
  adjustment: b('盘点调整', 'stock-take adjustment'),
  return: b('退货入库', 'returned to stock'),
  transfer: b('调拨', 'transfer'),
};

/** MESSAGE_KINDS name what a queued message was for. */
export const MESSAGE_KINDS: Labels = {
  incident: b('事件通知', 'incident notice'),
  escalation: b('升级通知', 'escalation'),
  reminder: b('提醒', 'reminder'),
  resolved: b('解决通知', 'resolved notice'),
  overdue: b('超时通知', 'overdue notice'),
  customer: b('客户消息', 'customer message'),
  test: b('测试消息', 'test message'),
  digest: b('汇总消息', 'digest'),
  report: b('报告', 'report'),
};

/** OUTBOX_STATES name where a queued message stands. */
export const OUTBOX_STATES: Labels = {
  pending: b('待发送', 'pending'),
  sent: b('已发送', 'sent'),
  merged: b('已并入汇总', 'merged into a digest'),
  dead: b('发送失败', 'failed'),
};

/** SEND_CHANNELS name the ways a customer message goes out. */
export const SEND_CHANNELS: Labels = {
  sms: b('短信', 'SMS'),
  email: b('邮件', 'e-mail'),
  wecom: b('企业微信', 'WeCom'),
  phone: b('电话话术', 'phone script'),
};

/** RECEIVER_TYPES name the kinds of notification receivers. */
export const RECEIVER_TYPES: Labels = {
  wecom: b('企业微信群', 'WeCom group'),
  dingtalk: b('钉钉群', 'DingTalk group'),
  feishu: b('飞书群', 'Feishu group'),
  email: b('邮件', 'e-mail'),
  sms: b('短信', 'SMS'),
  webhook: b('接口推送', 'webhook'),
  ticket: b('工单池', 'ticket pool'),
};

/** SEVERITIES name how bad a finding is. */
export const SEVERITIES: Labels = { info: b('提示', 'info'), warning: b('警告', 'warning'), critical: b('严重', 'critical') };

/** TEMPLATES name the shipped customer templates when the policy gives no subject. */
export const TEMPLATES: Labels = {
  delay: b('延迟致歉', 'delay apology'),
  apology: b('致歉', 'apology'),
  reason: b('原因说明', 'reason'),
  remedy: b('补救方案', 'remedy'),
  confirmation: b('确认', 'confirmation'),
  comfort: b('安抚短信', 'comfort message'),
  oversold: b('缺货说明', 'out of stock'),
  stock_out: b('缺货说明', 'out of stock'),
};

/** CALLBACK_STATES name where a satisfaction callback stands. */
export const CALLBACK_STATES: Labels = {
  pending: b('待回访', 'to call'),
  due: b('待回访', 'to call'),
  reached: b('已回访', 'reached'),
  unreachable: b('未接通', 'not reached'),
  not_reached: b('未接通', 'not reached'),
  done: b('已完成', 'done'),
};

/** FIX_STATES name where a data-quality case or item stands. */
export const FIX_STATES: Labels = { open: b('待处理', 'open'), done: b('已处理', 'done'), fixed: b('已修正', 'fixed'), dismissed: b('非问题', 'dismissed') };

const CARRIER_NAMES: Readonly<Record<string, string>> = {
  shunfeng: 'sf', SF: 'sf', '467': 'sf',
  zhongtong: 'zto', ZTO: 'zto', '1499': 'zto',
  yuantong: 'yto', YTO: 'yto', '463': 'yto',
  yunda: 'yd', YD: 'yd', '1327': 'yd',
  jd: 'jd', JD: 'jd', '2087': 'jd',
  shentong: 'sto', STO: 'sto', '470': 'sto',
  ems: 'ems', EMS: 'ems', '465': 'ems',
  youzhengguonei: 'post',
  jtexpress: 'jt', JT: 'jt',
  debangwuliu: 'db', DBL: 'db',
  huitongkuaidi: 'best',
};

/** CARRIERS: one carrier, one name, whatever code a channel used for it. */
export const CARRIERS: Labels = {
  sf: b('顺丰速运', 'SF Express'),
  zto: b('中通快递', 'ZTO Express'),
  yto: b('圆通速递', 'YTO Express'),
  yd: b('韵达快递', 'Yunda Express'),
  jd: b('京东物流', 'JD Logistics'),
  sto: b('申通快递', 'STO Express'),
  ems: b('邮政EMS', 'China Post EMS'),
  post: b('邮政快递包裹', 'China Post parcel'),
  jt: b('极兔速递', 'J&T Express'),
  db: b('德邦快递', 'Deppon Express'),
  best: b('百世快递', 'BEST Express'),
};

/** carrierLabel names a carrier by any of its codes (快递 1499 and ZTO are both 中通快递). */
export function carrierLabel(code: string | undefined, lang: 'zh' | 'en'): string {
  if (!code) return lang === 'zh' ? '快递' : 'carrier';
  const key = CARRIER_NAMES[code] ?? CARRIER_NAMES[code.toLowerCase()] ?? CARRIER_NAMES[code.replace(/^快递\s*/, '')];
  return key ? CARRIERS[key]![lang] : code;
}

/** anyLabel names a code from whichever table knows it — for server texts that may carry any code. */
export function anyLabel(code: string | undefined, lang: 'zh' | 'en'): string {
  if (code === undefined || code === '') return '—';
  for (const table of [ACTIONS, STATES, REASONS, RULES, ROLES, GRADES, CHANNELS, COMPENSATIONS, COMPENSATION_STATES, ROOT_CAUSE_CLASSES, SCOPES, OUTBOX_STATES, MESSAGE_KINDS, LEVELS, PLAYBOOKS]) {
    const hit = table[code];
    if (hit) return hit[lang];
  }
  if (CARRIER_NAMES[code]) return carrierLabel(code, lang);
  return code;
}

/** SPLIT_VALUE names a value of a dashboard split for people. */
export function splitLabel(split: string, key: string, lang: 'zh' | 'en'): string {
  const table = split === 'channel' || split === 'shop' ? CHANNELS : split === 'stage' ? STAGES : split === 'grade' ? GRADES : undefined;
  if (split === 'carrier') return carrierLabel(key, lang);
  if (table) return table[key]?.[lang] ?? key;
  return key || (lang === 'zh' ? '未知' : 'unknown');
}

/** label looks a key up in a table, falling back to the key itself. */
export function label(table: Labels, key: string | undefined, lang: 'zh' | 'en'): string {
  if (key === undefined) return '—';
  return table[key]?.[lang] ?? key;
}
