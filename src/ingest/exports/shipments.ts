import type { Shipment } from '../../domain/order.js';

/** TRACKING_NO is what a tracking number looks like inside free text: 8+ letters and digits with at least one digit. */
const TRACKING_NO = /[A-Za-z0-9]*\d[A-Za-z0-9]*/g;
const SEPARATORS = /[,，;；、/\s]+/;

/**
 * parseShipments reads an export's parcels from a carrier column and a
 * tracking column (several numbers separated by commas, semicolons, slashes
 * or spaces; carriers listed the same way pair up by position, a single
 * carrier applies to all), plus a combined "快递信息" column of entries like
 * "中通快递 75312345678901; 顺丰速运:SF1234567890123". Duplicates are dropped.
 */
export function parseShipments(carrierCell: string | undefined, trackingCell: string | undefined, infoCell: string | undefined): Shipment[] {
  const shipments: Shipment[] = [];
  const add = (carrier: string | undefined, trackingNo: string): void => {
    if (!shipments.some((s) => s.trackingNo === trackingNo)) shipments.push({ carrier, trackingNo });
  };
  if (trackingCell !== undefined) {
    const numbers = trackingCell.split(SEPARATORS).filter((n) => n !== '');
    const carriers = (carrierCell ?? '').split(SEPARATORS).filter((c) => c !== '');
    numbers.forEach((trackingNo, i) => add(carriers.length === numbers.length ? carriers[i] : carrierCell, trackingNo));
  }
  for (const entry of (infoCell ?? '').split(/[;；\n]+/)) {
    const numbers = [...entry.matchAll(TRACKING_NO)].map((m) => m[0]).filter((n) => n.length >= 8);
    if (numbers.length === 0) continue;
    const carrier = entry.replace(TRACKING_NO, ' ').replace(/[:：,，()（）\s]+/g, ' ').trim();
    for (const trackingNo of numbers) add(carrier === '' ? undefined : carrier, trackingNo);
  }
  return shipments;
}
