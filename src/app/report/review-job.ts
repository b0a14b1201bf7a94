import { createHash } from 'node:crypto';
import { DAY_MS, HOUR_MS, type Instant } from '../../domain/time.js';
import type { ReceiverConfig } from '../../notify/index.js';
import { maskerFor, SHARED_DOCUMENT } from '../../domain/masking.js';
import { collectReview, renderReviewPdf, reviewSummary, type ReportVocabulary } from '../../report/index.js';
import type { CallbackTask, CloseRecord } from '../../store/report-store.js';
import type { Store } from '../../store/store.js';
import { reportEntries } from './report-delivery.js';

/** REVIEW_WAIT: a review waits this long after the close for the satisfaction callbacks, then goes out with what it has. */
export const REVIEW_WAIT_MS = 48 * HOUR_MS;
/** REVIEW_DEADLINE_MS: SPEC C9's promise, a review within 72 h of closing. The job runs every few minutes, so REVIEW_WAIT keeps well inside it. */
export const REVIEW_DEADLINE_MS = 72 * HOUR_MS;
/** CALLBACK_DUE_MS: customers are called back within a day of the close. */
export const CALLBACK_DUE_MS = 24 * HOUR_MS;
/** MAX_CALLBACKS: a big group incident calls a sample of its customers, not ten thousand. */
export const MAX_CALLBACKS = 20;
/** LOOKBACK_MS: closes this recent are looked at (a server down for days still catches up). */
const LOOKBACK_MS = 7 * DAY_MS;
const MAX_REVIEWS_PER_PASS = 20;

/** ReviewPassSummary counts what one pass of the job did. */
export interface ReviewPassSummary {
  callbacksCreated: number;
  reviewsGenerated: number;
  reviewsSent: number;
}

/** ReviewJobDeps are what the pass runs on: the store, the policy's receivers and words, and where links point. */
export interface ReviewJobDeps {
  readonly store: Store;
  readonly receivers: () => readonly ReceiverConfig[];
  readonly vocabulary: () => ReportVocabulary;
  readonly publicUrl: () => string;
}

/** callbackId is a callback's stable id: one call per customer order per incident, whoever creates it. */
export function callbackId(incidentId: string, orderId: string): string {
  return `CB-${createHash('sha256').update(`${incidentId}|${orderId}`).digest('hex').slice(0, 12).toUpperCase()}`;
}

/**
 * ensureCallbacks creates the satisfaction callbacks of a closed incident:
 * one per customer order it covered (at most MAX_CALLBACKS), due a day
 * after the close. False alarms (`not_abnormal`) call nobody: nothing
 * happened to the customer. Safe to call again: ids are stable.
 */
export async function ensureCallbacks(store: Store, close: CloseRecord, now: Instant): Promise<number> {
  if (close.rootCause?.class === 'not_abnormal') return 0;
  const members = await store.response.incidentMembers(close.incidentId);
  const orders = [...new Set(members.map((m) => m.orderId))].slice(0, MAX_CALLBACKS);
  const tasks: CallbackTask[] = orders.map((orderId) => ({ id: callbackId(close.incidentId, orderId), incidentId: close.incidentId, orderId, createdAt: now, dueAt: close.at + CALLBACK_DUE_MS, state: 'pending' }));
  return store.reports.addCallbacks(tasks);
}

/** reviewReceivers are the receivers that were told about the incident: they get its review (not SMS, not customers). */
async function reviewReceivers(store: Store, incidentId: string, receivers: readonly ReceiverConfig[]): Promise<string[]> {
  const told = await store.response.outbox({ incidentId, limit: 500 });
  const names = new Set(told.filter((e) => e.kind === 'incident' || e.kind === 'escalation' || e.kind === 'resolved').map((e) => e.receiver));
  return receivers.filter((r) => names.has(r.name) && r.type !== 'sms').map((r) => r.name);
}

/**
 * runReviewPass is the post-incident review job (SPEC C9): for every
 * incident closed in the last week it creates the satisfaction callbacks,
 * and once they are all answered — or REVIEW_WAIT after the close at the
 * latest — generates the review, stores it (once per close, across
 * instances) and sends it to the receivers that were told about the
 * incident. Nobody has to ask; `serve` runs it every five minutes.
 */
export async function runReviewPass(deps: ReviewJobDeps, now: Instant): Promise<ReviewPassSummary> {
  const summary: ReviewPassSummary = { callbacksCreated: 0, reviewsGenerated: 0, reviewsSent: 0 };
  const closes = (await deps.store.reports.closesBetween({ from: now - LOOKBACK_MS, to: now + 1 })).filter((c) => c.state === 'closed' || c.state === 'reviewed');
  for (const close of closes) {
    summary.callbacksCreated += await ensureCallbacks(deps.store, close, now);
    if (summary.reviewsGenerated >= MAX_REVIEWS_PER_PASS) continue;
    const existing = await deps.store.reports.review(close.incidentId);
    if (existing && existing.closedAt >= close.at) continue;
    const pending = await deps.store.reports.callbacks({ incidentId: close.incidentId, state: 'pending', limit: 1 });
    if (pending.length > 0 && now < close.at + REVIEW_WAIT_MS) continue;
    const lookup = await collectReview(deps.store, close.incidentId, { now, trigger: 'auto', by: 'system' }, deps.vocabulary());
    if (!lookup.ok || lookup.data.closedAt !== close.at) continue;
    // Stored and served to every role, sent to chats: masked as a shared document.
    const pdf = await renderReviewPdf(maskerFor(SHARED_DOCUMENT).value(lookup.data), deps.vocabulary());
    const saved = await deps.store.reports.saveReview({ incidentId: close.incidentId, closedAt: close.at, generatedAt: now, trigger: 'auto', generatedBy: 'system', summary: reviewSummary(lookup.data), pdf }, false);
    if (!saved) continue;
    summary.reviewsGenerated++;
    const names = await reviewReceivers(deps.store, close.incidentId, deps.receivers());
    if (names.length === 0) continue;
    const inc = lookup.data.incident;
    const s = lookup.data.satisfaction;
    const entries = reportEntries(
      deps.receivers(),
      names,
      {
        kind: 'review',
        key: close.incidentId,
        title: `【复盘】${inc.title.zh}`,
        body: [
          `- 事件：${inc.id}（${inc.grade} 级）`,
          `- 根因：${inc.rootCause ? `${deps.vocabulary().rootCauseClass(inc.rootCause.class)} / ${deps.vocabulary().subCause(inc.rootCause.subCause)}` : '—'}`,
          `- 满意度回访：${s.reached}/${s.calls}${s.meanScore !== null ? `，平均 ${s.meanScore.toFixed(1)} 分` : ''}`,
          `- 改进项：${lookup.data.improvements.length} 项，以往未完成 ${lookup.data.carriedOver.length} 项`,
        ].join('\n'),
        filename: `review-${close.incidentId}.pdf`,
        pdf,
        link: `${deps.publicUrl()}/api/v1/reports/review/${encodeURIComponent(close.incidentId)}`,
        incidentId: close.incidentId,
      },
      now,
      `auto-${close.at}`,
    );
    await deps.store.response.enqueue(entries);
    summary.reviewsSent += names.length;
  }
  return summary;
}
