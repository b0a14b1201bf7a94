import { randomBytes } from 'node:crypto';
import type { Settings } from '../../config/settings.js';
import type { Role } from '../../domain/role.js';
import { maskerFor, SHARED_DOCUMENT, type Disclosure } from '../../domain/masking.js';
import type { Instant } from '../../domain/time.js';
import type { ReceiverConfig } from '../../notify/index.js';
import {
  CALLBACK_COLUMNS,
  collectEvidence,
  collectKpis,
  collectReview,
  DELAYED_ORDER_COLUMNS,
  SPLIT_COLUMNS,
  exportTable,
  FINDING_COLUMNS,
  IMPROVEMENT_COLUMNS,
  incidentColumns,
  LABELS,
  peopleOf,
  KPI_DAY_COLUMNS,
  renderEvidencePdf,
  renderKpiPdf,
  renderReviewPdf,
  ReportError,
  resolveEvidenceTarget,
  reviewSummary,
  type EvidenceOptions,
  type ExportedFile,
  type ExportFormat,
  type KpiData,
  type ReportVocabulary,
  type SplitRow,
  warmUpReports,
} from '../../report/index.js';
import { ROOT_CAUSE_CLASS_LABELS, policyOf, type RootCauseClass } from '../../respond/index.js';
import type { CallbackState, CallbackTask, ImprovementItem, ImprovementState, ReportWindow, StoredReview } from '../../store/report-store.js';
import { WAR_ROOM_SPLITS, type DelayedOrder, type DelayedOrderFilter } from '../../store/dashboard-store.js';
import type { Store } from '../../store/store.js';
import { formatShanghai } from '../../domain/time.js';
import { reportEntries, type ReportDocument } from './report-delivery.js';
import { ensureCallbacks, runReviewPass, type ReviewPassSummary } from './review-job.js';

/** Who asks for a report or records a result. */
export interface ReportActor {
  readonly name: string;
  readonly role: Role;
}

/** ReportFile is a PDF (or export) ready to download. */
export interface ReportFile {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

/** EXPORT_LISTS are the lists that export to CSV/XLSX. */
export const EXPORT_LISTS = ['kpi', 'incidents', 'delayed-orders', 'findings', 'callbacks', 'improvements', 'dashboard-splits'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** ExportQuery narrows an exported list; each list reads the fields it knows. */
export interface ExportQuery {
  readonly window?: ReportWindow;
  readonly state?: string;
  readonly code?: string;
  readonly limit?: number;
  /** The drill-down's narrowing (delayed-orders): as GET /api/v1/dashboard/orders takes it. */
  readonly delayed?: Omit<DelayedOrderFilter, 'from' | 'to' | 'limit' | 'offset'>;
}

const LEADS: readonly Role[] = ['supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];

/** asciiName makes a file name safe for headers and every platform: letters, digits, dot, dash. */
function asciiName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'report';
}

/**
 * ReportService is the reports use case as the doors see it: evidence PDFs
 * of an order or incident, post-incident reviews (stored, regenerated on
 * demand, and made by the job after every close), KPI reports of any
 * period, list exports, satisfaction callbacks and improvement items, and
 * sending any of the PDFs to the policy's receivers through the outbox.
 * The policy in effect is read through `settings()` at each call.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly settings: () => Settings,
  ) {}

  /** vocabulary names root causes with the policy's own words. */
  vocabulary(): ReportVocabulary {
    const policy = policyOf(this.settings());
    const subs = new Map([...policy.rootCauses.system, ...policy.rootCauses.human, ...policy.rootCauses.external, ...policy.rootCauses.notAbnormal].map((s) => [s.id, s.zh]));
    const receivers = new Map(this.receivers().map((r) => [r.name, r.type]));
    return {
      rootCauseClass: (c) => (Object.hasOwn(ROOT_CAUSE_CLASS_LABELS, c) ? ROOT_CAUSE_CLASS_LABELS[c as RootCauseClass].zh : c),
      subCause: (s) => subs.get(s) ?? s,
      falseAlarmSubCauses: policy.rootCauses.falseAlarm,
      receiver: (name) => {
        const type = receivers.get(name);
        return type ? `${LABELS.receiverType(type)} ${name}` : name;
      },
    };
  }

  private publicUrl(): string {
    const server = this.settings().server;
    return server.publicUrl ?? `http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
  }

  private receivers(): readonly ReceiverConfig[] {
    return this.settings().receivers as readonly ReceiverConfig[];
  }

  /** evidence writes the evidence PDF of an order or incident (any id or number the search box takes). */
  async evidence(
    target: string,
    actor: ReportActor | undefined,
    now: Instant,
    options: EvidenceOptions = {},
    audience: Role | Disclosure = actor?.role ?? SHARED_DOCUMENT,
  ): Promise<ReportFile & { readonly target: { readonly kind: 'order' | 'incident'; readonly id: string } }> {
    const resolved = await resolveEvidenceTarget(this.store, target);
    if (resolved.kind === 'not_found') throw new ReportError(404, 'not_found', { zh: `找不到订单或事件"${target}"`, en: `no order or incident "${target}"` });
    if (resolved.kind === 'ambiguous') {
      const ids = resolved.candidates.map((c) => c.id).join(', ');
      throw new ReportError(400, 'ambiguous', { zh: `"${target}"对应多个订单：${ids}，请用完整订单编号`, en: `"${target}" matches several orders (${ids}): use the full order id` });
    }
    const data = await collectEvidence(this.store, resolved, { now, ...(actor ? { by: actor.name } : {}) }, options);
    if (!data) throw new ReportError(404, 'not_found', { zh: `找不到"${target}"`, en: `no order or incident "${target}"` });
    // One masking rule for every exit: the reader's role, or a shared document's for a PDF that leaves orderwatch.
    const bytes = await renderEvidencePdf(maskerFor(audience).value(data), this.vocabulary());
    return { bytes, filename: `evidence-${asciiName(resolved.id)}.pdf`, contentType: 'application/pdf', target: resolved };
  }

  /** review returns an incident's stored review, generating one now when it has none for its latest close. */
  async review(incidentId: string, actor: ReportActor | undefined, now: Instant): Promise<ReportFile & { readonly review: Omit<StoredReview, 'pdf'> }> {
    const incident = await this.store.response.getIncident(incidentId);
    const stored = await this.store.reports.review(incidentId);
    if (stored && incident?.closedAt !== undefined && stored.closedAt >= incident.closedAt) return this.reviewFile(stored);
    return this.generateReview(incidentId, actor, now);
  }

  /** generateReview makes an incident's review afresh (on demand) and stores it in place of the previous one. */
  async generateReview(incidentId: string, actor: ReportActor | undefined, now: Instant): Promise<ReportFile & { readonly review: Omit<StoredReview, 'pdf'> }> {
    const lookup = await collectReview(this.store, incidentId, { now, trigger: 'manual', by: actor?.name ?? 'cli' }, this.vocabulary());
    if (!lookup.ok) {
      throw lookup.reason === 'not_found'
        ? new ReportError(404, 'not_found', { zh: `没有事件 ${incidentId}`, en: `no incident ${incidentId}` })
        : new ReportError(409, 'not_closed', { zh: `事件 ${incidentId} 尚未关闭：关闭（填写根因）后才能复盘`, en: `incident ${incidentId} is not closed yet: close it with a root cause first` });
    }
    // A review is stored and served to every role: it is masked as a shared document.
    const pdf = await renderReviewPdf(maskerFor(SHARED_DOCUMENT).value(lookup.data), this.vocabulary());
    const review: StoredReview = { incidentId, closedAt: lookup.data.closedAt, generatedAt: now, trigger: 'manual', generatedBy: actor?.name ?? 'cli', summary: reviewSummary(lookup.data), pdf };
    await this.store.reports.saveReview(review, true);
    return this.reviewFile(review);
  }

  private reviewFile(review: StoredReview): ReportFile & { review: Omit<StoredReview, 'pdf'> } {
    const { pdf, ...meta } = review;
    return { bytes: Buffer.from(pdf), filename: `review-${asciiName(review.incidentId)}.pdf`, contentType: 'application/pdf', review: meta };
  }

  /** reviews lists the reviews generated in a window, newest first. */
  reviews(window: Partial<ReportWindow>, limit = 100): Promise<Array<Omit<StoredReview, 'pdf'>>> {
    return this.store.reports.reviews({ ...(window.from !== undefined ? { from: window.from } : {}), ...(window.to !== undefined ? { to: window.to } : {}), limit });
  }

  /** kpi computes the KPI report of a window. */
  kpi(window: ReportWindow, now: Instant): Promise<KpiData> {
    if (!(window.from < window.to)) throw new ReportError(400, 'bad_window', { zh: '统计期间的开始须早于结束', en: 'the period must start before it ends' });
    return collectKpis(this.store, window, now, this.vocabulary());
  }

  /** kpiPdf writes the KPI report of a window as a PDF. */
  async kpiPdf(window: ReportWindow, now: Instant): Promise<ReportFile> {
    const data = await this.kpi(window, now);
    const name = `kpi-${formatShanghai(window.from).slice(0, 10)}-${formatShanghai(window.to - 1).slice(0, 10)}.pdf`;
    return { bytes: await renderKpiPdf(data, this.vocabulary()), filename: name, contentType: 'application/pdf' };
  }

  /** exportList writes one of the lists as CSV or XLSX. */
  async exportList(list: ExportList, format: ExportFormat, query: ExportQuery, now: Instant): Promise<ReportFile> {
    const limit = Math.min(Math.max(1, query.limit ?? 10_000), 10_000);
    let file: ExportedFile;
    switch (list) {
      case 'kpi':
        file = await exportTable(KPI_DAY_COLUMNS, (await this.kpi(this.windowOrFail(query), now)).days, format, 'KPI');
        break;
      case 'incidents': {
        const w = query.window;
        const { items } = await this.store.response.incidents({ limit, ...(query.state ? { states: [query.state] } : {}), ...(w ? { openedFrom: w.from, openedTo: w.to } : {}) });
        file = await exportTable(incidentColumns(this.vocabulary(), peopleOf(await this.store.listUsers())), items, format, '事件');
        break;
      }
      case 'delayed-orders': {
        // Page through the drill-down (1,000 rows a query) up to the limit.
        const rows: DelayedOrder[] = [];
        for (let offset = 0; rows.length < limit; offset += 1000) {
          const page = await this.store.dashboard.delayedOrderPage({ ...this.windowOrFail(query), ...query.delayed, limit: Math.min(1000, limit - rows.length), offset });
          rows.push(...page.orders);
          if (page.orders.length === 0 || offset + page.orders.length >= page.total) break;
        }
        file = await exportTable(DELAYED_ORDER_COLUMNS, rows, format, '延迟订单');
        break;
      }
      case 'dashboard-splits': {
        const room = await this.store.dashboard.warRoom(this.windowOrFail(query), now, 50);
        const rows: SplitRow[] = WAR_ROOM_SPLITS.flatMap((split) => room.splits[split].map((r) => ({ split, ...r, share: room.delayed > 0 ? r.delayed / room.delayed : 0 })));
        file = await exportTable(SPLIT_COLUMNS, rows, format, '延迟分布');
        break;
      }
      case 'findings':
        file = await exportTable(FINDING_COLUMNS, await this.store.detection.findings({ limit, ...(query.state === 'open' || query.state === 'resolved' ? { status: query.state } : {}), ...(query.code ? { code: query.code } : {}) }), format, '异常');
        break;
      case 'callbacks':
        file = await exportTable(CALLBACK_COLUMNS, await this.store.reports.callbacks({ limit, ...(query.state ? { state: query.state as CallbackState } : {}) }), format, '回访');
        break;
      case 'improvements':
        file = await exportTable(IMPROVEMENT_COLUMNS, await this.store.reports.improvements({ limit, ...(query.state ? { states: [query.state as ImprovementState] } : {}) }), format, '改进项');
        break;
    }
    return { bytes: file.bytes, filename: `${list}-${formatShanghai(now).slice(0, 10)}.${file.extension}`, contentType: file.contentType };
  }

  private windowOrFail(query: ExportQuery): ReportWindow {
    if (!query.window) throw new ReportError(400, 'window_required', { zh: '请指定统计期间', en: 'this list needs a period (from/to, month or days)' });
    return query.window;
  }

  /**
   * send queues a report PDF to receivers through the outbox (see
   * reportEntries for what each platform gets). Returns the outbox ids.
   */
  async send(doc: { readonly kind: 'evidence' | 'review' | 'kpi'; readonly key: string; readonly file: ReportFile; readonly title: string; readonly body: string; readonly link: string; readonly incidentId?: string }, receivers: readonly string[], actor: ReportActor, now: Instant): Promise<{ outboxIds: string[] }> {
    if (receivers.length === 0) throw new ReportError(400, 'no_receiver', { zh: '请指定接收方', en: 'name at least one receiver' });
    const document: ReportDocument = {
      kind: doc.kind,
      key: doc.key,
      title: doc.title,
      body: `${doc.body}\n- 发送人：${actor.name}`,
      filename: doc.file.filename,
      pdf: doc.file.bytes,
      link: `${this.publicUrl()}${doc.link}`,
      ...(doc.incidentId ? { incidentId: doc.incidentId } : {}),
    };
    const entries = reportEntries(this.receivers(), receivers, document, now);
    const outboxIds = await this.store.response.enqueue(entries);
    if (doc.incidentId) {
      await this.store.response.changeIncident(doc.incidentId, (cur) => ({
        incident: { ...cur, updatedAt: now },
        log: [{ incidentId: cur.id, at: now, actor: actor.name, action: 'report_sent', detail: { report: doc.kind, receivers: [...receivers] } }],
      }));
    }
    return { outboxIds };
  }

  /** sendEvidence writes an evidence PDF and queues it to receivers. */
  async sendEvidence(target: string, receivers: readonly string[], actor: ReportActor, now: Instant): Promise<{ outboxIds: string[]; filename: string }> {
    // The PDF travels to a chat or mailbox: masked as a shared document, whoever sends it.
    const file = await this.evidence(target, actor, now, {}, SHARED_DOCUMENT);
    const isIncident = file.target.kind === 'incident';
    const sent = await this.send(
      {
        kind: 'evidence',
        key: file.target.id,
        file,
        title: `【证据报告】${isIncident ? '事件' : '订单'} ${file.target.id}`,
        body: `- ${isIncident ? '事件' : '订单'}：${file.target.id}\n- 内容：订单信息、时间线、库存变动、物流、客户沟通（含截图）、异常判定依据、处置记录`,
        link: `/api/v1/reports/evidence/${encodeURIComponent(file.target.id)}`,
        ...(isIncident ? { incidentId: file.target.id } : {}),
      },
      receivers,
      actor,
      now,
    );
    return { ...sent, filename: file.filename };
  }

  /** sendReview queues an incident's review to receivers. */
  async sendReview(incidentId: string, receivers: readonly string[], actor: ReportActor, now: Instant): Promise<{ outboxIds: string[]; filename: string }> {
    const file = await this.review(incidentId, actor, now);
    const sent = await this.send({ kind: 'review', key: incidentId, file, title: `【复盘】事件 ${incidentId}`, body: `- 事件：${incidentId}`, link: `/api/v1/reports/review/${encodeURIComponent(incidentId)}`, incidentId }, receivers, actor, now);
    return { ...sent, filename: file.filename };
  }

  /** sendKpi queues a period's KPI report to receivers. */
  async sendKpi(window: ReportWindow, receivers: readonly string[], actor: ReportActor, now: Instant): Promise<{ outboxIds: string[]; filename: string }> {
    const file = await this.kpiPdf(window, now);
    const period = `${formatShanghai(window.from).slice(0, 10)} 至 ${formatShanghai(window.to - 1).slice(0, 10)}`;
    const sent = await this.send(
      { kind: 'kpi', key: `${window.from}-${window.to}`, file, title: `【KPI 报告】${period}`, body: `- 统计期间：${period}`, link: `/api/v1/reports/kpi?format=pdf&from=${encodeURIComponent(new Date(window.from).toISOString())}&to=${encodeURIComponent(new Date(window.to).toISOString())}` },
      receivers,
      actor,
      now,
    );
    return { ...sent, filename: file.filename };
  }

  /** callbacks lists satisfaction callbacks; an incident's list is created first if its close has none yet. */
  async callbacks(filter: { readonly incidentId?: string; readonly state?: CallbackState; readonly limit?: number }, now: Instant): Promise<CallbackTask[]> {
    if (filter.incidentId !== undefined) await this.runReviewPassFor(filter.incidentId, now);
    return this.store.reports.callbacks(filter);
  }

  private async runReviewPassFor(incidentId: string, now: Instant): Promise<void> {
    const incident = await this.store.response.getIncident(incidentId);
    if (!incident || incident.closedAt === undefined || (incident.state !== 'closed' && incident.state !== 'reviewed')) return;
    await ensureCallbacks(this.store, { incidentId, at: incident.closedAt, state: incident.state, ...(incident.rootCause ? { rootCause: incident.rootCause } : {}) }, now);
  }

  /** recordCallback records what the customer said on the callback (score 1-5 when reached). */
  async recordCallback(id: string, result: { readonly reached: boolean; readonly score?: number; readonly comment?: string }, actor: ReportActor, now: Instant): Promise<CallbackTask> {
    if (actor.role === 'integration') throw new ReportError(403, 'forbidden', { zh: '无权记录回访', en: 'the integration role may not record callbacks' });
    if (result.reached && (result.score === undefined || !Number.isInteger(result.score) || result.score < 1 || result.score > 5)) {
      throw new ReportError(400, 'bad_score', { zh: '联系上客户时须填写 1-5 分的满意度', en: 'a reached customer needs a score from 1 to 5' });
    }
    const task = await this.store.reports.recordCallback(id, {
      state: result.reached ? 'done' : 'unreachable',
      ...(result.reached && result.score !== undefined ? { score: result.score } : {}),
      ...(result.comment ? { comment: result.comment } : {}),
      by: actor.name,
      at: now,
    });
    if (!task) throw new ReportError(404, 'not_found', { zh: `没有回访任务 ${id}`, en: `no callback ${id}` });
    return task;
  }

  improvements(filter: { readonly incidentId?: string; readonly states?: readonly ImprovementState[]; readonly limit?: number }): Promise<ImprovementItem[]> {
    return this.store.reports.improvements(filter);
  }

  /** addImprovement records an improvement item raised by an incident's review (leads only). */
  async addImprovement(input: { readonly incidentId: string; readonly title: string; readonly owner: string; readonly dueAt: Instant }, actor: ReportActor, now: Instant): Promise<ImprovementItem> {
    if (!LEADS.includes(actor.role)) throw new ReportError(403, 'forbidden', { zh: '只有主管及以上可以登记改进项', en: `the ${actor.role} role may not add improvement items` });
    if (!(await this.store.response.getIncident(input.incidentId))) throw new ReportError(404, 'not_found', { zh: `没有事件 ${input.incidentId}`, en: `no incident ${input.incidentId}` });
    if (input.title.trim() === '' || input.owner.trim() === '') throw new ReportError(400, 'empty', { zh: '改进项和负责人不能为空', en: 'title and owner are required' });
    const item: ImprovementItem = {
      id: `IMP-${randomBytes(3).toString('hex').toUpperCase()}`,
      incidentId: input.incidentId,
      title: input.title.trim(),
      owner: input.owner.trim(),
      dueAt: input.dueAt,
      state: 'open',
      createdAt: now,
      createdBy: actor.name,
      updatedAt: now,
      notes: [],
    };
    await this.store.reports.addImprovement(item);
    return item;
  }

  /** updateImprovement moves an item on (state, owner, due date) with a progress note; everyone but integrations may. */
  async updateImprovement(id: string, change: { readonly state?: ImprovementState; readonly owner?: string; readonly dueAt?: Instant; readonly note?: string }, actor: ReportActor, now: Instant): Promise<ImprovementItem> {
    if (actor.role === 'integration') throw new ReportError(403, 'forbidden', { zh: '无权修改改进项', en: 'the integration role may not change improvement items' });
    const item = await this.store.reports.updateImprovement(id, { ...change, by: actor.name, at: now });
    if (!item) throw new ReportError(404, 'not_found', { zh: `没有改进项 ${id}`, en: `no improvement item ${id}` });
    return item;
  }

  /** warmUp renders a throw-away report so the first real one is fast (see warmUpReports). */
  warmUp(): Promise<number> {
    return warmUpReports();
  }

  /** runReviewPass runs the review job once (serve's cron; `orderwatch report reviews --due`). */
  runReviewPass(now: Instant): Promise<ReviewPassSummary> {
    return runReviewPass({ store: this.store, receivers: () => this.receivers(), vocabulary: () => this.vocabulary(), publicUrl: () => this.publicUrl() }, now);
  }
}
