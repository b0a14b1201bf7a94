import { carrierCode } from '../../domain/carrier.js';

/**
 * KUAIDI100_COMPANIES maps orderwatch's carrier codes (src/domain/carrier.ts)
 * to Kuaidi100's company codes (快递公司编码, always lower case): the
 * official SDKs' constants (kuaidi100-api/java-demo CompanyConstant: shunfeng,
 * zhongtong, yuantong, huitongkuaidi, shentong, yunda, ems, jd) and
 * Kuaidi100's code table for the rest (jtexpress, youzhengguonei,
 * debangkuaidi for 德邦快递).
 */
export const KUAIDI100_COMPANIES: Readonly<Record<string, string>> = {
  SF: 'shunfeng',
  ZTO: 'zhongtong',
  YTO: 'yuantong',
  YD: 'yunda',
  JD: 'jd',
  STO: 'shentong',
  EMS: 'ems',
  POST: 'youzhengguonei',
  JT: 'jtexpress',
  DBL: 'debangkuaidi',
  HTKY: 'huitongkuaidi',
};

/**
 * KUAIDI100_PHONE_COMPANIES track only with the receiver's or sender's
 * phone (`parameters.phone`): 顺丰速运, 顺丰快运 and 中通快递, per the
 * subscription document; the last four digits are accepted.
 */
export const KUAIDI100_PHONE_COMPANIES: ReadonlySet<string> = new Set(['shunfeng', 'shunfengkuaiyun', 'zhongtong']);

const KNOWN_CODES = new Set([...Object.values(KUAIDI100_COMPANIES), ...KUAIDI100_PHONE_COMPANIES]);

/**
 * kuaidi100Company is the Kuaidi100 company code of a carrier named by any
 * alias (`中通快递`, `1499`, `ZTO`, `zhongtong` → `zhongtong`), or
 * undefined when orderwatch does not know it: a guess would subscribe the
 * number at the wrong company, which Kuaidi100 accepts and never tracks.
 */
export function kuaidi100Company(carrier: string | undefined): string | undefined {
  if (carrier === undefined || carrier.trim() === '') return undefined;
  const raw = carrier.trim().toLowerCase();
  if (KNOWN_CODES.has(raw)) return raw;
  return KUAIDI100_COMPANIES[carrierCode(carrier)];
}
