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

/** SPLIT_VALUE names a value of a dashboard split for people. */
export function splitLabel(split: string, key: string, lang: 'zh' | 'en'): string {
  const table = split === 'channel' ? CHANNELS : split === 'stage' ? STAGES : split === 'grade' ? GRADES : undefined;
  if (table) return table[key]?.[lang] ?? key;
  return key || (lang === 'zh' ? '未知' : 'unknown');
}

/** label looks a key up in a table, falling back to the key itself. */
export function label(table: Labels, key: string | undefined, lang: 'zh' | 'en'): string {
  if (key === undefined) return '—';
  return table[key]?.[lang] ?? key;
}
