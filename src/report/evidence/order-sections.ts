import type { OrderEvent } from '../../domain/event.js';
import { maskPhone } from '../../domain/phone.js';
import type { Instant } from '../../domain/time.js';
import { clip, span, when, yuan } from '../format.js';
import { LABELS } from '../labels.js';
import type { ReportPdf } from '../pdf/report-pdf.js';
import { addressOf, maskName, maskPhonesIn } from '../privacy.js';
import type { OrderEvidence } from './evidence-data.js';
import { findingLabel, stageName, type CaseKind } from './order-case.js';

/** describeEvent is one timeline line in words; personal data in free text is masked. */
export function describeEvent(e: OrderEvent): string {
  switch (e.kind) {
    case 'stage':
      return [stageName(e.stage), e.warehouse && `仓库 ${e.warehouse}`, e.batch && `批次 ${e.batch}`, e.operator && `操作人 ${e.operator}`, e.note && maskPhonesIn(e.note)].filter(Boolean).join('，');
    case 'logistics':
      return [LABELS.carrier(e.carrier), e.trackingNo, LABELS.logistics(e.state), maskPhonesIn(e.detail), e.location].filter(Boolean).join(' ');
    case 'contact':
      return `${LABELS.contactChannel(e.channel)}（${LABELS.direction(e.direction)}${e.agent ? `，客服 ${e.agent}` : ''}）：${maskPhonesIn(e.text)}${e.attachments.length ? `［附件 ${e.attachments.length} 个］` : ''}`;
    case 'note':
      return `${e.author ? `${e.author}：` : ''}${maskPhonesIn(e.text)}`;
    case 'inventory_level':
      return `${e.sku} @ ${e.warehouse} 读数：可用 ${e.available}，已占用 ${e.reserved}，可售余量 ${e.available - e.reserved}`;
    case 'inventory_change':
      return `${e.sku} @ ${e.warehouse} ${e.delta > 0 ? '+' : ''}${e.delta}（${LABELS.stockReason(e.reason)}）`;
  }
}

/** OrderWriting says how to write an order: numbered inside an incident, compact (fewer rows, smaller screenshots), as of when. */
export interface OrderWriting {
  readonly prefix: string;
  readonly compact: boolean;
  readonly now: Instant;
}

function writeFacts(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting): void {
  const o = ev.view.order;
  const r = o.receiver;
  const address = addressOf(r);
  const pairs: Array<readonly [string, string]> = [
    ['平台订单号', o.channelOrderId],
    ['销售渠道', `${LABELS.channel(o.channel)}${o.shop ? ` · ${/^\d+$/.test(o.shop) ? `店铺 ${o.shop}` : o.shop}` : ''}`],
    ['平台状态', LABELS.channelStatus(o.channel, o.channelStatus)],
    ['当前环节', `${stageName(o.stage)}（自 ${when(o.stageEnteredAt)} 起 ${span(w.now - o.stageEnteredAt)}）`],
    ['下单 / 付款', `${when(o.placedAt)} / ${when(o.paidAt)}`],
    ['承诺发货', o.promisedShipBy !== undefined ? `${when(o.promisedShipBy)}${w.now > o.promisedShipBy && !['shipped', 'collected', 'in_transit', 'out_for_delivery', 'delivered'].includes(o.stage) ? `（已超 ${span(w.now - o.promisedShipBy)}）` : ''}` : '—'],
    ['仓库 / 批次', `${o.warehouse ?? '—'} / ${o.batch ?? '—'}`],
    ['运单', [...o.shipments.map((s) => ({ carrier: s.carrier, trackingNo: s.trackingNo })), ...ev.view.logistics.map((l) => ({ carrier: l.carrier, trackingNo: l.trackingNo }))].filter((x, i, all) => all.findIndex((y) => y.trackingNo === x.trackingNo) === i).map((x) => `${LABELS.carrier(x.carrier)} ${x.trackingNo}`).join('、') || '—'],
    ['收货人', `${maskName(r.name)}${r.phone ? ` ${maskPhone(r.phone.raw)}` : ''}`],
    ['收货地址', address],
    ['客户等级', LABELS.tier(o.customer.tier)],
    ['实付金额', `${yuan(o.paidFen)}（运费 ${yuan(o.shippingFen)}，优惠 ${yuan(o.discountFen)}）`],
  ];
  if (!w.compact) {
    // The platform's order number and the channel above name the order; the internal id (`douyin:…`) would be a code.
    pairs.push(['承诺送达', when(o.promisedDeliveryBy)]);
    if (o.buyerNote) pairs.push(['买家留言', maskPhonesIn(o.buyerNote)]);
    if (o.sellerNote) pairs.push(['卖家备注', maskPhonesIn(o.sellerNote)]);
    if (o.tags.length > 0) pairs.push(['标签', o.tags.join('、')]);
  }
  pdf.keyValues(pairs);
  pdf.table(
    [
      { header: 'SKU', width: 18 },
      { header: '商品', width: 44 },
      { header: '数量', width: 8, align: 'right' },
      { header: '单价', width: 12, align: 'right' },
      { header: '实付', width: 12, align: 'right' },
    ],
    o.items.map((i) => [i.sku, `${i.title ?? ''}${(i.attributes ?? []).length > 0 ? `（${(i.attributes ?? []).join('、')}）` : ''}`, String(i.quantity), yuan(i.unitPriceFen), i.paidFen !== undefined ? yuan(i.paidFen) : '—']),
  );
}

function writeFindings(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting): void {
  const title = `${w.prefix}异常发现与判定依据`;
  const findings = w.compact ? ev.case.findings : ev.findings;
  if (findings.length === 0) {
    pdf.subheading(title, { bookmark: !w.compact, keep: 20 });
    pdf.note(ev.case.kind === 'stock' ? `系统没有对本单判定异常；库存读数显示的问题见"库存核对"。` : '没有异常发现。');
  } else {
    pdf.table(
      [
        { header: '异常', width: 13 },
        { header: '状态', width: 13 },
        { header: '首次发现', width: 14 },
        { header: '说明', width: 32 },
        { header: '判定依据', width: 28 },
      ],
      findings.map((f) => [
        { text: findingLabel(f.code), bold: true },
        f.status === 'open' ? { text: `${LABELS.severity(f.severity)}，未消除`, tone: 'bad' } : { text: `已消除 ${when(f.resolvedAt)}`, tone: 'good' },
        when(f.firstSeenAt),
        LABELS.explanation(f.explanation.zh),
        f.threshold
          ? [`允许 ${f.threshold.hours.toFixed(1)} 小时，截止 ${when(f.threshold.deadline)}`, f.threshold.derivation.zh, [f.threshold.sampleSize !== undefined ? `样本 ${f.threshold.sampleSize} 单` : '', f.threshold.version !== undefined ? `阈值表第 ${f.threshold.version} 版` : ''].filter(Boolean).join('，')].filter(Boolean).join('\n')
          : '按规则判定（无时长阈值）',
      ]),
      { title, bookmark: !w.compact },
    );
  }
  if (ev.exemptions.length > 0) {
    pdf.table(
      [
        { header: '合理延迟（豁免）', width: 30 },
        { header: '识别依据', width: 45 },
        { header: '新截止时间', width: 25 },
      ],
      ev.exemptions.map((e) => [e.reason.zh, `${EXEMPTION_SOURCES[e.source] ?? '订单信息'}：${maskPhonesIn(e.matched)}`, when(e.newDeadline)]),
    );
  }
}

const EXEMPTION_SOURCES: Readonly<Record<string, string>> = { tag: '订单标签', buyer_note: '买家留言', seller_note: '卖家备注', order_note: '订单备注', presale: '预售标记', sku_attribute: '商品属性', calendar: '营业日历' };

// The logistics track and the stock readings have sections of their own: the timeline keeps the steps,
// the customer's contacts, notes and the order's own stock movements. In an incident's report the
// contacts have their section too.
const TIMELINE_KINDS = new Set(['stage', 'contact', 'note', 'inventory_change']);
const TIMELINE_KINDS_COMPACT = new Set(['stage', 'note', 'inventory_change']);

function writeTimeline(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting): void {
  const events = ev.view.timeline.filter((e) => (w.compact ? TIMELINE_KINDS_COMPACT : TIMELINE_KINDS).has(e.kind));
  const max = w.compact ? 16 : 200;
  const shown = events.length > max ? [...events.slice(0, max - 4), ...events.slice(-4)] : events;
  pdf.table(
    [
      { header: '时间', width: 16 },
      { header: '类型', width: 10 },
      { header: '内容', width: 60 },
      { header: '来源', width: 14 },
    ],
    shown.map((e) => [when(e.occurredAt), LABELS.eventKind(e.kind), clip(describeEvent(e), 300), LABELS.source(e.source)]),
    { title: `${w.prefix}时间线（${w.compact ? '环节、备注、本单库存变动' : '环节、客户沟通、备注、本单库存变动'}）`, bookmark: !w.compact },
  );
  if (shown.length < events.length) pdf.note(`共 ${events.length} 条，列出最早的 ${max - 4} 条和最近的 4 条。`);
}

function writeLogistics(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting): void {
  const track = ev.view.logistics;
  if (track.length === 0) {
    pdf.subheading(`${w.prefix}物流轨迹`, { bookmark: !w.compact, keep: 20 });
    pdf.note(ev.view.order.shipments.length > 0 ? '已有运单号，但还没有任何物流轨迹（快递未揽收或未回传）。' : '还没有运单和物流轨迹（未出库）。');
    return;
  }
  const max = w.compact ? 5 : 100;
  const shown = track.length > max ? track.slice(-max) : track;
  pdf.table(
    [
      { header: '时间', width: 16 },
      { header: '快递 / 运单号', width: 24 },
      { header: '状态', width: 11 },
      { header: '详情', width: 35 },
      { header: '地点', width: 14 },
    ],
    shown.map((l) => [
      when(l.occurredAt),
      `${LABELS.carrier(l.carrier)} ${l.trackingNo}`,
      ['pickup_failed', 'problem', 'refused', 'returning', 'returned', 'no_update'].includes(l.state) ? { text: LABELS.logistics(l.state), tone: 'bad' } : LABELS.logistics(l.state),
      maskPhonesIn(l.detail),
      l.location ?? '',
    ]),
    { title: `${w.prefix}物流轨迹`, bookmark: !w.compact },
  );
  if (shown.length < track.length) pdf.note(`共 ${track.length} 条轨迹，列出最近 ${shown.length} 条。`);
}

function writeContacts(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting): void {
  pdf.subheading(`${w.prefix}客户沟通记录`, { bookmark: !w.compact });
  const contacts = ev.view.contacts;
  if (contacts.length === 0) {
    pdf.note('没有客户沟通记录。');
    return;
  }
  for (const c of contacts) {
    pdf.paragraph(`${when(c.occurredAt)}\u3000${LABELS.contactChannel(c.channel)} · ${LABELS.direction(c.direction)}${c.agent ? ` · 客服 ${c.agent}` : ''}`, { bold: true, size: 9 });
    pdf.paragraph(maskPhonesIn(c.text), { size: 9 });
    const images = c.attachments
      .map((a) => ({ meta: a, file: ev.files.get(a.id) }))
      .filter((x) => x.file !== undefined && /^image\/(png|jpe?g)$/i.test(x.meta.contentType))
      .map((x, i) => ({ bytes: x.file!.bytes, caption: `${screenshotName(x.meta.filename, i)}（${Math.max(1, Math.round(x.meta.size / 1024))} KB）` }));
    if (images.length > 0) pdf.images(images, w.compact ? { width: 110, height: 170 } : { width: 152, height: 230 });
    for (const a of c.attachments) {
      const file = ev.files.get(a.id);
      if (!file) pdf.note(`附件 ${a.filename} 已丢失（存储中找不到）。`);
      else if (!/^image\/(png|jpe?g)$/i.test(a.contentType)) {
        pdf.attach(file.bytes, a.filename, a.contentType, `客户沟通附件 ${when(c.occurredAt)}`);
        pdf.note(`附件 ${a.filename} 已作为文件嵌入本 PDF，可在阅读器的"附件"面板打开。`);
      }
    }
    pdf.space(0.2);
  }
}

function othersText(others: ReadonlyMap<string, number>): string {
  return [...others.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${LABELS.stockReason(reason)} ${n} 次`)
    .join('、');
}

/** writeStockCheck is the short stock section: the reading the order was judged on, its own reservation and outbound, and what the window held. */
function writeStockCheck(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting, appendixOn: boolean): void {
  const title = `${w.prefix}库存核对`;
  const s = ev.stock;
  const where = s.warehouse ? `${s.warehouse} 仓` : '各仓';
  const rows = [
    ...s.checks.map((c) => ({ at: c.reading.occurredAt, cells: [when(c.reading.occurredAt), '下单前最近读数', `${c.sku}：可用 ${c.reading.available}，已占用 ${c.reading.reserved}，可售余量 ${c.free}；本单 ${c.quantity} 件`, c.short ? { text: '不足：超卖', tone: 'bad' as const } : { text: '充足', tone: 'good' as const }], mark: c.short })),
    ...s.rows.filter((r) => r.own).map((r) => ({ at: r.event.occurredAt, cells: [when(r.event.occurredAt), '本单', describeEvent(r.event), ''], mark: true })),
  ].sort((a, b) => a.at - b.at);
  if (rows.length === 0) {
    pdf.subheading(title, { bookmark: !w.compact, keep: 20 });
    pdf.note(`${where}没有本单 SKU 在 ${when(s.from)} 至 ${when(s.to)} 之间的库存读数或变动。`);
    return;
  }
  pdf.table(
    [
      { header: '时间', width: 16 },
      { header: '类型', width: 14 },
      { header: '内容', width: 54 },
      { header: '判定', width: 16 },
    ],
    rows.map((r) => r.cells),
    { highlight: (i) => rows[i]!.mark, title, bookmark: !w.compact },
  );
  const notes: string[] = [`范围：${where}、本单 SKU，${when(s.from)} 至 ${when(s.to)}`];
  if (s.shortReadings > 0) notes.push(`其间 ${s.shortReadings} 次读数的可售余量为负（已卖出多于库存）`);
  if (s.others.size > 0) notes.push(`同期其他订单：${othersText(s.others)}`);
  if (s.rows.length > s.checks.length + s.rows.filter((r) => r.own).length) notes.push(appendixOn ? '逐条读数见附录' : '逐条读数可在生成报告时选择附带附录');
  pdf.note(`${notes.join('；')}。`);
}

/** writeStockAppendix lists an order's stock readings (thinned) and own movements in its window, the short and own ones highlighted. */
export function writeStockAppendix(pdf: ReportPdf, ev: OrderEvidence, title: string): void {
  const s = ev.stock;
  if (s.rows.length === 0) {
    pdf.subheading(title, { bookmark: true, keep: 20 });
    pdf.note('这段时间没有读数或本单的变动。');
    return;
  }
  pdf.table(
    [
      { header: '时间', width: 16 },
      { header: '类型', width: 12 },
      { header: '内容', width: 56 },
      { header: '标记', width: 16 },
    ],
    s.rows.map((r) => [when(r.event.occurredAt), r.event.kind === 'inventory_level' ? '库存读数' : '库存变动', describeEvent(r.event), r.own ? '本单' : r.short ? { text: '余量为负', tone: 'bad' } : '']),
    { highlight: (i) => s.rows[i]!.own || s.rows[i]!.short, fontSize: 8, title, bookmark: true },
  );
  const notes = [`范围：${s.warehouse ? `${s.warehouse} 仓` : '各仓'}、本单 SKU，${when(s.from)} 至 ${when(s.to)}`];
  const listed = s.rows.filter((r) => r.event.kind === 'inventory_level').length;
  if (s.readingsLeftOut > 0) notes.push(`窗口内读数共 ${listed + s.readingsLeftOut} 次，列出下单前最近一次起的 ${listed} 次（余量为负的全部列出，其余均匀抽取）`);
  if (s.others.size > 0) notes.push(`其他订单的变动不逐条列出：${othersText(s.others)}`);
  if (s.truncated) notes.push('变动过多，只读取了前一部分');
  pdf.note(`${notes.join('；')}。`);
}

/** SECTION_ORDER: the sections follow the case — the logistics first for a carrier case, the stock first for a stock case. */
const SECTION_ORDER: Readonly<Record<CaseKind, ReadonlyArray<'timeline' | 'logistics' | 'contacts' | 'stock'>>> = {
  logistics: ['logistics', 'contacts', 'timeline', 'stock'],
  stock: ['stock', 'contacts', 'timeline', 'logistics'],
  warehouse: ['timeline', 'contacts', 'logistics', 'stock'],
  service: ['timeline', 'contacts', 'logistics', 'stock'],
  data: ['timeline', 'contacts', 'logistics', 'stock'],
  none: ['timeline', 'contacts', 'logistics', 'stock'],
};

/** writeOrderBody writes an order's facts, findings and evidence sections in the order its case calls for. */
export function writeOrderBody(pdf: ReportPdf, ev: OrderEvidence, w: OrderWriting, appendixOn: boolean): void {
  writeFacts(pdf, ev, w);
  writeFindings(pdf, ev, w);
  for (const section of SECTION_ORDER[ev.case.kind]) {
    if (section === 'timeline') writeTimeline(pdf, ev, w);
    else if (section === 'logistics') writeLogistics(pdf, ev, w);
    else if (section === 'contacts') writeContacts(pdf, ev, w);
    else writeStockCheck(pdf, ev, w, appendixOn);
  }
}

/**
 * CAPTION_NAME_MAX is the longest file name a screenshot's one-line caption
 * shows whole under the narrowest image (110 pt at 7.5 pt); a longer one
 * (a chat export's "chat-<order number>.png") was cut with an ellipsis
 * inside the order number, which a search of the PDF then misses.
 */
const CAPTION_NAME_MAX = 16;

/** screenshotName is a screenshot's caption name: its file name when it fits whole, else "截图 N". */
export function screenshotName(filename: string, index: number): string {
  return [...filename].length <= CAPTION_NAME_MAX ? filename : `截图 ${index + 1}`;
}
