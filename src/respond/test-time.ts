import { parseShanghaiTime, type Instant } from '../domain/time.js';

/** sh reads a Shanghai local time for tests ("2025-11-14 17:30"). */
export function sh(text: string): Instant {
  const at = parseShanghaiTime(text);
  if (at === undefined) throw new Error(`bad test time ${text}`);
  return at;
}
