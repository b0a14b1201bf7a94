import { shanghaiText } from '../local-time.js';
import { formatYuan } from '../../domain/money.js';
import type { Instant } from '../../domain/time.js';
import type { DemoOrder, Parcel } from '../model.js';
import type { OrderStatus } from '../status.js';

/** yuan renders fen as the platforms' 2-decimal yuan string. */
export const yuan = (fen: number): string => formatYuan(fen);

/** localTime renders an instant as the platforms' `yyyy-MM-dd HH:mm:ss` Shanghai time. */
export const localTime = (at: Instant): string => shanghaiText(at);

/** parcelOfLine says which parcel carries line `i`: split orders send one line per parcel, the rest in the last. */
export function parcelOfLine(order: DemoOrder, i: number): number {
  return Math.min(i, Math.max(0, order.parcels - 1));
}

/** shippedParcelOfLine returns the parcel that carried line `i` if it has left by the business's end. */
export function shippedParcelOfLine(order: DemoOrder, status: OrderStatus, i: number): Parcel | undefined {
  return status.shipped[parcelOfLine(order, i)];
}

/** maskName hides all but the surname the way Douyin and JD show receivers: 王**. */
export function maskName(name: string): string {
  return name.length <= 1 ? name : `${name.slice(0, 1)}${'*'.repeat(Math.min(2, name.length - 1))}`;
}

/** maskAny hides the middle of any phone text as the platforms do (first 3, last 4). */
export function maskAny(phone: string): string {
  const base = phone.split('-')[0] ?? phone;
  return base.length >= 7 ? `${base.slice(0, 3)}****${base.slice(-4)}` : '****';
}

/** pages cuts a list into pages of at most `size`. */
export function pages<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
