import { createHash } from 'node:crypto';
import type { LogisticsEvent, LogisticsState } from '../../domain/event.js';
import type { Normalisation } from '../../domain/ingest-result.js';
import type { OrderId } from '../../domain/order.js';
import type { Instant } from '../../domain/time.js';
import { describe, RecordReader } from '../record-reader.js';
import { kuaidi100State, kuaidi100StatusText } from './kuaidi100-states.js';
import { parseJsonLossless } from '../files/lossless-json.js';

/** KUAIDI100_PUSH_STATUSES are the subscription statuses a push may report (`param.status`). */
export const KUAIDI100_PUSH_STATUSES = ['polling', 'shutdown', 'abort', 'updateall'] as const;

/** KUAIDI100_SOURCE is the `source` of every event read from a Kuaidi100 push. */
export const KUAIDI100_SOURCE = 'kuaidi100';

const MAX_PARAM_CHARS = 1_000_000;

/**
 * parseKuaidi100Push turns one push (`param`, parsed or as the JSON text) into
 * one LogisticsEvent per line of `lastResult.data`, times in Asia/Shanghai.
 * An event's id is `${nu}#${ftime or time}#${hash of context}`, so a line
 * seen again in a later push (every push repeats the whole track) is the same
 * event, whatever its position.
 *
 * Kuaidi100 states the track's current state only for the track as a whole:
 * the newest line (latest time; data is newest first) takes `lastResult.state`.
 * Older lines take what their own `statusCode` or `status` says when they
 * carry one (resultv2), else "in_transit", as most of a track is.
 * `status: "abort"` (no data for 3 days, or no change for 60 days) adds an
 * event in state "no_update": Kuaidi100 stopped tracking, itself an anomaly.
 * `orderId` links the events to an order when the caller knows it, e.g. from
 * the callback URL it subscribed with.
 */
export function parseKuaidi100Push(param: unknown, receivedAt: Instant, orderId?: OrderId): Normalisation {
  const parsed = typeof param === 'string' ? parseJson(param) : { ok: true as const, value: param };
  if (!parsed.ok) return { ok: false, errors: [{ field: 'param', message: parsed.message }] };
  const r = new RecordReader(parsed.value);
  if (!r.isObject()) return { ok: false, errors: [{ field: 'param', message: `must be a JSON object, got ${describe(parsed.value)}` }] };

  const status = r.text('status', { required: true, max: 32 });
  if (status !== undefined && !(KUAIDI100_PUSH_STATUSES as readonly string[]).includes(status)) {
    r.fail('status', `is not a Kuaidi100 push status we know (${describe(status)}); expected one of ${KUAIDI100_PUSH_STATUSES.join(', ')}`);
  }
  const message = r.text('message', { max: 500 });
  const track = r.child('lastResult', true);
  const nu = track?.text('nu', { required: true, max: 64 });
  const carrier = track?.text('com', { max: 64 }) ?? r.text('comNew', { max: 64 });
  const stateCode = track?.text('state', { max: 8 });
  const trackState = stateCode === undefined ? undefined : kuaidi100State(stateCode);
  if (stateCode !== undefined && trackState === undefined) {
    track?.fail('state', `is not a Kuaidi100 state code we know (${describe(stateCode)}); expected 0-8, 14 or a resultv2 code such as 101 or 205`);
  }
  const lines = (track?.list('data') ?? []).flatMap((line, i) => {
    if (!line.isObject()) {
      track?.fail(`data[${i}]`, 'must be a track line object');
      return [];
    }
    const read = readLine(line);
    return read ? [read] : [];
  });
  if (r.errors.length > 0 || nu === undefined) return { ok: false, errors: r.errors };

  const newest = lines.reduce<TrackLine | undefined>((best, line) => (best === undefined || line.at > best.at ? line : best), undefined);
  const events: LogisticsEvent[] = [];
  const seen = new Set<string>();
  const base = { kind: 'logistics' as const, source: KUAIDI100_SOURCE, trackingNo: nu, ...(carrier ? { carrier } : {}), ...(orderId ? { orderId } : {}) };
  for (const line of lines) {
    const id = `${nu}#${line.timeText}#${shortHash(line.context)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const state = line === newest ? (trackState ?? line.ownState ?? 'in_transit') : (line.ownState ?? 'in_transit');
    events.push({ ...base, id, occurredAt: line.at, state, detail: line.context, ...(line.location ? { location: line.location } : {}) });
  }
  if (status === 'abort') {
    const why = 'Kuaidi100 stopped tracking this waybill: no track data for 3 days or no change for 60 days';
    events.push({ ...base, id: `${nu}#abort#${newest?.timeText ?? '-'}`, occurredAt: receivedAt, state: 'no_update', detail: message ? `${why} (${message})` : why });
  }
  return { ok: true, value: { orders: [], events } };
}

interface TrackLine {
  readonly at: Instant;
  readonly timeText: string;
  readonly context: string;
  readonly ownState: LogisticsState | undefined;
  readonly location: string | undefined;
}

/** readLine reads one `data[]` entry: `ftime` (formatted time) is preferred to `time`, both Asia/Shanghai. */
function readLine(line: RecordReader): TrackLine | undefined {
  const context = line.text('context', { required: true });
  const ftime = line.raw('ftime');
  const timeField = typeof ftime === 'string' && ftime.trim() !== '' ? 'ftime' : 'time';
  const at = line.shanghaiTime(timeField, true);
  const raw = line.raw(timeField);
  const timeText = typeof raw === 'string' ? raw.trim() : undefined;
  const code = line.text('statusCode', { max: 8 });
  const text = line.text('status', { max: 16 });
  const ownState = (code !== undefined ? kuaidi100State(code) : undefined) ?? (text !== undefined ? kuaidi100StatusText(text) : undefined);
  const location = line.text('areaName', { max: 200 }) ?? line.text('location', { max: 200 });
  if (context === undefined || at === undefined || timeText === undefined) return undefined;
  return { at, timeText, context, ownState, location };
}

function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.length > MAX_PARAM_CHARS) return { ok: false, message: `is too long (${text.length} characters, at most ${MAX_PARAM_CHARS})` };
  try {
    return { ok: true, value: parseJsonLossless(text) };
  } catch (e) {
    return { ok: false, message: `is not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : 'parse error'})` };
  }
}
