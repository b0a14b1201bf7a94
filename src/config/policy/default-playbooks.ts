import type { Playbook } from './playbooks-schema.js';

/**
 * DEFAULT_PLAYBOOKS are the shipped checklists, one per grade (grade-a …
 * grade-d), per level (level-1 high-value order, level-2 batch, level-3
 * system failure or stock-out), for a carrier's delay (carrier-delay) and
 * for the two findings that need their own steps (oversold, at-risk). Item ids are stable: ticks are stored by them.
 */
export const DEFAULT_PLAYBOOKS: Readonly<Record<string, Playbook>> = {
  'grade-a': {
    title: { zh: 'A 级：主管介入（30 分钟内）', en: 'Grade A: the supervisor steps in (within 30 min)' },
    items: [
      { id: 'supervisor-call', kind: 'call', zh: '主管 30 分钟内致电客户致歉并说明原因', en: 'Supervisor calls the customer within 30 min: apology and reason', template: 'delay' },
      { id: 'warehouse-priority', kind: 'warehouse_priority', zh: '通知仓库/快递优先处理该订单', en: 'Have the warehouse / carrier give the order priority' },
      { id: 'coupon', kind: 'coupon', zh: '发放补偿（优惠券/赠品/退运费）', en: 'Grant compensation (coupon / gift / shipping refund)' },
      { id: 'confirm-sms', kind: 'sms', zh: '发送确认短信（新到货日期与补偿）', en: 'Send a confirmation SMS (new date and compensation)', template: 'delay' },
      { id: 'callback', kind: 'check', zh: '签收后回访，确认客户满意', en: 'Call back after delivery to confirm the customer is satisfied' },
    ],
  },
  'grade-b': {
    title: { zh: 'B 级：2 小时内外呼', en: 'Grade B: outbound call within 2 h' },
    items: [
      { id: 'outbound-call', kind: 'call', zh: '2 小时内外呼客户说明原因与新日期', en: 'Call the customer within 2 h: reason and new date', template: 'delay' },
      { id: 'chase', kind: 'warehouse_priority', zh: '催促仓库/快递处理', en: 'Chase the warehouse / carrier' },
      { id: 'confirm-sms', kind: 'sms', zh: '发送确认短信', en: 'Send a confirmation SMS', template: 'comfort' },
    ],
  },
  'grade-c': {
    title: { zh: 'C 级：当日安抚短信', en: 'Grade C: comfort SMS the same day' },
    items: [
      { id: 'comfort-sms', kind: 'sms', zh: '当日发送安抚短信', en: 'Send a comfort SMS the same day', template: 'comfort' },
      { id: 'follow', kind: 'check', zh: '跟踪订单直到恢复流转', en: 'Follow the order until it moves again' },
    ],
  },
  'grade-d': {
    title: { zh: 'D 级：核实并修正订单', en: 'Grade D: verify and fix the order' },
    items: [
      { id: 'verify', kind: 'call', zh: '联系客户核实信息（地址/电话/金额）', en: 'Contact the customer to verify the details (address / phone / amount)' },
      { id: 'fix-release', kind: 'check', zh: '修正订单数据后放行发货', en: 'Fix the order data and release it for shipping' },
    ],
  },
  'level-1': {
    title: { zh: '一级：高价值订单延误（主管负责）', en: 'Level 1: a high-value order is late (supervisor)' },
    items: [
      { id: 'supervisor-call', kind: 'call', zh: '主管致电客户致歉', en: 'Supervisor calls the customer with an apology', template: 'delay' },
      { id: 'coupon', kind: 'coupon', zh: '发放优惠券补偿', en: 'Grant a coupon' },
      { id: 'warehouse-priority', kind: 'warehouse_priority', zh: '通知仓库优先处理', en: 'Have the warehouse give it priority' },
    ],
  },
  'level-2': {
    title: { zh: '二级：批次延误（运营经理负责）', en: 'Level 2: a batch is late (operations manager)' },
    items: [
      { id: 'warehouse-priority', kind: 'warehouse_priority', zh: '安排仓库优先处理该批次', en: 'Have the warehouse give the batch priority' },
      { id: 'group-notice', kind: 'group_notice', zh: '在内部群发布批次延误通知', en: 'Post a notice of the late batch in the team group' },
      { id: 'recall-wrong', kind: 'recall_shipment', zh: '如有错发，拦截或召回错发包裹', en: 'If parcels went out wrong, intercept or recall them' },
      { id: 'customer-sms', kind: 'sms', zh: '向受影响客户批量发送延误说明', en: 'Send the affected customers an explanation', template: 'delay' },
    ],
  },
  'carrier-delay': {
    title: { zh: '二级：快递延误（运营经理负责）', en: 'Level 2: a carrier is late (operations manager)' },
    items: [
      { id: 'carrier-contact', kind: 'call', zh: '联系快递网点或客户经理，核实延误原因与恢复时间', en: "Call the carrier's depot or account manager: the cause and when it recovers" },
      { id: 'carrier-expedite', kind: 'check', zh: '要求快递加急派送；尚未揽收的包裹改用其他快递', en: 'Ask the carrier to expedite; send parcels it has not picked up with another carrier' },
      { id: 'group-notice', kind: 'group_notice', zh: '在内部群发布快递延误通知', en: 'Post a notice of the carrier delay in the team group' },
      { id: 'customer-sms', kind: 'sms', zh: '向受影响客户批量发送延误说明', en: 'Send the affected customers an explanation', template: 'delay' },
      { id: 'carrier-claim', kind: 'check', zh: '丢件、破损或超时向快递发起理赔', en: 'Claim from the carrier for lost, damaged or overdue parcels' },
    ],
  },
  'level-3': {
    title: { zh: '三级：系统故障或断货（副总负责）', en: 'Level 3: system failure or stock-out (executive)' },
    items: [
      { id: 'meeting', kind: 'meeting', zh: '召集跨部门会议（客服、仓储、运营、技术）', en: 'Call a cross-department meeting (service, warehouse, operations, IT)' },
      { id: 'stop-bleeding', kind: 'check', zh: '暂停受影响商品/渠道的销售或同步', en: 'Pause sales or sync of the affected SKUs / channels' },
      { id: 'announcement', kind: 'announcement', zh: '发布店铺公告并统一客服话术', en: 'Publish a shop announcement and one script for the service team' },
      { id: 'customer-notice', kind: 'sms', zh: '向受影响客户发送统一说明', en: 'Send the affected customers one explanation', template: 'stock-out' },
      { id: 'compensation-plan', kind: 'coupon', zh: '确定统一补偿方案', en: 'Decide one compensation plan' },
    ],
  },
  oversold: {
    title: { zh: '超卖：与客户确定处理方式', en: 'Oversold: agree the way forward with the customer' },
    items: [
      { id: 'check-stock', kind: 'check', zh: '核实实际库存与在途到货', en: 'Check the real stock and inbound deliveries' },
      { id: 'call', kind: 'call', zh: '致电客户：等待、换货或退款', en: 'Call the customer: wait, swap or refund', template: 'stock-out' },
      { id: 'coupon', kind: 'coupon', zh: '按客户选择发放补偿', en: 'Grant the compensation the customer chose' },
    ],
  },
  'at-risk': {
    title: { zh: '即将超时：承诺时间前发出', en: 'At risk: ship before the promise' },
    items: [
      { id: 'warehouse-priority', kind: 'warehouse_priority', zh: '通知仓库在承诺时间前发出', en: 'Have the warehouse ship before the promised time' },
      { id: 'recheck', kind: 'check', zh: '承诺时间前复查是否已发出', en: 'Check again before the promised time' },
    ],
  },
};
