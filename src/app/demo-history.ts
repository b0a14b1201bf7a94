import type { Settings } from '../config/settings.js';
import { DEFAULT_DEMO, type DemoOptions } from '../demo/index.js';
import { toIso, type Instant } from '../domain/time.js';
import { buildPipeline } from '../pipeline/build-pipeline.js';
import { calibrateFromStore } from '../pipeline/stall-thresholds.js';
import { generatePassword, hashPassword } from '../server/auth/password.js';
import type { Store } from '../store/store.js';
import { DEMO_STAFF, DemoStaff } from './demo-staff.js';
import { loadDemo } from './load-demo.js';
import { ReportService } from './report/report-service.js';

/** DemoProgress says where loading the demo is: storing its orders, then living its history day by day. */
export interface DemoProgress {
  readonly phase: 'orders' | 'history' | 'done';
  /** Orders and events stored so far (phase orders). */
  readonly records?: number;
  /** Days of history lived so far, of `days` (phase history). */
  readonly day?: number;
  readonly days?: number;
  /** The history's clock (phase history). */
  readonly at?: Instant;
}

/** DemoHistorySummary is what the lived demo holds at its end. */
export interface DemoHistorySummary {
  readonly records: number;
  readonly judged: number;
  readonly incidents: number;
  readonly seconds: number;
}

/**
 * liveDemo loads the demo business and lives its history: its orders and
 * events are stored as the channels would send them, then the real pipeline
 * runs through the days on the history's own clock — each order judged when
 * it arrives and when its deadlines pass, incidents opened, graded,
 * escalated and regraded as they would have been — while the demo's people
 * (DemoStaff) acknowledge, resolve, close with root causes and answer
 * callbacks, and the review job writes post-incident reviews. So the
 * dashboard shows 60 days with 11.11 in them, the KPI report and reviews
 * have trends, and the queue holds what is still open at the end. Messages
 * stay in the outbox (the demo's policy has no receivers).
 */
export async function liveDemo(
  store: Store,
  settings: () => Settings,
  options: Partial<Omit<DemoOptions, 'end'>> & { readonly end: Instant; readonly history?: boolean },
  progress: (p: DemoProgress) => void = () => undefined,
): Promise<DemoHistorySummary> {
  const started = performance.now();
  let records = 0;
  const loaded = await loadDemo(store, { ...DEFAULT_DEMO, ...options }, (r) => {
    records = Object.values(r.bySource).reduce((n, s) => n + s.accepted, 0);
    progress({ phase: 'orders', records });
  });
  records = Object.values(loaded.bySource).reduce((n, s) => n + s.accepted, 0);
  await addStaff(store, options.end);
  if (options.history === false) {
    progress({ phase: 'done' });
    return { records, judged: 0, incidents: 0, seconds: (performance.now() - started) / 1000 };
  }
  const span = await store.detection.historySpan();
  if (!span) return { records, judged: 0, incidents: 0, seconds: (performance.now() - started) / 1000 };
  // Thresholds as the business would have had them: learned from its first weeks.
  await calibrateFromStore(store.detection, span.from + Math.floor((span.to - span.from) / 3));
  const pipeline = buildPipeline({ store, settings, clock: { now: () => options.end }, owner: 'demo-history' });
  const reports = new ReportService(store, settings);
  const staff = new DemoStaff(store, pipeline.actions, reports, await store.detection.groundTruth());
  const days = Math.ceil((options.end - span.from) / 86_400_000);
  let lastReviews = span.from;
  const { judged } = await pipeline.replay(span.from, options.end, {
    respond: true,
    onDay: (at) => progress({ phase: 'history', day: Math.round((at - span.from) / 86_400_000), days, at }),
    afterStep: async (at) => {
      await staff.work(at);
      // The review job's rhythm on the history's clock: callbacks made, reviews written, customers called back.
      if (at - lastReviews >= 6 * 3_600_000) {
        lastReviews = at;
        await reports.runReviewPass(at);
        await staff.answerCallbacks(at);
      }
    },
  });
  progress({ phase: 'done' });
  const incidents = (await store.response.incidents({ limit: 1 })).total;
  return { records, judged, incidents, seconds: (performance.now() - started) / 1000 };
}

/** addStaff creates the demo's people (one per role), unless they exist; they sign in only after an admin sets a password. */
async function addStaff(store: Store, now: Instant): Promise<void> {
  for (const p of DEMO_STAFF) {
    if (await store.getUser(p.name)) continue;
    await store.addUser({ name: p.name, role: p.role, displayName: p.displayName, createdAt: now, disabled: false }, await hashPassword(generatePassword()));
  }
}

/** describeProgress words a progress report for the terminal. */
export function describeProgress(p: DemoProgress): string {
  if (p.phase === 'orders') return `demo: storing orders and events (${(p.records ?? 0).toLocaleString('en')} so far)…`;
  if (p.phase === 'history') return `demo: living its history, day ${p.day} of ${p.days} (${p.at !== undefined ? toIso(p.at).slice(0, 10) : ''})…`;
  return 'demo: ready';
}
