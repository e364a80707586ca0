import { formatIsoDate } from '../../core/dates';
import {
  isFormulaCell,
  type CellStyle,
  type CellValue,
  type ConditionalFormat,
  type RangeRef,
  type WriteCell,
} from '../../register/workbook';
import { fitCellText, fitTableColumnName, fitText, MAX_TABLE_COLUMN_NAME } from '../../register/limits';

/**
 * Input checks shared by the hosts that apply writes at once (in-memory, .xlsx file). They follow
 * Excel's limits, so a workbook built in memory or in a file can always be opened by Excel.
 */
export class WorkbookInputError extends Error {
  override name = 'WorkbookInputError';
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const CONTROL = /[\u0000-\u001f]/;

/** Excel compares sheet and table names without regard to case. */
export const nameKey = (name: string): string => name.toUpperCase();

export function checkSheetName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw new WorkbookInputError('A sheet name cannot be blank.');
  if (name.length > 31) throw new WorkbookInputError(`Sheet name "${name}" is longer than 31 characters.`);
  if (CONTROL.test(name)) throw new WorkbookInputError('A sheet name cannot contain control characters.');
  if (SHEET_NAME_FORBIDDEN.test(name))
    throw new WorkbookInputError(`Sheet name "${name}" contains one of : \\ / ? * [ ].`);
  if (name.startsWith("'") || name.endsWith("'"))
    throw new WorkbookInputError(`Sheet name "${name}" cannot start or end with an apostrophe.`);
  if (nameKey(name) === 'HISTORY') throw new WorkbookInputError('"History" is a sheet name Excel reserves.');
}

/** Table names: a letter, `_` or `\` first, then letters, digits, `_` and `.`; never a cell reference. */
export function checkTableName(name: string): void {
  const valid = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) && name.length <= 255;
  const looksLikeCell =
    /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
  if (!valid || looksLikeCell)
    throw new WorkbookInputError(
      `"${name}" is not a valid table name (start with a letter, then letters, digits or _; no spaces).`,
    );
}

function checkPosition(what: string, row: number, col: number): void {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS)
    throw new WorkbookInputError(`${what}: row ${row} is outside 1..${MAX_ROWS}.`);
  if (!Number.isInteger(col) || col < 1 || col > MAX_COLS)
    throw new WorkbookInputError(`${what}: column ${col} is outside 1..${MAX_COLS}.`);
}

export function checkRange(what: string, range: RangeRef): void {
  checkPosition(what, range.row, range.col);
  if (!Number.isInteger(range.rows) || range.rows < 1 || !Number.isInteger(range.cols) || range.cols < 1)
    throw new WorkbookInputError(`${what}: a range needs at least one row and one column.`);
  checkPosition(what, range.row + range.rows - 1, range.col + range.cols - 1);
}

/** A block must be rectangular (as Excel's range.values is); returns its width. */
export function checkBlock(
  what: string,
  row: number,
  col: number,
  cells: readonly (readonly unknown[])[],
): number {
  if (!Array.isArray(cells)) throw new WorkbookInputError(`${what}: cells must be a 2-D array.`);
  const width = cells.length ? cells[0].length : 0;
  cells.forEach((line, i) => {
    if (!Array.isArray(line) || line.length !== width)
      throw new WorkbookInputError(
        `${what}: row ${i + 1} of the block has ${line?.length} cells, expected ${width}.`,
      );
  });
  if (cells.length && width) checkPosition(what, row + cells.length - 1, col + width - 1);
  else checkPosition(what, row, col);
  return width;
}

/** One stored cell: its value (the cached result for a formula) and its formula with the leading `=`. */
export interface NormalCell {
  value: CellValue;
  formula: string | null;
}

function checkValue(value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new WorkbookInputError(`${value} cannot be stored in a cell.`);
    return value;
  }
  // Excel holds at most 32,767 characters in a cell: longer text is cut with a visible "…" (limits.ts).
  if (typeof value === 'string') return fitCellText(value);
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new WorkbookInputError('An invalid date cannot be stored in a cell.');
    return new Date(value.getTime());
  }
  throw new WorkbookInputError(`A cell cannot hold ${Object.prototype.toString.call(value)}.`);
}

/**
 * What a write stores. A plain string stays text whatever its first character; only a FormulaCell is
 * a formula. The empty string is a blank cell (as when a user clears a cell).
 */
export function normaliseWrite(cell: WriteCell): NormalCell {
  if (isFormulaCell(cell)) {
    const text = typeof cell.formula === 'string' ? cell.formula.trim() : '';
    const body = text.startsWith('=') ? text.slice(1) : text;
    if (!body) throw new WorkbookInputError('A formula cell needs a formula.');
    return { value: checkValue(cell.result), formula: `=${body}` };
  }
  return { value: checkValue(cell), formula: null };
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;

export function checkColor(what: string, color: string | undefined): string | undefined {
  if (color === undefined) return undefined;
  if (!COLOR.test(color)) throw new WorkbookInputError(`${what}: "${color}" is not a #RRGGBB colour.`);
  return color.toUpperCase();
}

/** A style with its colours checked and upper-cased, and undefined properties left out. */
export function normaliseStyle(style: CellStyle): CellStyle {
  const out: CellStyle = {};
  if (style.bold !== undefined) out.bold = style.bold;
  if (style.italic !== undefined) out.italic = style.italic;
  const fill = checkColor('fill', style.fill);
  if (fill) out.fill = fill;
  const fontColor = checkColor('font colour', style.fontColor);
  if (fontColor) out.fontColor = fontColor;
  if (style.wrap !== undefined) out.wrap = style.wrap;
  if (style.horizontal !== undefined) {
    if (!['left', 'center', 'right'].includes(style.horizontal))
      throw new WorkbookInputError(`"${style.horizontal}" is not an alignment.`);
    out.horizontal = style.horizontal;
  }
  return out;
}

export function normaliseConditionalFormat(format: ConditionalFormat): ConditionalFormat {
  const finite = (n: unknown, what: string) => {
    if (typeof n !== 'number' || !Number.isFinite(n))
      throw new WorkbookInputError(`${what} must be a number.`);
    return n;
  };
  switch (format.kind) {
    case 'trafficLights': {
      const amberAt = finite(format.amberAt, 'amberAt');
      const greenAt = finite(format.greenAt, 'greenAt');
      if (amberAt > greenAt) throw new WorkbookInputError('Traffic lights: amberAt must not exceed greenAt.');
      return { kind: 'trafficLights', amberAt, greenAt };
    }
    case 'textEquals': {
      const out: ConditionalFormat = {
        kind: 'textEquals',
        text: String(format.text),
        fill: checkColor('fill', format.fill)!,
      };
      const fontColor = checkColor('font colour', format.fontColor);
      if (fontColor) out.fontColor = fontColor;
      return out;
    }
    case 'number': {
      if (!['lessThan', 'greaterThanOrEqual', 'between'].includes(format.operator))
        throw new WorkbookInputError(`"${format.operator}" is not a number rule.`);
      const out: ConditionalFormat = {
        kind: 'number',
        operator: format.operator,
        value: finite(format.value, 'value'),
        fill: checkColor('fill', format.fill)!,
      };
      if (format.operator === 'between') out.value2 = finite(format.value2, 'value2');
      const fontColor = checkColor('font colour', format.fontColor);
      if (fontColor) out.fontColor = fontColor;
      return out;
    }
    default:
      throw new WorkbookInputError(`Unknown conditional format ${JSON.stringify(format)}.`);
  }
}

export function checkListValues(values: readonly string[]): string[] {
  if (!Array.isArray(values) || values.length === 0)
    throw new WorkbookInputError('A dropdown list needs at least one value.');
  return values.map((value) => {
    if (typeof value !== 'string' || value === '')
      throw new WorkbookInputError('Dropdown values must be non-empty text.');
    return value;
  });
}

/**
 * Header names for a table, as Excel makes them: text as written, a number as its text, a blank as
 * `ColumnN`, and a repeat gets a number (`Owner2`), because a table's column names must be unique.
 */
export function tableHeaderNames(cells: readonly CellValue[]): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const base = cell === null ? `Column${i + 1}` : cell instanceof Date ? formatIsoDate(cell) : String(cell);
    // Office allows a table column's name 255 characters (limits.ts): longer headers are cut to fit.
    let name = fitTableColumnName(base);
    for (let n = 2; seen.has(nameKey(name)); n++)
      name = `${fitText(base, MAX_TABLE_COLUMN_NAME - String(n).length)}${n}`;
    seen.add(nameKey(name));
    return name;
  });
}

/**
 * The number format a date gets when its cell has none: ISO order reads the same in Hong Kong and
 * elsewhere (and matches the Excel host). A date with a time of day keeps the time visible.
 */
export function defaultDateFormat(date: Date): string {
  const midnight = date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;
  return midnight ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
}
