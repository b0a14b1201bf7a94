import type { FieldError, Normalisation } from '../../domain/ingest-result.js';
import type { Fen } from '../../domain/money.js';
import { normaliseCurrency } from '../../domain/currency.js';
import { orderIdOf, type Order, type Receiver } from '../../domain/order.js';
import { stageRank, type Stage } from '../../domain/stage.js';
import type { Instant } from '../../domain/time.js';
import type { AdapterContext, ExportRow } from '../adapter.js';
import { parseAddressLine } from './address.js';
import { cleanCell, headerKey, isBlankTyped, readAmount, readInteger, readText, readTime, type CellValue } from './cells.js';
import { checkHeaders, resolveColumns, type ColumnMap } from './columns.js';
import { discountOf, latestInstant, pickPhone, timelineEvents } from '../order-parts.js';
import { defaultKind, type ExportField, type ExportProfile } from './profile.js';
import { parseShipments } from './shipments.js';

export { checkHeaders } from './columns.js';

/** ID_LIMIT is the longest order number accepted, as for the native adapters. */
const ID_LIMIT = 64;

/**
 * normaliseExportRow reads one data row of a back-office export with a
 * profile: one row is one order with one item (the title and total quantity
 * of the row). Errors name the column as its header is written in the file.
 * When the row has no unit price, it is derived from the row's total
 * (总金额, else the paid amount) less shipping, divided by the quantity.
 */
export function normaliseExportRow(profile: ExportProfile, row: ExportRow, context: AdapterContext): Normalisation {
  const headerErrors = checkHeaders(profile, Object.keys(row));
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  const cells = new RowCells(profile, row, resolveColumns(profile, Object.keys(row)));

  const orderNo = cells.text('orderNo', { required: true, max: ID_LIMIT });
  const status = cells.text('status', { required: true, max: 100 });
  const current = status === undefined ? undefined : stageOf(profile, status);
  if (status !== undefined && current === undefined) {
    cells.fail('status', `unknown status "${status}"; profile "${profile.name}" knows: ${Object.keys(profile.statuses).join(', ')}. Add it under "statuses" in the profile`);
  }
  const placedAt = cells.time('placedAt', true);
  const paidAt = cells.time('paidAt');
  const shippedAt = cells.time('shippedAt');
  const finishedAt = cells.time('finishedAt');
  const promisedShipBy = cells.time('promisedShipBy');
  const paidFen = cells.amount('paidFen', true);
  const shippingFen = cells.amount('shippingFen') ?? 0;
  const taxFen = cells.amount('taxFen');
  const currency = normaliseCurrency(cells.text('currency', { max: 8 }));
  const orderTotalFen = cells.amount('orderTotalFen');
  const unitPrice = cells.amount('unitPriceFen');
  const quantity = cells.integer('quantity') ?? 1;
  if (quantity < 1) cells.fail('quantity', `must be at least 1, got ${quantity}`);
  const title = cells.text('title');
  const sku = cells.text('sku', { max: 100 }) ?? cells.text('productId', { max: 100 }) ?? title?.slice(0, 100);
  if (sku === undefined) cells.fail(cells.has('title') ? 'title' : 'sku', 'is required: the order needs an item title or a SKU');
  const receiver = readReceiver(profile, cells);
  const shipments = parseShipments(cells.text('carrier'), cells.text('trackingNo'), cells.text('shipmentInfo'));
  const lineId = cells.text('lineNo', { max: ID_LIMIT });
  const productId = cells.text('productId', { max: 100 });
  const shop = cells.text('shop', { max: 100 }) ?? context.shop;
  const nick = cells.text('buyerNick', { max: 100 });
  const buyerNote = cells.text('buyerNote');
  const sellerNote = cells.text('sellerNote');

  const { errors } = cells;
  if (errors.length > 0 || orderNo === undefined || current === undefined || placedAt === undefined || paidFen === undefined || sku === undefined) {
    return { ok: false, errors };
  }
  const id = orderIdOf(profile.channel, orderNo);
  const unitPriceFen = unitPrice ?? Math.max(0, Math.round(((orderTotalFen ?? paidFen) - shippingFen - (taxFen ?? 0)) / quantity));
  const itemsTotalFen = unitPriceFen * quantity;
  const modifiedAt = latestInstant([placedAt, paidAt, shippedAt, finishedAt]) ?? context.receivedAt;
  const order: Order = {
    id,
    channel: profile.channel,
    shop,
    channelOrderId: orderNo,
    channelStatus: status,
    placedAt,
    paidAt,
    modifiedAt,
    promisedShipBy,
    currency,
    itemsTotalFen,
    shippingFen,
    discountFen: discountOf(itemsTotalFen, shippingFen + (taxFen ?? 0), paidFen),
    paidFen,
    ...(taxFen !== undefined && taxFen !== 0 ? { taxFen } : {}),
    customer: { nick, tier: 'regular' },
    receiver,
    items: [{ lineId, sku, productId, title, quantity, unitPriceFen }],
    tags: [],
    buyerNote,
    sellerNote,
    shipments,
  };
  // A status that only tells payment (Shopify's) cannot say shipped; the shipped time does.
  const shippedNow = profile.shippedAtMovesStage === true && shippedAt !== undefined && stageRank(current) < stageRank('shipped') && current !== 'cancelled';
  const events = timelineEvents({
    orderId: id,
    channel: profile.channel,
    current: shippedNow ? 'shipped' : current,
    placedAt,
    paidAt,
    modifiedAt,
    marks: [
      { stage: 'shipped', at: shippedAt },
      { stage: 'delivered', at: current === 'delivered' ? finishedAt : undefined },
      { stage: 'cancelled', at: current === 'cancelled' ? finishedAt : undefined },
    ],
  });
  return { ok: true, value: { orders: [order], events } };
}

/** stageOf finds a status text in the profile, compared like headers (full-width comma equals half-width). */
function stageOf(profile: ExportProfile, status: string): Stage | undefined {
  const key = headerKey(status);
  for (const [text, stage] of Object.entries(profile.statuses)) if (headerKey(text) === key) return stage;
  return undefined;
}

/**
 * readReceiver reads the address as the profile says: one line split into
 * divisions, detail and zip ("one_line"), or one column per division ("parts").
 */
function readReceiver(profile: ExportProfile, cells: RowCells): Receiver {
  const name = cells.text('receiverName', { max: 200 });
  // A foreign country (Shopify's export) reads a number without +code as that country's, and keeps the division check off.
  const countryCell = cells.text('country', { max: 2 })?.toUpperCase();
  const country = countryCell !== undefined && /^[A-Z]{2}$/.test(countryCell) && countryCell !== 'CN' ? countryCell : undefined;
  const phone = pickPhone([cells.text('mobile', { max: 200 }), cells.text('phone', { max: 200 })], country !== undefined ? { country } : {});
  const zip = cells.text('zip', { max: 20 });
  if (country !== undefined) {
    return { name, phone, country, province: cells.text('province', { max: 100 }), city: cells.text('city', { max: 100 }), detail: cells.text('addressDetail') ?? cells.text('address'), zip };
  }
  if (profile.address === 'one_line') {
    const line = cells.text('address');
    const parts = line === undefined ? {} : parseAddressLine(line);
    return { name, phone, ...parts, zip: zip ?? parts.zip };
  }
  return {
    name,
    phone,
    province: cells.text('province', { max: 100 }),
    city: cells.text('city', { max: 100 }),
    district: cells.text('district', { max: 100 }),
    town: cells.text('town', { max: 100 }),
    detail: cells.text('addressDetail') ?? cells.text('address'),
    zip,
  };
}

/** RowCells reads one row's typed cells through the column map and collects an error per bad cell. */
class RowCells {
  readonly errors: FieldError[] = [];

  constructor(
    private readonly profile: ExportProfile,
    private readonly row: ExportRow,
    private readonly columns: ColumnMap,
  ) {}

  has(field: ExportField): boolean {
    return this.columns.has(field);
  }

  fail(field: ExportField, message: string): void {
    const header = this.columns.get(field);
    this.errors.push({ field: header === undefined ? this.profile.columns[field]?.headers[0] ?? field : header.trim(), message });
  }

  /** cell is the cleaned text of a field's cell; '' when the file has no such column. */
  private cell(field: ExportField): string {
    const header = this.columns.get(field);
    const raw = header === undefined ? undefined : this.row[header];
    return typeof raw === 'string' ? cleanCell(raw) : '';
  }

  text(field: ExportField, options: { required?: boolean; max?: number } = {}): string | undefined {
    const read = readText(this.cell(field), options);
    if (read.ok) return read.value;
    this.fail(field, read.message);
    return undefined;
  }

  time(field: ExportField, required = false): Instant | undefined {
    return this.typed(field, required, (cell, kind) => readTime(cell, kind));
  }

  amount(field: ExportField, required = false): Fen | undefined {
    return this.typed(field, required, (cell, kind) => readAmount(cell, kind));
  }

  integer(field: ExportField): number | undefined {
    return this.typed(field, false, (cell) => readInteger(cell));
  }

  private typed<T>(field: ExportField, required: boolean, read: (cell: string, kind: ReturnType<typeof defaultKind>) => CellValue<T>): T | undefined {
    const cell = this.cell(field);
    if (isBlankTyped(cell)) {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const value = read(cell, this.profile.columns[field]?.kind ?? defaultKind(field));
    if (!value.ok) {
      this.fail(field, value.message);
      return undefined;
    }
    return value.value;
  }
}
