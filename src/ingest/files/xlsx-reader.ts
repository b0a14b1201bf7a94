import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { headerNames, isBlankRow, toExportRow } from './export-row.js';
import { FileReadError } from './file-read-error.js';
import type { FileRecord } from './file-record.js';
import { xlsxCellText } from './xlsx-cell.js';

/**
 * readXlsx reads the first worksheet of an .xlsx workbook row by row with
 * exceljs's streaming reader: the first non-blank row names the columns and
 * each later non-blank row becomes one record of header → cell text (see
 * xlsxCellText), or an error record when it has more cells than headers.
 * A file exceljs cannot read is a FileReadError.
 */
export async function* readXlsx(source: Readable, path: string): AsyncGenerator<FileRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date from a number; hyperlink targets are not wanted, their text is in the cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let headers: string[] | undefined;
  let record = 0;
  let sawWorksheet = false;
  try {
    for await (const worksheet of workbook) {
      sawWorksheet = true;
      for await (const row of worksheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = xlsxCellText(cell);
        });
        for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
        if (isBlankRow(cells)) continue;
        if (headers === undefined) {
          headers = headerNames(cells);
          continue;
        }
        record += 1;
        const result = toExportRow(headers, cells);
        yield 'error' in result
          ? { record, error: { field: result.error.field, message: `sheet row ${row.number} ${result.error.message}` } }
          : { record, value: result.row };
      }
      break; // Only the first worksheet holds the export.
    }
  } catch (error) {
    throw new FileReadError(path, `is not a readable .xlsx workbook: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    source.destroy();
  }
  if (!sawWorksheet) throw new FileReadError(path, 'the workbook has no worksheet');
  if (headers === undefined) throw new FileReadError(path, 'the first worksheet is empty (no header row)');
}
