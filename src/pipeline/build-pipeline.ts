import type { Settings } from '../config/settings.js';
import { chineseBusinessCalendar, type BusinessCalendar } from '../detect/calendar/index.js';
import { timeCheckSettingsOf } from '../detect/time/time-check-settings.js';
import type { Clock, Instant } from '../domain/time.js';
import { DeliveryLanes, type DeliveryLanesDeps, type DeliverySummary } from '../notify/delivery/index.js';
import type { ReceiverConfig, SenderDeps } from '../notify/index.js';
import { IncidentActions, ResponseEngine, emptySummary, type TickSummary } from '../respond/engine/index.js';
import { policyOf, type ResponsePolicy } from '../respond/index.js';
import type { Store } from '../store/store.js';
import { DetectionService, type ScanSummary } from './detection-service.js';
import { replayHistory, type ReplayOptions } from './replay.js';

/** PipelineDeps are what the pipeline is built from; `settings` is read at each use, so a reload applies to the next decision. */
export interface PipelineDeps {
  readonly store: Store;
  readonly settings: () => Settings;
  readonly clock: Clock;
  /** This instance's name: leases carry it. */
  readonly owner: string;
  readonly calendar?: BusinessCalendar;
  readonly senderDeps?: SenderDeps;
  /** A sender factory for tests (a receiver that hangs, answers 429 …); default: the real senders. */
  readonly createSender?: DeliveryLanesDeps['createSender'];
}

/** StepBounds limit one step of background work. */
export interface PipelineStepBounds {
  /** Due orders judged per step. */
  readonly orders?: number;
  /** Judge only orders due at or before this (default: now): at a peak the worker leaves the newest arrivals for a few seconds. */
  readonly dueBy?: Instant;
  /** Feed changes placed per step. */
  readonly feed?: number;
  /** Due incidents decided per step. */
  readonly incidents?: number;
}

/** StepReport says what one step did, and whether work was left. */
export interface StepReport extends TickSummary {
  readonly judged: number;
  readonly lanesStarted: number;
  /** Whether this instance held the response engine's lease (one instance decides at a time). */
  readonly responded: boolean;
  readonly more: boolean;
}

/** RESPONSE_LEASE_MS: the response engine's lease outlives a step many times over; a crashed holder frees it within this. */
const RESPONSE_LEASE_MS = 30_000;

/**
 * Pipeline is orderwatch's one line of work — detect → respond → notify —
 * built once and used by every door: the worker (serve's background thread,
 * `orderwatch worker`), `scan`, `deliver`, the backtest's replay, the
 * benchmarks and the tests. Its stages talk through the store (due orders,
 * the finding feed, the outbox), so each runs in bounded slices and several
 * instances share the work: the request path only writes orders and events.
 */
export class Pipeline {
  readonly detection: DetectionService;
  readonly engine: ResponseEngine;
  readonly delivery: DeliveryLanes;
  readonly actions: IncidentActions;
  readonly calendar: BusinessCalendar;

  constructor(private readonly deps: PipelineDeps) {
    this.calendar = deps.calendar ?? chineseBusinessCalendar();
    const policy = (): ResponsePolicy => policyOf(deps.settings());
    // Links in messages point at the console: its public address, or where this server listens.
    const server = deps.settings().server;
    const publicUrl = server.publicUrl ?? `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
    this.detection = new DetectionService(deps.store.detection, undefined, this.calendar, () => timeCheckSettingsOf(deps.settings().detection));
    this.engine = new ResponseEngine({ store: deps.store, policy, calendar: this.calendar, publicUrl, actionLinks: () => ({ secret: deps.settings().server.linkSecret, hours: deps.settings().server.linkHours }) });
    this.actions = new IncidentActions(deps.store, this.engine, policy);
    this.delivery = new DeliveryLanes({
      store: deps.store,
      receivers: () => deps.settings().receivers as readonly ReceiverConfig[],
      owner: deps.owner,
      clock: deps.clock,
      ...(deps.senderDeps ? { senderDeps: deps.senderDeps } : {}),
      ...(deps.createSender ? { createSender: deps.createSender } : {}),
    });
  }

  get store(): Store {
    return this.deps.store;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** mayRespond takes or renews the response engine's lease: one instance places findings and decides incidents at a time. */
  mayRespond(now: Instant): Promise<boolean> {
    return this.deps.store.response.tryLease('response-engine', this.deps.owner, now, RESPONSE_LEASE_MS);
  }

  /**
   * step is one bounded pass of the background work: a slice of the due
   * orders judged (claimed, so several workers share them), a slice of the
   * finding feed placed and the incidents whose time came decided (under
   * the engine's lease), and every receiver lane with messages due started.
   * Lanes run on by themselves; the step does not wait for a receiver.
   */
  async step(bounds: PipelineStepBounds = {}): Promise<StepReport> {
    const orders = bounds.orders ?? 500;
    const swept = await this.detection.sweep(this.deps.clock.now(), orders, bounds.dueBy);
    const now = this.deps.clock.now();
    const responded = await this.mayRespond(now);
    const r = responded ? await this.engine.step(now, { ...(bounds.feed ? { feed: bounds.feed } : {}), ...(bounds.incidents ? { incidents: bounds.incidents } : {}) }) : { ...emptySummary(), more: false };
    const lanesStarted = await this.delivery.pump();
    return { ...r, judged: swept.judged, lanesStarted, responded, more: swept.judged >= orders || r.more };
  }

  /**
   * respondNow places the whole feed and decides everything due at `at`
   * (with `flush`, grouping waits end now: a scan judges one moment whole).
   * Undefined when another instance holds the engine's lease: its worker
   * decides instead.
   */
  async respondNow(at: Instant, flush = false): Promise<TickSummary | undefined> {
    if (!(await this.mayRespond(this.deps.clock.now()))) return undefined;
    return this.engine.tick(at, { flush });
  }

  /** fileBacklog files old open data-quality findings on the fix list (once, when a worker starts; under the engine's lease). */
  async fileBacklog(): Promise<number> {
    const now = this.deps.clock.now();
    return (await this.mayRespond(now)) ? this.engine.fileBacklog(now) : 0;
  }

  /** scan judges every open order as of `at`, then decides what the findings call for. */
  async scan(at: Instant, onProgress?: (judged: number) => void): Promise<ScanSummary & { response: TickSummary | undefined }> {
    const summary = await this.detection.scan(at, onProgress);
    return { ...summary, response: await this.respondNow(at, true) };
  }

  /**
   * replay runs detection over stored history (and, with `respond`, the
   * response engine as of each hour; `afterStep` then runs as of that hour
   * too: the demo's people at work, its review job).
   */
  replay(from: Instant, to: Instant, options: Omit<ReplayOptions, 'respond'> & { readonly respond?: boolean; readonly afterStep?: (at: Instant) => Promise<void> } = {}): Promise<{ judged: number }> {
    const { respond, afterStep, ...rest } = options;
    return replayHistory(this.detection, this.deps.store.detection, this.deps.store.feed, from, to, {
      ...rest,
      ...(respond
        ? {
            respond: async (at: Instant) => {
              await this.engine.tick(at);
              await afterStep?.(at);
            },
          }
        : {}),
    });
  }

  /** deliverOnce decides what fell due (escalations, reminders) and sends everything due, every lane side by side. */
  async deliverOnce(): Promise<DeliverySummary & { decided: number }> {
    const decided = await this.respondNow(this.deps.clock.now());
    const sent = await this.delivery.deliverOnce();
    return { ...sent, decided: decided?.enqueued ?? 0 };
  }

  /** idle waits for the receiver lanes still sending (shutdown, tests). */
  idle(): Promise<void> {
    return this.delivery.idle();
  }
}

/** buildPipeline builds the pipeline: the one place detect, respond and notify are wired together. */
export function buildPipeline(deps: PipelineDeps): Pipeline {
  return new Pipeline(deps);
}
