import type { LogisticsState } from '../../domain/event.js';

/**
 * KUAIDI100_STATES maps Kuaidi100's track state codes to carrier-neutral
 * states: the main codes (0-8, 14) and the detailed `resultv2` codes. Both
 * 201 (not signed in time) and 202 (no update in time) are "no_update": the
 * parcel stalled. A parcel left uncollected in a locker (205) is still in the
 * locker; a sender's cancellation (210) is a problem for the order.
 */
export const KUAIDI100_STATES: Readonly<Record<string, LogisticsState>> = {
  '0': 'in_transit',
  '1': 'picked_up',
  '2': 'problem',
  '3': 'delivered',
  '4': 'returned',
  '5': 'out_for_delivery',
  '6': 'returning',
  '7': 'transferred',
  '8': 'customs',
  '14': 'refused',
  '101': 'pickup_pending',
  '102': 'pickup_pending',
  '103': 'picked_up',
  '201': 'no_update',
  '202': 'no_update',
  '203': 'refused',
  '204': 'problem',
  '205': 'in_locker',
  '206': 'problem',
  '207': 'problem',
  '208': 'problem',
  '209': 'problem',
  '210': 'problem',
  '301': 'delivered',
  '302': 'delivered',
  '303': 'delivered',
  '304': 'delivered',
  '501': 'in_locker',
};

/** KUAIDI100_STATUS_TEXTS maps the Chinese status names a track line may carry (`data[].status`). */
export const KUAIDI100_STATUS_TEXTS: Readonly<Record<string, LogisticsState>> = {
  在途: 'in_transit',
  揽收: 'picked_up',
  疑难: 'problem',
  签收: 'delivered',
  退签: 'returned',
  派件: 'out_for_delivery',
  退回: 'returning',
  转投: 'transferred',
  转单: 'transferred',
  清关: 'customs',
  拒签: 'refused',
  待清关: 'customs',
  清关中: 'customs',
  已清关: 'customs',
  清关异常: 'customs',
};

/**
 * kuaidi100State maps a state code. A detailed code not in the table (a new
 * 4xx/6xx/7xx/8xx sub-state) falls back to its family, the main code of its
 * first digit; anything else is undefined.
 */
export function kuaidi100State(code: string): LogisticsState | undefined {
  const c = code.trim();
  if (Object.hasOwn(KUAIDI100_STATES, c)) return KUAIDI100_STATES[c];
  if (/^[1-8]\d{2}$/.test(c)) return KUAIDI100_STATES[c[0]!];
  return undefined;
}

/** kuaidi100StatusText maps a Chinese status name of a track line, or undefined. */
export function kuaidi100StatusText(text: string): LogisticsState | undefined {
  const t = text.trim();
  return Object.hasOwn(KUAIDI100_STATUS_TEXTS, t) ? KUAIDI100_STATUS_TEXTS[t] : undefined;
}
