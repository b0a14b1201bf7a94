/**
 * STAGES is the default stage model of an order's life, in order. The Chinese
 * names are what the warehouse and the carriers call them. Terminal side exits
 * (cancelled, returned) come last. Detection may configure its own model on top.
 */
export const STAGES = [
  'pending_payment', // 待付款
  'paid', // 已付款
  'reviewed', // 审核
  'label_printed', // 打单
  'picked', // 拣货
  'shipped', // 出库
  'collected', // 揽收
  'in_transit', // 运输
  'out_for_delivery', // 派件
  'delivered', // 签收
  'cancelled', // 已取消
  'returned', // 已退回
] as const;

/** Stage is one step of an order's life. */
export type Stage = (typeof STAGES)[number];

/** STAGE_NAMES_ZH are the Chinese labels people see. */
export const STAGE_NAMES_ZH: Readonly<Record<Stage, string>> = {
  pending_payment: '待付款',
  paid: '已付款',
  reviewed: '已审核',
  label_printed: '已打单',
  picked: '已拣货',
  shipped: '已出库',
  collected: '已揽收',
  in_transit: '运输中',
  out_for_delivery: '派件中',
  delivered: '已签收',
  cancelled: '已取消',
  returned: '已退回',
};

/** isStage narrows a string to a known stage. */
export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** stageRank orders stages so that, at equal times, the later stage wins. */
export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** isClosedStage tells whether an order in this stage needs no more watching. */
export function isClosedStage(stage: Stage): boolean {
  return stage === 'delivered' || stage === 'cancelled' || stage === 'returned';
}
