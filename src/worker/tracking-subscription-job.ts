import { PeriodicJob } from './periodic-job.js';
import type { TrackingSubscriptionService } from '../app/shops/tracking-subscription-service.js';

/** TRACKING_TICK_MS is how often the worker looks for shipped orders to subscribe and subscriptions due. */
export const TRACKING_TICK_MS = 10_000;

export interface TrackingSubscriptionJobOptions {
  readonly service: TrackingSubscriptionService;
  readonly say: (line: string) => void;
  readonly tickMs?: number;
}

/**
 * TrackingSubscriptionJob runs the Kuaidi100 subscription passes on its own
 * timer, apart from the shop syncs and the judging loop: a Kuaidi100 that
 * hangs holds up only this job (one request at a time, each with a time
 * limit, the pass ending at the first failure). A set-up problem is said
 * once per change of its words.
 */
export class TrackingSubscriptionJob extends PeriodicJob {
  private lastProblem: string | undefined;

  constructor(private readonly options: TrackingSubscriptionJobOptions) {
    super(options.tickMs ?? TRACKING_TICK_MS);
  }

  protected async run(): Promise<void> {
    const { service, say } = this.options;
    try {
      const pass = await service.pass(this.abort.signal);
      if (pass.setupProblem !== undefined && pass.setupProblem !== this.lastProblem) say(`kuaidi100: 订阅暂停 / subscriptions paused: ${pass.setupProblem}`);
      if (pass.setupProblem === undefined && this.lastProblem !== undefined && pass.sent > 0) say('kuaidi100: subscribing again');
      if (pass.skipped === undefined) this.lastProblem = pass.setupProblem;
      if (pass.sent > 0) say(`kuaidi100: ${pass.sent} sent: ${pass.subscribed} subscribed, ${pass.refused} refused, ${pass.retrying} to retry, ${pass.failed} given up`);
    } catch (error) {
      say(`kuaidi100: subscription pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
