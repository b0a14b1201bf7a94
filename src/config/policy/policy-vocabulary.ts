import type { Grade as IncidentGrade, IncidentLevel, IncidentScope, RootCause } from '../../domain/incident.js';

/**
 * The words of the response policy (SPEC C6, C7): grades, levels, scopes and
 * the other closed lists the policy file and the response engine share. They
 * live here, below both, so the file's schema and the engine cannot drift;
 * the lists that name a domain type are checked against it at compile time.
 */

// Compile-time check that a list names exactly the members of a domain type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** GRADES are the customer-facing urgencies: A (VIP five days late) … D (internal, no customer contact). */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = IncidentGrade;
const _grades: Same<(typeof GRADES)[number], Grade> = true;

/** LEVELS are the scopes of an incident: 1 one order, 2 a batch of orders, 3 a system failure or stock-out. */
export const LEVELS = [1, 2, 3] as const;
export type Level = IncidentLevel;
const _levels: Same<(typeof LEVELS)[number], Level> = true;

/** SCOPES are what the orders of an incident have in common. */
export const SCOPES = ['order', 'batch', 'sku', 'warehouse', 'carrier', 'channel_sync', 'system'] as const;
export type Scope = IncidentScope;
const _scopes: Same<(typeof SCOPES)[number], Scope> = true;

/** CUSTOMER_TIERS rank customers for grading. */
export const CUSTOMER_TIERS = ['vip', 'regular', 'new'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

/** RESPONSE_CLOCKS: `business` counts warehouse working hours on workdays, `wall` counts every minute. */
export const RESPONSE_CLOCKS = ['business', 'wall'] as const;
export type ResponseClock = (typeof RESPONSE_CLOCKS)[number];

/** COMPENSATION_KINDS are the remedies staff may grant a customer. */
export const COMPENSATION_KINDS = ['coupon', 'gift', 'shipping_refund', 'refund'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** ROOT_CAUSE_CLASSES are the causes an incident closes with; `not_abnormal` marks a false alarm. */
export const ROOT_CAUSE_CLASSES = ['system', 'human', 'external', 'not_abnormal'] as const;
export type RootCauseClass = RootCause['class'];
const _rootCauseClasses: Same<(typeof ROOT_CAUSE_CLASSES)[number], RootCauseClass> = true;

/** TEMPLATE_VARIABLES are the `{{name}}` placeholders a customer template may use. */
export const TEMPLATE_VARIABLES = ['customer', 'agent', 'product', 'reason', 'newDate', 'compensation'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** TEMPLATE_PARTS are the four parts of every customer message, in the order they are said. */
export const TEMPLATE_PARTS = ['apology', 'reason', 'remedy', 'confirmation'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

/**
 * PLAYBOOK_ITEM_KINDS say what a checklist step does, so the console can offer
 * the right tool next to it (a template for `sms`, the compensation form for `coupon` …).
 */
export const PLAYBOOK_ITEM_KINDS = [
  'call',
  'sms',
  'coupon',
  'warehouse_priority',
  'recall_shipment',
  'group_notice',
  'announcement',
  'meeting',
  'check',
] as const;
export type PlaybookItemKind = (typeof PLAYBOOK_ITEM_KINDS)[number];

/** WEEKDAYS name the days of a week for on-call shifts (Asia/Shanghai dates). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
