/**
 * The Workbook port: everything the register needs from a spreadsheet, and nothing more.
 *
 * Every host (in-memory, .xlsx file, Excel, Google Sheets) implements it. It is shaped for bulk work:
 * writes take whole 2-D arrays or whole ranges, never single cells in a loop, so that a host with
 * round trips (Office.js, Apps Script) can queue them and apply them in a constant number of calls.
 *
 * Writes are queued and become visible to reads in order; `flush()` makes them durable (one
 * `context.sync()` in Excel; a no-op for hosts that apply writes at once).
 * Rows and columns are 1-based, as users see them.
 */

/**
 * What a cell holds. A `Date` is a wall clock with no time zone, as the cell shows it: its *local*
 * fields (getFullYear … getMilliseconds) are the day and time of day, whatever the machine's zone, and
 * a date with no time of day is local midnight. Hosts convert through src/core/calendar.ts only: to and
 * from serial numbers in the workbook's date system (1900, or 1904 for `date1904` workbooks), and to and
 * from the instants Google Sheets and exceljs use. A date-formatted serial that no date can be (0 or
 * negative, past 9999-12-31) is read as its number, never as a `Date`.
 */
export type CellValue = string | number | boolean | Date | null;

/**
 * A worksheet formula (in English function names, comma separated, with the leading `=`) and the value
 * the core computed for it. Writing the result too means the workbook reads correctly the moment it
 * opens, before (or without) any recalculation.
 */
export interface FormulaCell {
  formula: string;
  result?: CellValue;
}

/**
 * A cell to write. A plain string is ALWAYS stored as text, even when it starts with `=`, `+`, `-` or
 * `@`: only a FormulaCell becomes a formula. Each host must honour this (it is how user text stays safe).
 * Writing `null` or `''` clears a cell. A block written at once must be rectangular.
 */
export type WriteCell = CellValue | FormulaCell;

export function isFormulaCell(cell: unknown): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'formula' in cell;
}

/** A rectangle on one sheet. */
export interface RangeRef {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface SheetInfo {
  /** Sheet (and table) names compare without regard to case, as in Excel. */
  name: string;
  /** Last row and column holding a value or formula (0 when the sheet is empty); formatting alone does not count. */
  rows: number;
  cols: number;
}

/** What a sheet holds: values (cached results for formula cells) and, where a cell has one, its formula. */
export interface SheetData {
  name: string;
  /** A blank cell is `null`, never `''`; an error value reads as its code text, e.g. `'#N/A'` (as in Office.js). */
  values: CellValue[][];
  /** Same shape as `values`; `null` where the cell is not a formula. */
  formulas: (string | null)[][];
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** `#RRGGBB` */
  fill?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
}

export type ConditionalFormat =
  /** Three traffic lights on a numeric column: red below `amberAt`, amber below `greenAt`, green from it. */
  | { kind: 'trafficLights'; amberAt: number; greenAt: number }
  /** Fill (and font colour) where the cell's text equals `text` exactly. */
  | { kind: 'textEquals'; text: string; fill: string; fontColor?: string }
  /** Fill where a numeric cell compares to `value`. */
  | {
      kind: 'number';
      operator: 'lessThan' | 'greaterThanOrEqual' | 'between';
      value: number;
      value2?: number;
      fill: string;
      fontColor?: string;
    };

export interface TableSpec {
  name: string;
  /**
   * The table's full range, header row included. A table always has a body row: a header-only range gets one
   * empty row, as Excel makes it. Header cells are the column names (a blank one becomes `ColumnN`, as in Excel).
   */
  range: RangeRef;
  /** Banded rows and a filter button on each header. */
  style?: 'light' | 'medium';
}

export interface Workbook {
  /**
   * A host that runs every cell calling a custom function as an execution of its own (Google Sheets,
   * where each one also loads the whole script) says so here. The register then writes native formulas
   * (the portable dialect) and the one custom function it needs, SMARTCHECK, as a single array formula
   * over its column (see column-formulas.ts), so a register costs the same executions at any size.
   */
  readonly customFunctionsPerColumn?: boolean;

  // --- reads -------------------------------------------------------------------------------------
  /** The sheets in tab order, with their used size. */
  sheets(): Promise<SheetInfo[]>;
  /** The used range of one sheet (from A1), or `undefined` when there is no such sheet. */
  readSheet(name: string): Promise<SheetData | undefined>;
  /** Several sheets in one round trip (hosts with round trips must not loop over readSheet). */
  readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]>;
  /** The names of the tables in the workbook, with their ranges. */
  tables(): Promise<TableSpec[]>;

  // --- writes (queued; see flush) ----------------------------------------------------------------
  /** Adds an empty sheet at the end. Adding a name that exists is an error. */
  addSheet(name: string): void;
  /** Writes a block of cells whose top-left corner is (row, col). */
  write(sheet: string, row: number, col: number, cells: WriteCell[][]): void;
  /**
   * Appends rows after the last used row of the sheet (append-only history such as Check-ins).
   * Resolves to the 1-based row number of the first appended row. A table that ends on the last used row
   * grows to take in the appended rows.
   */
  append(sheet: string, cells: WriteCell[][]): Promise<number>;
  /** One number format for a whole range, e.g. `0.0%`, `#,##0`, `yyyy-mm-dd`, `"HK$"#,##0`. */
  setNumberFormat(range: RangeRef, format: string): void;
  setStyle(range: RangeRef, style: CellStyle): void;
  /** Widths in characters (Excel's unit), starting at column `firstCol`. */
  setColumnWidths(sheet: string, firstCol: number, widths: readonly number[]): void;
  freeze(sheet: string, rows: number, cols: number): void;
  addTable(table: TableSpec): void;
  /** A dropdown list; `strict` rejects other values, otherwise it only warns. */
  setValidationList(range: RangeRef, values: readonly string[], strict?: boolean): void;
  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void;
  /** Groups rows (outline level 1) so they can be collapsed under the row above them. */
  groupRows(sheet: string, firstRow: number, lastRow: number): void;

  /** Applies every queued write. Hosts without round trips may apply writes at once and resolve here. */
  flush(): Promise<void>;
}

/** `A1`-style column letters for a 1-based column number. */
export function columnLetter(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `Sheet!A1:B2` address, quoting the sheet name when needed. */
export function rangeAddress(range: RangeRef, withSheet = true): string {
  const first = `${columnLetter(range.col)}${range.row}`;
  const last = `${columnLetter(range.col + range.cols - 1)}${range.row + range.rows - 1}`;
  const body = range.rows === 1 && range.cols === 1 ? first : `${first}:${last}`;
  return withSheet ? `${quoteSheet(range.sheet)}!${body}` : body;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
