import type { Instant } from '../domain/time.js';
import type { Carrier, Category, Sku } from './catalogue.js';
import type { DemoCustomer } from './people.js';

/** DemoChannel is a sales channel the demo business sells on. */
export type DemoChannel = 'taobao' | 'jd' | 'douyin' | 'youzan';

/** DemoLabel is one ground-truth fact about an order: a finding or exemption detection should report. */
export interface DemoLabel {
  /** The order's id in orderwatch: `channel:channelOrderId`. */
  readonly orderId: string;
  /** A finding code from the SPEC's contracts, an exemption code, or `customer.vip`. */
  readonly code: string;
  readonly note: string;
}

/** DemoLine is one order line as the business sold it. */
export interface DemoLine {
  readonly lineId: string;
  readonly sku: Sku;
  readonly quantity: number;
  unitPriceFen: number;
  /** The line's share of what the buyer paid, after the order discount. */
  paidFen: number;
}

/** DemoReceiver is where the parcel goes, as the buyer typed it (possibly wrong on purpose). */
export interface DemoReceiver {
  name: string;
  /** The phone as the channel will send it: plain, virtual with extension, or spoilt. */
  phone: string;
  /** The buyer's real mobile, from which the platforms' masked forms are made. */
  readonly mobile: string;
  /** How the channel shows the phone: in full, or only masked (JD desen_mobile, Douyin always). */
  hidden: boolean;
  province: string;
  city: string;
  district: string;
  readonly town: string;
  detail: string;
  readonly zip: string;
  readonly code: string;
}

/** Presale is a pre-sale agreement: deposit or full payment now, shipping by an agreed date. */
export interface DemoPresale {
  readonly kind: 'deposit' | 'full_payment' | 'staged';
  readonly shipBy: Instant;
  readonly depositFen: number;
}

/** TrackPoint is one line of a parcel's carrier track. */
export interface TrackPoint {
  readonly state: 'picked_up' | 'pickup_failed' | 'in_transit' | 'out_for_delivery' | 'in_locker' | 'delivered';
  readonly at: Instant;
  readonly detail: string;
}

/** Parcel is one shipment of an order with its waybill and track. */
export interface Parcel {
  readonly trackingNo: string;
  readonly carrier: Carrier;
  readonly shippedAt: Instant;
  readonly track: readonly TrackPoint[];
  /** When the last track point says delivered, if it does. */
  readonly deliveredAt?: Instant;
}

/** TimelineNote is a system note on the order (customs clearance, supplier schedule). */
export interface TimelineNote {
  readonly at: Instant;
  readonly text: string;
  readonly source: string;
  readonly author: string;
}

/** Timeline is an order's whole life as planned; times after the business's `end` have not happened yet. */
export interface Timeline {
  readonly reviewedAt?: Instant;
  readonly labelPrintedAt?: Instant;
  readonly pickedAt?: Instant;
  readonly batch?: string;
  readonly operator?: string;
  readonly parcels: readonly Parcel[];
  readonly finishedAt?: Instant;
  readonly cancelledAt?: Instant;
  readonly notes: readonly TimelineNote[];
}

/** ContactDraft is a customer contact to emit with the order. */
export interface ContactDraft {
  readonly at: Instant;
  readonly channel: 'phone' | 'chat' | 'complaint';
  readonly text: string;
  readonly screenshot: boolean;
}

/**
 * DemoOrder is the channel-neutral plan of one order: who bought what, where
 * it goes, what trouble it carries and how its life runs. The channel shapes
 * render it; it is mutable while the day's trouble is applied.
 */
export interface DemoOrder {
  readonly channel: DemoChannel;
  readonly channelOrderId: string;
  readonly orderId: string;
  /** Number of the order within the business, for deterministic per-order randomness. */
  readonly seq: number;
  placedAt: Instant;
  paidAt: Instant;
  readonly customer: DemoCustomer;
  receiver: DemoReceiver;
  lines: DemoLine[];
  category: Category;
  shippingFen: number;
  discountFen: number;
  paidFen: number;
  buyerNote: string;
  sellerNote: string;
  presale?: DemoPresale;
  warehouse?: string;
  carrier: Carrier;
  promisedShipBy?: Instant;
  /** Nothing is printed or shipped before this (stock, customer request, pre-sale date). */
  holdUntil?: Instant;
  /** The warehouse stops here and never goes further (a stuck wave, a forgotten order). */
  stopAfter?: 'reviewed' | 'picked';
  /** Forces the order into the warehouse wave at this time. */
  waveAt?: Instant;
  /** The carrier fails to collect the parcel, day after day. */
  pickupFails?: boolean;
  /** The buyer cancels before anything ships. */
  cancels?: boolean;
  /** Number of parcels (bulky furniture ships in several). */
  parcels: number;
  /** Some trouble already claimed the order: no second random trouble on it. */
  troubled: boolean;
  labels: { code: string; note: string }[];
  contacts: ContactDraft[];
  /** Notes people or systems add besides the timeline's own (a customer's call, a supplier's message). */
  notes: TimelineNote[];
  timeline?: Timeline;
}
