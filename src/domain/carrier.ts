/**
 * One carrier, one name. The channels name the same company differently:
 * Kuaidi100 and Douyin use pinyin codes (zhongtong), Taobao its Chinese
 * name (中通快递), JD a numeric logistics id (1499), ERPs short codes (ZTO).
 * carrierCode folds every alias to one code, so counts, groups and titles
 * never show "快递 1499" beside "中通快递".
 */
interface CarrierName {
  readonly zh: string;
  readonly en: string;
  readonly aliases: readonly string[];
}

const CARRIERS: Readonly<Record<string, CarrierName>> = {
  SF: { zh: '顺丰速运', en: 'SF Express', aliases: ['shunfeng', '467', '顺丰', '顺丰快递', 'SFEXPRESS'] },
  ZTO: { zh: '中通快递', en: 'ZTO Express', aliases: ['zhongtong', '1499', '中通'] },
  YTO: { zh: '圆通速递', en: 'YTO Express', aliases: ['yuantong', '463', '圆通', '圆通快递'] },
  YD: { zh: '韵达快递', en: 'Yunda Express', aliases: ['yunda', '1327', '韵达', 'YUNDA'] },
  JD: { zh: '京东物流', en: 'JD Logistics', aliases: ['jd', '2087', '京东', '京东快递'] },
  STO: { zh: '申通快递', en: 'STO Express', aliases: ['shentong', '470', '申通'] },
  EMS: { zh: '邮政EMS', en: 'China Post EMS', aliases: ['ems', '465', 'EMS快递'] },
  POST: { zh: '邮政快递包裹', en: 'China Post parcel', aliases: ['youzhengguonei', '邮政包裹', '中国邮政'] },
  JT: { zh: '极兔速递', en: 'J&T Express', aliases: ['jtexpress', '极兔', 'J&T'] },
  DBL: { zh: '德邦快递', en: 'Deppon Express', aliases: ['debangwuliu', '德邦', '德邦物流'] },
  HTKY: { zh: '百世快递', en: 'Best Express', aliases: ['huitongkuaidi', '百世', '百世汇通'] },
};

const BY_ALIAS: ReadonlyMap<string, string> = new Map(
  Object.entries(CARRIERS).flatMap(([code, c]) => [code, c.zh, ...c.aliases].map((alias) => [alias.toLowerCase(), code] as const)),
);

/** carrierCode is the one code of a carrier named by any alias (`1499`, `中通快递`, `zhongtong` → `ZTO`); an unknown name is returned trimmed. */
export function carrierCode(raw: string): string {
  const text = raw.trim();
  return BY_ALIAS.get(text.toLowerCase()) ?? text;
}

/** carrierName says a carrier in words, by any alias; an unknown name is shown as written, no name at all as 快递 / carrier. */
export function carrierName(raw: string | undefined): { readonly zh: string; readonly en: string } {
  if (raw === undefined || raw.trim() === '') return { zh: '快递', en: 'carrier' };
  const known = CARRIERS[carrierCode(raw)];
  return known ? { zh: known.zh, en: known.en } : { zh: raw.trim(), en: raw.trim() };
}

/** isKnownCarrier tells whether a name is one of the carriers orderwatch knows by all their aliases. */
export function isKnownCarrier(raw: string): boolean {
  return Object.hasOwn(CARRIERS, carrierCode(raw));
}
