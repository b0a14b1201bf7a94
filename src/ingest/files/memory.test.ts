import { execFileSync } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempFiles, type TempFiles } from './test-files.js';

let files: TempFiles;
beforeAll(async () => {
  files = await makeTempFiles();
});
afterAll(() => files.remove());

const ROOT = resolve(import.meta.dirname, '../../..');
const ROWS = 200_000;
const MB = 1024 * 1024;

/** writeLargeCsv writes a Taobao-like export of `rows` rows (about 250 bytes each) without holding it in memory. */
async function writeLargeCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('订单编号,买家会员名,买家实际支付金额,订单状态,收货地址,联系手机,订单创建时间,宝贝标题\n');
  for (let i = 0; i < rows; i += 1) {
    await write(
      `="39218745612${String(i).padStart(8, '0')}",buyer${i},${(i % 1000) + 0.5},买家已付款，等待卖家发货,` +
        `"浙江省 杭州市 西湖区 文三路${i}号(310000)",'138${String(i).padStart(8, '0')},2026-11-11 10:00:00,新款 T恤 纯棉 短袖 男女同款 夏季 ${i}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

describe('readRecords memory', () => {
  it(`reads a ${ROWS}-row CSV without holding it in memory`, async () => {
    const path = files.path('large.csv');
    const size = await writeLargeCsv(path, ROWS);
    expect(size).toBeGreaterThan(40 * MB);

    // Measured in a process of its own: the suite's workers run file after file in one process, whose heap
    // holds other files' garbage and whose RSS then says nothing about this reader.
    const probe = files.path('probe.mjs');
    writeFileSync(
      probe,
      `import { tsImport } from ${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs')).href)};
const { readRecords } = await tsImport(${JSON.stringify(join(ROOT, 'src/ingest/files/index.ts'))}, import.meta.url);
const before = process.memoryUsage().rss;
let peak = before, count = 0, last, failed;
for await (const record of readRecords(${JSON.stringify(path)})) {
  count += 1;
  if ('error' in record) { failed = 'record ' + record.record + ': ' + record.error.message; break; }
  last = record.value;
  if (count % 10000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
console.log(JSON.stringify({ count, last, failed, growthMb: (peak - before) / ${MB} }));`,
    );
    const result = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as { count: number; last: unknown; failed?: string; growthMb: number };
    expect(result.failed).toBeUndefined();
    expect(result.count).toBe(ROWS);
    expect(result.last).toMatchObject({ 订单编号: `39218745612${String(ROWS - 1).padStart(8, '0')}`, 联系手机: `138${String(ROWS - 1).padStart(8, '0')}` });
    // The file is over 40 MB; holding it (as UTF-16 text or as records) would grow RSS by far more than this.
    expect(result.growthMb).toBeLessThan(40);
  });
});
