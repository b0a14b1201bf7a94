import { z } from 'zod';
import { CHANNELS } from '../../domain/channel.js';
import type { FieldError } from '../../domain/ingest-result.js';
import { STAGES } from '../../domain/stage.js';

/** VALUE_KINDS are the ways a cell's text is read. */
export const VALUE_KINDS = ['text', 'integer', 'yuan', 'fen', 'shanghai_time', 'unix_seconds'] as const;

/** ValueKind is how one column's cells are read: yuan "12.30", fen 1230, "2026-11-11 10:00:00" Shanghai time ... */
export type ValueKind = (typeof VALUE_KINDS)[number];

type FieldClass = 'text' | 'integer' | 'amount' | 'time';

const KINDS_OF_CLASS: Readonly<Record<FieldClass, readonly ValueKind[]>> = {
  text: ['text'],
  integer: ['integer'],
  amount: ['yuan', 'fen'],
  time: ['shanghai_time', 'unix_seconds'],
};

/**
 * EXPORT_FIELDS lists the canonical fields a profile maps headers to, with
 * what each one is. The first kind a class allows is its default.
 */
export const EXPORT_FIELDS = {
  orderNo: 'text',
  lineNo: 'text',
  status: 'text',
  placedAt: 'time',
  paidAt: 'time',
  shippedAt: 'time',
  finishedAt: 'time',
  promisedShipBy: 'time',
  paidFen: 'amount',
  orderTotalFen: 'amount',
  shippingFen: 'amount',
  taxFen: 'amount',
  unitPriceFen: 'amount',
  currency: 'text',
  country: 'text',
  quantity: 'integer',
  title: 'text',
  sku: 'text',
  productId: 'text',
  buyerNick: 'text',
  receiverName: 'text',
  mobile: 'text',
  phone: 'text',
  address: 'text',
  province: 'text',
  city: 'text',
  district: 'text',
  town: 'text',
  addressDetail: 'text',
  zip: 'text',
  carrier: 'text',
  trackingNo: 'text',
  shipmentInfo: 'text',
  shop: 'text',
  buyerNote: 'text',
  sellerNote: 'text',
} as const satisfies Record<string, FieldClass>;

/** ExportField is one canonical field name. */
export type ExportField = keyof typeof EXPORT_FIELDS;

const FIELD_NAMES = Object.keys(EXPORT_FIELDS) as [ExportField, ...ExportField[]];

/** REQUIRED_EXPORT_FIELDS must be mapped by every profile and present in every file: without them there is no order. */
export const REQUIRED_EXPORT_FIELDS: readonly ExportField[] = ['orderNo', 'status', 'placedAt', 'paidFen'];

/** defaultKind is how a field's cells are read when the profile does not say. */
export function defaultKind(field: ExportField): ValueKind {
  return KINDS_OF_CLASS[EXPORT_FIELDS[field]][0]!;
}

const columnSchema = z.strictObject({
  headers: z.array(z.string().trim().min(1, 'a header alias must not be empty')).min(1, 'list at least one header'),
  kind: z.enum(VALUE_KINDS).optional(),
});

/**
 * exportProfileSchema validates a profile strictly: unknown keys, unknown
 * canonical fields, unknown stages and kinds that do not fit a field are
 * errors with their path.
 */
export const exportProfileSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    name: z.string().trim().min(1),
    description: z.string().optional(),
    address: z.enum(['one_line', 'parts']),
    columns: z.partialRecord(z.enum(FIELD_NAMES), columnSchema),
    statuses: z.record(z.string().trim().min(1), z.enum(STAGES)),
    /**
     * True when the status column says nothing about shipping (Shopify's Financial Status):
     * a shipped time then moves a paid order on to shipped, as the status cannot.
     */
    shippedAtMovesStage: z.boolean().optional(),
    /** True when the paid column holds each line's share (旺店通's 分摊后总价): an order's rows are summed, even when equal. */
    paidPerLine: z.boolean().optional(),
  })
  .superRefine((profile, ctx) => {
    for (const field of REQUIRED_EXPORT_FIELDS) {
      if (profile.columns[field] === undefined) ctx.addIssue({ code: 'custom', path: ['columns', field], message: 'is required: map it to its header(s)' });
    }
    if (profile.columns.title === undefined && profile.columns.sku === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'title'], message: 'map title or sku: an order needs an item' });
    }
    if (profile.address === 'one_line' && profile.columns.address === undefined) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'address'], message: 'is required when address is "one_line"' });
    }
    for (const field of FIELD_NAMES) {
      const column: unknown = profile.columns[field];
      const kind = isObject(column) && typeof column['kind'] === 'string' ? (column['kind'] as ValueKind) : undefined;
      const allowed = KINDS_OF_CLASS[EXPORT_FIELDS[field]];
      if (kind !== undefined && VALUE_KINDS.includes(kind) && !allowed.includes(kind)) {
        ctx.addIssue({ code: 'custom', path: ['columns', field, 'kind'], message: `must be ${allowed.map((k) => `"${k}"`).join(' or ')} for ${field}, got "${kind}"` });
      }
    }
    const statuses: unknown = profile.statuses;
    if (typeof statuses === 'object' && statuses !== null && Object.keys(statuses).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['statuses'], message: 'map at least one status text to a stage' });
    }
  }, {
    // Also run when other parts are invalid, so one pass reports every problem;
    // the checks above only assume that `columns` is an object.
    when: (payload) => isObject(payload.value) && isObject(payload.value['columns']),
  });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ExportProfile describes one back-office export: which headers hold which field, and what its status texts mean. */
export type ExportProfile = z.infer<typeof exportProfileSchema>;

/** ProfileParse is a validated profile or every problem found in it, each with its path. */
export type ProfileParse = { readonly ok: true; readonly profile: ExportProfile } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** parseExportProfile validates an already parsed JSON value as a profile. */
export function parseExportProfile(value: unknown): ProfileParse {
  const parsed = exportProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const path = pathText(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = path === 'columns' ? FIELD_NAMES : undefined;
      for (const key of issue.keys) {
        errors.push({ field: path === '' ? key : `${path}.${key}`, message: `unknown key${known ? `; known fields: ${known.join(', ')}` : ''}` });
      }
    } else {
      errors.push({ field: path === '' ? '(profile)' : path, message: issue.message });
    }
  }
  return { ok: false, errors };
}

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}
