import { shanghaiText } from './local-time.js';
import type { Instant } from '../domain/time.js';
import type { DemoChannel } from './model.js';

// Multiplying by a number coprime with 10 permutes [0, 10^9): unique in, unique out, random-looking.
// (n < 10^9 times 7,654,321 stays below 2^53, so the arithmetic is exact.)
function scramble9(n: number, salt: number): string {
  return String(((n % 1_000_000_000) * 7_654_321 + salt) % 1_000_000_000).padStart(9, '0');
}

/**
 * IdAllocator hands out the platforms' order, line and waybill numbers in
 * their real formats. Every number embeds a running counter through a
 * permutation, so ids never repeat within a business of up to 10^8 orders,
 * and a part of the seed, so two demo businesses rarely collide.
 */
export class IdAllocator {
  private orders = 0;
  private lines = 0;
  private parcels = 0;
  private readonly seedPart: string;

  constructor(seed: number) {
    this.seedPart = String(Math.abs(Math.trunc(seed)) % 1000).padStart(3, '0');
  }

  /** orderSeq counts orders across channels; it seeds per-order randomness. */
  get orderCount(): number {
    return this.orders;
  }

  /** orderNo returns a new order number for a channel: Taobao tid, JD orderId, Douyin order_id, Youzan E-number. */
  orderNo(channel: DemoChannel, placedAt: Instant): string {
    const n = this.orders++;
    const local = shanghaiText(placedAt);
    const yymmdd = local.slice(2, 4) + local.slice(5, 7) + local.slice(8, 10);
    switch (channel) {
      case 'taobao':
        return `3${this.seedPart}${yymmdd}${scramble9(n, 271_828_182)}`;
      case 'jd':
        return `2${this.seedPart.slice(1)}${scramble9(n, 271_828_182)}`;
      case 'douyin':
        return `69${this.seedPart.slice(1)}${yymmdd}${scramble9(n, 271_828_182)}`;
      case 'youzan':
        return `E${local.replace(/\D/g, '')}${scramble9(n, 271_828_182)}`;
    }
  }

  /** lineNo returns a new sub-order / line number (Taobao oid, Douyin sku order id, Youzan oid). */
  lineNo(channel: DemoChannel): string {
    const n = this.lines++;
    return channel === 'douyin' ? `49${this.seedPart}${scramble9(n, 314_159_265)}0` : `1${this.seedPart}${scramble9(n, 314_159_265)}`;
  }

  /** parcelNo returns a new unique 11-digit number that a carrier's waybill format wraps. */
  parcelNo(): string {
    return `${this.seedPart.slice(1)}${scramble9(this.parcels++, 577_215_664)}`;
  }
}
