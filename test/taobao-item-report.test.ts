import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stockCheck } from '../src/detect/checks/stock.js';
import { testContext } from '../src/detect/checks/test-orders.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { freshSchema, postgresAvailable, TEST_POSTGRES_URL } from '../src/store/testing/postgres-url.js';
import { TAOBAO_ITEM_REPORT_HEADERS } from '../src/ingest/exports/index.js';
import { ITEM_REPORT_TAG } from '../src/ingest/exports/replace-order-lines.js';
import { makeTempFiles, type TempFiles } from '../src/ingest/files/test-files.js';
import { importFiles } from '../src/ingest/import-files.js';

// The header rows are the real ones: the 宝贝报表's as two public importers
// read it (TAOBAO_ITEM_REPORT_HEADERS) and the 订单报表's as the Taobao
// profile's tests write it, trailing spaces included (see
// samples/SOURCES.md). Every data row is made up.
const ORDER_REPORT_HEADER = '订单编号,买家会员名,买家实际支付金额,总金额 ,邮费,订单状态,买家留言,收货人姓名,收货地址 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝总数量,商家编码,物流单号 ,物流公司,店铺名称';

/** orderRow is one 订单报表 row: the order's total, its made-up joined title and total quantity. */
function orderRow(no: string, over: { paid?: string; total?: string; title?: string; quantity?: number; status?: string; paidAt?: string } = {}): string {
  const title = over.title ?? '加厚保温杯 500ml，杯套';
  return [
    `="${no}"`, '小王爱购物', over.paid ?? '127.00', over.total ?? '127.00', '0.00', over.status ?? '买家已付款，等待卖家发货', '', '王小明',
    '浙江省 杭州市 西湖区 文三路100号(310000)', "'13812345678", '2026-11-10 09:00:00', over.paidAt ?? '2026-11-10 09:01:05', title, String(over.quantity ?? 3), '"CUP-500-W,SLV-01"', '', '', '山野果园旗舰店',
  ].join(',');
}

/** itemRow is one 宝贝报表 row (one line) in the real column order. */
function itemRow(no: string, title: string, price: string, quantity: string, sku: string, attributes = '', outerId = ''): string {
  return [`="${no}"`, title, price, quantity, outerId, attributes, '', '', '买家已付款，等待卖家发货', sku].join(',');
}

const ITEM_HEADER = TAOBAO_ITEM_REPORT_HEADERS.join(',');
const ORDERS = `${ORDER_REPORT_HEADER}\n${orderRow('3921874561234567890')}\n${orderRow('3921874561234567891', { paid: '59.00', total: '59.00', title: '加厚保温杯 500ml', quantity: 1 })}\n`;
const ITEMS =
  `${ITEM_HEADER}\n` +
  `${itemRow('3921874561234567890', '加厚保温杯 500ml', '59.00', '2', 'CUP-500-W', '颜色分类:白色;容量:500ml')}\n` +
  `${itemRow('3921874561234567890', '杯套', '9.00', '1', '', '', 'SLV-OUTER-01')}\n` +
  `${itemRow('3921874561234567891', '加厚保温杯 500ml', '59.00', '1', 'CUP-500-B', '颜色分类:黑色')}\n`;

const receivedAt = Date.parse('2026-11-12T00:00:00Z');

function itemReportImport(name: string, open: () => Promise<Store>): void {
  describe(`Taobao 宝贝报表 import: ${name}`, () => {
    let files: TempFiles;
    let store: Store;
    beforeAll(async () => {
      files = await makeTempFiles();
    });
    afterAll(() => files.remove());
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    const importTaobao = (paths: string[]) => importFiles(paths, store, { channel: 'taobao', receivedAt });

    it.each([
      { name: 'order report first', order: (o: string, i: string) => [o, i] },
      { name: 'item report first', order: (o: string, i: string) => [i, o] },
    ])('gives the orders of the 订单报表 their real lines ($name)', async ({ order }) => {
      const summary = await importTaobao(order(await files.write('ExportOrderList.csv', ORDERS), await files.write('ExportOrderDetailList.csv', ITEMS)));
      expect(summary.errors).toEqual([]);
      expect(summary.warnings).toBeUndefined();
      // The order report's file is imported first whatever the order given.
      expect(summary.files.map((f) => [f.file.split('/').pop(), f.accepted, f.rejected])).toEqual([
        ['ExportOrderList.csv', 2, 0],
        ['ExportOrderDetailList.csv', 2, 0],
      ]);
      const first = await store.getOrder('taobao:3921874561234567890');
      expect(first?.items).toEqual([
        { sku: 'CUP-500-W', title: '加厚保温杯 500ml', quantity: 2, unitPriceFen: 5900, attributes: ['颜色分类:白色', '容量:500ml'] },
        { sku: 'SLV-OUTER-01', title: '杯套', quantity: 1, unitPriceFen: 900 },
      ]);
      expect(first).toMatchObject({ itemsTotalFen: 12700, paidFen: 12700, discountFen: 0, stage: 'paid', tags: [ITEM_REPORT_TAG] });
      expect((await store.getOrder('taobao:3921874561234567891'))?.items.map((i) => i.sku)).toEqual(['CUP-500-B']);
      // Lookup and the console read the real first line.
      expect((await store.lookup('3921874561234567890'))[0]?.firstItemTitle).toBe('加厚保温杯 500ml');
    });

    it('lets the stock check see the real SKUs', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS), await files.write('items.csv', ITEMS)]);
      const order = await store.getOrder('taobao:3921874561234567890');
      if (order === undefined) throw new Error('order not stored');
      // One cup left and two ordered: only the real line's 商家编码 can say so (the 订单报表's is "CUP-500-W,SLV-01").
      const stock = [{ sku: 'CUP-500-W', warehouse: 'HZ-01', available: 1, reserved: 0, syncedAt: order.placedAt }];
      const findings = stockCheck.run({ order, events: [] }, testContext({ now: order.placedAt + 60_000, stock }));
      expect(findings.map((f) => [f.code, f.key])).toEqual([['stock.oversold', 'CUP-500-W']]);
    });

    it('adds the lines to orders stored by an earlier import, and changes nothing the second time', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS)]);
      const before = await store.getOrder('taobao:3921874561234567890');
      expect(before?.items).toHaveLength(1);
      const items = await files.write('items.csv', ITEMS);
      expect(await importTaobao([items])).toMatchObject({ accepted: 2, updated: 2, rejected: 0, duplicates: 0 });
      const after = await store.getOrder('taobao:3921874561234567890');
      expect(after?.items.map((i) => i.sku)).toEqual(['CUP-500-W', 'SLV-OUTER-01']);
      expect(after?.modifiedAt).toBe((before?.modifiedAt ?? 0) + 1);
      expect(await importTaobao([items])).toMatchObject({ accepted: 0, updated: 0, rejected: 0, duplicates: 2 });
      expect(await store.getOrder('taobao:3921874561234567890')).toEqual(after);
      // The 订单报表 again, and both files again: duplicates too.
      expect(await importTaobao([files.path('orders.csv'), items])).toMatchObject({ accepted: 0, rejected: 0, duplicates: 4 });
    });

    it('keeps the real lines when a newer 订单报表 row of the order arrives alone', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS), await files.write('items.csv', ITEMS)]);
      const shipped = `${ORDER_REPORT_HEADER}\n${orderRow('3921874561234567890', { status: '卖家已发货，等待买家确认', paidAt: '2026-11-10 09:30:00' })}\n`;
      expect(await importTaobao([await files.write('orders-later.csv', shipped)])).toMatchObject({ accepted: 1, updated: 1 });
      const order = await store.getOrder('taobao:3921874561234567890');
      expect(order?.items.map((i) => i.sku)).toEqual(['CUP-500-W', 'SLV-OUTER-01']);
      expect(order).toMatchObject({ channelStatus: '卖家已发货，等待买家确认', itemsTotalFen: 12700 });
    });

    it('rejects the lines of unknown orders and bad cells with record, column and reason, and stores the rest', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS)]);
      const bad =
        `${ITEM_HEADER}\n` +
        `${itemRow('3921874561234567899', '不存在的订单', '10.00', '1', 'X-1')}\n` +
        `${itemRow('3921874561234567890', '加厚保温杯 500ml', '五十九', '2', 'CUP-500-W')}\n` +
        `${itemRow('3921874561234567890', '杯套', '9.00', '0', 'SLV-01')}\n` +
        `${itemRow('3921874561234567891', '加厚保温杯 500ml', '59.00', '1', 'CUP-500-B')}\n`;
      const summary = await importTaobao([await files.write('bad-items.csv', bad)]);
      expect(summary).toMatchObject({ accepted: 1, rejected: 2 });
      expect(summary.errors).toEqual([
        { record: 1, field: '订单编号', message: expect.stringMatching(/order 3921874561234567899 is neither in the 订单报表 of this import nor in the store: import the 订单报表 \(order report\) first, or both files together/) },
        { record: 2, field: 'row 1: 价格', message: 'must be an amount in yuan like "12.30", got "五十九"' },
        { record: 2, field: 'row 2: 购买数量', message: 'must be at least 1, got 0' },
      ]);
      // The rejected order is untouched: its one line from the 订单报表, nothing half written.
      expect((await store.getOrder('taobao:3921874561234567890'))?.items).toHaveLength(1);
      expect((await store.getOrder('taobao:3921874561234567891'))?.items.map((i) => i.sku)).toEqual(['CUP-500-B']);
    });

    it('keeps lines that do not add up to the 总金额 and says so on the record', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS)]);
      const dearer = `${ITEM_HEADER}\n${itemRow('3921874561234567891', '加厚保温杯 500ml', '69.00', '1', 'CUP-500-B')}\n`;
      const summary = await importTaobao([await files.write('dearer.csv', dearer)]);
      expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
      expect(summary.warnings).toEqual([
        { record: 1, field: '价格', message: "the lines add up to ¥69.00 (价格 × 购买数量), the 订单报表 (总金额 less 邮费) to ¥59.00 of goods: the lines are kept; check the order's amounts" },
      ]);
      expect(await store.getOrder('taobao:3921874561234567891')).toMatchObject({ itemsTotalFen: 6900, paidFen: 5900, discountFen: 1000 });
    });

    it('refuses an order whose rows come twice, apart', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS)]);
      const apart =
        `${ITEM_HEADER}\n${itemRow('3921874561234567890', '加厚保温杯 500ml', '59.00', '2', 'CUP-500-W')}\n` +
        `${itemRow('3921874561234567891', '加厚保温杯 500ml', '59.00', '1', 'CUP-500-B')}\n${itemRow('3921874561234567890', '杯套', '9.00', '1', 'SLV-01')}\n`;
      const summary = await importTaobao([await files.write('apart.csv', apart)]);
      expect(summary).toMatchObject({ accepted: 2, rejected: 1 });
      expect(summary.errors).toEqual([{ record: 3, field: '订单编号', message: expect.stringMatching(/came already at record 1 and are not next to these/) }]);
    });

    it('reads an XLSX 宝贝报表', async () => {
      await importTaobao([await files.write('orders.csv', ORDERS)]);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('宝贝报表');
      sheet.addRow([...TAOBAO_ITEM_REPORT_HEADERS]);
      sheet.addRow(['3921874561234567891', '加厚保温杯 500ml', 59, 1, '', '颜色分类:黑色', '', '', '买家已付款，等待卖家发货', 'CUP-500-B']);
      const path = files.path('ExportOrderDetailList.xlsx');
      await workbook.xlsx.writeFile(path);
      expect(await importTaobao([path])).toMatchObject({ accepted: 1, rejected: 0, errors: [] });
      expect((await store.getOrder('taobao:3921874561234567891'))?.items).toEqual([{ sku: 'CUP-500-B', title: '加厚保温杯 500ml', quantity: 1, unitPriceFen: 5900, attributes: ['颜色分类:黑色'] }]);
    });
  });
}

itemReportImport('SQLite', () => openStore(':memory:'));
if (await postgresAvailable()) itemReportImport('PostgreSQL', () => openStore(TEST_POSTGRES_URL, { schema: freshSchema('ow_items') }));
