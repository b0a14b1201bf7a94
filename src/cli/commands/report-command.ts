import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openContext, type AppContext } from '../../app/context.js';
import { EXPORT_LISTS, ReportService, type ExportList, type ReportActor } from '../../app/report/report-service.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { lastDays, monthWindow, previousMonth, ReportError } from '../../report/index.js';
import { IMPROVEMENT_STATES, type ImprovementState, type ReportWindow } from '../../store/report-store.js';
import { CliError, print, printJson, table } from '../output.js';
import { parseIntOption, parseTimeOption, withConfig, withDb } from './common-options.js';

interface Common {
  db?: string;
  config?: string;
  json?: boolean;
  as?: string;
  at?: Instant;
}

interface PeriodOptions {
  month?: string;
  from?: Instant;
  to?: Instant;
  days?: number;
}

async function withReports<T>(options: Common, work: (reports: ReportService, context: AppContext, now: Instant) => Promise<T>): Promise<T> {
  const context = await openContext(options);
  try {
    return await work(new ReportService(context.store, () => context.settings), context, options.at ?? context.clock.now());
  } catch (error) {
    if (error instanceof ReportError) throw new CliError(`${error.bilingual.zh} / ${error.bilingual.en}`, error.status === 404 ? 1 : 2);
    throw error;
  } finally {
    await context.store.close();
  }
}

async function actorOf(context: AppContext, name: string | undefined, required: boolean): Promise<ReportActor | undefined> {
  if (name === undefined) {
    if (required) throw new CliError('say who you are with --as USER', 2);
    return undefined;
  }
  const user = await context.store.getUser(name);
  if (!user || user.disabled) throw new CliError(`no active user "${name}" (add one with \`orderwatch user add ${name} --role ROLE\`)`, 2);
  return { name: user.name, role: user.role };
}

function periodOf(o: PeriodOptions, now: Instant): ReportWindow {
  if (o.month !== undefined) {
    const w = monthWindow(o.month);
    if (!w) throw new CliError(`--month must be like 2026-10, got "${o.month}"`, 2);
    return w;
  }
  if (o.from !== undefined || o.to !== undefined) {
    if (o.from === undefined || o.to === undefined) throw new CliError('give both --from and --to', 2);
    if (o.from >= o.to) throw new CliError('--from must be before --to', 2);
    return { from: o.from, to: o.to };
  }
  return o.days !== undefined ? lastDays(now, o.days) : previousMonth(now);
}

function withPeriod(command: Command): Command {
  return command
    .option('--month <yyyy-mm>', 'a calendar month (Beijing time), e.g. 2026-10; default: last month')
    .option('--from <time>', 'start of the period (ISO-8601; zone-less = Beijing time)', parseTimeOption('--from'))
    .option('--to <time>', 'end of the period (exclusive)', parseTimeOption('--to'))
    .option('--days <n>', 'the last N whole days', parseIntOption('--days', 1, 366));
}

function common(command: Command): Command {
  return withConfig(withDb(command))
    .option('--as <user>', 'who asks (the report names them; sending and recording need it)')
    .option('--at <time>', 'as of this time instead of now', parseTimeOption('--at'))
    .option('--json', 'print the result as JSON');
}

function receiversOf(list: string | undefined): string[] {
  return (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function saved(file: string, bytes: Buffer, json: boolean | undefined, extra: object = {}): void {
  writeFileSync(file, bytes);
  if (json) printJson({ file, bytes: bytes.length, ...extra });
  else print(`wrote ${file} (${Math.max(1, Math.round(bytes.length / 1024))} KB)`);
}

function queued(result: { outboxIds: string[] }, json: boolean | undefined): void {
  if (!json) print(`queued ${result.outboxIds.length} messages in the outbox (\`orderwatch serve\` delivers them, or \`orderwatch deliver --once\`)`);
}

/** registerReportCommand adds `orderwatch report evidence|review|kpi|export|reviews|callbacks|callback|improvement`. */
export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports in Chinese: evidence PDF of an order or incident, post-incident review, KPI report with charts; CSV/XLSX exports; callbacks and improvement items');

  common(report.command('evidence').argument('<target>', 'order id (taobao:123…), the platform order number alone, a tracking number, or an incident id'))
    .description('the evidence PDF: order facts, timeline, stock changes, logistics, contacts with screenshots, findings with thresholds, actions and who')
    .option('--out <file>', 'where to write the PDF (default evidence-<id>.pdf)')
    .option('--appendix', "add the appendix: stock readings, and an incident's other orders in full (default: on for an order, off for an incident)")
    .option('--no-appendix', 'leave the appendix out')
    .option('--send <receivers>', 'also send it to these receivers of the policy (comma-separated)')
    .action(async (target: string, options: Common & { out?: string; send?: string; appendix?: boolean }) => {
      await withReports(options, async (reports, context, now) => {
        const actor = await actorOf(context, options.as, false);
        const started = performance.now();
        const file = await reports.evidence(target, actor, now, options.appendix !== undefined ? { appendix: options.appendix } : {});
        saved(options.out ?? file.filename, file.bytes, options.json, { target: file.target, ms: Math.round(performance.now() - started) });
        if (options.send) queued(await reports.sendEvidence(target, receiversOf(options.send), actor ?? { name: 'cli', role: 'admin' }, now), options.json);
      });
    });

  common(report.command('review').argument('<incident>', 'incident id'))
    .description("a closed incident's post-incident review PDF (the stored one; generated now when it has none)")
    .option('--out <file>', 'where to write the PDF (default review-<id>.pdf)')
    .option('--regenerate', 'generate it afresh now (replaces the stored one)')
    .option('--send <receivers>', 'also send it to these receivers (comma-separated)')
    .action(async (incidentId: string, options: Common & { out?: string; regenerate?: boolean; send?: string }) => {
      await withReports(options, async (reports, context, now) => {
        const actor = await actorOf(context, options.as, false);
        const file = options.regenerate ? await reports.generateReview(incidentId, actor, now) : await reports.review(incidentId, actor, now);
        saved(options.out ?? file.filename, file.bytes, options.json, { review: { ...file.review, generatedAt: new Date(file.review.generatedAt).toISOString() } });
        if (!options.json) print(`review of the close at ${formatShanghai(file.review.closedAt)}, generated ${formatShanghai(file.review.generatedAt)} (${file.review.trigger === 'auto' ? 'automatically' : `by ${file.review.generatedBy}`})`);
        if (options.send) queued(await reports.sendReview(incidentId, receiversOf(options.send), actor ?? { name: 'cli', role: 'admin' }, now), options.json);
      });
    });

  withPeriod(common(report.command('kpi')))
    .description('the KPI report of a period: delayed orders per day, MTTA/MTTR, false-alarm share, complaint rate, repeated-mistake rate, satisfaction, with trend charts')
    .option('--out <file>', 'write the PDF here')
    .option('--csv <file>', 'write the day-by-day table as CSV')
    .option('--xlsx <file>', 'write the day-by-day table as XLSX')
    .option('--send <receivers>', 'send the PDF to these receivers (comma-separated)')
    .action(async (options: Common & PeriodOptions & { out?: string; csv?: string; xlsx?: string; send?: string }) => {
      await withReports(options, async (reports, context, now) => {
        const window = periodOf(options, now);
        const started = performance.now();
        const data = await reports.kpi(window, now);
        const ms = Math.round(performance.now() - started);
        if (options.out) saved(options.out, (await reports.kpiPdf(window, now)).bytes, false);
        if (options.csv) saved(options.csv, (await reports.exportList('kpi', 'csv', { window }, now)).bytes, false);
        if (options.xlsx) saved(options.xlsx, (await reports.exportList('kpi', 'xlsx', { window }, now)).bytes, false);
        if (options.send) queued(await reports.sendKpi(window, receiversOf(options.send), (await actorOf(context, options.as, false)) ?? { name: 'cli', role: 'admin' }, now), options.json);
        if (options.json) {
          printJson({ ...data, ms });
          return;
        }
        const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
        const h = (v: number | null): string => (v === null ? '—' : `${(v / 3_600_000).toFixed(1)} h`);
        print(`KPI ${data.days[0]?.day} … ${data.days.at(-1)?.day} (${data.days.length} days, computed in ${ms} ms)`);
        print(
          table(
            ['figure', 'value'],
            [
              ['orders', String(data.totals.orders)],
              ['delayed orders', `${data.totals.delayed} (${pct(data.totals.delayedShare)})`],
              ['incidents opened', String(data.incidents.opened)],
              ['time to acknowledge (median, P90; all incidents)', `${h(data.incidents.acknowledge.medianMs)}${data.incidents.acknowledge.medianAtLeast ? '+' : ''}, ${h(data.incidents.acknowledge.p90Ms)}${data.incidents.acknowledge.p90AtLeast ? '+' : ''} of ${data.incidents.acknowledge.n} (${data.incidents.acknowledge.running} still open); on time ${pct(data.incidents.acknowledge.onTimeShare)}`],
              ['time to resolve (median, P90; all incidents)', `${h(data.incidents.resolve.medianMs)}${data.incidents.resolve.medianAtLeast ? '+' : ''}, ${h(data.incidents.resolve.p90Ms)}${data.incidents.resolve.p90AtLeast ? '+' : ''} of ${data.incidents.resolve.n} (${data.incidents.resolve.running} still open)`],
              ['false-alarm share', `${pct(data.falseAlarmShare)} of ${data.incidents.closed} closed`],
              ['complaint rate', pct(data.totals.complaintRate)],
              ['repeated-mistake rate', `${pct(data.repeated.share)} of ${data.repeated.closedWithCause}`],
              ['satisfaction', data.satisfaction.meanScore === null ? '—' : `${data.satisfaction.meanScore.toFixed(2)} / 5 (${data.satisfaction.reached} reached)`],
            ],
          ),
        );
      });
    });

  withPeriod(common(report.command('export').argument('<list>', EXPORT_LISTS.join('|'))))
    .description('export a list as CSV (UTF-8 with BOM) or XLSX')
    .requiredOption('--out <file>', 'where to write it')
    .option('--format <csv|xlsx>', 'default: from the file name, else csv')
    .option('--state <state>', 'incidents / callbacks / improvements / findings of this state')
    .option('--code <code>', 'findings of this code')
    .action(async (list: string, options: Common & PeriodOptions & { out: string; format?: string; state?: string; code?: string }) => {
      if (!(EXPORT_LISTS as readonly string[]).includes(list)) throw new CliError(`unknown list "${list}" (expected ${EXPORT_LISTS.join(', ')})`, 2);
      const format = options.format ?? (options.out.endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (format !== 'csv' && format !== 'xlsx') throw new CliError('--format must be csv or xlsx', 2);
      await withReports(options, async (reports, _context, now) => {
        const hasPeriod = options.month !== undefined || options.from !== undefined || options.days !== undefined || list === 'kpi' || list === 'delayed-orders';
        const file = await reports.exportList(list as ExportList, format, { ...(hasPeriod ? { window: periodOf(options, now) } : {}), ...(options.state ? { state: options.state } : {}), ...(options.code ? { code: options.code } : {}) }, now);
        saved(options.out, file.bytes, options.json);
      });
    });

  common(report.command('reviews'))
    .description('list the reviews generated; --due runs the review job now (callbacks for closed incidents, reviews that are due)')
    .option('--due', 'run the post-incident review job once, as serve does every 5 minutes')
    .action(async (options: Common & { due?: boolean }) => {
      await withReports(options, async (reports, _context, now) => {
        const pass = options.due ? await reports.runReviewPass(now) : undefined;
        const list = await reports.reviews({}, 50);
        if (options.json) {
          printJson({ ...(pass ? { pass } : {}), reviews: list.map((r) => ({ ...r, closedAt: new Date(r.closedAt).toISOString(), generatedAt: new Date(r.generatedAt).toISOString() })) });
          return;
        }
        if (pass) print(`review job: ${pass.reviewsGenerated} reviews generated (${pass.reviewsSent} sent), ${pass.callbacksCreated} callbacks created`);
        print(table(['incident', 'closed', 'generated', 'how'], list.map((r) => [r.incidentId, formatShanghai(r.closedAt), formatShanghai(r.generatedAt), r.trigger === 'auto' ? 'automatic' : `by ${r.generatedBy}`])));
      });
    });

  common(report.command('callbacks'))
    .description('satisfaction callbacks (回访) created when incidents close')
    .option('--incident <id>', "one incident's callbacks")
    .option('--state <state>', 'pending | done | unreachable')
    .action(async (options: Common & { incident?: string; state?: string }) => {
      await withReports(options, async (reports, _context, now) => {
        if (options.state && !['pending', 'done', 'unreachable'].includes(options.state)) throw new CliError('--state must be pending, done or unreachable', 2);
        const list = await reports.callbacks({ ...(options.incident ? { incidentId: options.incident } : {}), ...(options.state ? { state: options.state as 'pending' } : {}) }, now);
        if (options.json) {
          printJson({ callbacks: list });
          return;
        }
        print(table(['callback', 'incident', 'order', 'state', 'due', 'score', 'comment'], list.map((c) => [c.id, c.incidentId, c.orderId, c.state, formatShanghai(c.dueAt).slice(0, 16), c.score !== undefined ? String(c.score) : '', c.comment ?? ''])));
      });
    });

  common(report.command('callback').argument('<id>', 'callback id'))
    .description("record a callback's result: --score 1-5 [--comment …] when the customer was reached, --unreachable otherwise")
    .option('--score <n>', 'satisfaction 1 (very unhappy) … 5 (very happy)', parseIntOption('--score', 1, 5))
    .option('--comment <text>', "the customer's words")
    .option('--unreachable', 'the customer could not be reached')
    .action(async (id: string, options: Common & { score?: number; comment?: string; unreachable?: boolean }) => {
      await withReports(options, async (reports, context, now) => {
        const actor = (await actorOf(context, options.as, true))!;
        if (!options.unreachable && options.score === undefined) throw new CliError('give --score 1-5, or --unreachable', 2);
        const task = await reports.recordCallback(id, { reached: !options.unreachable, ...(options.score !== undefined ? { score: options.score } : {}), ...(options.comment ? { comment: options.comment } : {}) }, actor, now);
        if (options.json) printJson(task);
        else print(`callback ${task.id}: ${task.state}${task.score !== undefined ? `, score ${task.score}` : ''}`);
      });
    });

  const improvement = report.command('improvement').description("improvement items of reviews, tracked until done");
  common(improvement.command('add').argument('<incident>', 'the incident whose review raised it'))
    .description('add an improvement item with owner and due date')
    .requiredOption('--title <text>', 'what will be improved')
    .requiredOption('--owner <name>', 'who owns it')
    .requiredOption('--due <date>', 'due date (e.g. 2026-12-01)', parseTimeOption('--due'))
    .action(async (incidentId: string, options: Common & { title: string; owner: string; due: Instant }) => {
      await withReports(options, async (reports, context, now) => {
        const item = await reports.addImprovement({ incidentId, title: options.title, owner: options.owner, dueAt: options.due }, (await actorOf(context, options.as, true))!, now);
        if (options.json) printJson(item);
        else print(`added ${item.id}: ${item.title} (owner ${item.owner}, due ${formatShanghai(item.dueAt).slice(0, 10)})`);
      });
    });
  common(improvement.command('update').argument('<id>', 'improvement item id'))
    .description('move an item on: --state open|in_progress|done|dropped, --owner, --due, --note')
    .option('--state <state>', IMPROVEMENT_STATES.join('|'))
    .option('--owner <name>', 'new owner')
    .option('--due <date>', 'new due date', parseTimeOption('--due'))
    .option('--note <text>', 'progress note')
    .action(async (id: string, options: Common & { state?: string; owner?: string; due?: Instant; note?: string }) => {
      if (options.state && !(IMPROVEMENT_STATES as readonly string[]).includes(options.state)) throw new CliError(`--state must be one of ${IMPROVEMENT_STATES.join(', ')}`, 2);
      await withReports(options, async (reports, context, now) => {
        const item = await reports.updateImprovement(
          id,
          { ...(options.state ? { state: options.state as ImprovementState } : {}), ...(options.owner ? { owner: options.owner } : {}), ...(options.due !== undefined ? { dueAt: options.due } : {}), ...(options.note ? { note: options.note } : {}) },
          (await actorOf(context, options.as, true))!,
          now,
        );
        if (options.json) printJson(item);
        else print(`${item.id}: ${item.state}`);
      });
    });
  common(improvement.command('list'))
    .description('list improvement items')
    .option('--state <states>', `comma-separated: ${IMPROVEMENT_STATES.join(',')}`)
    .option('--incident <id>', "one incident's items")
    .action(async (options: Common & { state?: string; incident?: string }) => {
      await withReports(options, async (reports) => {
        const states = options.state ? (options.state.split(',') as ImprovementState[]) : undefined;
        const items = await reports.improvements({ ...(states ? { states } : {}), ...(options.incident ? { incidentId: options.incident } : {}) });
        if (options.json) {
          printJson({ improvements: items });
          return;
        }
        print(table(['item', 'incident', 'title', 'owner', 'due', 'state'], items.map((i) => [i.id, i.incidentId, i.title, i.owner, formatShanghai(i.dueAt).slice(0, 10), i.state])));
      });
    });
}
