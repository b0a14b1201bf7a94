import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { fixedClock, toIso } from '../../domain/time.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { CliError, print, printJson, table } from '../output.js';
import { parseTimeOption, withConfig, withDb } from './common-options.js';

/** registerDeliverCommand adds `orderwatch deliver [--once]` and `orderwatch outbox [retry ID]`. */
export function registerDeliverCommand(program: Command): void {
  withConfig(withDb(program.command('deliver')))
    .description('send the notifications waiting in the outbox (with retries, rate limits and digests); --once drains it once and exits (for cron and tests)')
    .option('--once', 'drain once and exit instead of delivering continuously')
    .option('--at <time>', 'deliver as of this ISO-8601 time (replays; default now)', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON')
    .action(async (options: { once?: boolean; at?: number; db?: string; config?: string; json?: boolean }) => {
      if (!options.once && options.at !== undefined) throw new CliError('--at only goes with --once', 2);
      const context = await openContext(options);
      // --at delivers as of another time (a replay, or a test of leases running out).
      const clock = options.at !== undefined ? fixedClock(options.at) : context.clock;
      const pipeline = buildPipeline({ store: context.store, settings: () => context.settings, clock, owner: `deliver-${process.pid}` });
      try {
        if (options.once) {
          const now = clock.now();
          // Escalations and reminders that fell due are decided first, so their messages go in this drain.
          const summary = await pipeline.deliverOnce();
          const dead = await context.store.response.outbox({ state: 'dead', limit: 20 });
          if (options.json) {
            printJson({ at: toIso(now), ...summary, deadLetters: dead.length });
            return;
          }
          print(`delivered as of ${toIso(now)}: ${summary.sent} sent, ${summary.tickets} tickets, ${summary.merged} merged into digests, ${summary.retried} to retry, ${summary.held} held by rate limits, ${summary.dead} failed for good${summary.parked ? `, ${summary.parked} receiver lanes parked` : ''}`);
          if (dead.length) print(`dead letters (see \`orderwatch outbox --state dead\`): ${dead.length}${dead.length === 20 ? '+' : ''}`);
          return;
        }
        print('delivering continuously (escalations, reminders and messages; no detection: that is `orderwatch worker`); Ctrl-C to stop');
        let stop = false;
        process.once('SIGINT', () => (stop = true));
        process.once('SIGTERM', () => (stop = true));
        while (!stop) {
          const s = await pipeline.deliverOnce();
          if (s.sent + s.dead + s.retried + s.tickets > 0) print(`${toIso(clock.now())} sent ${s.sent}, tickets ${s.tickets}, retry ${s.retried}, dead ${s.dead}`);
          await new Promise((r) => setTimeout(r, 5000));
        }
      } finally {
        await context.store.close();
      }
    });

  const outbox = withDb(program.command('outbox'))
    .description('list the notification outbox (pending, sent, merged, dead letters)')
    .option('--state <state>', 'pending | sent | merged | dead')
    .option('--incident <id>', 'only this incident')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print the result as JSON')
    .action(async (options: { state?: string; incident?: string; limit: string; db?: string; json?: boolean }) => {
      if (options.state && !['pending', 'sent', 'merged', 'dead'].includes(options.state)) throw new CliError(`--state must be pending, sent, merged or dead, got "${options.state}"`, 2);
      const context = await openContext(options);
      try {
        const entries = await context.store.response.outbox({ limit: Number(options.limit) || 50, ...(options.state ? { state: options.state } : {}), ...(options.incident ? { incidentId: options.incident } : {}) });
        if (options.json) {
          printJson({ entries });
          return;
        }
        print(
          table(
            ['id', 'receiver', 'kind', 'state', 'attempts', 'due', 'error'],
            entries.map((e) => [e.id, e.receiver, e.kind, e.state, String(e.attempts), toIso(e.dueAt), (e.lastError ?? '').slice(0, 60)]),
          ),
        );
      } finally {
        await context.store.close();
      }
    });
  withDb(outbox.command('retry'))
    .description('put a dead letter back in the queue')
    .argument('<id>', 'outbox entry id')
    .action(async (id: string, options: { db?: string }) => {
      const context = await openContext(options);
      try {
        if (!(await context.store.response.retryDead(id, context.clock.now()))) throw new CliError(`no dead letter ${id}`);
        print(`queued ${id} again`);
      } finally {
        await context.store.close();
      }
    });
}
