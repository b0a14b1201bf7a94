import { createHash } from 'node:crypto';
import { formatShanghai, type Instant } from '../domain/time.js';

/** DocumentKind is the report's kind as its number's prefix: EV evidence, RV review, KPI. */
export type DocumentKind = 'EV' | 'RV' | 'KPI';

/**
 * documentNumber names one generated report so a forwarded copy can be
 * quoted ("see EV-20261207-3F9A2C"): its kind, the Beijing day it was made
 * and six hex digits of what and when. The same report made at the same
 * moment gets the same number.
 */
export function documentNumber(kind: DocumentKind, subject: string, generatedAt: Instant): string {
  const day = formatShanghai(generatedAt).slice(0, 10).replace(/-/g, '');
  const hash = createHash('sha256').update(`${kind}|${subject}|${generatedAt}`).digest('hex').slice(0, 6).toUpperCase();
  return `${kind}-${day}-${hash}`;
}

/** ownerOf names whose data a report holds, for its running header: the shops (at most two, then "等 N 个店铺"). */
export function ownerOf(shops: ReadonlyArray<string | undefined>): string | undefined {
  const names = [...new Set(shops.filter((s): s is string => s !== undefined && s.trim() !== ''))];
  if (names.length === 0) return undefined;
  return names.length <= 2 ? names.join('、') : `${names.slice(0, 2).join('、')} 等 ${names.length} 个店铺`;
}
