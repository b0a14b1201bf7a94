import ExcelJS, { type CellValue } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, readRecords } from './index.js';
import { makeTempFiles, readAll, type TempFiles } from './test-files.js';

let files: TempFiles;
beforeAll(async () => {
  files = await makeTempFiles();
});
afterAll(() => files.remove());

/** writeWorkbook writes a workbook whose first sheet holds `rows` (row 1 the header). */
async function writeWorkbook(name: string, rows: CellValue[][], extraSheet = false): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('订单');
  rows.forEach((row, i) => {
    if (row.length > 0) sheet.getRow(i + 1).values = row;
  });
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
  if (extraSheet) workbook.addWorksheet('Other').addRow(['not', 'read']);
  const path = files.path(name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('readRecords on XLSX', () => {
  it('reads the first worksheet back, streaming, with the sheet’s text', async () => {
    const path = await writeWorkbook(
      'orders.xlsx',
      [
        [' 订单编号 ', '买家实际支付金额', '订单创建时间', '宝贝标题', '物流单号', '宝贝总数量', '订单编号'],
        [
          '3921874561234567890',
          12.5,
          new Date(Date.UTC(2026, 10, 11, 10, 0, 0)),
          { richText: [{ text: '新款 ' }, { text: 'T恤', font: { bold: true } }] },
          { text: 'SF1234567890', hyperlink: 'https://example.com/track' },
          { formula: 'A1', result: 3 },
          'dup',
        ],
        [],
        ['2', 1e21, null, '', "'13812345678", 123456789012345, ''],
      ],
      true,
    );
    expect(await readAll(path)).toEqual([
      {
        record: 1,
        value: {
          订单编号: '3921874561234567890',
          买家实际支付金额: '12.5',
          订单创建时间: '2026-11-11 10:00:00',
          宝贝标题: '新款 T恤',
          物流单号: 'SF1234567890',
          宝贝总数量: '3',
          '订单编号 (2)': 'dup',
        },
      },
      {
        record: 2,
        value: {
          订单编号: '2',
          买家实际支付金额: '1000000000000000000000',
          订单创建时间: '',
          宝贝标题: '',
          物流单号: '13812345678',
          宝贝总数量: '123456789012345',
          '订单编号 (2)': '',
        },
      },
    ]);
  });

  it('reports a row with more cells than headers', async () => {
    const path = await writeWorkbook('wide.xlsx', [['a', 'b'], ['1', '2', '3'], ['4', '5']]);
    expect(await readAll(path)).toEqual([
      { record: 1, error: { field: '(row)', message: 'sheet row 2 has 3 cells but the header has 2 columns (a delimiter inside an unquoted cell?)' } },
      { record: 2, value: { a: '4', b: '5' } },
    ]);
  });

  it('lets the consumer stop early', async () => {
    const rows = [['n'], ...Array.from({ length: 2000 }, (_, i) => [i])];
    const path = await writeWorkbook('early.xlsx', rows);
    let seen = 0;
    for await (const record of readRecords(path)) {
      expect(record).toEqual({ record: 1, value: { n: '0' } });
      seen += 1;
      break;
    }
    expect(seen).toBe(1);
  });

  it('throws a FileReadError for a zip that is not a workbook', async () => {
    const path = await files.write('not-a-workbook.xlsx', Buffer.from('PK\u0003\u0004 this is not really a zip'));
    const error = await readAll(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as Error).message).toContain(path);
  });
});
