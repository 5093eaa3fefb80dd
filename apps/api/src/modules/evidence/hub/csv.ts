/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a formula (leading
 * `=`, `+`, `-`, `@`, tab or carriage return) is neutralised with a leading apostrophe; numbers
 * stay numbers, so a change of -71.4 still sorts as one.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';
