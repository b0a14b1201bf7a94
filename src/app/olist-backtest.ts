import { SEED_POLICY, type ThresholdPolicy } from '../detect/thresholds/index.js';

/** olistLocal is an Olist wall-clock date (UTC-3) as an instant. */
const olistLocal = (date: string): number => Date.parse(`${date}T03:00:00Z`);

/** OLIST_TUNE and OLIST_REPORT are the README's periods: tune on 2017, report 2018-01 … 2018-08. */
export const OLIST_TUNE = { trainFrom: olistLocal('2016-01-01'), trainTo: olistLocal('2017-01-01'), testFrom: olistLocal('2017-01-01'), testTo: olistLocal('2018-01-01'), recalibrate: 'monthly' } as const;
export const OLIST_REPORT = { trainFrom: olistLocal('2016-01-01'), trainTo: olistLocal('2018-01-01'), testFrom: olistLocal('2018-01-01'), testTo: olistLocal('2018-09-01'), recalibrate: 'monthly' } as const;

/** OlistPeriod names a period the detector is judged on: `tune` (2017, where its settings were chosen) or `report` (2018-01 … 08). */
export type OlistPeriod = 'tune' | 'report';

/** OLIST_PERIODS are the periods with their dates as people read them. */
export const OLIST_PERIODS: Readonly<Record<OlistPeriod, { readonly testFrom: number; readonly testTo: number; readonly label: { readonly from: string; readonly to: string } }>> = {
  tune: { ...OLIST_TUNE, label: { from: '2017-01-01', to: '2017-12-31' } },
  report: { ...OLIST_REPORT, label: { from: '2018-01-01', to: '2018-08-31' } },
};

/**
 * OLIST_TUNED_ON is where every setting of the live detector's promise
 * warning was chosen (DEFAULT_PROMISE_MODEL_OPTIONS): orders purchased in
 * 2017, of the shared sample and of public copies outside it. The reported
 * period, 2018-01 … 08, was not looked at to choose anything.
 */
export const OLIST_TUNED_ON = { from: '2017-01-01', to: '2017-12-31' } as const;

/** BASELINES are the README's reference rules, which the live detector is compared with. */
export const BASELINES: readonly { readonly name: string; readonly policy: ThresholdPolicy }[] = [
  { name: 'fixed: not shipped 48 h after purchase', policy: { kind: 'fixed', hours: 48 } },
  { name: 'fixed: not shipped 72 h after purchase', policy: { kind: 'fixed', hours: 72 } },
  { name: 'seed: 1.8 × mean (category × state) + buffer', policy: SEED_POLICY },
  { name: "not shipped by the seller's shipping_limit_date", policy: { kind: 'ship-by' } },
  { name: 'quantile P90 stall (dispatch + transit)', policy: { kind: 'quantile', q: 0.9, spans: ['dispatch', 'transit'] } },
];

/** FIXED_CURVE is the fixed rule's settings the curve sweeps: not shipped 24 … 120 h after purchase. */
export const FIXED_CURVE: readonly ThresholdPolicy[] = [24, 36, 48, 72, 96, 120].map((hours) => ({ kind: 'fixed', hours }) as const);
