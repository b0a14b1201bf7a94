import type { OrderEvent } from '../../domain/event.js';
import { FINDING_LABELS } from '../../domain/finding-labels.js';
import type { FindingCode } from '../../domain/finding.js';
import { maskPhone } from '../../domain/phone.js';
import { clip, span, when, yuan } from '../format.js';
import { LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from '../labels.js';
import { ReportPdf } from '../pdf/report-pdf.js';
import type { EvidenceData, OrderEvidence } from './evidence-data.js';
import { writeIncidentSections } from './incident-sections.js';

/** MAX_INVENTORY_ROWS: a busy SKU moves thousands of times; the report shows the movements nearest the order. */
export const MAX_INVENTORY_ROWS = 60;

/** describeEvent is one timeline line in words. */
export function describeEvent(e: OrderEvent): string {
  switch (e.kind) {
    case 'stage':
      return [LABELS.stage(e.stage), e.warehouse && `仓库 ${e.warehouse}`, e.batch && `批次 ${e.batch}`, e.operator && `操作人 ${e.operator}`, e.note].filter(Boolean).join('，');
    case 'logistics':
      return [e.carrier, e.trackingNo, LABELS.logistics(e.state), e.detail, e.location].filter(Boolean).join(' ');
    case 'contact':
      return `${LABELS.contactChannel(e.channel)}（${LABELS.direction(e.direction)}${e.agent ? `，${e.agent}` : ''}）：${e.text}${e.attachments.length ? `［附件 ${e.attachments.length} 个］` : ''}`;
    case 'note':
      return `${e.author ? `${e.author}：` : ''}${e.text}`;
    case 'inventory_level':
      return `${e.sku} @ ${e.warehouse} 可用 ${e.available}，占用 ${e.reserved}`;
    case 'inventory_change':
      return `${e.sku} @ ${e.warehouse} ${e.delta > 0 ? '+' : ''}${e.delta}（${e.reason}）`;
  }
}

function findingLabel(code: string): string {
  return Object.hasOwn(FINDING_LABELS, code) ? FINDING_LABELS[code as FindingCode].zh : code;
}

function writeOrder(pdf: ReportPdf, evidence: OrderEvidence, n: number, data: EvidenceData, vocabulary: ReportVocabulary): void {
  const { view, findings, exemptions, files } = evidence;
  const o = view.order;
  const now = data.generatedAt;
  const section = (title: string): void => pdf.heading(`${data.orders.length > 1 ? `${n}.` : ''}${title}`);

  section(`订单信息 ${o.channelOrderId}`);
  const address = [o.receiver.province, o.receiver.city, o.receiver.district, o.receiver.town, o.receiver.detail].filter(Boolean).join(' ');
  pdf.keyValues([
    ['订单编号', o.id],
    ['平台订单号', o.channelOrderId],
    ['销售渠道', `${LABELS.channel(o.channel)}${o.shop ? ` · ${o.shop}` : ''}`],
    ['平台状态', o.channelStatus ?? '—'],
    ['下单时间', when(o.placedAt)],
    ['付款时间', when(o.paidAt)],
    ['承诺发货', when(o.promisedShipBy)],
    ['承诺送达', when(o.promisedDeliveryBy)],
    ['当前环节', `${LABELS.stage(o.stage)}，自 ${when(o.stageEnteredAt)} 起已 ${span(now - o.stageEnteredAt)}`],
    ['客户等级', LABELS.tier(o.customer.tier)],
    ['实付金额', `${yuan(o.paidFen)}（商品 ${yuan(o.itemsTotalFen)}，运费 ${yuan(o.shippingFen)}，优惠 ${yuan(o.discountFen)}）`],
    ['仓库 / 批次', `${o.warehouse ?? '—'} / ${o.batch ?? '—'}`],
    ['收货人', `${o.receiver.name ?? '—'}  ${o.receiver.phone ? maskPhone(o.receiver.phone.raw) : ''}`],
    ['收货地址', address || '—'],
    ['运单', o.shipments.map((s) => `${s.carrier ?? ''} ${s.trackingNo}`.trim()).join('、') || '—'],
    ['标签', o.tags.join('、') || '—'],
    ['买家留言', o.buyerNote ?? '—'],
    ['卖家备注', o.sellerNote ?? '—'],
  ]);
  pdf.table(
    [
      { header: 'SKU', width: 16 },
      { header: '商品', width: 40 },
      { header: '数量', width: 8, align: 'right' },
      { header: '单价', width: 12, align: 'right' },
      { header: '实付', width: 12, align: 'right' },
      { header: '属性', width: 12 },
    ],
    o.items.map((i) => [i.sku, i.title ?? '', String(i.quantity), yuan(i.unitPriceFen), i.paidFen !== undefined ? yuan(i.paidFen) : '—', (i.attributes ?? []).join('、')]),
  );

  section('异常发现与判定依据');
  if (findings.length === 0) pdf.note('没有异常发现。');
  else {
    pdf.table(
      [
        { header: '异常', width: 14 },
        { header: '级别 / 状态', width: 11 },
        { header: '首次 / 最近发现', width: 16 },
        { header: '说明', width: 29 },
        { header: '判定阈值及来历', width: 30 },
      ],
      findings.map((f) => [
        `${findingLabel(f.code)}\n${f.code}`,
        `${LABELS.severity(f.severity)}\n${f.status === 'open' ? '未消除' : `已消除 ${when(f.resolvedAt)}`}`,
        `${when(f.firstSeenAt)}\n${when(f.lastSeenAt)}`,
        f.explanation.zh,
        f.threshold
          ? [
              `允许 ${f.threshold.hours.toFixed(1)} 小时，截止 ${when(f.threshold.deadline)}`,
              f.threshold.derivation.zh,
              `策略 ${f.threshold.policy}；分组 ${f.threshold.segment}${f.threshold.sampleSize !== undefined ? `；样本 ${f.threshold.sampleSize} 单` : ''}${f.threshold.version !== undefined ? `；阈值表 v${f.threshold.version}` : ''}`,
            ].join('\n')
          : '（非时效类检查，无阈值）',
      ]),
    );
  }
  if (exemptions.length > 0) {
    pdf.paragraph('合理延迟（豁免）', { bold: true, size: 9.5 });
    pdf.table(
      [
        { header: '场景', width: 30 },
        { header: '识别依据', width: 40 },
        { header: '新截止时间', width: 30 },
      ],
      exemptions.map((e) => [e.reason.zh, `${e.source}：${e.matched}`, when(e.newDeadline)]),
    );
  }

  section('完整时间线');
  pdf.table(
    [
      { header: '时间', width: 17 },
      { header: '类型', width: 11 },
      { header: '内容', width: 58 },
      { header: '来源', width: 14 },
    ],
    view.timeline.map((e) => [when(e.occurredAt), LABELS.eventKind(e.kind), clip(describeEvent(e), 400), e.source]),
  );

  section('库存变动记录（涉及 SKU）');
  if (view.inventory.levels.length > 0) {
    pdf.table(
      [
        { header: 'SKU', width: 22 },
        { header: '仓库', width: 18 },
        { header: '可用', width: 12, align: 'right' },
        { header: '占用', width: 12, align: 'right' },
        { header: 'ERP 最近同步', width: 20 },
        { header: '距今', width: 16 },
      ],
      view.inventory.levels.map((l) => [l.sku, l.warehouse, String(l.available), String(l.reserved), when(l.syncedAt), span(now - l.syncedAt)]),
    );
  }
  const changes = view.inventory.changes.filter((e) => e.kind === 'inventory_change' || e.kind === 'inventory_level');
  const shown = [...changes].sort((a, b) => Math.abs(a.occurredAt - o.placedAt) - Math.abs(b.occurredAt - o.placedAt)).slice(0, MAX_INVENTORY_ROWS).sort((a, b) => a.occurredAt - b.occurredAt);
  if (shown.length === 0) pdf.note('下单前一周起没有这些 SKU 的库存变动记录。');
  else {
    pdf.table(
      [
        { header: '时间', width: 16 },
        { header: '类型', width: 10 },
        { header: '变动', width: 42 },
        { header: '关联订单', width: 32 },
      ],
      shown.map((e) => [when(e.occurredAt), LABELS.eventKind(e.kind), describeEvent(e), e.kind === 'inventory_change' && e.orderId ? (e.orderId === o.id ? `${e.orderId}（本单）` : e.orderId) : '']),
    );
    if (shown.length < changes.length) pdf.note(`共 ${changes.length} 条（下单前一周起），列出最接近下单时间的 ${shown.length} 条；标"本单"的是这张订单自己的占用与出库。`);
  }

  section('物流轨迹');
  if (view.logistics.length === 0) pdf.note('还没有物流轨迹（未揽收）。');
  else {
    pdf.table(
      [
        { header: '时间', width: 17 },
        { header: '快递 / 运单号', width: 22 },
        { header: '状态', width: 11 },
        { header: '详情', width: 36 },
        { header: '地点', width: 14 },
      ],
      view.logistics.map((l) => [when(l.occurredAt), `${l.carrier ?? ''} ${l.trackingNo}`.trim(), LABELS.logistics(l.state), l.detail, l.location ?? '']),
    );
  }

  section('客户沟通记录');
  if (view.contacts.length === 0) pdf.note('没有客户沟通记录。');
  for (const c of view.contacts) {
    pdf.paragraph(`${when(c.occurredAt)}\u3000${LABELS.contactChannel(c.channel)} · ${LABELS.direction(c.direction)}${c.agent ? ` · 客服 ${c.agent}` : ''}`, { bold: true, size: 9.5 });
    pdf.paragraph(c.text, { size: 9.5 });
    const images = c.attachments
      .map((a) => ({ meta: a, file: files.get(a.id) }))
      .filter((x) => x.file !== undefined && /^image\/(png|jpe?g)$/i.test(x.meta.contentType))
      .map((x) => ({ bytes: x.file!.bytes, caption: `${x.meta.filename}（${Math.max(1, Math.round(x.meta.size / 1024))} KB）` }));
    if (images.length > 0) pdf.images(images);
    for (const a of c.attachments) {
      const file = files.get(a.id);
      if (!file) pdf.note(`附件 ${a.filename} 已丢失（存储中找不到）。`);
      else if (!/^image\/(png|jpe?g)$/i.test(a.contentType)) {
        pdf.attach(file.bytes, a.filename, a.contentType, `客户沟通附件 ${when(c.occurredAt)}`);
        pdf.note(`附件 ${a.filename}（${a.contentType}）已作为文件嵌入本 PDF，可在阅读器的"附件"面板打开。`);
      }
    }
    pdf.space(0.3);
  }

  section('处置记录');
  writeIncidentSections(pdf, data.target.kind === 'order' ? data.incidents : [], vocabulary);
  if (data.target.kind === 'incident') pdf.note('见报告开头的事件处置记录。');
}

/**
 * renderEvidencePdf writes the evidence chain (证据链) as a PDF in Chinese:
 * for an incident its facts and handling first, then each detailed order —
 * order facts, findings with their thresholds and how they were derived,
 * the full timeline, the stock movements of its SKUs, logistics attempts,
 * customer contacts with their screenshots embedded, and the handling.
 * Phone numbers are masked: the report goes to other departments.
 */
export async function renderEvidencePdf(data: EvidenceData, vocabulary: ReportVocabulary = PLAIN_VOCABULARY): Promise<Buffer> {
  const first = data.orders[0]?.view.order;
  const incident = data.target.kind === 'incident' ? data.incidents[0]?.incident : undefined;
  const pdf = new ReportPdf({
    title: incident ? '异常事件证据报告' : '订单异常证据报告',
    subtitle: incident
      ? `事件 ${incident.id} · ${incident.title.zh} · 涉及 ${data.totalOrders} 单`
      : first
        ? `订单 ${first.channelOrderId}（${LABELS.channel(first.channel)}）· ${LABELS.stage(first.stage)}`
        : undefined,
    generatedAt: data.generatedAt,
    ...(data.generatedBy !== undefined ? { generatedBy: data.generatedBy } : {}),
  });
  if (incident) {
    pdf.heading('事件概况与处置记录');
    writeIncidentSections(pdf, data.incidents, vocabulary);
  }
  data.orders.forEach((order, i) => writeOrder(pdf, order, i + 1, data, vocabulary));
  if (data.otherOrders.length > 0) {
    pdf.heading(`其余涉及订单（${data.totalOrders - data.orders.length} 单）`);
    pdf.table(
      [
        { header: '订单编号', width: 28 },
        { header: '下单时间', width: 18 },
        { header: '当前环节', width: 12 },
        { header: '地区', width: 18 },
        { header: '商品', width: 24 },
      ],
      data.otherOrders.map((o) => [o.id, when(o.placedAt), LABELS.stage(o.stage), [o.province, o.city].filter(Boolean).join(' '), clip(o.firstItemTitle, 40)]),
    );
    if (data.orders.length + data.otherOrders.length < data.totalOrders) pdf.note(`共 ${data.totalOrders} 单，列出前 ${data.orders.length + data.otherOrders.length} 单；完整名单可在控制台导出。`);
  }
  return pdf.finish();
}
