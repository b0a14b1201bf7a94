import { loadOlistBacktestOrders } from '../src/app/olist-backtest-orders.js';
const H = 3600_000;
const t0 = Date.now();
const orders = await loadOlistBacktestOrders('/work/shared/data/olist');
console.log('loaded', orders.length, Date.now() - t0, 'ms');
const from = Date.parse('2018-01-01T03:00:00Z'), to = Date.parse('2018-09-01T03:00:00Z');
const test = orders.filter((o) => o.status === 'delivered' && o.purchasedAt >= from && o.purchasedAt < to && o.deliveredAt !== undefined && o.promisedBy !== undefined);
const late = (o: typeof test[number]) => o.deliveredAt! > o.promisedBy!;
console.log('test delivered', test.length, 'late', test.filter(late).length);
function score(name: string, alertAt: (o: typeof test[number]) => number | undefined) {
  let a = 0, fa = 0, tp = 0, L = 0; const leads: number[] = [];
  for (const o of test) { const t = alertAt(o); if (late(o)) L++; if (t === undefined) continue; a++; if (late(o)) { tp++; leads.push((o.promisedBy! - t) / H); } else fa++; }
  leads.sort((x, y) => x - y);
  console.log(name, 'alerts', a, 'FA', (fa / a).toFixed(3), 'recall', (tp / L).toFixed(3), 'lead', leads[Math.floor(leads.length / 2)]?.toFixed(1));
}
const notShippedBy = (d: (o: typeof test[number]) => number | undefined) => (o: typeof test[number]) => { const dl = d(o); if (dl === undefined) return undefined; return o.shippedAt === undefined || o.shippedAt > dl ? dl : undefined; };
score('fixed48', notShippedBy((o) => o.purchasedAt + 48 * H));
score('fixed72', notShippedBy((o) => o.purchasedAt + 72 * H));
score('shiplimit', notShippedBy((o) => o.shippingLimitAt));
score('shiplimit>=', (o) => o.shippingLimitAt !== undefined && (o.shippedAt === undefined || o.shippedAt >= o.shippingLimitAt) ? o.shippingLimitAt : undefined);
score('noship-fromapproval48', notShippedBy((o) => (o.approvedAt ?? o.purchasedAt) + 48 * H));
type O = typeof orders[number];
function monthStart(t: number) { const d = new Date(t - 3 * H); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) + 3 * H; }
function mean(xs: { v: number; w: number }[]) { let s = 0, w = 0; for (const x of xs) { s += x.v * x.w; w += x.w; } return s / w; }
function seed(opts: { stage: 'dispatch' | 'e2e' | 'appr'; stateKey: 'customerState' | 'sellerState'; hist: 'monthly' | '2017'; weighted: boolean; bufferMode: 'excess' | 'none' | 'mean' | 'excess-nofloor' | 'excess-median' | 'mean-e2e-excess' | 'dispatch-excess'; bufMul?: number; minN: number; completion: 'end' | 'purchase' }) {
  const cache = new Map<number, (o: O) => number>();
  const st = (o: O) => opts.stage === 'appr' ? (o.approvedAt ?? o.purchasedAt) : o.purchasedAt;
  const span = (o: O) => opts.stage !== 'e2e' ? (o.shippedAt === undefined ? undefined : o.shippedAt - st(o)) : opts.stage === 'dispatch' ? (o.shippedAt === undefined ? undefined : o.shippedAt - o.purchasedAt) : (o.deliveredAt === undefined ? undefined : o.deliveredAt - o.purchasedAt);
  const endAt = (o: O) => opts.stage !== 'e2e' ? o.shippedAt : o.deliveredAt;
  function build(asOf: number) {
    const hist = orders.filter((o) => { const e = endAt(o); if (e === undefined) return false; if (opts.hist === '2017') return o.purchasedAt < Date.parse('2018-01-01T03:00:00Z') && o.purchasedAt >= Date.parse('2017-01-01T03:00:00Z'); return (opts.completion === 'end' ? e : o.purchasedAt) < asOf; });
    const w = (o: O) => opts.weighted ? (o.weight ?? 1) : 1;
    const seg = new Map<string, { v: number; w: number }[]>(); const cat = new Map<string, { v: number; w: number }[]>(); const glob: { v: number; w: number }[] = [];
    const tr = new Map<string, { v: number; w: number }[]>(); const trg: { v: number; w: number }[] = [];
    for (const o of hist) { const v = span(o)! / H; const x = { v, w: w(o) }; const k = `${o.segment.category}|${o.segment[opts.stateKey]}`; (seg.get(k) ?? seg.set(k, []).get(k)!).push(x); (cat.get(o.segment.category!) ?? cat.set(o.segment.category!, []).get(o.segment.category!)!).push(x); glob.push(x);
      if (o.shippedAt !== undefined && o.deliveredAt !== undefined && o.deliveredAt < asOf) { const y = { v: (o.deliveredAt - o.shippedAt) / H, w: w(o) }; trg.push(y); const s = o.segment.customerState!; (tr.get(s) ?? tr.set(s, []).get(s)!).push(y); } }
    const gm = mean(trg);
    return (o: O) => { const k = `${o.segment.category}|${o.segment[opts.stateKey]}`; const s = seg.get(k); const c = cat.get(o.segment.category!); const base = s && s.length >= opts.minN ? mean(s) : c && c.length >= opts.minN ? mean(c) : mean(glob);
      const t = tr.get(o.segment.customerState!); const sm = t && t.length >= opts.minN ? mean(t) : gm; const med = (xs: { v: number; w: number }[]) => { const v = xs.map((x) => x.v).sort((a, b) => a - b); return v[Math.floor(v.length / 2)] ?? 0; };
      const sd = (() => { const xs = hist.filter((h) => h.segment.customerState === o.segment.customerState).map((h) => ({ v: span(h)! / H, w: 1 })); return xs.length >= opts.minN ? mean(xs) - mean(glob) : 0; })();
      const buf = (opts.bufMul ?? 1) * (opts.bufferMode === 'none' ? 0 : opts.bufferMode === 'mean' ? sm : opts.bufferMode === 'excess-nofloor' ? sm - gm : opts.bufferMode === 'excess-median' ? Math.max(0, sm - med(trg)) : opts.bufferMode === 'dispatch-excess' ? Math.max(0, sd) : Math.max(0, sm - gm));
      return (base * 1.8 + buf) * H; };
  }
  return (o: O) => { const m = monthStart(o.purchasedAt); let f = cache.get(m); if (!f) { f = build(m); cache.set(m, f); } const dl = st(o) + f(o); const e = endAt(o); return e === undefined || e > dl ? dl : undefined; };
}

for (const bufferMode of ['excess-nofloor', 'excess-median', 'dispatch-excess'] as const) score(`seed ${bufferMode}`, seed({ stage: 'dispatch', stateKey: 'customerState', hist: 'monthly', weighted: true, bufferMode, minN: 30, completion: 'end' }));
for (const bufMul of [1.8, 2, 3, 24]) score(`seed excess x${bufMul}`, seed({ stage: 'dispatch', stateKey: 'customerState', hist: 'monthly', weighted: true, bufferMode: 'excess', minN: 30, completion: 'end', bufMul }));
