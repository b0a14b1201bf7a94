import type { Channel } from './channel.js';
import type { Fen } from './money.js';
import type { Phone } from './phone.js';
import type { Stage } from './stage.js';
import type { Instant } from './time.js';

/** OrderId is `${channel}:${channelOrderId}`: stable, readable, and known to every event source. */
export type OrderId = string;

/** orderIdOf builds an order's id from its channel and the channel's order number. */
export function orderIdOf(channel: Channel, channelOrderId: string): OrderId {
  return `${channel}:${channelOrderId}`;
}

/** CustomerTier drives grading: a VIP waiting five days is a grade-A case. */
export type CustomerTier = 'vip' | 'regular' | 'new';

/** Customer is the buyer as the channel knows them. */
export interface Customer {
  readonly id?: string;
  readonly nick?: string;
  readonly tier: CustomerTier;
}

/** Receiver is where and to whom the parcel goes. */
export interface Receiver {
  readonly name?: string;
  readonly phone?: Phone;
  readonly province?: string;
  readonly city?: string;
  readonly district?: string;
  readonly town?: string;
  /** Street, building and house number: the part after the divisions. */
  readonly detail?: string;
  readonly zip?: string;
  /** ISO 3166 alpha-2 country; absent means mainland China (every Chinese channel's only destination). */
  readonly country?: string;
  /**
   * Receiver fields the platform sent only as ciphertext (抖店, JD, 拼多多,
   * Youzan, Kuaishou encrypt them): the field is left empty rather than
   * filled with a token, and checks do not judge what nobody can read.
   */
  readonly encrypted?: readonly EncryptedField[];
}

/** EncryptedField names a receiver field a platform sent encrypted. */
export type EncryptedField = 'name' | 'phone' | 'detail';

/**
 * MissingPart names a part of an order the source did not send: JD answers
 * only the `optional_fields` asked for, an export may lack the payment
 * columns. The order still lands with what it has; checks skip what is missing.
 */
export type MissingPart = 'payment' | 'receiver' | 'items' | 'times';

/** OrderItem is one order line. */
export interface OrderItem {
  /** The channel's sub-order / line id, when it has one. */
  readonly lineId?: string;
  readonly sku: string;
  readonly productId?: string;
  readonly title?: string;
  readonly category?: string;
  readonly quantity: number;
  readonly unitPriceFen: Fen;
  /** What the buyer paid for this line after discounts, when the channel says. */
  readonly paidFen?: Fen;
  /** SKU attributes that matter for delays (e.g. presale, bulky, dropship, cross_border). */
  readonly attributes?: readonly string[];
}

/** Presale records a platform pre-sale marker (Taobao `step`, Douyin `pre_sale_type`). */
export interface Presale {
  readonly kind: 'deposit' | 'full_payment' | 'staged';
  /** The ship date agreed with the buyer, when the platform tells it. */
  readonly shipBy?: Instant;
}

/** Shipment is a parcel the order was sent in. */
export interface Shipment {
  readonly carrier?: string;
  readonly trackingNo: string;
}

/**
 * Order is one customer order from any channel, normalised. Amounts are
 * integer fen, times UTC instants. `stage` and `stageEnteredAt` are derived
 * from the stage events (the channel's own and the warehouse's) by their time.
 */
export interface Order {
  readonly id: OrderId;
  readonly channel: Channel;
  readonly shop?: string;
  readonly channelOrderId: string;
  /** The channel's own status text or code, as sent. */
  readonly channelStatus?: string;
  readonly placedAt: Instant;
  readonly paidAt?: Instant;
  /** The version of this order at the source: a newer one replaces an older one, never the reverse. */
  readonly modifiedAt: Instant;
  /** Latest ship time promised by the platform. */
  readonly promisedShipBy?: Instant;
  /** Delivery date promised to the buyer. */
  readonly promisedDeliveryBy?: Instant;
  readonly currency: string;
  /** Sum of unit price × quantity over the items. */
  readonly itemsTotalFen: Fen;
  readonly shippingFen: Fen;
  readonly discountFen: Fen;
  /** What the buyer actually paid. */
  readonly paidFen: Fen;
  /**
   * Tax charged on top of the item prices (Shopify with `taxes_included`
   * false). Tax already inside the prices (Chinese channels, VAT-inclusive
   * shops) is not here: it changes nothing the buyer pays.
   */
  readonly taxFen?: Fen;
  readonly customer: Customer;
  readonly receiver: Receiver;
  readonly items: readonly OrderItem[];
  readonly tags: readonly string[];
  readonly buyerNote?: string;
  readonly sellerNote?: string;
  readonly presale?: Presale;
  /**
   * True when nothing ships: virtual goods, coupons, top-ups, services (Youzan
   * `is_virtual`, 抖店 `goods_type` 1, 视频号 `deliver_method` 1). No address,
   * no parcel, so no shipping or address check applies.
   */
  readonly virtualGoods?: boolean;
  /** Parts the source did not send (see MissingPart); absent when the order is complete. */
  readonly incomplete?: readonly MissingPart[];
  readonly shipments: readonly Shipment[];
  readonly warehouse?: string;
  /** The warehouse wave / batch the order was picked in. */
  readonly batch?: string;
}

/** StoredOrder is an order as the store holds it, with its derived stage. */
export interface StoredOrder extends Order {
  readonly stage: Stage;
  readonly stageEnteredAt: Instant;
  readonly ingestedAt: Instant;
}

/** itemsTotal sums unit price × quantity over the items. */
export function itemsTotal(items: readonly OrderItem[]): Fen {
  let total = 0;
  for (const item of items) total += item.unitPriceFen * item.quantity;
  return total;
}
