import type { DataValidation, Workbook as ExcelWorkbook, Worksheet } from 'exceljs';
import { formatIsoDate } from '../../core/dates';
import { columnLetter, quoteSheet } from '../../register/workbook';
import { nameKey } from '../memory/checks';
import { containsRect, subtract, type Rect } from '../memory/rects';
import { a1, parseA1, splitSheetRef } from './a1';
import { fromExcelCell } from './cells';

/**
 * Dropdown lists in an .xlsx file. A list is written inline (`"a,b,c"`) when it fits Excel's 255-character
 * limit for that form; a longer one (or one whose values contain a comma or quote) is written to a column of
 * a hidden sheet and referenced from there, which has no length limit.
 */
export const LISTS_SHEET = 'KPI_Lists';
const INLINE_LIMIT = 255;
const LISTS_NAME = /^KPI_Lists(?: \((\d+)\))?$/i;

/**
 * Our lists sheet: a HIDDEN sheet named `KPI_Lists` (or `KPI_Lists (2)`, … when the user has a sheet of that
 * name). A visible sheet so named, or a user's department so named, is the user's and is treated as any other.
 */
export function isListsSheet(ws: Pick<Worksheet, 'name' | 'state'>): boolean {
  return (ws.state ?? 'visible') !== 'visible' && LISTS_NAME.test(ws.name);
}

/** `KPI_Lists`, else `KPI_Lists (2)`, … : the first such name no sheet has (compared as Excel does). */
function freeListsName(taken: Iterable<string>): string {
  const keys = new Set([...taken].map(nameKey));
  for (let n = 1; ; n++) {
    const name = n === 1 ? LISTS_SHEET : `${LISTS_SHEET} (${n})`;
    if (!keys.has(nameKey(name))) return name;
  }
}

export interface PlacedValidation {
  rect: Rect;
  rule: DataValidation;
}

/** exceljs keeps validations per cell address (or per range address); this is that map. */
type ValidationModel = Record<string, DataValidation | undefined>;
/** exceljs has `worksheet.dataValidations` but does not declare it. */
const holderOf = (ws: Worksheet) =>
  (ws as unknown as { dataValidations: { model: ValidationModel } }).dataValidations;
const modelOf = (ws: Worksheet) => holderOf(ws).model;

/**
 * The validations of a loaded sheet as rectangles. exceljs expands each rule to one entry per cell (all
 * pointing to the same rule object), so cells are regrouped by rule: column runs, then equal runs side by side.
 */
export function loadValidations(ws: Worksheet): PlacedValidation[] {
  const byRule = new Map<DataValidation, Rect[]>();
  for (const [address, rule] of Object.entries(modelOf(ws))) {
    const rect = rule && parseA1(address);
    if (!rule || !rect) continue;
    const list = byRule.get(rule) ?? [];
    list.push(rect);
    byRule.set(rule, list);
  }
  const placed: PlacedValidation[] = [];
  for (const [rule, rects] of byRule) {
    rects.sort((a, b) => a.col - b.col || a.row - b.row);
    const runs: Rect[] = [];
    for (const rect of rects) {
      const last = runs[runs.length - 1];
      if (last && last.col === rect.col && last.cols === rect.cols && last.row + last.rows === rect.row)
        last.rows += rect.rows;
      else runs.push({ ...rect });
    }
    const merged: Rect[] = [];
    for (const run of runs) {
      const left = merged.find((m) => m.row === run.row && m.rows === run.rows && m.col + m.cols === run.col);
      if (left) left.cols += run.cols;
      else merged.push(run);
    }
    merged.forEach((rect) => placed.push({ rect, rule }));
  }
  return placed;
}

/** A new rule replaces whatever rules covered the same cells before (Excel allows one per cell). */
export function placeValidation(
  existing: PlacedValidation[],
  rect: Rect,
  rule: DataValidation,
): PlacedValidation[] {
  const kept = existing.flatMap((v) =>
    containsRect(rect, v.rect) ? [] : subtract(v.rect, rect).map((piece) => ({ rect: piece, rule: v.rule })),
  );
  kept.push({ rect, rule });
  return kept;
}

/** Writes the rectangles back into exceljs's model (rectangles never overlap, so neither do the rules). */
export function storeValidations(ws: Worksheet, placed: readonly PlacedValidation[]): void {
  const model: ValidationModel = {};
  for (const v of placed) model[a1(v.rect)] = v.rule;
  holderOf(ws).model = model;
}

const inlineSafe = (values: readonly string[]) =>
  values.join(',').length <= INLINE_LIMIT && values.every((v) => !/[,"]/.test(v) && v.trim() === v);

/** Columns of the hidden lists sheet, found again when a saved workbook is reopened. */
export class ListStore {
  private readonly columns = new Map<string, number>();
  private sheet: Worksheet | undefined;

  constructor(private readonly excel: ExcelWorkbook) {
    this.sheet = excel.worksheets.find(isListsSheet);
    const sheet = this.sheet;
    if (!sheet) return;
    for (let col = 1; col <= sheet.columnCount; col++) {
      const values = this.columnValues(sheet, col);
      if (values.length) this.columns.set(JSON.stringify(values), col);
    }
  }

  private columnValues(sheet: Worksheet, col: number): string[] {
    const values: string[] = [];
    for (let row = 1; row <= sheet.rowCount; row++) {
      const cell = sheet.findCell(row, col);
      const value = cell ? fromExcelCell(cell).value : null;
      if (value === null) break;
      values.push(String(value));
    }
    return values;
  }

  /** The `formula1` of a list validation offering exactly these values. */
  source(values: readonly string[]): string {
    if (inlineSafe(values)) return `"${values.join(',')}"`;
    const key = JSON.stringify(values);
    let col = this.columns.get(key);
    if (col === undefined) {
      if (!this.sheet) {
        const name = freeListsName(this.excel.worksheets.map((ws) => ws.name));
        this.sheet = this.excel.addWorksheet(name, { state: 'hidden' });
      }
      col = this.columns.size ? Math.max(...this.columns.values()) + 1 : 1;
      const sheet = this.sheet;
      const column = col;
      values.forEach((value, i) => (sheet.getRow(i + 1).getCell(column).value = value));
      this.columns.set(key, col);
    }
    const letter = columnLetter(col);
    return `${this.prefix()}$${letter}$1:$${letter}$${values.length}`;
  }

  private prefix(name = this.sheet?.name ?? LISTS_SHEET): string {
    return `${quoteSheet(name)}!`;
  }

  /** True when the lists sheet holds this name (so a sheet the register adds cannot have it). */
  holds(name: string): boolean {
    return this.sheet !== undefined && nameKey(this.sheet.name) === nameKey(name);
  }

  /**
   * Gives the lists sheet another free name, so that a sheet the register adds (a department called
   * "KPI_Lists") can have this one, and returns the rewrite for list formulas that point at the old name.
   */
  moveAside(wanted: string): (formula: string) => string {
    const sheet = this.sheet;
    if (!sheet) return (formula) => formula;
    const before = this.prefix();
    sheet.name = freeListsName([...this.excel.worksheets.map((ws) => ws.name), wanted]);
    const after = this.prefix();
    return (formula) => (formula.startsWith(before) ? after + formula.slice(before.length) : formula);
  }

  /** The values a list validation offers: inline ones, or those of a referenced range on any sheet. */
  resolve(formula: unknown): string[] | undefined {
    if (typeof formula !== 'string') return undefined;
    const text = formula.trim().replace(/^=/, '');
    if (/^".*"$/s.test(text)) return text.slice(1, -1).split(',');
    const { sheet: sheetName, range } = splitSheetRef(text);
    const rect = parseA1(range);
    const sheet = sheetName && this.excel.worksheets.find((ws) => nameKey(ws.name) === nameKey(sheetName));
    if (!rect || !sheet || (rect.rows > 1 && rect.cols > 1)) return undefined;
    const values: string[] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++)
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const cell = sheet.findCell(r, c);
        const value = cell ? fromExcelCell(cell).value : null;
        if (value !== null) values.push(value instanceof Date ? formatIsoDate(value) : String(value));
      }
    return values;
  }
}
