import type { Receiver } from '../../domain/order.js';

/** AddressParts is what one address line splits into. */
export type AddressParts = Pick<Receiver, 'province' | 'city' | 'district' | 'town' | 'detail' | 'zip'>;

const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'];
const NAME = '[^\\s\\d路街号巷弄村]';

/*
 * One pattern reads both the spaced form the seller centres export
 * ("浙江省 杭州市 西湖区 文三路100号") and the run-together form people type
 * ("浙江省杭州市西湖区文三路100号"). Division names never contain spaces,
 * digits or street words, which keeps a lazy match from swallowing the street.
 */
const PROVINCE =
  `(?<province>${NAME}{2,7}?(?:省|自治区|特别行政区)|(?:北京|上海|天津|重庆)市?|` +
  `(?:内蒙古|广西|西藏|宁夏|新疆)(?:${NAME}{0,6}?自治区)?|(?:香港|澳门|台湾)(?:特别行政区|省)?)`;
const CITY = `(?<city>${NAME}{1,10}?(?:市|自治州|地区|盟)|市辖区|县)`;
const DISTRICT = `(?<district>${NAME}{1,10}?(?:区|县|市|旗))`;
const TOWN = `(?<town>${NAME}{1,8}?(?:街道|镇|乡))`;
const ADDRESS = new RegExp(`^${PROVINCE}\\s*(?:${CITY}\\s*)?(?:${DISTRICT}\\s*)?(?:${TOWN})?\\s*(?<detail>.*)$`, 'su');
const ZIP = /\s*[(（]\s*(\d{6})\s*[)）]\s*$/u;

/**
 * parseAddressLine splits a one-line Chinese address into its divisions, the
 * street detail and the zip code from trailing brackets (half- or full-width):
 * "浙江省 杭州市 西湖区 文三路100号(310000)". A municipality given once
 * ("上海市浦东新区...") is also its own city; the zip "000000" the platforms
 * use for "unknown" is dropped. A line with no recognisable province is all
 * detail, so nothing is lost.
 */
export function parseAddressLine(line: string): AddressParts {
  let text = line.replace(/[\u3000\u00a0]/g, ' ').trim();
  let zip: string | undefined;
  const zipMatch = ZIP.exec(text);
  if (zipMatch) {
    zip = zipMatch[1] === '000000' ? undefined : zipMatch[1];
    text = text.slice(0, zipMatch.index).trim();
  }
  const m = ADDRESS.exec(text);
  const g = m?.groups;
  if (g === undefined || g['province'] === undefined) return { detail: text === '' ? undefined : text, zip };
  const province = g['province'];
  const municipality = MUNICIPALITIES.find((name) => province.startsWith(name));
  const city = g['city'] ?? (municipality === undefined ? undefined : `${municipality}市`);
  const detail = (g['detail'] ?? '').trim();
  return {
    province,
    city,
    district: g['district'],
    town: g['town'],
    detail: detail === '' ? undefined : detail.replace(/\s+/g, ' '),
    zip,
  };
}
