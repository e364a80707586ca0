import { dateToSerialNumber, serialToLocalDate, wallClockOf, type DateSystem } from '../../core/calendar';
import { fitCellText } from '../../register/limits';
import { isFormulaCell, type CellValue, type SheetData, type WriteCell } from '../../register/workbook';

/**
 * Cells between the port and Office.js. Excel stores dates as serial numbers told apart only by their
 * number format, and it reads typed text (`=…`, `007`, `TRUE`, `2026-01-01`) as formulas, numbers,
 * booleans and dates; these functions keep the port's meaning in both directions.
 */

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * Text Excel would turn into something else when it is typed: a formula (`=`, `+`, `-`, `@`), a number,
 * date, time, percentage or fraction (all contain a digit), a boolean, an error literal, or a quote
 * prefix. Such text gets the Text format (`@`) before it is written, so it stays exactly as given.
 */
const COERCIBLE_TEXT = /^\s*[=+\-@'#]|\d|^\s*(true|false)\s*$/i;

const timeOfDay = (date: Date) => wallClockOf(date).time;

/** A Date as a serial number in the workbook's date system, with its time of day as the fraction. */
export function toSerial(date: Date, system: DateSystem = 1900): number {
  return dateToSerialNumber(date, system);
}

/**
 * A date-formatted cell's serial as the port's Date (its time of day from the fraction, to the
 * millisecond), or the number itself when no date cell can show it (Excel shows ####): 0 or negative,
 * past 9999-12-31.
 */
export function fromSerial(serial: number, system: DateSystem = 1900): Date | number {
  return serialToLocalDate(serial, system) ?? serial;
}

/**
 * What to send for one cell (`''` clears it: `null` would mean "leave this cell as it is"). A Date stays a
 * Date here: its serial depends on the workbook's date system, which withSerials applies when it is known.
 */
export function toExcelInput(cell: WriteCell): string | number | boolean | Date {
  if (cell === null || cell === undefined) return '';
  if (isFormulaCell(cell)) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  // Excel's 32,767 characters a cell, cut as every host cuts them (limits.ts).
  return typeof cell === 'string' ? fitCellText(cell) : cell;
}

/** toExcelInput's rows with each Date as its serial in the workbook's date system. */
export function withSerials(
  rows: readonly (readonly (string | number | boolean | Date)[])[],
  system: DateSystem,
): (string | number | boolean)[][] {
  return rows.map((line) => line.map((cell) => (cell instanceof Date ? toSerial(cell, system) : cell)));
}

/** The number format a cell needs before it is written, or null to leave its format alone. */
export function formatFor(cell: WriteCell): string | null {
  if (typeof cell === 'string') return COERCIBLE_TEXT.test(cell) ? '@' : null;
  if (cell instanceof Date) return timeOfDay(cell) === 0 ? DATE_FORMAT : DATETIME_FORMAT;
  return null;
}

/** True for a format that shows a date or time (`yyyy-mm-dd`, `d/m/yy h:mm`), not for `0.0%` or `"HK$"#,##0`. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === '' || format === 'General' || format === '@') return false;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  return /[dy]/i.test(bare) || (/h/i.test(bare) && /[ms]/i.test(bare));
}

/**
 * The port's SheetData from what Excel returns for a used range starting at (rowIndex, columnIndex):
 * padded from A1, blanks as null, dates back to Date, and a formula only where the cell has one.
 */
export function toSheetData(
  name: string,
  rowIndex: number,
  columnIndex: number,
  rawValues: readonly (readonly unknown[])[],
  rawFormulas: readonly (readonly unknown[])[],
  rawFormats: readonly (readonly unknown[])[],
  system: DateSystem = 1900,
): SheetData {
  const rows = rowIndex + rawValues.length;
  const cols = columnIndex + (rawValues[0]?.length ?? 0);
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () =>
    Array<string | null>(cols).fill(null),
  );
  rawValues.forEach((line, r) =>
    line.forEach((raw, c) => {
      const formula = rawFormulas[r]?.[c];
      // A constant cell reports its value as its "formula"; a real formula differs from its result.
      const isFormula = typeof formula === 'string' && formula.startsWith('=') && formula !== raw;
      let value = raw as CellValue;
      if (value === '' && !isFormula) value = null;
      else if (typeof value === 'number' && isDateFormat(rawFormats[r]?.[c]))
        value = fromSerial(value, system);
      values[rowIndex + r][columnIndex + c] = value;
      if (isFormula) formulas[rowIndex + r][columnIndex + c] = formula;
    }),
  );
  return { name, values, formulas };
}
