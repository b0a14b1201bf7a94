import type { FieldError } from '../../domain/ingest-result.js';
import { headerKey } from './cells.js';
import { REQUIRED_EXPORT_FIELDS, type ExportField, type ExportProfile } from './profile.js';

/** ColumnMap says, for each canonical field the file has, which of its headers (as written in the file) holds it. */
export type ColumnMap = ReadonlyMap<ExportField, string>;

/** MAX_LISTED_HEADERS caps the headers quoted back in an error message. */
const MAX_LISTED_HEADERS = 40;

/**
 * resolveColumns matches a file's headers to the profile's fields. Headers and
 * aliases are compared by headerKey (trimmed of any spaces, full-width ones
 * too, and of a trailing colon); a field's earlier alias wins when a file
 * happens to have two of them.
 */
export function resolveColumns(profile: Pick<ExportProfile, 'columns'>, headers: readonly string[]): ColumnMap {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (key !== '' && !byKey.has(key)) byKey.set(key, header);
  }
  const columns = new Map<ExportField, string>();
  for (const [field, column] of Object.entries(profile.columns) as [ExportField, { headers: string[] }][]) {
    for (const alias of column.headers) {
      const header = byKey.get(headerKey(alias));
      if (header !== undefined) {
        columns.set(field, header);
        break;
      }
    }
  }
  return columns;
}

/**
 * checkHeaders says what keeps a file's header row from being read with this
 * profile: each required column that is missing, with the aliases accepted
 * and the headers found. When not one required column matches, it is one
 * error that asks whether this is the right profile (or a GBK file read as
 * UTF-8, whose headers come out as "锟斤拷" or U+FFFD).
 */
export function checkHeaders(profile: ExportProfile, headers: readonly string[]): FieldError[] {
  const columns = resolveColumns(profile, headers);
  const missing = REQUIRED_EXPORT_FIELDS.filter((field) => !columns.has(field));
  if (missing.length === 0) return [];
  const found = foundHeaders(headers);
  if (missing.length === REQUIRED_EXPORT_FIELDS.length) {
    const wanted = missing.map((field) => firstAlias(profile, field)).join(', ');
    const garbled = headers.some((h) => h.includes('\ufffd') || h.includes('锟斤拷'));
    return [
      {
        field: '(headers)',
        message:
          `none of the required columns of profile "${profile.name}" (${wanted}) is in this file; headers found: ${found}` +
          (garbled ? '. The headers look garbled: the file is probably GBK-encoded and was read as UTF-8' : ''),
      },
    ];
  }
  return missing.map((field) => {
    const aliases = profile.columns[field]?.headers ?? [field];
    const also = aliases.length > 1 ? ` (or ${aliases.slice(1).join(', ')})` : '';
    return { field: aliases[0] ?? field, message: `required column is missing${also}; headers found: ${found}` };
  });
}

function firstAlias(profile: ExportProfile, field: ExportField): string {
  return profile.columns[field]?.headers[0] ?? field;
}

function foundHeaders(headers: readonly string[]): string {
  if (headers.length === 0) return '(none)';
  const shown = headers.slice(0, MAX_LISTED_HEADERS).map((h) => h.trim());
  return shown.join(', ') + (headers.length > MAX_LISTED_HEADERS ? `, … (${headers.length} in all)` : '');
}
