import type { FieldError } from '../../domain/ingest-result.js';
import wangdiantong from './erp/wangdiantong.json' with { type: 'json' };
import jushuitan from './erp/jushuitan.json' with { type: 'json' };
import jushuitanOrderDetail from './erp/jushuitan-order-detail.json' with { type: 'json' };
import { headerKey } from './cells.js';
import { resolveColumns } from './columns.js';
import { BUILT_IN_PROFILE_CHANNELS, builtInProfile } from './load-profile.js';
import { parseExportProfile, REQUIRED_EXPORT_FIELDS, type ExportField, type ExportProfile } from './profile.js';

/** KnownLayout is an export layout a file's header row can be compared with, and how to import it. */
interface KnownLayout {
  readonly name: string;
  /** The command-line options that read it, and what else it needs. */
  readonly how: string;
  readonly profile?: ExportProfile;
  /** For a layout without a profile (the 宝贝报表, read by its own reader): its header row. */
  readonly headers?: readonly string[];
}

/**
 * TAOBAO_ITEM_REPORT_HEADERS is the header row of Taobao's item-level report
 * (已卖出的宝贝 → 批量导出 → 宝贝报表, ExportOrderDetailList): one row per
 * line, by position, as two public importers read it (see
 * ../samples/SOURCES.md). It has no order time and no paid amount, so it makes
 * no order alone: its rows are the lines of the 订单报表's orders
 * (taobao-item-report.ts reads them).
 */
export const TAOBAO_ITEM_REPORT_HEADERS: readonly string[] = ['订单编号', '标题', '价格', '购买数量', '外部系统编号', '商品属性', '套餐信息', '备注', '订单状态', '商家编码'];

function erpProfile(source: unknown): ExportProfile {
  const parsed = parseExportProfile(source);
  if (!parsed.ok) throw new Error(`shipped ERP profile is invalid: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return parsed.profile;
}

let layouts: readonly KnownLayout[] | undefined;

/** knownLayouts lists every layout orderwatch knows, built on first use (the profiles are validated then). */
function knownLayouts(): readonly KnownLayout[] {
  layouts ??= [
    ...BUILT_IN_PROFILE_CHANNELS.map((channel) => ({ name: builtInProfile(channel).name, how: `--channel ${channel}`, profile: builtInProfile(channel) })),
    { name: erpProfile(wangdiantong).name, how: '--channel generic --profile src/ingest/exports/erp/wangdiantong.json', profile: erpProfile(wangdiantong) },
    { name: erpProfile(jushuitan).name, how: '--channel generic --profile src/ingest/exports/erp/jushuitan.json', profile: erpProfile(jushuitan) },
    {
      name: erpProfile(jushuitanOrderDetail).name,
      how: '--channel generic --profile src/ingest/exports/erp/jushuitan-order-detail.json',
      profile: erpProfile(jushuitanOrderDetail),
    },
    {
      name: 'taobao-item-report (淘宝 宝贝报表)',
      how: '--channel taobao without --profile, together with the 订单报表 (order report) of its orders or after it: its rows are the lines of those orders, with no order time or paid amount of their own',
      headers: TAOBAO_ITEM_REPORT_HEADERS,
    },
  ];
  return layouts;
}

/** LayoutGuess is the known layout a header row matches best and what that layout would still miss. */
export interface LayoutGuess {
  readonly name: string;
  readonly how: string;
  /** How many of the file's headers the layout knows. */
  readonly matched: number;
  /** The layout's required columns (first alias) that the file lacks. */
  readonly missing: readonly string[];
}

/** MIN_MATCHED is how many headers must match before a layout is named: two shared words like 订单状态 are chance. */
const MIN_MATCHED = 3;

/**
 * guessLayout names the known export layout a header row looks most like:
 * the one that recognises the most of its headers, at least MIN_MATCHED and
 * more than the profile the file was imported with does (a file of the right
 * layout that only lacks a column is not sent elsewhere). Undefined when
 * none comes close.
 */
export function guessLayout(headers: readonly string[], importedWith?: ExportProfile): LayoutGuess | undefined {
  const floor = Math.max(MIN_MATCHED, importedWith === undefined ? 0 : resolveColumns(importedWith, headers).size + 1);
  let best: LayoutGuess | undefined;
  for (const layout of knownLayouts()) {
    if (layout.profile !== undefined && layout.profile.name === importedWith?.name) continue;
    const guess = layout.profile ? matchProfile(layout, layout.profile, headers) : matchHeaders(layout, headers);
    if (guess.matched >= floor && (best === undefined || guess.matched > best.matched)) best = guess;
  }
  return best;
}

function matchProfile(layout: KnownLayout, profile: ExportProfile, headers: readonly string[]): LayoutGuess {
  const columns = resolveColumns(profile, headers);
  const required: ExportField[] = [...REQUIRED_EXPORT_FIELDS, ...(columns.has('title') || columns.has('sku') ? [] : (['title'] as const))];
  const missing = required.filter((field) => !columns.has(field)).map((field) => profile.columns[field]?.headers[0] ?? field);
  return { name: layout.name, how: layout.how, matched: columns.size, missing };
}

function matchHeaders(layout: KnownLayout, headers: readonly string[]): LayoutGuess {
  const keys = new Set(headers.map(headerKey));
  const matched = (layout.headers ?? []).filter((h) => keys.has(headerKey(h))).length;
  return { name: layout.name, how: layout.how, matched, missing: [] };
}

/**
 * withLayoutGuess adds to the header errors of a file that the profile
 * cannot read which known layout the file looks most like, how to import it,
 * and which of that layout's required columns the file still lacks: the
 * tabular counterpart of the JSON shape guess.
 */
export function withLayoutGuess(errors: readonly FieldError[], headers: readonly string[], importedWith: ExportProfile): FieldError[] {
  const [first, ...rest] = errors;
  if (first === undefined) return [];
  const guess = guessLayout(headers, importedWith);
  if (guess === undefined) return [...errors];
  const lacking = guess.missing.length > 0 ? `; of its required columns this file lacks ${guess.missing.join(', ')}` : '';
  const how = guess.how.startsWith('--') ? `import it with ${guess.how}` : guess.how;
  return [{ ...first, message: `${first.message}. It looks most like the ${guess.name} layout (${guess.matched} of its columns match): ${how}${lacking}` }, ...rest];
}
