import type { Instant } from '../../domain/time.js';
import type { OrderTimeline } from './order-timeline.js';

/**
 * STAGE_SPANS are the stretches of an order's life that thresholds measure:
 * `review` purchase → approval, `dispatch` purchase → hand-over to the
 * carrier, `transit` hand-over → signed, `end_to_end` purchase → signed.
 */
export const STAGE_SPANS = ['review', 'dispatch', 'transit', 'end_to_end'] as const;

/** StageSpan names one measured stretch of an order's life (see STAGE_SPANS). */
export type StageSpan = (typeof STAGE_SPANS)[number];

/** SPAN_NAMES are the bilingual names of the spans, for derivations. */
export const SPAN_NAMES: Readonly<Record<StageSpan, { readonly zh: string; readonly en: string }>> = {
  review: { zh: '付款→审核', en: 'paid → reviewed' },
  dispatch: { zh: '付款→发货', en: 'paid → shipped' },
  transit: { zh: '发货→签收', en: 'shipped → delivered' },
  end_to_end: { zh: '付款→签收', en: 'paid → delivered' },
};

/** spanStart is when the span begins for the order (undefined when that stage was never reached). */
export function spanStart(order: OrderTimeline, span: StageSpan): Instant | undefined {
  return span === 'transit' ? order.shippedAt : order.purchasedAt;
}

/** spanEnd is when the span ended for the order (undefined while it has not). */
export function spanEnd(order: OrderTimeline, span: StageSpan): Instant | undefined {
  switch (span) {
    case 'review':
      return order.approvedAt;
    case 'dispatch':
      return order.shippedAt;
    case 'transit':
    case 'end_to_end':
      return order.deliveredAt;
  }
}
