import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsSchema, type Settings } from '../../config/settings.js';
import { chineseBusinessCalendar } from '../../detect/calendar/index.js';
import { jsonBody, startLocalServer, type LocalServer, type ReceivedRequest, type Reply } from '../../notify/testing/local-http-server.js';
import { seedStuckOrder, STUCK_INCIDENT } from '../../report/testing/report-fixtures.js';
import { POPPLER, pdfText } from '../../report/testing/pdf-tools.js';
import { policyOf } from '../../respond/index.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { fixedClock } from '../../domain/time.js';
import { DeliveryLanes } from '../../notify/delivery/index.js';
import { IncidentActions, ResponseEngine } from '../../respond/engine/index.js';
import { ReportService } from './report-service.js';
import { REVIEW_DEADLINE_MS } from './review-job.js';

const HOUR = 3_600_000;

/** A WeCom robot that takes markdown, uploads and file messages. */
function robot(request: ReceivedRequest): Reply {
  if (request.url.includes('/upload_media')) return { json: { errcode: 0, errmsg: 'ok', type: 'file', media_id: 'MEDIA-1' } };
  const body = jsonBody(request);
  if (body.msgtype === 'file' && (body.file as { media_id?: string }).media_id !== 'MEDIA-1') return { json: { errcode: 40007, errmsg: 'invalid media_id' } };
  return { json: { errcode: 0, errmsg: 'ok' } };
}

describe('the post-incident review job (fake clock)', () => {
  let store: Store;
  let server: LocalServer;
  let settings: Settings;
  let reports: ReportService;
  let actions: IncidentActions;
  let resolvedAt: number;

  beforeEach(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'ow-review-job-')), 'test.db'));
    server = await startLocalServer(robot);
    settings = SettingsSchema.parse({ receivers: [{ name: 'ops-group', type: 'wecom', url: `${server.url}/cgi-bin/webhook/send?key=k` }], routes: [{ match: {}, receivers: ['ops-group'] }] });
    const policy = policyOf(settings);
    const engine = new ResponseEngine({ store, policy: () => policy, calendar: chineseBusinessCalendar(), publicUrl: 'http://console.example' });
    actions = new IncidentActions(store, engine, () => policy);
    reports = new ReportService(store, () => settings);
    await seedStuckOrder(store, { close: false });
    resolvedAt = (await store.response.getIncident(STUCK_INCIDENT))!.resolvedAt!;
    // The incident's first alert went to the ops group: that is who gets its review.
    await store.response.enqueue([{ id: 'alert-1', incidentId: STUCK_INCIDENT, receiver: 'ops-group', kind: 'incident', createdAt: resolvedAt, dueAt: resolvedAt, attempts: 0, state: 'pending', message: { title: 'alert', body: 'x', severity: 'warning' } }]);
    await store.response.markSent('alert-1', resolvedAt);
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  const close = async (at: number): Promise<void> => {
    await actions.act(STUCK_INCIDENT, { name: 'sun', role: 'supervisor' }, { type: 'close', rootCause: { class: 'human', subCause: 'packing_error', note: '打包台漏扫' } }, at);
  };

  it('closing yields callbacks at once and the review within 72 h, without anyone asking', async () => {
    const closedAt = resolvedAt + HOUR;
    await close(closedAt);

    let pass = await reports.runReviewPass(closedAt + 5 * 60_000);
    expect(pass).toEqual({ callbacksCreated: 1, reviewsGenerated: 0, reviewsSent: 0 });
    const [callback] = await store.reports.callbacks({ incidentId: STUCK_INCIDENT });
    expect(callback).toMatchObject({ state: 'pending', dueAt: closedAt + 24 * HOUR });

    // Nobody calls the customer back: the review waits for it two days, then goes out anyway.
    pass = await reports.runReviewPass(closedAt + 47 * HOUR);
    expect(pass.reviewsGenerated).toBe(0);
    expect(await store.reports.review(STUCK_INCIDENT)).toBeUndefined();
    pass = await reports.runReviewPass(closedAt + 48 * HOUR + 5 * 60_000);
    expect(pass).toEqual({ callbacksCreated: 0, reviewsGenerated: 1, reviewsSent: 1 });

    const review = (await store.reports.review(STUCK_INCIDENT))!;
    expect(review).toMatchObject({ incidentId: STUCK_INCIDENT, closedAt, trigger: 'auto', generatedBy: 'system' });
    expect(review.generatedAt - closedAt).toBeLessThanOrEqual(REVIEW_DEADLINE_MS);
    expect(review.summary).toMatchObject({ rootCause: { class: 'human', subCause: 'packing_error' }, satisfaction: { calls: 1, pending: 1 } });
    if (POPPLER) expect(pdfText(Buffer.from(review.pdf))).toContain('关闭后自动生成');

    // Once per close: the next pass (or another instance) does nothing.
    expect(await reports.runReviewPass(closedAt + 49 * HOUR)).toEqual({ callbacksCreated: 0, reviewsGenerated: 0, reviewsSent: 0 });

    // The ops group gets the summary, then the PDF as a WeCom file.
    const lanes = new DeliveryLanes({ store, receivers: () => settings.receivers as never, owner: 'test', clock: fixedClock(closedAt + 49 * HOUR) });
    const delivered = await lanes.deliverOnce();
    expect(delivered.sent).toBe(2);
    const paths = server.requests.map((r) => new URL(r.url, 'http://x').pathname);
    expect(paths).toEqual(['/cgi-bin/webhook/send', '/cgi-bin/webhook/upload_media', '/cgi-bin/webhook/send']);
    expect(String((jsonBody(server.requests[0]!).markdown as { content: string }).content)).toContain('【复盘】');
    expect(server.requests[1]!.body.includes(Buffer.from('filename="review-INC-T1.pdf"'))).toBe(true);
    expect(jsonBody(server.requests[2]!)).toEqual({ msgtype: 'file', file: { media_id: 'MEDIA-1' } });
  });

  it('goes out as soon as every callback is answered', async () => {
    const closedAt = resolvedAt + HOUR;
    await close(closedAt);
    const [callback] = await reports.callbacks({ incidentId: STUCK_INCIDENT }, closedAt + 60_000);
    expect(callback).toBeDefined();
    await reports.recordCallback(callback!.id, { reached: true, score: 5, comment: '很满意，谢谢' }, { name: 'li', role: 'agent' }, closedAt + 3 * HOUR);
    const pass = await reports.runReviewPass(closedAt + 3 * HOUR + 5 * 60_000);
    expect(pass.reviewsGenerated).toBe(1);
    expect((await store.reports.review(STUCK_INCIDENT))!.summary).toMatchObject({ satisfaction: { reached: 1, meanScore: 5 } });
  });

  it('false alarms get a review but no customer callback', async () => {
    const closedAt = resolvedAt + HOUR;
    await actions.act(STUCK_INCIDENT, { name: 'sun', role: 'supervisor' }, { type: 'close', rootCause: { class: 'not_abnormal', subCause: 'data_lag' } }, closedAt);
    const pass = await reports.runReviewPass(closedAt + 60_000);
    expect(pass).toMatchObject({ callbacksCreated: 0, reviewsGenerated: 1 });
  });

  it('an incident reopened and closed again gets a new review', async () => {
    const closedAt = resolvedAt + HOUR;
    await close(closedAt);
    await reports.runReviewPass(closedAt + 49 * HOUR);
    await actions.act(STUCK_INCIDENT, { name: 'sun', role: 'supervisor' }, { type: 'reopen', reason: '客户再次投诉' }, closedAt + 50 * HOUR);
    await actions.act(STUCK_INCIDENT, { name: 'sun', role: 'supervisor' }, { type: 'resolve' }, closedAt + 51 * HOUR);
    await close(closedAt + 52 * HOUR);
    const pass = await reports.runReviewPass(closedAt + 101 * HOUR);
    expect(pass.reviewsGenerated).toBe(1);
    expect((await store.reports.review(STUCK_INCIDENT))!.closedAt).toBe(closedAt + 52 * HOUR);
  });
});
