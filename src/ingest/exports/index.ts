/**
 * Back-office exports: the CSV / XLSX order reports sellers download from
 * their seller centres, read row by row with an ExportProfile that maps the
 * file's (Chinese) headers to order fields. File decoding (GBK, XLSX) belongs
 * to the file readers; this folder starts at header → cell text.
 */
export { parseAddressLine, type AddressParts } from './address.js';
export { cleanCell, headerKey } from './cells.js';
export { checkHeaders, resolveColumns, type ColumnMap } from './columns.js';
export { normaliseExportRow } from './export-row.js';
export { guessLayout, TAOBAO_ITEM_REPORT_HEADERS, withLayoutGuess, type LayoutGuess } from './layout-guess.js';
export { BUILT_IN_PROFILE_CHANNELS, builtInProfile, loadProfileFile, type BuiltInProfileChannel } from './load-profile.js';
export {
  EXPORT_FIELDS,
  REQUIRED_EXPORT_FIELDS,
  VALUE_KINDS,
  defaultKind,
  exportProfileSchema,
  parseExportProfile,
  type ExportField,
  type ExportProfile,
  type ProfileParse,
  type ValueKind,
} from './profile.js';
export { parseShipments } from './shipments.js';
