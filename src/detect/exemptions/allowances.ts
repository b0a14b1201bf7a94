/**
 * ExemptionAllowances are how far each legitimate-delay scenario moves a
 * deadline when the order itself does not say (no agreed ship date, no date in
 * the customer's note). Calendar days where the reason is a calendar promise
 * (pre-sale, "ship later"), workdays where the reason is other people's work
 * (customs, a supplier, a second parcel).
 */
export interface ExemptionAllowances {
  /** Pre-sale without a known ship date: base deadline + this many calendar days. Default 15. */
  readonly presaleDays: number;
  /** Customer asked to ship later without saying when: + calendar days. Default 7. */
  readonly customerRequestDays: number;
  /** Cross-border customs clearance: + workdays. Default 7. */
  readonly customsWorkdays: number;
  /** Bulky items or several parcels: + workdays. Default 3. */
  readonly splitShipmentWorkdays: number;
  /** Supplier drop-ship (厂家直发, 代发): + workdays. Default 5. */
  readonly dropshipWorkdays: number;
  /** Made-to-order (定制) items, recorded as drop-ship waiting for production: + workdays. Default 7. */
  readonly customMadeWorkdays: number;
  /** A pre-holiday stocking marker moves the deadline past a holiday starting within this many days after it. Default 7. */
  readonly prestockLookaheadDays: number;
}

/** DEFAULT_EXEMPTION_ALLOWANCES are the shipped defaults of ExemptionAllowances. */
export const DEFAULT_EXEMPTION_ALLOWANCES: ExemptionAllowances = {
  presaleDays: 15,
  customerRequestDays: 7,
  customsWorkdays: 7,
  splitShipmentWorkdays: 3,
  dropshipWorkdays: 5,
  customMadeWorkdays: 7,
  prestockLookaheadDays: 7,
};
