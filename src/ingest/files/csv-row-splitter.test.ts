import { describe, expect, it } from 'vitest';
import { CsvRowSplitter, type CsvRow } from './csv-row-splitter.js';

function split(text: string, chunkSize: number, maxRecordChars = 1000): CsvRow[] {
  const splitter = new CsvRowSplitter(',', maxRecordChars);
  const rows: CsvRow[] = [];
  for (let i = 0; i < text.length; i += chunkSize) rows.push(...splitter.push(text.slice(i, i + chunkSize)));
  rows.push(...splitter.end());
  return rows;
}

const TRICKY =
  'a, b ,c\r\n' +
  '"x, ""y""", "multi\r\nline" ,="3921874561234567890"\r' +
  '1,"bad"close,3\n' +
  '4,"never closed\n' +
  '5,6,7\r\n' +
  '\n' +
  `8,${'z'.repeat(70)},9\n` +
  'last,row,no newline';

describe('CsvRowSplitter', () => {
  it('splits the same rows whatever the chunk boundaries', () => {
    const whole = split(TRICKY, TRICKY.length, 60);
    expect(whole).toEqual([
      { kind: 'cells', cells: ['a', 'b ', 'c'], line: 1 },
      { kind: 'cells', cells: ['x, "y"', 'multi\r\nline', '="3921874561234567890"'], line: 2 },
      { kind: 'error', message: 'in the row on line 4, a quoted cell is followed by "c" instead of a delimiter or the line end', line: 4 },
      { kind: 'error', message: 'the row on line 5 is longer than 60 characters; a quote in it is probably never closed', line: 5 },
      { kind: 'cells', cells: ['5', '6', '7'], line: 6 },
      { kind: 'cells', cells: [''], line: 7 },
      { kind: 'error', message: 'the row on line 8 is longer than 60 characters', line: 8 },
      { kind: 'cells', cells: ['last', 'row', 'no newline'], line: 9 },
    ]);
    for (let size = 1; size < 12; size += 1) expect(split(TRICKY, size, 60), `chunks of ${size}`).toEqual(whole);
  });

  it('reports a quote still open at the end of the text and re-reads the lines after it', () => {
    expect(split('1,"open\n2,b\n3,c', 3)).toEqual([
      { kind: 'error', message: 'a quote opened in the row on line 1 is never closed', line: 1 },
      { kind: 'cells', cells: ['2', 'b'], line: 2 },
      { kind: 'cells', cells: ['3', 'c'], line: 3 },
    ]);
  });

  it('re-reads the lines of an over-long quoted cell as rows', () => {
    const rows = split(`1,"open\n2,b\n${'3,c\n'.repeat(10)}`, 7, 20);
    expect(rows[0]).toEqual({ kind: 'error', message: 'the row on line 1 is longer than 20 characters; a quote in it is probably never closed', line: 1 });
    expect(rows.slice(1, 3)).toEqual([
      { kind: 'cells', cells: ['2', 'b'], line: 2 },
      { kind: 'cells', cells: ['3', 'c'], line: 3 },
    ]);
    expect(rows).toHaveLength(12);
  });
});
