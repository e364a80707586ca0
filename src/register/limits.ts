/**
 * Excel's limits on what a workbook may hold, in one place: the register's writers (build, Dashboard)
 * fit their text here, and the hosts' write checks (src/hosts/memory/checks.ts, the Excel and Sheets
 * cell conversions) apply the same functions, so every host writes what Excel can open.
 *
 * Sources:
 * - Microsoft, "Excel specifications and limits"
 *   (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
 *   1,048,576 rows by 16,384 columns; 32,767 characters in a cell.
 * - [MS-OI29500] 2.1.681 (tableColumn): Office requires a table column's name to be at most 255
 *   characters and, with a header row, the same as its header cell.
 * - [MS-OI29500] 2.1.1747 (ST_Xstring): in an attribute, carriage return, line feed and tab are escaped as
 *   `_xHHHH_`; a literal `_xHHHH_` in the text escapes its underscore as `_x005f_`.
 * - Microsoft, "COUNTIF function" (common problems): criteria for strings longer than 255 characters
 *   give wrong results; Excel also refuses a text constant of more than 255 characters in a formula.
 */

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLS = 16_384;
export const MAX_CELL_TEXT = 32_767;
export const MAX_TABLE_COLUMN_NAME = 255;
export const MAX_CRITERION = 255;

/** What ends text cut to fit: visible, so nobody takes the shortened text for the whole. */
export const CUT_MARK = '…';

/** The text cut to at most `max` UTF-16 units (what Excel counts), ending in `…`; unchanged when it fits. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - CUT_MARK.length;
  // Never split a surrogate pair (an emoji or a rare CJK character would become garbage).
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}${CUT_MARK}`;
}

/** Text for one cell. */
export const fitCellText = (text: string): string => fitText(text, MAX_CELL_TEXT);

/** A table column's name (and so its header cell, which must equal it). */
export const fitTableColumnName = (name: string): string => fitText(name, MAX_TABLE_COLUMN_NAME);

/**
 * A COUNTIFS criterion as Excel reads it (the string's value, `~` escapes included). A longer one keeps
 * its first 254 characters and ends in the wildcard `*`: it still counts that text (and, in theory, any
 * other starting with the same 254 characters) instead of making the whole count #VALUE!.
 */
export function fitCriterion(criterion: string): string {
  if (criterion.length <= MAX_CRITERION) return criterion;
  let head = criterion.slice(0, MAX_CRITERION - 1);
  // A lone `~` at the end would escape the `*` that follows; an odd run of them is cut by one.
  const tildes = /~+$/.exec(head)?.[0].length ?? 0;
  if (tildes % 2 === 1) head = head.slice(0, -1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}*`;
}

/**
 * Text for an ST_Xstring attribute (a table column's name), escaped as Excel writes it: control
 * characters as `_xHHHH_` (a line break in a header becomes `_x000a_`, so the name still equals its
 * cell after XML attribute normalisation would otherwise have made it a space), and the underscore that
 * starts a literal `_xHHHH_` as `_x005f_`. The result still needs XML escaping (`&`, `<`, `"`).
 */
export function escapeXstring(text: string): string {
  return (
    text
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005f_')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
      .replace(/[\u0000-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0')}_`)
  );
}

/** Undoes escapeXstring (for reading a table column's name back). */
export function unescapeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Thrown before any work when a sheet the register writes would pass Excel's last row. */
export class RowLimitError extends Error {
  override name = 'RowLimitError';

  constructor(
    readonly sheet: 'register' | 'checkIns' | 'cascade' | 'dashboard',
    readonly rows: number,
  ) {
    super(`The ${sheet} sheet would need ${rows} rows; Excel has ${EXCEL_MAX_ROWS}.`);
  }
}

/** Refuses, before any work, a sheet of `rows` rows (header included). */
export function checkSheetRows(sheet: RowLimitError['sheet'], rows: number): void {
  if (rows > EXCEL_MAX_ROWS) throw new RowLimitError(sheet, rows);
}
