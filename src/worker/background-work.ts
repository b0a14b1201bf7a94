import type { Instant } from '../domain/time.js';
import type { Pipeline, PipelineStepBounds, StepReport } from '../pipeline/build-pipeline.js';
import { runWorkRequest } from './work-requests.js';

/** BackgroundWorkOptions: how long to rest when nothing is left, bounds of a step, the heartbeat, and where to say what happened. */
export interface BackgroundWorkOptions {
  readonly idleMs?: number;
  readonly bounds?: PipelineStepBounds;
  readonly heartbeatMs?: number;
  readonly say?: (line: string) => void;
}

/** WorkerFigures are what this worker did since it started, for its heartbeat and the status page. */
export interface WorkerFigures {
  startedAt: Instant;
  steps: number;
  judged: number;
  filed: number;
  opened: number;
  joined: number;
  decided: number;
  enqueued: number;
  lastStepMs: number;
  slowestStepMs: number;
  lastError?: string;
}

/**
 * BackgroundWork is the worker's loop: pipeline steps one after the other
 * while work is left (each step bounded, so a flood is worked through in
 * slices and an escalation due meanwhile is decided between two of them),
 * a rest of `idleMs` when nothing is left, cut short by `kick` (ingest
 * stored something). Work requests (a scan asked through the API) are taken
 * a page at a time between steps. It never runs on the request path: serve
 * runs it in a worker thread, `orderwatch worker` in a process of its own.
 */
export class BackgroundWork {
  private stopped = true;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private lastBeat = 0;
  readonly figures: WorkerFigures;

  constructor(
    private readonly pipeline: Pipeline,
    private readonly owner: string,
    private readonly options: BackgroundWorkOptions = {},
  ) {
    this.figures = { startedAt: pipeline.clock.now(), steps: 0, judged: 0, filed: 0, opened: 0, joined: 0, decided: 0, enqueued: 0, lastStepMs: 0, slowestStepMs: 0 };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** kick asks for a step now (new orders or events were stored). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** stop ends the loop after the current step and waits for the receiver lanes still sending. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.pipeline.idle();
  }

  /** runOnce does one step (tests on a fake clock drive the worker this way). */
  async runOnce(): Promise<StepReport> {
    return this.step();
  }

  private async step(): Promise<StepReport> {
    const started = performance.now();
    const r = await this.pipeline.step(this.options.bounds);
    const ms = performance.now() - started;
    const f = this.figures;
    f.steps++;
    f.judged += r.judged;
    f.filed += r.filed;
    f.opened += r.opened;
    f.joined += r.joined;
    f.decided += r.acted;
    f.enqueued += r.enqueued;
    f.lastStepMs = ms;
    f.slowestStepMs = Math.max(f.slowestStepMs, ms);
    return r;
  }

  private async loop(): Promise<void> {
    const idleMs = this.options.idleMs ?? 1000;
    try {
      const filed = await this.pipeline.fileBacklog();
      if (filed > 0) this.options.say?.(`fix list: ${filed} open data-quality findings from before filed under their cases`);
    } catch (error) {
      this.options.say?.(`fix list backlog failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    while (!this.stopped) {
      let more = false;
      try {
        this.kicked = false;
        const r = await this.step();
        more = r.more || (await runWorkRequest(this.pipeline, this.owner));
        await this.heartbeat();
      } catch (error) {
        this.figures.lastError = error instanceof Error ? error.message : String(error);
        this.options.say?.(`background work failed: ${this.figures.lastError}`);
      }
      if (more || this.kicked || this.stopped) {
        // Let the event loop breathe between slices (lane answers, messages from the server).
        await new Promise((r) => setImmediate(r));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async heartbeat(): Promise<void> {
    const now = this.pipeline.clock.now();
    if (now - this.lastBeat < (this.options.heartbeatMs ?? 5000)) return;
    this.lastBeat = now;
    const lanes = await this.pipeline.delivery.status();
    await this.pipeline.store.work.heartbeat(this.owner, now, { figures: this.figures, delivery: this.pipeline.delivery.totals, lanes });
  }
}
