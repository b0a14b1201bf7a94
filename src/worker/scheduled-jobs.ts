import { Cron } from 'croner';
import { ReportService } from '../app/report/report-service.js';
import type { Settings } from '../config/settings.js';
import type { Pipeline } from '../pipeline/build-pipeline.js';
import { calibrateFromStore } from '../pipeline/stall-thresholds.js';
import { dailyDigest } from '../respond/engine/index.js';
import { policyOf } from '../respond/index.js';

/** ScheduledJob is work done at set times, once across instances (each keyed by day or held under a lease). */
interface ScheduledJob {
  readonly name: string;
  /** Cron pattern, Shanghai time. */
  readonly pattern: string;
  run(): Promise<string | undefined>;
}

/**
 * startScheduledJobs runs the worker's timed jobs: the 09:00 daily digest
 * (a report, keyed per day and receiver so it goes once), the monthly
 * recalibration of stall thresholds (03:00 on the 1st, under a lease), and
 * the post-incident review pass every 5 minutes (under a lease). Returns the
 * function that stops them.
 */
export function startScheduledJobs(pipeline: Pipeline, settings: () => Settings, owner: string, say: (line: string) => void): () => void {
  const store = pipeline.store;
  const reports = new ReportService(store, settings);
  const jobs: ScheduledJob[] = [
    {
      name: 'daily digest',
      pattern: '0 9 * * *',
      async run() {
        const r = await dailyDigest(store, policyOf(settings()), pipeline.clock.now(), settings().server.publicUrl);
        return `daily digest: ${r.enqueued} messages for ${r.roles} owner roles`;
      },
    },
    {
      name: 'monthly calibration',
      pattern: '0 3 1 * *',
      async run() {
        const now = pipeline.clock.now();
        if (!(await store.response.tryLease('calibration', owner, now, 30 * 60_000))) return undefined;
        const { version, orders } = await calibrateFromStore(store.detection, now);
        return `thresholds recalibrated: v${version} from ${orders} orders`;
      },
    },
    {
      name: 'review job',
      pattern: '*/5 * * * *',
      async run() {
        const now = pipeline.clock.now();
        if (!(await store.response.tryLease('report-reviews', owner, now, 4 * 60_000))) return undefined;
        const r = await reports.runReviewPass(now);
        return r.callbacksCreated + r.reviewsGenerated > 0 ? `reviews: ${r.reviewsGenerated} generated (${r.reviewsSent} sent), ${r.callbacksCreated} callbacks created` : undefined;
      },
    },
  ];
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          const line = await job.run();
          if (line) say(line);
        } catch (error) {
          say(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
  );
  return () => {
    for (const c of crons) c.stop();
  };
}
