import type { Instant } from '../../../domain/time.js';

/** BookOrder is one order of a stand-in shop: its number, when it was placed, when it last changed, and its state. */
export interface BookOrder {
  readonly id: string;
  readonly createdAt: Instant;
  modifiedAt: Instant;
  /** Order of changes (ties of modifiedAt broken by it): a platform's cursor key. */
  seq: number;
  /** 0 placed and paid, 1 shipped, 2 delivered / finished. */
  state: 0 | 1 | 2;
  /** The platform now reports it with a flaw detection must find (paid nothing). */
  flawed?: boolean;
}

/**
 * OrderBook is a stand-in shop's orders, kept sorted by last change (then
 * id) the way the platforms answer a "modified between" query. A change
 * moves an order to the end (its new time is the latest), so the list
 * stays sorted without re-sorting 100,000 orders.
 */
export class OrderBook {
  private readonly list: BookOrder[] = [];
  private readonly byId = new Map<string, BookOrder>();
  private seq = 0;

  /**
   * filled makes a book of `count` orders placed evenly over [from, to),
   * numbered from `firstId`, all paid and waiting to ship; `settled` makes
   * it look like a running shop instead: orders older than 36 h finished,
   * older than 8 h shipped (their last change then), the rest waiting.
   */
  static filled(count: number, from: Instant, to: Instant, options: { readonly firstId?: number; readonly settled?: boolean } = {}): OrderBook {
    const firstId = options.firstId ?? 1_000_000;
    const book = new OrderBook();
    const step = count > 0 ? Math.max(1, Math.floor((to - from) / count)) : 0;
    for (let i = 0; i < count; i++) {
      // Two orders share each second now and then: a window boundary falls between equal times.
      const at = Math.floor((from + i * step) / 1000) * 1000;
      const age = to - at;
      const state = options.settled !== true ? 0 : age > 36 * 3600_000 ? 2 : age > 8 * 3600_000 ? 1 : 0;
      book.add({ id: String(firstId + i), createdAt: at, modifiedAt: at, state });
    }
    return book;
  }

  get size(): number {
    return this.list.length;
  }

  add(order: Omit<BookOrder, 'seq'>): void {
    const last = this.list.at(-1);
    if (last !== undefined && order.modifiedAt < last.modifiedAt) throw new Error('OrderBook: orders must be added in order of change');
    const added = { ...order, seq: ++this.seq };
    this.list.push(added);
    this.byId.set(order.id, added);
  }

  get(id: string): BookOrder | undefined {
    return this.byId.get(id);
  }

  /**
   * change advances an order's state at `at` (not before its last change)
   * and moves it to the end; with `flaw` the state stays and the order is
   * reported flawed instead (a change detection must turn into a finding).
   */
  change(id: string, at: Instant, options: { readonly flaw?: boolean } = {}): BookOrder {
    const order = this.byId.get(id);
    if (order === undefined) throw new Error(`OrderBook: no order ${id}`);
    const i = this.list.indexOf(order);
    this.list.splice(i, 1);
    const last = this.list.at(-1);
    order.modifiedAt = Math.max(at, last?.modifiedAt ?? at, order.modifiedAt);
    if (options.flaw === true) order.flawed = true;
    else order.state = Math.min(2, order.state + 1) as 0 | 1 | 2;
    order.seq = ++this.seq;
    this.list.push(order);
    return order;
  }

  /** between lists orders changed in [from, to] (both inclusive), oldest change first. */
  between(from: Instant, to: Instant): readonly BookOrder[] {
    return this.list.slice(this.lowerBound(from), this.lowerBound(to + 1));
  }

  private lowerBound(at: Instant): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.list[mid] as BookOrder).modifiedAt < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
