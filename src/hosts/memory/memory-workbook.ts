import type {
  CellStyle,
  CellValue,
  ConditionalFormat,
  RangeRef,
  SheetData,
  SheetInfo,
  TableSpec,
  Workbook,
  WriteCell,
} from '../../register/workbook';
import {
  WorkbookInputError,
  checkBlock,
  checkListValues,
  checkRange,
  checkSheetName,
  checkTableName,
  defaultDateFormat,
  nameKey,
  normaliseConditionalFormat,
  normaliseStyle,
  normaliseWrite,
  tableHeaderNames,
} from './checks';
import { containsRect, intersects, subtract, type Rect } from './rects';
import {
  replaySnapshot,
  toSnapshotValue,
  type SheetSnapshot,
  type SnapshotCell,
  type ValidationSnapshot,
  type WorkbookSnapshot,
} from './snapshot';

interface MemoryCell {
  value: CellValue;
  formula: string | null;
  numFmt?: string;
  style?: CellStyle;
}

const hasContent = (cell: MemoryCell | undefined) => !!cell && (cell.value !== null || cell.formula !== null);
const copyValue = (value: CellValue): CellValue =>
  value instanceof Date ? new Date(value.getTime()) : value;

class MemorySheet {
  /** rows[r - 1][c - 1]; both levels sparse. */
  readonly rows: (MemoryCell | undefined)[][] = [];
  /** Last row and column holding content; recomputed lazily after a clear touches the edge. */
  private lastRow = 0;
  private lastCol = 0;
  private stale = false;
  readonly widths: (number | undefined)[] = [];
  frozen = { rows: 0, cols: 0 };
  readonly grouped: boolean[] = [];
  /** Never overlapping: a later list replaces an earlier one where they meet (as in Excel). */
  validations: { rect: Rect; values: string[]; strict: boolean }[] = [];
  readonly conditionalFormats: { rect: Rect; format: ConditionalFormat }[] = [];

  constructor(public name: string) {}

  cell(row: number, col: number, create: true): MemoryCell;
  cell(row: number, col: number, create?: false): MemoryCell | undefined;
  cell(row: number, col: number, create = false): MemoryCell | undefined {
    let line = this.rows[row - 1];
    if (!line) {
      if (!create) return undefined;
      line = this.rows[row - 1] = [];
    }
    let cell = line[col - 1];
    if (!cell && create) cell = line[col - 1] = { value: null, formula: null };
    return cell;
  }

  put(row: number, col: number, value: CellValue, formula: string | null): void {
    const empty = value === null && formula === null;
    if (empty && !this.cell(row, col)) return;
    const cell = this.cell(row, col, true);
    cell.value = value;
    cell.formula = formula;
    if (!empty) {
      if (row > this.lastRow) this.lastRow = row;
      if (col > this.lastCol) this.lastCol = col;
    } else if (row === this.lastRow || col === this.lastCol) this.stale = true;
  }

  extent(): { rows: number; cols: number } {
    if (this.stale) {
      this.lastRow = 0;
      this.lastCol = 0;
      this.rows.forEach((line, r) =>
        line?.forEach((cell, c) => {
          if (!hasContent(cell)) return;
          this.lastRow = Math.max(this.lastRow, r + 1);
          this.lastCol = Math.max(this.lastCol, c + 1);
        }),
      );
      this.stale = false;
    }
    return { rows: this.lastRow, cols: this.lastCol };
  }

  forRange(range: Rect, apply: (cell: MemoryCell) => void): void {
    for (let r = range.row; r < range.row + range.rows; r++)
      for (let c = range.col; c < range.col + range.cols; c++) apply(this.cell(r, c, true));
  }
}

/**
 * The Workbook port held in plain arrays: the reference host for tests, the engine behind the browser
 * preview, and the shape a downloaded .xlsx is converted from. Writes apply at once, so `flush` only
 * resolves. It uses no Node API, so it runs in the browser as it is.
 */
export class MemoryWorkbook implements Workbook {
  private readonly sheetList: MemorySheet[] = [];
  private readonly byName = new Map<string, MemorySheet>();
  private readonly tableList: TableSpec[] = [];

  /** A workbook holding what a snapshot describes (e.g. one converted from an .xlsx file). */
  static async fromSnapshot(snapshot: WorkbookSnapshot): Promise<MemoryWorkbook> {
    const workbook = new MemoryWorkbook();
    await replaySnapshot(snapshot, workbook);
    return workbook;
  }

  // --- reads -------------------------------------------------------------------------------------

  async sheets(): Promise<SheetInfo[]> {
    return this.sheetList.map((sheet) => ({ name: sheet.name, ...sheet.extent() }));
  }

  async readSheet(name: string): Promise<SheetData | undefined> {
    const sheet = this.byName.get(nameKey(name));
    return sheet && this.read(sheet);
  }

  async readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]> {
    return names.map((name) => {
      const sheet = this.byName.get(nameKey(name));
      return sheet && this.read(sheet);
    });
  }

  async tables(): Promise<TableSpec[]> {
    return this.tableList.map((table) => ({ ...table, range: { ...table.range } }));
  }

  private read(sheet: MemorySheet): SheetData {
    const { rows, cols } = sheet.extent();
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = 0; r < rows; r++) {
      const line = sheet.rows[r];
      const valueLine: CellValue[] = new Array(cols);
      const formulaLine: (string | null)[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const cell = line?.[c];
        valueLine[c] = cell ? copyValue(cell.value) : null;
        formulaLine[c] = cell ? cell.formula : null;
      }
      values.push(valueLine);
      formulas.push(formulaLine);
    }
    return { name: sheet.name, values, formulas };
  }

  // --- writes (applied at once) ------------------------------------------------------------------

  addSheet(name: string): void {
    checkSheetName(name);
    if (this.byName.has(nameKey(name)))
      throw new WorkbookInputError(`A sheet named "${name}" already exists.`);
    const sheet = new MemorySheet(name);
    this.sheetList.push(sheet);
    this.byName.set(nameKey(name), sheet);
  }

  write(sheetName: string, row: number, col: number, cells: WriteCell[][]): void {
    const sheet = this.sheet(sheetName);
    checkBlock('write', row, col, cells);
    // Normalise the whole block first, so a bad cell leaves the sheet untouched.
    const normal = cells.map((line) => line.map(normaliseWrite));
    normal.forEach((line, r) =>
      line.forEach((cell, c) => {
        sheet.put(row + r, col + c, cell.value, cell.formula);
        if (cell.value instanceof Date) {
          const stored = sheet.cell(row + r, col + c, true);
          stored.numFmt ??= defaultDateFormat(cell.value);
        }
      }),
    );
  }

  async append(sheetName: string, cells: WriteCell[][]): Promise<number> {
    const sheet = this.sheet(sheetName);
    const first = sheet.extent().rows + 1;
    if (cells.length === 0) return first;
    this.write(sheetName, first, 1, cells);
    this.growTables(sheet, first, cells.length);
    return first;
  }

  /** A table that ends where the data ended takes in the appended rows (Check-ins keeps its table). */
  private growTables(sheet: MemorySheet, first: number, count: number): void {
    const newLast = first + count - 1;
    for (const table of this.tableList) {
      if (nameKey(table.range.sheet) !== nameKey(sheet.name)) continue;
      const tableLast = table.range.row + table.range.rows - 1;
      if (tableLast >= first - 1 && tableLast < newLast) table.range.rows = newLast - table.range.row + 1;
    }
  }

  setNumberFormat(range: RangeRef, format: string): void {
    const sheet = this.sheet(range.sheet);
    checkRange('setNumberFormat', range);
    if (typeof format !== 'string' || !format)
      throw new WorkbookInputError('A number format cannot be blank.');
    sheet.forRange(range, (cell) => {
      if (format === 'General') delete cell.numFmt;
      else cell.numFmt = format;
    });
  }

  setStyle(range: RangeRef, style: CellStyle): void {
    const sheet = this.sheet(range.sheet);
    checkRange('setStyle', range);
    const patch = normaliseStyle(style);
    sheet.forRange(range, (cell) => (cell.style = { ...cell.style, ...patch }));
  }

  setColumnWidths(sheetName: string, firstCol: number, widths: readonly number[]): void {
    const sheet = this.sheet(sheetName);
    if (widths.length === 0) return;
    checkRange('setColumnWidths', { sheet: sheetName, row: 1, col: firstCol, rows: 1, cols: widths.length });
    widths.forEach((width, i) => {
      if (!Number.isFinite(width) || width < 0 || width > 255)
        throw new WorkbookInputError(`Column width ${width} is outside 0..255 characters.`);
      sheet.widths[firstCol - 1 + i] = width;
    });
  }

  freeze(sheetName: string, rows: number, cols: number): void {
    const sheet = this.sheet(sheetName);
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0)
      throw new WorkbookInputError('Freeze takes whole numbers of rows and columns (0 to unfreeze).');
    sheet.frozen = { rows, cols };
  }

  addTable(table: TableSpec): void {
    const sheet = this.sheet(table.range.sheet);
    checkRange('addTable', table.range);
    checkTableName(table.name);
    if (this.tableList.some((t) => nameKey(t.name) === nameKey(table.name)))
      throw new WorkbookInputError(`A table named "${table.name}" already exists.`);
    // A table always has a body row, even an empty one (as Excel makes it).
    const range: RangeRef = { ...table.range, sheet: sheet.name, rows: Math.max(2, table.range.rows) };
    const clash = this.tableList.find(
      (t) => nameKey(t.range.sheet) === nameKey(sheet.name) && intersects(t.range, range),
    );
    if (clash) throw new WorkbookInputError(`Table "${table.name}" would overlap table "${clash.name}".`);
    // Header cells become the column names: blanks and repeats are renamed as Excel renames them.
    const header = Array.from(
      { length: range.cols },
      (_, c) => sheet.cell(range.row, range.col + c)?.value ?? null,
    );
    tableHeaderNames(header).forEach((text, c) => {
      if (header[c] !== text) sheet.put(range.row, range.col + c, text, null);
    });
    const spec: TableSpec = { name: table.name, range };
    if (table.style) spec.style = table.style;
    this.tableList.push(spec);
  }

  setValidationList(range: RangeRef, values: readonly string[], strict = false): void {
    const sheet = this.sheet(range.sheet);
    checkRange('setValidationList', range);
    const list = checkListValues(values);
    sheet.validations = sheet.validations.flatMap((v) =>
      containsRect(range, v.rect) ? [] : subtract(v.rect, range).map((rect) => ({ ...v, rect })),
    );
    sheet.validations.push({
      rect: { row: range.row, col: range.col, rows: range.rows, cols: range.cols },
      values: list,
      strict,
    });
  }

  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void {
    const sheet = this.sheet(range.sheet);
    checkRange('addConditionalFormat', range);
    const rect = { row: range.row, col: range.col, rows: range.rows, cols: range.cols };
    sheet.conditionalFormats.push({ rect, format: normaliseConditionalFormat(format) });
  }

  groupRows(sheetName: string, firstRow: number, lastRow: number): void {
    const sheet = this.sheet(sheetName);
    if (lastRow < firstRow)
      throw new WorkbookInputError(`groupRows: row ${lastRow} is above row ${firstRow}.`);
    checkRange('groupRows', {
      sheet: sheetName,
      row: firstRow,
      col: 1,
      rows: lastRow - firstRow + 1,
      cols: 1,
    });
    for (let r = firstRow; r <= lastRow; r++) sheet.grouped[r - 1] = true;
  }

  async flush(): Promise<void> {}

  // --- inspection --------------------------------------------------------------------------------

  /** Everything the workbook holds, as plain JSON-able data (see WorkbookSnapshot). */
  inspect(): WorkbookSnapshot {
    return {
      sheets: this.sheetList.map((sheet) => this.inspectSheet(sheet)),
      tables: this.tableList.map((table) => ({ ...table, range: { ...table.range } })),
    };
  }

  private inspectSheet(sheet: MemorySheet): SheetSnapshot {
    const cells = Array.from({ length: sheet.rows.length }, (_, r) => {
      const line = sheet.rows[r] ?? [];
      return Array.from({ length: line.length }, (_, c): SnapshotCell | null => {
        const cell = line[c];
        if (!cell) return null;
        const out: SnapshotCell = { value: toSnapshotValue(cell.value) };
        if (cell.formula !== null) out.formula = cell.formula;
        if (cell.numFmt) out.numFmt = cell.numFmt;
        if (cell.style && Object.keys(cell.style).length) out.style = { ...cell.style };
        return out;
      });
    });
    const groupedRows: { first: number; last: number }[] = [];
    sheet.grouped.forEach((on, i) => {
      if (!on) return;
      const previous = groupedRows[groupedRows.length - 1];
      if (previous && previous.last === i) previous.last = i + 1;
      else groupedRows.push({ first: i + 1, last: i + 1 });
    });
    const ref = (rect: Rect): RangeRef => ({ sheet: sheet.name, ...rect });
    return {
      name: sheet.name,
      ...sheet.extent(),
      cells,
      columnWidths: Array.from({ length: sheet.widths.length }, (_, i) => sheet.widths[i] ?? null),
      frozen: { ...sheet.frozen },
      groupedRows,
      validations: sheet.validations.map((v): ValidationSnapshot => ({
        range: ref(v.rect),
        values: [...v.values],
        strict: v.strict,
      })),
      conditionalFormats: sheet.conditionalFormats.map((cf) => ({
        range: ref(cf.rect),
        format: { ...cf.format },
      })),
    };
  }

  private sheet(name: string): MemorySheet {
    const sheet = this.byName.get(nameKey(name));
    if (!sheet) throw new WorkbookInputError(`There is no sheet named "${name}".`);
    return sheet;
  }
}
