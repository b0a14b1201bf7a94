import type { Instant } from '../domain/time.js';
import type { ReceiverConfig, ReceiverType } from './receiver.js';

/**
 * Per-receiver rate limits as a pure sliding-window decision. The outbox
 * worker keeps the times it sent to each receiver and asks before sending;
 * what the limit holds back is merged into a digest (digest.ts), not dropped.
 *
 * Sliding windows rather than fixed minutes: a platform that counts "20 per
 * minute" may count any 60 s, and DingTalk punishes the 21st message with a
 * 10-minute silence. For the same reason each platform window is one second
 * longer than the platform's, which absorbs the network delay between our
 * clock and theirs. Record a send's time when its answer arrives (not when it
 * starts): that is also the safe side.
 */

/** RateWindow allows at most `limit` sends in any `windowMs` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** RateLimiter decides for one receiver, from the times of its past sends. */
export interface RateLimiter {
  readonly windows: readonly RateWindow[];
  /** How far back send times matter: older ones can be forgotten. */
  readonly lookbackMs: number;
  /** canSend tells whether one more send at `now` stays within every window. */
  canSend(sentTimes: readonly Instant[], now: Instant): boolean;
  /** nextSlot is the earliest instant ≥ `now` at which one more send is allowed. */
  nextSlot(sentTimes: readonly Instant[], now: Instant): Instant;
}

const MINUTE = 60_000;
/** PLATFORM_CLOCK_MARGIN_MS widens each platform window to absorb the delay between our send and the platform's count. */
export const PLATFORM_CLOCK_MARGIN_MS = 1_000;

/**
 * DEFAULT_RATE_LIMITS per receiver type. WeCom and DingTalk allow 20
 * messages a minute per robot, Feishu 100 a minute and 5 a second per bot
 * (PROTOCOLS.md). E-mail, SMS and webhooks have no platform figure: their
 * limits only stop a storm from flooding a mailbox or a phone. The ticket
 * pool is local and unlimited.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ReceiverType, readonly RateWindow[]>> = {
  wecom: [{ limit: 20, windowMs: MINUTE + PLATFORM_CLOCK_MARGIN_MS }],
  dingtalk: [{ limit: 20, windowMs: MINUTE + PLATFORM_CLOCK_MARGIN_MS }],
  feishu: [
    { limit: 100, windowMs: MINUTE + PLATFORM_CLOCK_MARGIN_MS },
    { limit: 5, windowMs: 1_000 + PLATFORM_CLOCK_MARGIN_MS },
  ],
  email: [{ limit: 60, windowMs: MINUTE }],
  sms: [{ limit: 60, windowMs: MINUTE }],
  webhook: [{ limit: 600, windowMs: MINUTE }],
  ticket: [],
};

/**
 * rateLimitFor is the limiter of a receiver: its type's defaults, with the
 * per-minute window replaced by `rateLimitPerMinute` when the policy sets one
 * (shorter windows such as Feishu's 5 per second still apply).
 */
export function rateLimitFor(receiver: ReceiverConfig): RateLimiter {
  const defaults = DEFAULT_RATE_LIMITS[receiver.type];
  const perMinute = receiver.rateLimitPerMinute;
  if (perMinute === undefined) return slidingWindowLimiter(defaults);
  const shortWindows = defaults.filter((w) => w.windowMs < MINUTE);
  const minuteWindow = defaults.find((w) => w.windowMs >= MINUTE)?.windowMs ?? MINUTE;
  return slidingWindowLimiter([{ limit: perMinute, windowMs: minuteWindow }, ...shortWindows]);
}

/** slidingWindowLimiter builds a limiter from explicit windows (no windows: never limited). */
export function slidingWindowLimiter(windows: readonly RateWindow[]): RateLimiter {
  for (const w of windows) {
    if (!Number.isInteger(w.limit) || w.limit < 1 || !(w.windowMs > 0)) {
      throw new RangeError(`rate window needs a positive whole limit and a positive length, got ${JSON.stringify(w)}`);
    }
  }
  const lookbackMs = Math.max(0, ...windows.map((w) => w.windowMs));
  return {
    windows,
    lookbackMs,
    canSend: (sentTimes, now) => windows.every((w) => inWindow(w, sentTimes, now).length < w.limit),
    nextSlot: (sentTimes, now) => Math.max(now, ...windows.map((w) => windowSlot(w, sentTimes, now))),
  };
}

/** Sends that still count against the window at `now`; future times count too, to stay on the safe side. */
function inWindow(w: RateWindow, sentTimes: readonly Instant[], now: Instant): Instant[] {
  return sentTimes.filter((t) => t > now - w.windowMs);
}

/**
 * The earliest instant at which this window has room: when enough of its
 * oldest sends have slid out. Waiting never adds sends, so the latest slot
 * over all windows satisfies all of them.
 */
function windowSlot(w: RateWindow, sentTimes: readonly Instant[], now: Instant): Instant {
  const counted = inWindow(w, sentTimes, now).sort((a, b) => a - b);
  if (counted.length < w.limit) return now;
  const mustExpire = counted[counted.length - w.limit];
  return (mustExpire ?? now) + w.windowMs;
}
