import { DEFAULT_POLICY, SEED_POLICY, type ThresholdPolicy } from '../detect/thresholds/index.js';

/** olistLocal is an Olist wall-clock date (UTC-3) as an instant. */
const olistLocal = (date: string): number => Date.parse(`${date}T03:00:00Z`);

/** OLIST_TUNE and OLIST_REPORT are the README's periods: tune on 2017, report 2018-01 … 2018-08. */
export const OLIST_TUNE = { trainFrom: olistLocal('2016-01-01'), trainTo: olistLocal('2017-01-01'), testFrom: olistLocal('2017-01-01'), testTo: olistLocal('2018-01-01'), recalibrate: 'monthly' } as const;
export const OLIST_REPORT = { trainFrom: olistLocal('2016-01-01'), trainTo: olistLocal('2018-01-01'), testFrom: olistLocal('2018-01-01'), testTo: olistLocal('2018-09-01'), recalibrate: 'monthly' } as const;

/** BASELINES are the README's reference rules plus the shipped default. */
export const BASELINES: readonly { readonly name: string; readonly policy: ThresholdPolicy }[] = [
  { name: 'fixed: not shipped 48 h after purchase', policy: { kind: 'fixed', hours: 48 } },
  { name: 'fixed: not shipped 72 h after purchase', policy: { kind: 'fixed', hours: 72 } },
  { name: 'seed: 1.8 × mean (category × state) + buffer', policy: SEED_POLICY },
  { name: "not shipped by the seller's shipping_limit_date", policy: { kind: 'ship-by' } },
  { name: 'quantile P90 stall (dispatch + transit)', policy: { kind: 'quantile', q: 0.9, spans: ['dispatch', 'transit'] } },
  { name: 'default: promise-risk', policy: DEFAULT_POLICY },
];

/** PROMISE_GRID is the promise-risk settings the curve sweeps. */
export const PROMISE_GRID: readonly ThresholdPolicy[] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].flatMap((q) => [-48, -24, -12, 0, 24].map((marginHours) => ({ kind: 'promise-risk', q, marginHours }) as const));
