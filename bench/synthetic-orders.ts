import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '小红', '建华'];
const PLACES = [
  ['浙江省', '杭州市', '西湖区'], ['广东省', '深圳市', '南山区'], ['北京市', '北京市', '朝阳区'], ['上海市', '上海市', '浦东新区'],
  ['四川省', '成都市', '武侯区'], ['江苏省', '南京市', '鼓楼区'], ['湖北省', '武汉市', '洪山区'], ['山东省', '青岛市', '市南区'],
];

/** lcg is a tiny deterministic generator, so every bench run imports the same rows. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** syntheticOrder builds the i-th generic-format order of the benchmark data set. */
export function syntheticOrder(i: number, random: () => number): Record<string, unknown> {
  const place = PLACES[i % PLACES.length]!;
  const phone = `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  const price = 1000 + Math.floor(random() * 50000);
  const quantity = 1 + (i % 3);
  const placed = Date.UTC(2026, 9, 1) + Math.floor(i * 2.6e3);
  return {
    type: 'order',
    orderNo: `B${String(i).padStart(9, '0')}`,
    shop: '官方商城',
    placedAt: new Date(placed).toISOString(),
    paidAt: new Date(placed + 60_000).toISOString(),
    paidFen: price * quantity,
    customer: { id: `c${i % 200_000}`, tier: i % 12 === 0 ? 'vip' : 'regular' },
    receiver: {
      // Two given characters from 20 × 20, as most Chinese names have: 8,000 names, so a name repeats about as often as in a real shop.
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(random() * GIVEN.length)]!.slice(0, 1) + GIVEN[Math.floor(random() * GIVEN.length)]!.slice(0, 1),
      phone,
      province: place[0],
      city: place[1],
      district: place[2],
      detail: `文三路${1 + (i % 300)}号${1 + (i % 20)}幢${100 + (i % 900)}室`,
    },
    items: [{ sku: `SKU-${i % 5000}`, title: '保温杯 500ml', category: 'home', quantity, unitPriceFen: price }],
    shipments: i % 2 === 0 ? [{ carrier: 'ZTO', trackingNo: `ZT${String(7_000_000_000 + i)}` }] : [],
  };
}

/** writeSyntheticOrders writes `count` orders as NDJSON, with backpressure. */
export async function writeSyntheticOrders(path: string, count: number): Promise<void> {
  const random = lcg(42);
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(syntheticOrder(i, random))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export { lcg };
