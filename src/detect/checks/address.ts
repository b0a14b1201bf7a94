import type { Bilingual, Severity } from '../../domain/finding.js';
import type { Receiver } from '../../domain/order.js';
import type { Finding } from '../../domain/finding.js';
import { clip, foldWidth, makeFinding, type ArrivalCheck } from './check.js';
import { resolveDivisions, shortName, type DivisionResolution } from './divisions.js';

/** VagueReason names one way a detail address fails a courier. */
export type VagueReason = 'missing_detail' | 'too_short' | 'uncertain' | 'landmark_only' | 'parcel_station_only' | 'no_house_number';

/** VagueMatch is one vague-address reason and the phrase that showed it. */
export interface VagueMatch {
  readonly reason: VagueReason;
  readonly matched: string;
}

/** Words that say the buyer does not know where they live: vague whatever else the text holds. */
const UNCERTAIN = /大概|左右|好像|不清楚|不知道|不确定|随便|待定/;
/** Relative positions: fine next to a house number ("长安街1号(近地铁站)"), vague instead of one. */
const LANDMARK = /小区门口|斜对面|门口|附近|对面|旁边|隔壁|边上|路口|周边|一带/;
const PARCEL_STATION = /菜鸟驿站|妈妈驿站|兔喜生活|快递超市|快递柜|丰巢|驿站|自提点|代收点|快递点/;
/** A number followed by a unit (88号, 3幢, 三单元, A座, 5号楼), "5-2-301", or a bare room number (1201). */
const HOUSE_NUMBER =
  /(?:\d+|[一二三四五六七八九十百零〇两]+|[A-Za-z]\d*)(?:号楼|号院|号|栋|幢|单元|室|楼|层|弄|座|户|铺|期|组|队|巷|排|区)|\d+[-－—]\d+|\d{3,}/;
/** Villages are addressed by 村 and 组, not house numbers. */
const RURAL = /村|组|屯|嘎查/;
/** Institutions with a gatehouse or mail room take parcels without a house number. */
const INSTITUTION = /大学|学院|学校|中学|小学|幼儿园|医院|公司|工厂|厂区|政府|部队|派出所|营区|校区/;
const MIN_DETAIL_CHARS = 5;
/** Only the first part of a hostile multi-megabyte field is read. */
const MAX_DETAIL_CHARS = 500;

/**
 * vagueDetail lists why a detail address would leave a courier guessing;
 * empty means it is fine. The division names the channel repeated at its
 * start are ignored, and masked or encrypted details are not judged.
 */
export function vagueDetail(detail: string | undefined, receiver: Receiver = {}): VagueMatch[] {
  const raw = foldWidth((detail ?? '').slice(0, MAX_DETAIL_CHARS)).trim();
  if (raw === '') return [{ reason: 'missing_detail', matched: '' }];
  if (/\*{2,}/.test(raw) || isEncryptedToken(raw)) return [];
  const text = stripDivisions(/\s/.test(raw) ? raw.replace(/\s+/g, '') : raw, receiver);
  const found: VagueMatch[] = [];
  const uncertain = UNCERTAIN.exec(text);
  if (uncertain) found.push({ reason: 'uncertain', matched: uncertain[0] });
  const chars = countWordChars(text);
  if (chars < MIN_DETAIL_CHARS) found.push({ reason: 'too_short', matched: text.replace(/[\p{P}\p{S}]/gu, '') });
  const numbered = HOUSE_NUMBER.test(text);
  if (!numbered) {
    const station = PARCEL_STATION.exec(text);
    const landmark = LANDMARK.exec(text);
    if (station) found.push({ reason: 'parcel_station_only', matched: station[0] });
    else if (landmark) found.push({ reason: 'landmark_only', matched: landmark[0] });
    else if (chars >= MIN_DETAIL_CHARS && !RURAL.test(text) && !INSTITUTION.test(text)) found.push({ reason: 'no_house_number', matched: '' });
  }
  return found;
}

/** Counts letters, digits and Han characters (punctuation and emoji do not make an address longer), up to the minimum. */
function countWordChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n < MIN_DETAIL_CHARS; i++) {
    const c = text.charCodeAt(i);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
    if (word) n++;
  }
  return n;
}

function isEncryptedToken(text: string): boolean {
  return text.length >= 16 && /^[#$~A-Za-z0-9+/=_-]+$/.test(text) && /[A-Za-z]/.test(text) && /\d/.test(text);
}

/** Channels often repeat "浙江省杭州市西湖区" before the street; a short street must not pass as long because of it. */
function stripDivisions(text: string, receiver: Receiver): string {
  const names = [receiver.province, receiver.city, receiver.district, receiver.town].filter((n): n is string => !!n && n.length <= 32);
  // Most details start with the street: skip building the candidates unless a division's first two characters lead.
  if (!names.some((n) => n.length >= 2 && text.startsWith(n.trim().slice(0, 2)))) return text;
  const candidates = names.flatMap((n) => [n.trim(), shortName(n.trim())]).filter((n) => n.length >= 2);
  let rest = text;
  for (let pass = 0; pass < 8; pass++) {
    const hit = candidates.find((n) => rest.startsWith(n));
    if (!hit) break;
    rest = rest.slice(hit.length);
  }
  return rest;
}

const FIELD_ZH = { province: '省份', city: '城市', district: '区县' } as const;

function unresolvedText(r: Extract<DivisionResolution, { ok: false }>): Bilingual {
  const value = clip(r.value, 20);
  if (r.reason === 'missing' && r.field === 'district') {
    return {
      zh: `收货地址缺少区县（${r.city ?? r.province ?? ''}下设有区县），快递无法准确分拣`,
      en: `The receiver address has no district although ${r.city ?? r.province ?? 'its city'} has districts; the parcel cannot be sorted reliably`,
    };
  }
  if (r.reason === 'missing') {
    return { zh: `收货地址缺少${FIELD_ZH[r.field]}，无法确认配送区域`, en: `The receiver address has no ${r.field}; the delivery area cannot be determined` };
  }
  if (r.reason === 'ambiguous') {
    return {
      zh: `收货地址的${FIELD_ZH[r.field]}「${value}」在${r.city ?? r.province ?? ''}有多个同名地区，无法确定是哪一个`,
      en: `The address ${r.field} "${value}" matches several divisions in ${r.city ?? r.province ?? 'its province'}; it is not clear which one`,
    };
  }
  const parent = r.city ?? r.province;
  return {
    zh: `收货地址的${FIELD_ZH[r.field]}「${value}」${parent ? `不属于${parent}或` : ''}不在现行行政区划中`,
    en: `The address ${r.field} "${value}" is not a current administrative division${parent ? ` of ${parent}` : ''}`,
  };
}

const VAGUE_TEXT: Readonly<Record<VagueReason, (detail: string, matched: string) => Bilingual>> = {
  missing_detail: () => ({ zh: '收货地址没有详细地址（街道、楼号、门牌号）', en: 'The receiver address has no street, building or house number' }),
  too_short: (d) => ({ zh: `详细地址「${d}」太短，快递员难以找到`, en: `The detail address "${d}" is too short for a courier to find` }),
  uncertain: (d, m) => ({ zh: `详细地址「${d}」含有不确定的描述「${m}」`, en: `The detail address "${d}" is uncertain ("${m}")` }),
  landmark_only: (d, m) => ({ zh: `详细地址「${d}」只有参照物「${m}」，没有门牌号`, en: `The detail address "${d}" gives only a landmark ("${m}"), no house number` }),
  parcel_station_only: (d, m) => ({
    zh: `详细地址「${d}」只写了代收点「${m}」，没有收货人住址`,
    en: `The detail address "${d}" names only a parcel station ("${m}"), not where the receiver lives`,
  }),
  no_house_number: (d) => ({ zh: `详细地址「${d}」没有楼号、门牌号或房间号`, en: `The detail address "${d}" has no building, house or room number` }),
};

/**
 * addressCheck raises `address.unresolved` when the province / city /
 * district do not resolve against the current national division table, and
 * `address.vague` when the detail would leave a courier guessing (landmark
 * only, uncertain, too short, parcel station only, no house number; the last
 * is `info` because many such addresses still arrive).
 */
export const addressCheck: ArrivalCheck = {
  name: 'address',
  codes: ['address.unresolved', 'address.vague'],
  run(facts, context) {
    const order = facts.order;
    const receiver: Receiver = order.receiver ?? {};
    const findings: Finding[] = [];
    // Nothing ships for virtual goods, and a partial answer without the receiver has nothing to judge.
    if (order.virtualGoods === true || order.incomplete?.includes('receiver')) return findings;
    // The national division table is China's: a foreign address is the carrier's to read.
    const domestic = receiver.country === undefined || receiver.country.toUpperCase() === 'CN';
    const resolution = domestic ? resolveDivisions(receiver) : ({ ok: true } as const);
    if (!resolution.ok) {
      const { ok: _ok, ...evidence } = resolution;
      findings.push(
        makeFinding(facts, context, {
          code: 'address.unresolved',
          severity: 'warning',
          explanation: unresolvedText(resolution),
          evidence: { ...evidence, value: clip(resolution.value, 32), given: givenDivisions(receiver) },
        }),
      );
    }
    // A detail the platform sent only encrypted is unreadable here, not missing.
    const vague = !domestic || receiver.encrypted?.includes('detail') ? [] : vagueDetail(receiver.detail, receiver);
    const first = vague[0];
    if (first) {
      const severity: Severity = vague.every((v) => v.reason === 'no_house_number') ? 'info' : 'warning';
      findings.push(
        makeFinding(facts, context, {
          code: 'address.vague',
          severity,
          explanation: VAGUE_TEXT[first.reason](clip((receiver.detail ?? '').trim(), 40), first.matched),
          evidence: { detail: clip((receiver.detail ?? '').trim(), 80), reasons: vague.map((v) => ({ reason: v.reason, matched: v.matched })) },
        }),
      );
    }
    return findings;
  },
};

function givenDivisions(r: Receiver): Record<string, string> {
  return { province: clip(r.province ?? '', 20), city: clip(r.city ?? '', 20), district: clip(r.district ?? '', 20) };
}
