// The CLI as a new user runs it: the real `orderwatch` binary, real files,
// a real SQLite database in a temp folder.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'orderwatch.mjs');
const EXAMPLES = join(import.meta.dirname, '..', 'examples');
// The real Olist sample sits beside the repository (never inside it); absent on a user's machine.
const OLIST = join(import.meta.dirname, '..', '..', 'shared', 'data', 'olist');

async function orderwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ORDERWATCH_DB: undefined } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('orderwatch CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-cli-'));
  const db = join(dir, 'cli.db');

  beforeAll(async () => {
    for (const [channel, file] of [
      ['taobao', 'taobao-trades-sold-get.json'],
      ['jd', 'jd-order-search.json'],
      ['douyin', 'douyin-order-detail.json'],
    ]) {
      const r = await orderwatch('import', '--channel', channel!, join(EXAMPLES, file!), '--db', db, '--json');
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('imports a GBK Taobao back-office export with per-record reasons, and re-import adds nothing', async () => {
    const first = await orderwatch('import', '--channel', 'taobao', join(EXAMPLES, 'taobao-export-gbk.csv'), '--db', db, '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.rejected).toBe(2);
    expect(summary.accepted + summary.duplicates).toBe(3);
    expect(summary.errors).toEqual([
      { record: 4, field: '买家实际支付金额', message: 'must be an amount in yuan like "12.30", got "十二元"' },
      expect.objectContaining({ record: 5, field: '订单状态', message: expect.stringContaining('unknown status "等待发货中"') }),
    ]);
    const again = JSON.parse((await orderwatch('import', '--channel', 'taobao', join(EXAMPLES, 'taobao-export-gbk.csv'), '--db', db, '--json')).stdout);
    expect(again).toMatchObject({ accepted: 0, rejected: 2, duplicates: 3 });
  });

  it('imports a GBK 宝贝报表 with its 订单报表, given first, as the orders\' real lines', async () => {
    const itemsDb = join(dir, 'items.db');
    const r = await orderwatch('import', '--channel', 'taobao', join(EXAMPLES, 'taobao-items-gbk.csv'), join(EXAMPLES, 'taobao-export-gbk.csv'), '--db', itemsDb, '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.files.map((f: { file: string; accepted: number }) => [basename(f.file), f.accepted])).toEqual([
      ['taobao-export-gbk.csv', 3],
      ['taobao-items-gbk.csv', 2],
    ]);
    const found = JSON.parse((await orderwatch('lookup', '3921874561234567891', '--db', itemsDb, '--json')).stdout);
    expect(found.orders[0].firstItemTitle).toBe('实木儿童床 1.2m');
  });

  it('finds orders by last 4 digits, order number and receiver name', async () => {
    const byLast4 = JSON.parse((await orderwatch('lookup', '4321', '--db', db, '--json')).stdout);
    expect(byLast4.orders.map((o: { receiverName: string }) => o.receiverName)).toContain('李晓红');
    const byNo = JSON.parse((await orderwatch('lookup', '3921874561234567890', '--db', db, '--json')).stdout);
    expect(byNo.orders.map((o: { id: string }) => o.id)).toEqual(['taobao:3921874561234567890']);
    const byName = JSON.parse((await orderwatch('lookup', '王小明', '--db', db, '--json')).stdout);
    expect(byName.orders.map((o: { id: string }) => o.id)).toEqual(['taobao:3921874561234567890']);
    const text = await orderwatch('lookup', '王小明', '--db', db);
    expect(text.stdout).toContain('王小明');
    expect(text.stdout).toMatch(/1 order\(s\) in/);
  });

  it('rejects bad records of a NDJSON file and keeps the good ones', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(
      file,
      [
        '{"type":"order","orderNo":"G1","placedAt":"2026-11-11T10:00:00+08:00","paidFen":100,"items":[{"sku":"S","quantity":1,"unitPriceFen":100}]}',
        '{"type":"order","orderNo":"G2","placedAt":"2026-11-11T10:00:00+08:00","paidFen":"lots","items":[{"sku":"S","quantity":1,"unitPriceFen":100}]}',
        '{"type":"order","orderNo":"G3", "placedAt":',
        '{"type":"note","id":"n1","source":"crm","orderId":"generic:G1","text":"\'; DROP TABLE orders; -- 😀","at":"2026-11-11T11:00:00+08:00"}',
      ].join('\n'),
    );
    const r = await orderwatch('import', '--channel', 'generic', file, '--db', db, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ accepted: 2, rejected: 2 });
    expect(s.errors.map((e: { record: number; field: string }) => [e.record, e.field])).toEqual([
      [2, 'paidFen'],
      [3, '(json)'],
    ]);
  });

  it('fails clearly on usage errors and unreadable input, without a stack trace', async () => {
    const badChannel = await orderwatch('import', '--channel', 'pinduoduo', join(EXAMPLES, 'jd-order-search.json'), '--db', db);
    expect(badChannel.code).toBe(2);
    expect(badChannel.stderr).toMatch(/--channel must be one of/);
    const missing = await orderwatch('import', '--channel', 'jd', join(dir, 'nope.json'), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    expect(missing.stderr).not.toMatch(/at .*\.ts:\d+/);
    const xls = join(dir, 'old.xlsx');
    writeFileSync(xls, 'this is not a workbook');
    const notZip = await orderwatch('import', '--channel', 'taobao', xls, '--db', db);
    expect(notZip.code).toBe(1);
    expect(notZip.stderr).toMatch(/not an \.xlsx workbook/);
  });

  it('checks a config file and reports every error with its path', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'server:\n  port: "eighty"\n  colour: blue\ningest:\n  secrets:\n    taobao: short\n');
    const r = await orderwatch('config', 'check', file, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.issues.map((i: { path: string }) => i.path).sort()).toEqual(['ingest.secrets.taobao', 'server.colour', 'server.port']);
  });

  it('scans as of a time and reports the findings', async () => {
    const r = await orderwatch('scan', '--at', '2026-11-16T10:00:00+08:00', '--db', db, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.at).toBe('2026-11-16T02:00:00.000Z');
    expect(out.judged).toBeGreaterThan(0);
    expect(Object.keys(out.openByCode)).toContain('stage.stalled');
  });

  it.skipIf(!existsSync(OLIST))('reproduces the fixed 48 h baseline on the real Olist orders', async () => {
    const r = await orderwatch('backtest', '--dataset', 'olist', '--dir', OLIST, '--policy', 'fixed', '--fixed-hours', '48', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['alerts', 'precision', 'recall', 'falseAlarmShare', 'leadTimeHoursMedian']) expect(out, key).toHaveProperty(key);
    expect(out.falseAlarmShare).toBeCloseTo(0.896, 2);
    expect(out.recall).toBeCloseTo(0.701, 2);
    expect(out.curve.length).toBeGreaterThan(3);
    // A whole replay of 8,135 orders in a child process: 7.5 s alone, over 30 s beside the rest of the suite on 2 cores.
  }, 120_000);

  it('adds users and refuses a duplicate', async () => {
    const added = await orderwatch('user', 'add', 'xiaoliu', '--role', 'agent', '--db', db, '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'xiaoliu', role: 'agent', password: expect.any(String) });
    const dup = await orderwatch('user', 'add', 'xiaoliu', '--role', 'agent', '--db', db);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const badRole = await orderwatch('user', 'add', 'x2', '--role', 'boss', '--db', db);
    expect(badRole.code).toBe(2);
  });

  it('prints one JSON document with --json, and ends quietly when its reader goes away', async () => {
    for (const args of [
      ['lookup', '4321'],
      ['scan', '--at', '2026-11-16T09:00:00+08:00'],
      ['deliver', '--once'],
      ['outbox'],
      ['incident', 'list'],
      ['user', 'list'],
    ]) {
      const r = await orderwatch(...args, '--db', db, '--json');
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(() => JSON.parse(r.stdout), `${args.join(' ')} printed: ${r.stdout.slice(0, 200)}`).not.toThrow();
    }
    // `orderwatch lookup … | head -1`: the pipe closes early, the command ends with 0 and no stack trace.
    const piped = await run('sh', ['-c', `"${process.execPath}" "${BIN}" lookup 4321 --db "${db}" | head -c 1 >/dev/null; echo "rc=\${PIPESTATUS:-done}"`]).then(
      (r) => r,
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(piped.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('answers --help without loading every command', async () => {
    const r = await orderwatch('--help');
    expect(r.code).toBe(0);
    for (const name of ['serve', 'worker', 'import', 'lookup', 'scan', 'report', 'backtest']) expect(r.stdout).toContain(name);
    const sub = await orderwatch('worker', '--help');
    expect(sub.stdout.replace(/\s+/g, ' ')).toContain('several may run against one PostgreSQL database');
  });
});
