import { toIso } from '../domain/time.js';

const TIME_KEY = /(At|By|Deadline|Target)$|^until$/;

/**
 * toWire converts a domain value for JSON output: every instant (a field
 * named …At, …By, …Deadline, …Target or `until` holding epoch milliseconds) becomes an ISO-8601 UTC string,
 * the API's time format. Amounts stay integer fen.
 */
export function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, toWire(v)]));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = TIME_KEY.test(key) && typeof v === 'number' && Number.isFinite(v) ? toIso(v) : toWire(v);
  }
  return out;
}
