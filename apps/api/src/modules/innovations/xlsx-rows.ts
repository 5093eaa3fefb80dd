import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as import text: numbers, dates, booleans, rich text, hyperlinks and formula results alike. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

/**
 * The rows of the first worksheet, read as a stream (exceljs WorkbookReader): cells as text,
 * `line` = the spreadsheet row number. Empty rows are skipped, as spreadsheets keep none.
 */
export async function* readXlsxRows(input: Readable): AsyncGenerator<{ cells: string[]; line: number }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    let first = true;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // Only the first worksheet is imported; the others are read past.
        if (!first) continue;
        const values = (row.values as ExcelJS.CellValue[]).slice(1); // exceljs rows are 1-based
        const cells = Array.from({ length: values.length }, (_, k) => cellText(values[k]));
        if (cells.some((c) => c !== '')) yield { cells, line: row.number };
      }
      first = false;
    }
  } catch (e) {
    throw Object.assign(new Error(`XLSX could not be read: ${(e as Error).message}`), { xlsx: true });
  }
}
