import { HOUR_MS } from '../../domain/time.js';

/** WarehouseHours are the local ("HH:mm", Asia/Shanghai) hours the warehouse works on a workday; "24:00" ends at midnight. */
export interface WarehouseHours {
  readonly start: string;
  readonly end: string;
}

/** DEFAULT_WAREHOUSE_HOURS are 09:00-18:00, the usual SME warehouse day. */
export const DEFAULT_WAREHOUSE_HOURS: WarehouseHours = { start: '09:00', end: '18:00' };

/** WarehouseWindow is the working window as milliseconds after local midnight. */
export interface WarehouseWindow {
  readonly openMs: number;
  readonly closeMs: number;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

function offsetOf(text: string, field: 'start' | 'end'): number {
  const m = HH_MM.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h > 24 || (h === 24 && min > 0)) {
    throw new RangeError(`warehouseHours.${field}: expected a time like "09:00", got ${JSON.stringify(text)}`);
  }
  return h * HOUR_MS + min * 60_000;
}

/**
 * warehouseWindow checks and converts warehouse hours; it throws on a
 * malformed time or an empty or overnight window, because a misconfigured
 * calendar must fail at start-up, not silently count no hours.
 */
export function warehouseWindow(hours: WarehouseHours): WarehouseWindow {
  const openMs = offsetOf(hours.start, 'start');
  const closeMs = offsetOf(hours.end, 'end');
  if (closeMs <= openMs) {
    throw new RangeError(`warehouseHours: end ${hours.end} must be after start ${hours.start} (overnight shifts are not supported)`);
  }
  return { openMs, closeMs };
}
