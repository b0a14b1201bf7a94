import type { OrderId } from '../domain/order.js';
import type { Instant } from '../domain/time.js';

/** FeedChange is one change of a finding, in the order detection stored them: opened, or resolved (its cause went away). */
export interface FeedChange {
  readonly seq: number;
  readonly orderId: OrderId;
  readonly code: string;
  readonly key: string;
  readonly change: 'opened' | 'resolved';
  readonly at: Instant;
}

/**
 * FindingFeed is how detection hands its changes to the response side
 * through the store: every finding opened or resolved is appended in the
 * same transaction as the judgement that decided it (so none is lost in a
 * crash), and the response engine reads it in order, in bounded batches,
 * and acknowledges what it has placed. Replaying a batch twice is harmless:
 * placing a finding is idempotent.
 */
export interface FindingFeed {
  /** The oldest `limit` changes not yet acknowledged. */
  read(limit: number): Promise<FeedChange[]>;
  /** Forgets every change up to and including `seq`. */
  ack(seq: number): Promise<void>;
  /** How many changes wait. */
  backlog(): Promise<number>;
}
