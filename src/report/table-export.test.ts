import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportTable, neutralise } from './table-export.js';

describe('neutralise', () => {
  const cases: Array<[string, string, string]> = [
    ['a formula', '=1+1', "'=1+1"],
    ['plus, minus, at', '+1 -1 @SUM', "'+1 -1 @SUM"],
    ['a fullwidth equals sign', '＝1+1', "'＝1+1"],
    ['fullwidth plus, minus, at', '＋1', "'＋1"],
    ['after blanks', '  =1+1', "'  =1+1"],
    ['after an ideographic space', '\u3000=1+1', "'\u3000=1+1"],
    ['after a quote', '"=1+1', `'"=1+1`],
    ['a tab', '\t=1', "'\t=1"],
    ['plain text', '仓库延迟 2 小时', '仓库延迟 2 小时'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });
});

describe('exportTable', () => {
  const columns = [{ header: '说明', value: (r: string) => r }];

  it('quotes a cell a semicolon-separated spreadsheet would split, so `;=1+1` stays one text cell', async () => {
    const csv = (await exportTable(columns, [';=1+1', 'a|=2', '＝1+1'], 'csv')).bytes.toString('utf8');
    expect(csv).toContain('\r\n";=1+1"\r\n');
    expect(csv).toContain('\r\n"a|=2"\r\n');
    expect(csv).toContain("\r\n'＝1+1\r\n");
  });

  it('masks phones in every text cell, CSV and XLSX', async () => {
    const rows = ['客户电话 136 5555 4444，改约明天'];
    const csv = (await exportTable(columns, rows, 'csv')).bytes.toString('utf8');
    expect(csv).toContain('136****4444');
    expect(csv).not.toMatch(/5555/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportTable(columns, ['=1+1', ...rows], 'xlsx')).bytes as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getColumn(1).values.slice(2);
    expect(cells).toEqual(["'=1+1", '客户电话 136****4444，改约明天']);
  });
});
