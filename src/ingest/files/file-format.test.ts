import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, FileReadError, readRecords } from './index.js';
import { makeTempFiles, readAll, type TempFiles } from './test-files.js';

describe('detectFormat', () => {
  const cases = [
    { name: 'csv by extension', path: 'a.CSV', head: '{"x":1}', expected: 'csv' },
    { name: 'tsv by extension', path: 'a.tsv', head: 'a\tb', expected: 'csv' },
    { name: 'txt by extension', path: 'a.txt', head: 'a,b', expected: 'csv' },
    { name: 'xlsx by extension', path: 'a.xlsx', head: 'x', expected: 'xlsx' },
    { name: 'json by extension', path: 'a.json', head: '{}\n{}', expected: 'json' },
    { name: 'jsonl by extension', path: 'a.jsonl', head: '[]', expected: 'ndjson' },
    { name: 'ndjson by extension', path: 'a.ndjson', head: '', expected: 'ndjson' },
    { name: 'zip content', path: 'export', head: 'PK\u0003\u0004rest', expected: 'xlsx' },
    { name: 'one-line JSON content', path: 'export', head: ' {"a":1}\n', expected: 'json' },
    { name: 'pretty-printed JSON content', path: 'export', head: '{\n  "a": 1\n}\n', expected: 'json' },
    { name: 'JSON array content', path: 'export', head: '[\n{"a":1},\n{"a":2}\n]', expected: 'json' },
    { name: 'NDJSON content', path: 'export', head: '{"a":1}\n{"a":2}\n', expected: 'ndjson' },
    { name: 'NDJSON content with a BOM', path: 'export', head: '\uFEFF{"a":1}\r\n{"a":2}', expected: 'ndjson' },
    { name: 'other text content', path: 'export.dat', head: '订单编号,金额', expected: 'csv' },
    { name: 'nothing to go on', path: 'export', head: '', expected: undefined },
    { name: 'an old .xls', path: 'export.xls', head: '\u00d0\u00cf\u0011\u00e0', expected: undefined },
  ];
  it.each(cases)('$name', ({ path, head, expected }) => {
    const bytes = path.endsWith('.xls') ? Buffer.from(head, 'latin1') : Buffer.from(head);
    expect(detectFormat(path, bytes)).toBe(expected);
  });
});

describe('readRecords on unreadable files', () => {
  let files: TempFiles;
  beforeAll(async () => {
    files = await makeTempFiles();
  });
  afterAll(() => files.remove());

  it.each([
    { name: 'a missing file', make: () => Promise.resolve(files.path('missing.csv')), reason: 'no such file' },
    { name: 'an empty file', make: () => files.write('empty.json', ''), reason: 'the file is empty' },
    { name: 'a directory', make: () => Promise.resolve(files.path('')), reason: 'is a directory' },
    { name: 'an xlsx that is not a zip', make: () => files.write('fake.xlsx', 'a,b\n1,2\n'), reason: 'not a zip archive' },
    {
      name: 'an old .xls',
      make: () => files.write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
      reason: 'save it as .xlsx or CSV',
    },
  ])('throws a FileReadError naming the file for $name', async ({ make, reason }) => {
    const path = await make();
    const error = await readAll(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(reason);
  });

  it('honours an explicit format over the extension', async () => {
    const path = await files.write('orders.txt', '{"a":1}\n{"a":2}\n');
    const records = [];
    for await (const record of readRecords(path, { format: 'ndjson' })) records.push(record);
    expect(records).toEqual([
      { record: 1, value: { a: 1 } },
      { record: 2, value: { a: 2 } },
    ]);
  });
});
