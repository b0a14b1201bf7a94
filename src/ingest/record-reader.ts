import type { FieldError } from '../domain/ingest-result.js';
import { parseFen, parseYuan, type Fen } from '../domain/money.js';
import { parseInstant, parseShanghaiTime, parseUnixSeconds, type Instant } from '../domain/time.js';

/** TEXT_LIMIT is the longest text field accepted; longer is hostile or broken input. */
export const TEXT_LIMIT = 2000;

/**
 * RecordReader reads typed fields out of an untrusted parsed record and
 * collects one FieldError per bad field instead of throwing, so an adapter can
 * report every problem of a record at once. Paths are dotted, in the source's
 * own field names ("orders.order[2].price").
 */
export class RecordReader {
  /**
   * Readers of nested parts share their parent's error list, so the record's
   * top reader holds every error with its full path.
   */
  constructor(
    private readonly record: unknown,
    private readonly prefix = '',
    readonly errors: FieldError[] = [],
  ) {}

  /** isObject tells whether the record is a plain JSON object. */
  isObject(): boolean {
    return typeof this.record === 'object' && this.record !== null && !Array.isArray(this.record);
  }

  /** fail records an error on a field. */
  fail(field: string, message: string): void {
    this.errors.push({ field: this.path(field), message });
  }

  /** path prefixes a field name with this reader's position in the record. */
  path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  /** keys lists the record's own field names. */
  keys(): string[] {
    return this.isObject() ? Object.keys(this.record as Record<string, unknown>) : [];
  }

  /** raw reads a field without converting it. */
  raw(field: string): unknown {
    if (!this.isObject()) return undefined;
    return (this.record as Record<string, unknown>)[field];
  }

  /** child reads a nested object with its own reader (undefined and an error when required and absent). */
  child(field: string, required = false): RecordReader | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null) {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const r = new RecordReader(v, this.path(field), this.errors);
    if (!r.isObject()) {
      this.fail(field, 'must be an object');
      return undefined;
    }
    return r;
  }

  /** list reads an array field; each element gets a reader positioned at `field[i]`. */
  list(field: string, required = false): RecordReader[] {
    const v = this.raw(field);
    if (v === undefined || v === null) {
      if (required) this.fail(field, 'is required');
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(field, 'must be an array');
      return [];
    }
    return v.map((item, i) => new RecordReader(item, `${this.path(field)}[${i}]`, this.errors));
  }

  /** text reads a string (numbers are accepted as their decimal text); blank is absent. */
  text(field: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const v = this.raw(field);
    const max = options.max ?? TEXT_LIMIT;
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (options.required) this.fail(field, 'is required');
      return undefined;
    }
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      this.fail(field, `must be a string, got ${describe(v)}`);
      return undefined;
    }
    const t = v.trim();
    if (t.length > max) {
      this.fail(field, `is too long (${t.length} characters, at most ${max})`);
      return undefined;
    }
    return t;
  }

  /** id reads an identifier: a string or a safe integer, as text. Large ids must come as strings. */
  id(field: string, required = true): string | undefined {
    const v = this.raw(field);
    if (typeof v === 'number' && !Number.isSafeInteger(v)) {
      this.fail(field, 'is a number too large to be exact; send it as a string');
      return undefined;
    }
    return this.text(field, { required, max: 64 });
  }

  /** yuan reads a decimal yuan amount ("12.30" or 12.3) as fen. */
  yuan(field: string, required = false): Fen | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '') {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const fen = parseYuan(v);
    if (fen === undefined) this.fail(field, `must be an amount in yuan like "12.30", got ${describe(v)}`);
    return fen;
  }

  /** fen reads an integer amount in fen. */
  fen(field: string, required = false): Fen | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '') {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const fen = parseFen(v);
    if (fen === undefined) this.fail(field, `must be an integer amount in fen, got ${describe(v)}`);
    return fen;
  }

  /** integer reads a whole number within [min, max]. */
  integer(field: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '') {
      if (options.required) this.fail(field, 'is required');
      return undefined;
    }
    const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      this.fail(field, `must be a whole number, got ${describe(v)}`);
      return undefined;
    }
    if (options.min !== undefined && n < options.min) {
      this.fail(field, `must be at least ${options.min}, got ${n}`);
      return undefined;
    }
    if (options.max !== undefined && n > options.max) {
      this.fail(field, `must be at most ${options.max}, got ${n}`);
      return undefined;
    }
    return n;
  }

  /**
   * shanghaiTime reads "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai. The platforms'
   * "not set" values (empty, 0001-01-01, 1970-01-01) read as absent.
   */
  shanghaiTime(field: string, required = false): Instant | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '' || isUnsetTime(v)) {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const at = typeof v === 'string' ? parseShanghaiTime(v) : undefined;
    if (at === undefined) this.fail(field, `must be a time like "2026-11-11 10:00:00", got ${describe(v)}`);
    return at;
  }

  /** unixTime reads unix seconds; 0 reads as absent. */
  unixTime(field: string, required = false): Instant | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '' || v === 0 || v === '0') {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const at = parseUnixSeconds(v);
    if (at === undefined) this.fail(field, `must be unix seconds, got ${describe(v)}`);
    return at;
  }

  /** isoTime reads an ISO-8601 time (a zone-less time is Asia/Shanghai). */
  isoTime(field: string, required = false): Instant | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '') {
      if (required) this.fail(field, 'is required');
      return undefined;
    }
    const at = typeof v === 'string' ? parseInstant(v) : undefined;
    if (at === undefined) this.fail(field, `must be an ISO-8601 time like "2026-11-11T10:00:00+08:00", got ${describe(v)}`);
    return at;
  }

  /** strings reads an array of short strings (tags, attributes). */
  strings(field: string, max = 50): string[] {
    const v = this.raw(field);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      this.fail(field, 'must be an array of strings');
      return [];
    }
    if (v.length > max) {
      this.fail(field, `has ${v.length} entries, at most ${max}`);
      return [];
    }
    return (v as string[]).map((s) => s.trim()).filter((s) => s !== '').map((s) => s.slice(0, 100));
  }
}

function isUnsetTime(v: unknown): boolean {
  return typeof v === 'string' && (v.startsWith('0001-01-01') || v.startsWith('1970-01-01') || v.startsWith('0000-00-00'));
}

/** describe renders a bad value briefly for an error message, never dumping a huge input. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return `${typeof v} ${String(v)}`;
}
