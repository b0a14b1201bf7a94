import type { Fen } from './money.js';
import type { OrderId } from './order.js';
import type { Stage } from './stage.js';
import type { Instant } from './time.js';

/**
 * EventBase is what every event carries: its own id (unique per source), the
 * time it happened (which places it on the timeline, however late it arrives)
 * and where it came from.
 */
interface EventBase {
  readonly id: string;
  readonly source: string;
  readonly occurredAt: Instant;
}

/** StageEvent says an order entered a stage (审核, 打单, 拣货, 出库, 揽收, 运输, 派件, 签收 ...). */
export interface StageEvent extends EventBase {
  readonly kind: 'stage';
  readonly orderId: OrderId;
  readonly stage: Stage;
  readonly warehouse?: string;
  readonly batch?: string;
  readonly operator?: string;
  readonly note?: string;
}

/**
 * LogisticsState is the carrier-neutral state of a track (Kuaidi100's codes mapped):
 * a failed pickup, a refusal or a problem parcel are what detection looks for.
 */
export type LogisticsState =
  | 'pickup_pending'
  | 'picked_up'
  | 'pickup_failed'
  | 'in_transit'
  | 'out_for_delivery'
  | 'in_locker'
  | 'delivered'
  | 'problem'
  | 'refused'
  | 'returning'
  | 'returned'
  | 'customs'
  | 'transferred'
  | 'no_update';

/** LogisticsEvent is one line of a carrier's track. */
export interface LogisticsEvent extends EventBase {
  readonly kind: 'logistics';
  readonly orderId?: OrderId;
  readonly carrier?: string;
  readonly trackingNo: string;
  readonly state: LogisticsState;
  readonly detail: string;
  readonly location?: string;
}

/** Attachment is a file kept with a contact, e.g. a chat screenshot. */
export interface Attachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** ContactEvent records a customer contact: complaint, call, chat, e-mail, SMS. */
export interface ContactEvent extends EventBase {
  readonly kind: 'contact';
  readonly orderId: OrderId;
  readonly channel: 'phone' | 'chat' | 'complaint' | 'email' | 'sms' | 'other';
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly agent?: string;
  readonly attachments: readonly Attachment[];
}

/** NoteEvent is a free note on an order (from a person or a system). */
export interface NoteEvent extends EventBase {
  readonly kind: 'note';
  readonly orderId: OrderId;
  readonly text: string;
  readonly author?: string;
}

/** InventoryLevelEvent is an ERP/WMS stock reading of one SKU in one warehouse. */
export interface InventoryLevelEvent extends EventBase {
  readonly kind: 'inventory_level';
  readonly sku: string;
  readonly warehouse: string;
  readonly available: number;
  readonly reserved: number;
}

/** InventoryChangeEvent is one movement of stock (inbound, outbound, reservation, adjustment). */
export interface InventoryChangeEvent extends EventBase {
  readonly kind: 'inventory_change';
  readonly sku: string;
  readonly warehouse: string;
  readonly delta: number;
  readonly reason: string;
  readonly orderId?: OrderId;
}

/** OrderEvent is anything that happens to an order or its stock. */
export type OrderEvent =
  | StageEvent
  | LogisticsEvent
  | ContactEvent
  | NoteEvent
  | InventoryLevelEvent
  | InventoryChangeEvent;

export type EventKind = OrderEvent['kind'];

export const EVENT_KINDS: readonly EventKind[] = [
  'stage',
  'logistics',
  'contact',
  'note',
  'inventory_level',
  'inventory_change',
];

/** InventoryLevel is the current stock of a SKU in a warehouse, as last synced from the ERP. */
export interface InventoryLevel {
  readonly sku: string;
  readonly warehouse: string;
  readonly available: number;
  readonly reserved: number;
  /** When the ERP last reported this level: old readings make "in stock" untrusted. */
  readonly syncedAt: Instant;
}

/** AttachmentUpload is an attachment's bytes as it arrives with a contact, before it is stored. */
export interface AttachmentUpload {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type { Fen };

const LOGISTICS_STAGES: Readonly<Partial<Record<LogisticsState, Stage>>> = {
  picked_up: 'collected',
  in_transit: 'in_transit',
  transferred: 'in_transit',
  customs: 'in_transit',
  out_for_delivery: 'out_for_delivery',
  in_locker: 'out_for_delivery',
  delivered: 'delivered',
  returned: 'returned',
};

/**
 * stageOfEvent is the stage an event puts its order in: a stage event says
 * so directly, and a carrier's track is evidence of the later stages (揽收,
 * 运输, 派件, 签收) that warehouses do not report themselves. Trouble states
 * (a failed pickup, a refusal) move no stage: they are findings.
 */
export function stageOfEvent(event: OrderEvent): Stage | undefined {
  if (event.kind === 'stage') return event.stage;
  if (event.kind === 'logistics') return LOGISTICS_STAGES[event.state];
  return undefined;
}
