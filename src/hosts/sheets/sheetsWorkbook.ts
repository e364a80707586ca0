import { checkBlock, checkRange } from '../memory/checks';
import type {
  CellStyle,
  ConditionalFormat,
  RangeRef,
  SheetData,
  SheetInfo,
  TableSpec,
  Workbook,
  WriteCell,
} from '../../register/workbook';
import { toSheetData, toSheetsInput } from './cells';
import { conditionalRules } from './conditional';
import { ZoneShift } from './zone';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export interface SheetsWorkbookOptions {
  /** The spreadsheet to work on; the active one (the one the add-on runs in) when omitted. */
  spreadsheet?: Spreadsheet;
  /** How dates move between the sheet's time zone and the script's; no shift when omitted. */
  zone?: ZoneShift;
}

/** Column widths: the port speaks characters (Excel's unit), Sheets pixels (about 7 per character plus padding). */
export const charactersToPixels = (characters: number): number => Math.round(characters * 7 + 5);

/**
 * The Workbook port over SpreadsheetApp. Apps Script's calls are synchronous, so writes are applied at
 * once (SpreadsheetApp batches them itself until the next read or flush) and every method resolves
 * without waiting. What matters in Apps Script is the number of service calls: each port operation
 * costs a fixed handful of them, whole ranges at a time (`getValues`, `setValues`, one
 * `setNumberFormat` per range), never one per cell, so a register of 5,000 KPIs costs what one of 10 does.
 *
 * Sheets differs from Excel in four ways the port hides:
 * - There are no tables. A table is a named range (its name is the table's) with a filter on its
 *   header and, when a style is asked for, banded rows; appending below it grows all three (the filter
 *   with the user's criteria: see regrowFilter).
 * - Each cell calling a custom function is an execution of its own (customFunctionsPerColumn).
 * - There are no icon sets: traffic lights are colour rules (see conditional.ts).
 * - The KPI functions are called KPI_SCORE etc. (see formulas.ts).
 * Conditional format rules are collected and set once per sheet at flush: Sheets takes a sheet's rules
 * as one list, so adding them one by one would read and rewrite that list every time.
 */
export class SheetsWorkbook implements Workbook {
  /**
   * Sheets runs each cell that calls a custom function as an execution of its own (and each loads the
   * whole Code.js): "Each time a custom function is used in a spreadsheet, Sheets makes a separate call
   * to the Apps Script server" (developers.google.com/apps-script/guides/sheets/functions, Optimization).
   * The register therefore writes native formulas here, and SMARTCHECK once per column (docs/sheets.md).
   */
  readonly customFunctionsPerColumn = true;
  private readonly spreadsheet: Spreadsheet;
  private readonly zone: ZoneShift;
  private readonly sheetCache = new Map<string, Sheet>();
  private readonly pendingRules = new Map<string, Rule[]>();
  private readonly groupedSheets = new Set<string>();
  /** The sheet the user was on before this action inserted sheets (inserting one activates it). */
  private userSheet: Sheet | undefined;

  constructor(
    private readonly app: App,
    options: SheetsWorkbookOptions = {},
  ) {
    this.spreadsheet = options.spreadsheet ?? app.getActiveSpreadsheet();
    this.zone = options.zone ?? new ZoneShift('', '', () => '+0000');
  }

  // --- reads ---------------------------------------------------------------------------------------

  async sheets(): Promise<SheetInfo[]> {
    return this.spreadsheet.getSheets().map((sheet) => {
      const name = sheet.getName();
      this.sheetCache.set(name, sheet);
      return { name, rows: sheet.getLastRow(), cols: sheet.getLastColumn() };
    });
  }

  async readSheet(name: string): Promise<SheetData | undefined> {
    return (await this.readSheets([name]))[0];
  }

  async readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]> {
    const read = new Map<string, SheetData | undefined>();
    for (const name of names) {
      if (read.has(name)) continue;
      const sheet = this.findSheet(name);
      if (!sheet) {
        read.set(name, undefined);
        continue;
      }
      const range = sheet.getDataRange();
      read.set(name, toSheetData(name, range.getValues(), range.getFormulas(), this.zone));
    }
    return names.map((name) => read.get(name));
  }

  async tables(): Promise<TableSpec[]> {
    return this.spreadsheet.getNamedRanges().map((named) => ({
      name: named.getName(),
      range: refOf(named.getRange()),
    }));
  }

  // --- writes ----------------------------------------------------------------------------------------

  addSheet(name: string): void {
    const key = name.toUpperCase();
    const sheets = this.spreadsheet.getSheets();
    if (sheets.some((sheet) => sheet.getName().toUpperCase() === key)) {
      throw new Error(`There is already a sheet called "${name}".`);
    }
    this.userSheet ??= this.spreadsheet.getActiveSheet();
    this.sheetCache.set(name, this.spreadsheet.insertSheet(name, sheets.length));
  }

  write(sheet: string, row: number, col: number, cells: WriteCell[][]): void {
    const width = checkBlock(`Writing to ${sheet}`, row, col, cells);
    if (cells.length === 0 || width === 0) return;
    const target = this.sheetOf(sheet);
    const input = cells.map((line) => line.map((cell) => toSheetsInput(cell, this.zone)));
    target.getRange(row, col, cells.length, width).setValues(input);
  }

  async append(sheet: string, cells: WriteCell[][]): Promise<number> {
    checkBlock(`Appending to ${sheet}`, 1, 1, cells);
    const target = this.sheetOf(sheet);
    const lastRow = target.getLastRow();
    if (cells.length === 0) return lastRow + 1;
    this.write(sheet, lastRow + 1, 1, cells);
    this.growTables(target, sheet, lastRow, lastRow + cells.length);
    return lastRow + 1;
  }

  setNumberFormat(range: RangeRef, format: string): void {
    this.rangeOf(range).setNumberFormat(format);
  }

  setStyle(range: RangeRef, style: CellStyle): void {
    const target = this.rangeOf(range);
    if (style.bold !== undefined) target.setFontWeight(style.bold ? 'bold' : 'normal');
    if (style.italic !== undefined) target.setFontStyle(style.italic ? 'italic' : 'normal');
    if (style.fill !== undefined) target.setBackground(style.fill);
    if (style.fontColor !== undefined) target.setFontColor(style.fontColor);
    if (style.wrap !== undefined) target.setWrap(style.wrap);
    if (style.horizontal !== undefined) target.setHorizontalAlignment(style.horizontal);
  }

  setColumnWidths(sheet: string, firstCol: number, widths: readonly number[]): void {
    const target = this.sheetOf(sheet);
    // One call per run of equal widths.
    for (let start = 0; start < widths.length;) {
      let end = start + 1;
      while (end < widths.length && widths[end] === widths[start]) end++;
      target.setColumnWidths(firstCol + start, end - start, charactersToPixels(widths[start]));
      start = end;
    }
  }

  freeze(sheet: string, rows: number, cols: number): void {
    const target = this.sheetOf(sheet);
    target.setFrozenRows(rows);
    target.setFrozenColumns(cols);
  }

  addTable(table: TableSpec): void {
    checkRange(`Table ${table.name}`, table.range);
    const key = table.name.toUpperCase();
    if (this.spreadsheet.getNamedRanges().some((named) => named.getName().toUpperCase() === key)) {
      throw new Error(`There is already a table or named range called "${table.name}".`);
    }
    const sheet = this.sheetOf(table.range.sheet);
    // A table always has a body: a header-only table gets one empty row (as Excel does).
    const ref = { ...table.range, rows: Math.max(table.range.rows, 2) };
    const range = sheet.getRange(ref.row, ref.col, ref.rows, ref.cols);
    this.spreadsheet.setNamedRange(table.name, range);
    // Sheets allows one filter per sheet: the first table on a sheet gets it.
    if (!sheet.getFilter()) range.createFilter();
    if (table.style && !sheet.getBandings().some((banding) => overlaps(refOf(banding.getRange()), ref))) {
      const theme = table.style === 'light' ? this.app.BandingTheme.LIGHT_GREY : this.app.BandingTheme.BLUE;
      range.applyRowBanding(theme, true, false);
    }
  }

  setValidationList(range: RangeRef, values: readonly string[], strict = false): void {
    const rule = this.app
      .newDataValidation()
      .requireValueInList([...values], true)
      .setAllowInvalid(!strict)
      .build();
    this.rangeOf(range).setDataValidation(rule);
  }

  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void {
    const rules = conditionalRules(this.app, this.rangeOf(range), range, format);
    const pending = this.pendingRules.get(range.sheet) ?? [];
    pending.push(...rules);
    this.pendingRules.set(range.sheet, pending);
  }

  groupRows(sheet: string, firstRow: number, lastRow: number): void {
    const target = this.sheetOf(sheet);
    if (!this.groupedSheets.has(sheet)) {
      // The toggle sits on the row above the group: the group folds under its parent row.
      target.setRowGroupControlPosition(this.app.GroupControlTogglePosition.BEFORE);
      this.groupedSheets.add(sheet);
    }
    target.getRange(firstRow, 1, lastRow - firstRow + 1, 1).shiftRowGroupDepth(1);
  }

  async flush(): Promise<void> {
    for (const [sheet, rules] of this.pendingRules) {
      const target = this.sheetOf(sheet);
      target.setConditionalFormatRules([...target.getConditionalFormatRules(), ...rules]);
    }
    this.pendingRules.clear();
    if (this.userSheet) {
      this.userSheet.activate();
      this.userSheet = undefined;
    }
    this.app.flush();
  }

  // --- internals -------------------------------------------------------------------------------------

  private findSheet(name: string): Sheet | undefined {
    let sheet = this.sheetCache.get(name);
    if (!sheet) {
      const found = this.spreadsheet.getSheetByName(name);
      // getSheetByName ignores case; the port's names are exact.
      if (!found || found.getName() !== name) return undefined;
      sheet = found;
      this.sheetCache.set(name, sheet);
    }
    return sheet;
  }

  private sheetOf(name: string): Sheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`There is no sheet called "${name}".`);
    return sheet;
  }

  private rangeOf(range: RangeRef): Range {
    checkRange(`Range on ${range.sheet}`, range);
    return this.sheetOf(range.sheet).getRange(range.row, range.col, range.rows, range.cols);
  }

  /** Tables (named ranges, their filter and banding) that end where the appended rows start grow over them. */
  private growTables(sheet: Sheet, name: string, lastRow: number, newLast: number): void {
    for (const named of this.spreadsheet.getNamedRanges()) {
      const range = named.getRange();
      const ref = refOf(range);
      if (ref.sheet !== name) continue;
      const tableLast = ref.row + ref.rows - 1;
      if (tableLast < lastRow || tableLast >= newLast) continue;
      const grown = sheet.getRange(ref.row, ref.col, newLast - ref.row + 1, ref.cols);
      named.setRange(grown);
      const filter = sheet.getFilter();
      if (filter && sameRange(refOf(filter.getRange()), ref)) regrowFilter(filter, grown, ref);
      for (const banding of sheet.getBandings()) {
        if (sameRange(refOf(banding.getRange()), ref)) banding.setRange(grown);
      }
    }
  }
}

/**
 * A filter's range cannot be changed, only removed and made again (the Filter class has getRange, remove
 * and the column criteria, nothing that resizes: developers.google.com/apps-script/reference/spreadsheet/filter).
 * Making it again would drop what the user filtered by and show every row, so each column's criteria are
 * copied first and set on the new filter (`getColumnFilterCriteria(columnPosition)` returns null for a
 * column without criteria; `copy().build()` is Google's own way to carry criteria over, see
 * developers.google.com/apps-script/reference/spreadsheet/filter-criteria, "Copy criteria").
 */
function regrowFilter(filter: GoogleAppsScript.Spreadsheet.Filter, grown: Range, ref: RangeRef): void {
  const kept: [number, GoogleAppsScript.Spreadsheet.FilterCriteria][] = [];
  for (let col = ref.col; col < ref.col + ref.cols; col++) {
    const criteria = filter.getColumnFilterCriteria(col);
    if (criteria) kept.push([col, criteria.copy().build()]);
  }
  filter.remove();
  const made = grown.createFilter();
  for (const [col, criteria] of kept) made.setColumnFilterCriteria(col, criteria);
}

function refOf(range: Range): RangeRef {
  return {
    sheet: range.getSheet().getName(),
    row: range.getRow(),
    col: range.getColumn(),
    rows: range.getNumRows(),
    cols: range.getNumColumns(),
  };
}

const sameRange = (a: RangeRef, b: RangeRef) =>
  a.sheet === b.sheet && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;

const overlaps = (a: RangeRef, b: RangeRef) =>
  a.sheet === b.sheet &&
  a.row < b.row + b.rows &&
  b.row < a.row + a.rows &&
  a.col < b.col + b.cols &&
  b.col < a.col + a.cols;
