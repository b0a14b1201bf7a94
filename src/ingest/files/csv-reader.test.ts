import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError } from './index.js';
import { makeTempFiles, readAll, type TempFiles } from './test-files.js';

let files: TempFiles;
beforeAll(async () => {
  files = await makeTempFiles();
});
afterAll(() => files.remove());

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** "订单编号,金额\r\n" in GBK, written by hand: Node can decode GBK but not encode it. */
const GBK_HEADER = Buffer.from('B6A9B5A5B1E0BAC52CBDF0B6EE0D0A', 'hex');
/** "成功" in GBK. */
const GBK_SUCCESS = Buffer.from('B3C9B9A6', 'hex');

describe('readRecords on CSV', () => {
  const cases: { name: string; content: () => Uint8Array | string; file?: string; expected: unknown[] }[] = [
    {
      name: 'UTF-8 without BOM, Chinese headers',
      content: () => '订单编号,订单状态\n3921874561234567890,交易成功\n',
      expected: [{ record: 1, value: { 订单编号: '3921874561234567890', 订单状态: '交易成功' } }],
    },
    {
      name: 'UTF-8 with BOM',
      content: () => Buffer.concat([Buffer.from(UTF8_BOM), Buffer.from('订单编号,买家留言\r\n1,请尽快发货\r\n')]),
      expected: [{ record: 1, value: { 订单编号: '1', 买家留言: '请尽快发货' } }],
    },
    {
      name: 'GBK without BOM is detected and decoded',
      content: () => Buffer.concat([GBK_HEADER, Buffer.from('123,'), GBK_SUCCESS, Buffer.from('\r\n')]),
      expected: [{ record: 1, value: { 订单编号: '123', 金额: '成功' } }],
    },
    {
      name: 'UTF-16LE with BOM',
      content: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]),
      expected: [{ record: 1, value: { a: '1', b: '2' } }],
    },
    {
      name: 'tab-delimited',
      content: () => '订单编号\t收货地址\n1\t浙江省 杭州市 西湖区 文三路100号(310000)\n',
      expected: [{ record: 1, value: { 订单编号: '1', 收货地址: '浙江省 杭州市 西湖区 文三路100号(310000)' } }],
    },
    {
      name: 'semicolon-delimited',
      content: () => 'a;b\n1,5;2\n',
      expected: [{ record: 1, value: { a: '1,5', b: '2' } }],
    },
    {
      name: 'Excel-protected cells are unwrapped',
      content: () => '订单编号,联系手机,备注\n="3921874561234567890",\'13812345678,"=""42"""\n',
      expected: [{ record: 1, value: { 订单编号: '3921874561234567890', 联系手机: '13812345678', 备注: '42' } }],
    },
    {
      name: 'an apostrophe before ordinary text is kept',
      content: () => 'note\n\'tis fine\n',
      expected: [{ record: 1, value: { note: "'tis fine" } }],
    },
    {
      name: 'stray header spaces, full-width spaces and duplicate headers',
      content: () => ' 订单编号 ,物流单号\u3000,物流单号, 物流单号\n1, a , b ,c\n',
      expected: [{ record: 1, value: { 订单编号: '1', 物流单号: 'a', '物流单号 (2)': 'b', '物流单号 (3)': 'c' } }],
    },
    {
      name: 'quoted cells hold delimiters, line breaks and doubled quotes',
      content: () => 'a,b\n"x, y","line 1\nline 2 ""quoted"""\n',
      expected: [{ record: 1, value: { a: 'x, y', b: 'line 1\nline 2 "quoted"' } }],
    },
    {
      name: 'fewer cells read as empty, blank rows are skipped and not counted',
      content: () => 'a,b,c\n\n1\n,,\n2,3\n',
      expected: [
        { record: 1, value: { a: '1', b: '', c: '' } },
        { record: 2, value: { a: '2', b: '3', c: '' } },
      ],
    },
    {
      name: 'too many cells is an error for that row only',
      content: () => 'a,b\n1,2\n1,2,3\n4,5,\n',
      expected: [
        { record: 1, value: { a: '1', b: '2' } },
        { record: 2, error: { field: '(row)', message: 'line 3 has 3 cells but the header has 2 columns (a delimiter inside an unquoted cell?)' } },
        { record: 3, value: { a: '4', b: '5' } },
      ],
    },
    {
      name: 'a malformed closing quote in the middle loses only its row',
      content: () => 'a,b\n1,x\n2,"bro"ken\n3,y\n',
      expected: [
        { record: 1, value: { a: '1', b: 'x' } },
        {
          record: 2,
          error: { field: '(row)', message: 'in the row on line 3, a quoted cell is followed by "k" instead of a delimiter or the line end' },
        },
        { record: 3, value: { a: '3', b: 'y' } },
      ],
    },
    {
      name: 'a quote that never closes loses only its row',
      content: () => 'a,b\n1,x\n2,"broken\n3,y\n4,z\n',
      expected: [
        { record: 1, value: { a: '1', b: 'x' } },
        { record: 2, error: { field: '(row)', message: 'a quote opened in the row on line 3 is never closed' } },
        { record: 3, value: { a: '3', b: 'y' } },
        { record: 4, value: { a: '4', b: 'z' } },
      ],
    },
    {
      name: 'a quote closed by a later row is caught there and the later rows are re-read',
      content: () => 'a,b\n2,"broken\n3,y\n4,"z"\n5,w\n',
      expected: [
        { record: 1, error: { field: '(row)', message: 'in the row on line 2, a quoted cell is followed by "z" instead of a delimiter or the line end' } },
        { record: 2, value: { a: '3', b: 'y' } },
        { record: 3, value: { a: '4', b: 'z' } },
        { record: 4, value: { a: '5', b: 'w' } },
      ],
    },
    {
      name: 'header only: no records',
      content: () => 'a,b\n',
      expected: [],
    },
  ];
  it.each(cases)('$name', async ({ name, content, expected }) => {
    const path = await files.write(`${name.replace(/\W+/g, '-')}.csv`, content());
    expect(await readAll(path)).toEqual(expected);
  });

  it('reports a row longer than maxRecordBytes and goes on', async () => {
    const path = await files.write('long.csv', `a,b\n1,x\n2,${'y'.repeat(5000)}\n3,z\n`);
    const records = await readAll(path, { maxRecordBytes: 1000 });
    expect(records).toEqual([
      { record: 1, value: { a: '1', b: 'x' } },
      { record: 2, error: { field: '(row)', message: 'the row on line 3 is longer than 1000 characters' } },
      { record: 3, value: { a: '3', b: 'z' } },
    ]);
  });

  it('reports invalid UTF-8 after a UTF-8 start on the affected row only', async () => {
    const start = `a,b\n${'1,ok\n'.repeat(20_000)}`; // > 64 KB of valid UTF-8
    const content = Buffer.concat([Buffer.from(start), Buffer.from('2,'), GBK_SUCCESS, Buffer.from('\n3,ok\n')]);
    const records = await readAll(await files.write('mixed.csv', content));
    expect(records).toHaveLength(20_002);
    expect(records[20_000]).toEqual({
      record: 20_001,
      error: { field: '(row)', message: expect.stringContaining('not valid UTF-8') },
    });
    expect(records[20_001]).toEqual({ record: 20_002, value: { a: '3', b: 'ok' } });
  });

  it('does not hold a multi-byte character cut at the sniffing boundary against UTF-8', async () => {
    const filler = 'x'.repeat(64 * 1024 - 'a\n'.length - 1);
    const path = await files.write('boundary.csv', `a\n${filler}订\n`);
    const records = await readAll(path);
    expect(records).toEqual([{ record: 1, value: { a: `${filler}订` } }]);
  });

  it('decodes as GB18030 when told to', async () => {
    const path = await files.write('forced.txt', Buffer.concat([GBK_HEADER, Buffer.from('1,2\n')]));
    expect(await readAll(path, { encoding: 'gb18030' })).toEqual([{ record: 1, value: { 订单编号: '1', 金额: '2' } }]);
  });

  it.each([
    { name: 'empty', content: '', reason: 'the file is empty' },
    { name: 'blank', content: '\n \n', reason: 'no header row' },
  ])('refuses an $name file with a FileReadError', async ({ name, content, reason }) => {
    const path = await files.write(`${name}.csv`, content);
    const error = await readAll(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).message).toContain(path);
    expect((error as FileReadError).message).toContain(reason);
  });

  it('reports progress and finishes at the file size', async () => {
    const path = await files.write('progress.csv', `a\n${'1\n'.repeat(100_000)}`);
    const calls: [number, number][] = [];
    await readAll(path, { onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([200_002, 200_002]);
  });
});
