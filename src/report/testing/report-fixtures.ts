import { deflateSync } from 'node:zlib';
import type { OrderEvent } from '../../domain/event.js';
import type { Finding } from '../../domain/finding.js';
import type { Incident, IncidentLogEntry } from '../../domain/incident.js';
import type { Store } from '../../store/store.js';
import { at, sampleOrder } from '../../store/testing/store-fixtures.js';

const HOUR = 3_600_000;

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * chatScreenshot draws a phone chat screenshot as an RGB PNG: a green title
 * bar and alternating bubbles whose colour depends on `seed` — a real image
 * for the report to embed and for a person to recognise on the page.
 */
export function chatScreenshot(seed: number, width = 270, height = 480, textured = false): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  // `textured` sprinkles glyph-like strokes into the bubbles, so the file compresses like a real screenshot (hundreds of KB at phone size).
  let state = seed + 1;
  const random = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const accent: [number, number, number] = [[7, 193, 96], [230, 126, 34], [52, 120, 246]][seed % 3] as [number, number, number];
  const k = width / 270;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const [sx, sy] = [x / k, y / k];
      const band = Math.floor((sy - 50) / 60);
      const inBand = sy > 50 && (sy - 50) % 60 > 10 && (sy - 50) % 60 < 48;
      const left = band % 2 === 0;
      const inBubble = inBand && (left ? sx > 16 && sx < 180 : sx > 90 && sx < 254);
      const glyph = textured && inBubble && random() < 0.12;
      const [r, g, b] = sy < 40 ? accent : glyph ? [Math.floor(random() * 120), Math.floor(random() * 120), Math.floor(random() * 120)] : inBubble ? (left ? [255, 255, 255] : [149, 236, 105]) : [237, 237, 237];
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** STUCK_ORDER is the order the fixture's story is about: picked in Hangzhou, then nothing for three days. */
export const STUCK_ORDER = 'taobao:T20261111001';
export const STUCK_INCIDENT = 'INC-T1';
export const T_PLACED = at('2026-11-11 10:00:00');

/**
 * seedStuckOrder writes a late order's whole story into a store: placed,
 * reviewed, picked, then stuck; stock movements of its SKU; a failed pickup;
 * a complaint with three chat screenshots; a stalled finding with its
 * threshold; and an incident acknowledged, resolved and closed with a root
 * cause. Returns the times it used.
 */
export async function seedStuckOrder(
  store: Store,
  options: { readonly screenshots?: number; readonly close?: boolean; readonly screenshot?: (i: number) => Buffer } = {},
): Promise<{ readonly closedAt: number }> {
  const order = sampleOrder({
    channelOrderId: 'T20261111001',
    placedAt: T_PLACED,
    paidAt: T_PLACED + 60_000,
    promisedShipBy: T_PLACED + 48 * HOUR,
    customer: { tier: 'vip', nick: '小王' },
    warehouse: 'HZ-01',
    batch: 'W-1111-07',
    items: [{ sku: 'CUP-500', title: '真空保温杯 500ml 星空蓝', quantity: 2, unitPriceFen: 9950, category: 'home' }],
    itemsTotalFen: 19900,
    paidFen: 19900,
    buyerNote: '请尽快发货，周末要用',
    shipments: [{ carrier: '中通快递', trackingNo: 'ZT7788990011' }],
  });
  const id = order.id;
  const shots = options.screenshots ?? 3;
  const attachments = new Map(Array.from({ length: shots }, (_, i) => [`att-${i + 1}`, { filename: `聊天截图-${i + 1}.png`, contentType: 'image/png', bytes: (options.screenshot ?? chatScreenshot)(i) }] as const));
  const events: OrderEvent[] = [
    { kind: 'stage', id: 'wms:1', source: 'wms', occurredAt: T_PLACED + 1 * HOUR, orderId: id, stage: 'reviewed', operator: '审单员 周婷' },
    { kind: 'stage', id: 'wms:2', source: 'wms', occurredAt: T_PLACED + 3 * HOUR, orderId: id, stage: 'label_printed', warehouse: 'HZ-01', batch: 'W-1111-07' },
    { kind: 'stage', id: 'wms:3', source: 'wms', occurredAt: T_PLACED + 5 * HOUR, orderId: id, stage: 'picked', warehouse: 'HZ-01', batch: 'W-1111-07', operator: '拣货员 陈亮' },
    { kind: 'inventory_level', id: 'erp:l1', source: 'erp', occurredAt: T_PLACED - 2 * HOUR, sku: 'CUP-500', warehouse: 'HZ-01', available: 3, reserved: 1 },
    { kind: 'inventory_change', id: 'erp:c1', source: 'erp', occurredAt: T_PLACED - 30 * HOUR, sku: 'CUP-500', warehouse: 'HZ-01', delta: 20, reason: '采购入库' },
    { kind: 'inventory_change', id: 'erp:c2', source: 'erp', occurredAt: T_PLACED + 60_000, sku: 'CUP-500', warehouse: 'HZ-01', delta: -2, reason: '订单占用', orderId: id },
    { kind: 'inventory_change', id: 'erp:c3', source: 'erp', occurredAt: T_PLACED + 6 * HOUR, sku: 'CUP-500', warehouse: 'HZ-01', delta: -1, reason: '盘点差异' },
    { kind: 'logistics', id: 'kd:1', source: 'kuaidi100', occurredAt: T_PLACED + 20 * HOUR, orderId: id, carrier: '中通快递', trackingNo: 'ZT7788990011', state: 'pickup_failed', detail: '快递员上门揽收失败：包裹未打包完成', location: '杭州余杭' },
    {
      kind: 'contact',
      id: 'crm:1',
      source: 'crm',
      occurredAt: T_PLACED + 50 * HOUR,
      orderId: id,
      channel: 'complaint',
      direction: 'inbound',
      agent: '李娜',
      text: '客户投诉：已经三天了还没发货，说好周末要用，要求今天必须发出',
      attachments: [...attachments].map(([aid, a]) => ({ id: aid, filename: a.filename, contentType: a.contentType, size: a.bytes.length })),
    },
    { kind: 'note', id: 'crm:2', source: 'crm', occurredAt: T_PLACED + 51 * HOUR, orderId: id, author: '客服 李娜', text: '已安抚客户，承诺今天内发出并补偿 10 元优惠券' },
  ];
  await store.ingest({ orders: [order], events, attachments }, T_PLACED + 52 * HOUR);

  const detectedAt = T_PLACED + 29 * HOUR;
  const stalled: Finding = {
    orderId: id,
    code: 'stage.stalled',
    key: 'picked',
    severity: 'critical',
    detectedAt,
    explanation: { zh: '已拣货 24 小时仍未出库，超过同类订单的正常时长', en: 'picked 24 h ago and not shipped' },
    evidence: { stage: 'picked', since: T_PLACED + 5 * HOUR },
    threshold: {
      hours: 8.6,
      deadline: T_PLACED + 13.6 * HOUR,
      policy: 'seed-formula',
      segment: 'home/浙江省/taobao',
      sampleSize: 412,
      version: 3,
      derivation: { zh: '同类订单（家居 × 浙江省 × 淘宝，412 单）平均 3.7 小时 × 1.8 + 区域物流缓冲 2 小时 = 8.6 小时', en: 'mean 3.7 h × 1.8 + 2 h' },
    },
  };
  await store.detection.saveJudgements([{ orderId: id, findings: [stalled], exemptions: [], nextCheckAt: undefined }], detectedAt);

  const openedAt = detectedAt + 5 * 60_000;
  const incident: Incident = {
    id: STUCK_INCIDENT,
    groupKey: `order:${id}`,
    scope: 'order',
    title: { zh: '订单 T20261111001 已拣货未出库', en: 'Order T20261111001 picked, not shipped' },
    state: 'open',
    level: 1,
    grade: 'A',
    ownerRole: 'supervisor',
    openedAt,
    notifyAt: openedAt,
    notifiedAt: openedAt,
    responseDeadline: openedAt + 30 * 60_000,
    escalations: 0,
    remindersSent: 0,
    checklist: [{ id: 'call', kind: 'call', label: { zh: '主管致电客户', en: 'call the customer' }, done: false }],
    compensations: [],
    ratings: [],
    suggestResolve: false,
    activeMembers: 1,
    orderIds: [id],
    orderCount: 1,
    channels: [id.split(':')[0] ?? ''],
    codes: ['stage.stalled'],
    updatedAt: openedAt,
  };
  await store.response.openIncident({
    incident,
    log: [{ incidentId: incident.id, at: openedAt, actor: 'system', action: 'open', toState: 'open' }],
    addMembers: [{ orderId: id, code: 'stage.stalled', key: 'picked', addedAt: openedAt }],
  });
  const steps: Array<[number, Partial<Incident>, IncidentLogEntry]> = [
    [openedAt + 20 * 60_000, { state: 'acknowledged', acknowledgedAt: openedAt + 20 * 60_000 }, { incidentId: incident.id, at: openedAt + 20 * 60_000, actor: 'sun', action: 'acknowledge', fromState: 'open', toState: 'acknowledged' }],
    [
      openedAt + 22 * HOUR,
      {
        checklist: [{ id: 'call', kind: 'call', label: { zh: '主管致电客户', en: 'call the customer' }, done: true, doneBy: 'sun', doneAt: openedAt + 22 * HOUR }],
        compensations: [{ id: 'C-1', kind: 'coupon', amountFen: 1000, requestedBy: 'sun', requestedAt: openedAt + 22 * HOUR, state: 'granted' }],
      },
      { incidentId: incident.id, at: openedAt + 22 * HOUR, actor: 'sun', action: 'compensate', detail: { id: 'C-1', kind: 'coupon', amountFen: 1000 } },
    ],
    [openedAt + 26 * HOUR, { state: 'resolved', resolvedAt: openedAt + 26 * HOUR }, { incidentId: incident.id, at: openedAt + 26 * HOUR, actor: 'sun', action: 'resolve', fromState: 'acknowledged', toState: 'resolved', reason: '仓库已补打包并出库' }],
  ];
  let closedAt = 0;
  if (options.close !== false) {
    closedAt = openedAt + 27 * HOUR;
    steps.push([
      closedAt,
      { state: 'closed', closedAt, rootCause: { class: 'human', subCause: 'packing_error', note: '打包台漏扫，包裹滞留' } },
      { incidentId: incident.id, at: closedAt, actor: 'sun', action: 'close', fromState: 'resolved', toState: 'closed', detail: { rootCause: { class: 'human', subCause: 'packing_error', note: '打包台漏扫，包裹滞留' } } },
    ]);
  }
  for (const [when, change, entry] of steps) {
    await store.response.changeIncident(incident.id, (cur) => ({ incident: { ...cur, ...change, updatedAt: when }, log: [entry] }));
  }
  return { closedAt };
}
