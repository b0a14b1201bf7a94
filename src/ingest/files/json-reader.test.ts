import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempFiles, readAll, type TempFiles } from './test-files.js';

let files: TempFiles;
beforeAll(async () => {
  files = await makeTempFiles();
});
afterAll(() => files.remove());

describe('readRecords on JSON', () => {
  it('streams the elements of a top-level array as records', async () => {
    const path = await files.write('orders.json', '\uFEFF[{"tid":"1"}, {"tid":"2","n":[1,2]}, 3]');
    expect(await readAll(path)).toEqual([
      { record: 1, value: { tid: '1' } },
      { record: 2, value: { tid: '2', n: [1, 2] } },
      { record: 3, value: 3 },
    ]);
  });

  it('yields the good elements of a truncated array, then one error record', async () => {
    const path = await files.write('truncated.json', '[{"tid":"1"},{"tid":"2"},{"tid":"3","pay');
    const records = await readAll(path);
    expect(records.slice(0, 2)).toEqual([
      { record: 1, value: { tid: '1' } },
      { record: 2, value: { tid: '2' } },
    ]);
    expect(records[2]).toEqual({
      record: 3,
      error: { field: '(json)', message: expect.stringMatching(/^the JSON array is malformed after element 2: .+/) },
    });
    expect(records).toHaveLength(3);
  });

  it('yields every good element before a syntax error in the middle, then stops', async () => {
    const good = Array.from({ length: 100 }, (_, i) => JSON.stringify({ tid: String(i) }));
    const path = await files.write('broken.json', `[${good.join(',')}, {"tid" "x"}, {"tid":"y"}]`);
    const records = await readAll(path);
    expect(records).toHaveLength(101);
    expect(records[99]).toEqual({ record: 100, value: { tid: '99' } });
    expect(records[100]).toEqual({
      record: 101,
      error: { field: '(json)', message: expect.stringContaining('the JSON array is malformed after element 100: ') },
    });
  });

  it('yields a top-level object whole, as one record', async () => {
    const doc = { trades_sold_get_response: { trades: { trade: [{ tid: 1 }, { tid: 2 }] } } };
    const path = await files.write('wrapped.json', JSON.stringify(doc, null, 2));
    expect(await readAll(path)).toEqual([{ record: 1, value: doc }]);
  });

  it('reports a malformed top-level object as an error record', async () => {
    const path = await files.write('bad-object.json', '{"a": ');
    expect(await readAll(path)).toEqual([
      { record: 1, error: { field: '(json)', message: expect.stringContaining('the file is not valid JSON: ') } },
    ]);
  });
});

describe('readRecords on NDJSON', () => {
  it('reads one value per non-empty line and reports a bad line without stopping', async () => {
    const path = await files.write('orders.ndjson', '{"tid":"1"}\r\n\n{"tid":2,\n  \n{"tid":"3"}\n[4]');
    const records = await readAll(path);
    expect(records).toEqual([
      { record: 1, value: { tid: '1' } },
      { record: 2, error: { field: '(json)', message: expect.stringMatching(/^line 3 is not valid JSON: .+/) } },
      { record: 3, value: { tid: '3' } },
      { record: 4, value: [4] },
    ]);
  });

  it('skips a line longer than maxRecordBytes with an error record', async () => {
    const long = `{"x":"${'y'.repeat(200_000)}"}`;
    const path = await files.write('long.jsonl', `{"a":1}\n${long}\n{"a":2}\n`);
    expect(await readAll(path, { maxRecordBytes: 1000 })).toEqual([
      { record: 1, value: { a: 1 } },
      { record: 2, error: { field: '(json)', message: 'line 2 is longer than 1000 bytes' } },
      { record: 3, value: { a: 2 } },
    ]);
  });

  it('reports a line that is not UTF-8', async () => {
    const path = await files.write('gbk.ndjson', Buffer.concat([Buffer.from('{"a":"'), Buffer.from('B3C9B9A6', 'hex'), Buffer.from('"}\n{"a":1}\n')]));
    expect(await readAll(path)).toEqual([
      { record: 1, error: { field: '(json)', message: 'line 1 is not valid UTF-8' } },
      { record: 2, value: { a: 1 } },
    ]);
  });
});
