import type { Clock } from '../../domain/time.js';
import type { OutboxLane } from '../../store/response-store.js';
import type { Store } from '../../store/store.js';
import { isDeliverable, type ReceiverConfig } from '../receiver.js';
import { createSender, type Sender, type SenderDeps } from '../sender.js';
import { ENTRY_LEASE_MS } from './lane-policy.js';
import { configHashOf, drainLane, emptyDelivery, type DeliverySummary } from './receiver-lane.js';

/** DeliveryLanesDeps: the store, the receivers of the policy in effect (read at each pass), this instance's name and the clock. */
export interface DeliveryLanesDeps {
  readonly store: Store;
  readonly receivers: () => readonly ReceiverConfig[];
  readonly owner: string;
  readonly clock: Clock;
  readonly senderDeps?: SenderDeps;
  /** Builds a receiver's sender (tests put a controllable one here); default: createSender. */
  readonly createSender?: (receiver: ReturnType<typeof asDeliverable>, deps: SenderDeps) => Sender;
}

function asDeliverable(receiver: ReceiverConfig) {
  if (!isDeliverable(receiver)) throw new Error(`receiver ${receiver.name} has no sender`);
  return receiver;
}

/** LaneStatus is one receiver's delivery as the status page shows it. */
export interface LaneStatus extends Partial<OutboxLane> {
  readonly receiver: string;
  readonly type: string;
  readonly pending: number;
  readonly busy: boolean;
}

/**
 * DeliveryLanes delivers the outbox, one lane per receiver (SPEC C8): every
 * receiver with messages due gets its own drain, running side by side, so a
 * hung robot URL or a throttled platform holds up only its own messages.
 * `pump` starts the lanes that have work and returns at once (the
 * background worker calls it every pass); `deliverOnce` runs them to the end
 * (`orderwatch deliver --once`, tests).
 */
export class DeliveryLanes {
  private readonly running = new Map<string, Promise<void>>();
  private readonly senders = new Map<string, { readonly hash: string; readonly sender: Sender }>();
  /** What the lanes did since this process started, for the status page. */
  readonly totals: DeliverySummary = emptyDelivery();

  constructor(private readonly deps: DeliveryLanesDeps) {}

  private senderFor(receiver: ReceiverConfig): Sender | undefined {
    if (!isDeliverable(receiver)) return undefined;
    const hash = configHashOf(receiver);
    const cached = this.senders.get(receiver.name);
    if (cached && cached.hash === hash) return cached.sender;
    const sender = (this.deps.createSender ?? createSender)(receiver, this.deps.senderDeps ?? {});
    this.senders.set(receiver.name, { hash, sender });
    return sender;
  }

  /** pump starts a drain on every lane with messages due that is not already draining here; returns how many it started. */
  async pump(summary: DeliverySummary = this.totals): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.store.response.dueReceivers(now);
    const receivers = this.deps.receivers();
    let started = 0;
    for (const { receiver: name } of due) {
      if (this.running.has(name)) continue;
      const receiver = receivers.find((r) => r.name === name);
      const run = receiver ? drainLane({ store: this.deps.store, clock: this.deps.clock, owner: this.deps.owner, receiver, sender: this.senderFor(receiver) }, summary) : this.deadLetterUnknown(name, summary);
      const tracked = run
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(name);
        });
      this.running.set(name, tracked);
      started++;
    }
    return started;
  }

  /** deliverOnce sends everything due now, every lane side by side, until no lane has anything left it can send. */
  async deliverOnce(maxRounds = 50): Promise<DeliverySummary> {
    const summary = emptyDelivery();
    // Progress is a message settled; a parked lane counted again is none.
    const settled = (): number => summary.sent + summary.retried + summary.dead + summary.merged + summary.held + summary.tickets;
    for (let round = 0; round < maxRounds; round++) {
      const before = settled();
      const started = await this.pump(summary);
      await this.idle();
      if (started === 0 || settled() === before) break;
    }
    for (const [k, v] of Object.entries(summary) as Array<[keyof DeliverySummary, number]>) this.totals[k] += v;
    return summary;
  }

  /** idle resolves when no lane is draining. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** status lists every configured receiver's lane: pending messages, parked or not, last error. */
  async status(): Promise<LaneStatus[]> {
    const [lanes, pending] = await Promise.all([this.deps.store.response.lanes(), this.deps.store.response.pendingByReceiver()]);
    return this.deps.receivers().map((r) => {
      const lane = lanes.find((l) => l.receiver === r.name);
      return { ...lane, receiver: r.name, type: r.type, pending: pending.get(r.name) ?? 0, busy: this.running.has(r.name) };
    });
  }

  // Messages for a receiver no longer in the policy file can never go: dead letters, with the reason.
  private async deadLetterUnknown(name: string, summary: DeliverySummary): Promise<void> {
    const now = this.deps.clock.now();
    for (const e of await this.deps.store.response.claimOutbox(now, this.deps.owner, ENTRY_LEASE_MS, 500, name)) {
      await this.deps.store.response.markFailed(e.id, `receiver "${name}" is not in the policy file (receivers)`, undefined);
      summary.dead++;
    }
  }
}
