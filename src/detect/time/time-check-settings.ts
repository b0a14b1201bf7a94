import type { DetectionSettings } from '../../config/detection-schema.js';

/** PromiseKind is which platform promise a lead applies to: the latest ship time, or the promised delivery date. */
export type PromiseKind = 'ship' | 'delivery';

/** TimeCheckSettings are the knobs of the time-based checks (the `detection:` section of the settings file). */
export interface TimeCheckSettings {
  /** Warn this many hours before a platform's latest ship time when the order has not shipped. */
  readonly shipLeadHours: number;
  /** The delivery promise's checkpoint: this many hours before 00:00 of the promised date. */
  readonly deliveryLeadHours: number;
  /** Per-channel leads, where a channel's customers or its platform's rules call for another. */
  readonly channels?: Readonly<Record<string, { readonly shipLeadHours?: number; readonly deliveryLeadHours?: number }>>;
}

/**
 * DEFAULT_TIME_CHECK_SETTINGS: 12 h before the latest ship time leaves a
 * warehouse shift to ship; 48 h before the promised date leaves two days to
 * act (call the carrier, warn the buyer) before a late delivery.
 */
export const DEFAULT_TIME_CHECK_SETTINGS: TimeCheckSettings = { shipLeadHours: 12, deliveryLeadHours: 48 };

/** leadHoursOf is the lead for one channel's promise of the given kind. */
export function leadHoursOf(settings: TimeCheckSettings, channel: string, kind: PromiseKind): number {
  const own = settings.channels?.[channel];
  return kind === 'ship' ? (own?.shipLeadHours ?? settings.shipLeadHours) : (own?.deliveryLeadHours ?? settings.deliveryLeadHours);
}

/** timeCheckSettingsOf reads the time checks' knobs from the settings file's `detection:` section. */
export function timeCheckSettingsOf(detection: DetectionSettings): TimeCheckSettings {
  const channels: Record<string, { shipLeadHours?: number; deliveryLeadHours?: number }> = {};
  for (const [channel, hours] of Object.entries(detection.promiseWarning.channels)) channels[channel] = { deliveryLeadHours: hours };
  for (const [channel, hours] of Object.entries(detection.shipByWarning.channels)) channels[channel] = { ...channels[channel], shipLeadHours: hours };
  return { shipLeadHours: detection.shipByWarning.leadHours, deliveryLeadHours: detection.promiseWarning.leadHours, channels };
}
