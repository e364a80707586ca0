import {
  Workbook as ExcelWorkbook,
  ValueType,
  type Cell,
  type DataValidation,
  type Style,
  type Worksheet,
  type XlsxWriteOptions,
} from 'exceljs';
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
  type NormalCell,
} from '../memory/checks';
import { intersects, type Rect } from '../memory/rects';
import {
  toSnapshotValue,
  type ConditionalFormatSnapshot,
  type SheetSnapshot,
  type SnapshotCell,
  type ValidationSnapshot,
  type WorkbookSnapshot,
} from '../memory/snapshot';
import { a1, parseA1 } from './a1';
import { dateSystemOf, fromExcelCell, hasContent, toExcelValue } from './cells';
import { fromExcelRule, toExcelRule } from './conditional';
import { trustCachedResults } from './calc-properties';
import { hasStoredKpiCall, toStoredFormula } from './stored-formulas';
import { escapeXstring } from '../../register/limits';
import { checkSignature, explainNoSheets, WorkbookOpenError } from './errors';
import { adoptSharedStyle, mergeStyle, readStyle, StylePatcher } from './styles';
import {
  isListsSheet,
  ListStore,
  loadValidations,
  placeValidation,
  storeValidations,
  type PlacedValidation,
} from './validations';

/** The parts of exceljs's table model this host reads and writes (exceljs does not type them). */
export interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean }[];
  style?: { theme?: string | null; showRowStripes?: boolean };
}
const tablesOf = (ws: Worksheet) =>
  (ws as unknown as { tables: Record<string, { table: TableModel }> }).tables;

const TABLE_THEMES = { light: 'TableStyleLight9', medium: 'TableStyleMedium2' } as const;

export interface SheetState {
  ws: Worksheet;
  /** Created through the port (not loaded from the file): FileWorkbook writes such a sheet's XML itself. */
  created: boolean;
  /** Last row and column holding content, kept up to date by writes so appends never rescan. */
  lastRow: number;
  lastCol: number;
  stale: boolean;
  validations: PlacedValidation[];
}

export interface TableState {
  sheet: SheetState;
  model: TableModel;
  range: Rect;
}

type Bytes = Uint8Array | ArrayBuffer;

/**
 * The Workbook port over an exceljs workbook (an .xlsx file in memory). Browser-safe: reading and
 * writing files is FileWorkbook's job. Writes apply at once; `toBuffer` produces the file.
 *
 * Tables and dropdowns are kept in this host's own terms while the workbook is open and written into
 * exceljs's model when the file is produced, so that table headers always match their cells and no two
 * dropdown rules ever cover the same cell (either would make Excel "repair" the file).
 */
export class XlsxWorkbook implements Workbook {
  protected readonly states: SheetState[] = [];
  private readonly byName = new Map<string, SheetState>();
  protected readonly tableList: TableState[] = [];
  private readonly lists: ListStore;
  /** Whether a KPI.* call was ever loaded or written (it decides the file's calcPr; see calc-properties). */
  private kpiCalls = false;

  constructor(readonly excel: ExcelWorkbook) {
    for (const ws of excel.worksheets) {
      if (isListsSheet(ws)) continue;
      const state = this.scan(ws);
      this.states.push(state);
      this.byName.set(nameKey(ws.name), state);
      for (const { table: model } of Object.values(tablesOf(ws))) {
        const range = parseA1(model.tableRef);
        if (range) this.tableList.push({ sheet: state, model, range });
      }
    }
    this.lists = new ListStore(excel);
  }

  static create(): XlsxWorkbook {
    return new XlsxWorkbook(newExcelWorkbook());
  }

  /** Loads an .xlsx file's bytes; a file that is not one throws a WorkbookOpenError saying what it is. */
  static async fromBuffer(bytes: Bytes, source = 'The file'): Promise<XlsxWorkbook> {
    return new XlsxWorkbook(await loadExcel(bytes, source));
  }

  /**
   * One pass over a loaded sheet: its used extent, its dropdowns, and shared formulas turned into plain
   * ones (exceljs writes a shared formula relative to its master cell, which a later write could replace).
   */
  private scan(ws: Worksheet): SheetState {
    const state: SheetState = {
      ws,
      created: false,
      lastRow: 0,
      lastCol: 0,
      stale: false,
      validations: loadValidations(ws),
    };
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        const model = cell.model as { sharedFormula?: string; shareType?: string };
        if (model.sharedFormula || model.shareType === 'shared') {
          cell.value = cell.formula ? { formula: cell.formula, result: cell.result } : null;
        }
        // A register saved before KPI.* calls were stored as Excel stores them is saved in that form now.
        if (cell.type === ValueType.Formula && cell.formula) {
          const stored = toStoredFormula(cell.formula);
          if (stored !== cell.formula) cell.value = { formula: stored, result: cell.result };
          if (hasStoredKpiCall(stored)) this.kpiCalls = true;
        }
        if (!hasContent(fromExcelCell(cell))) return;
        if (r > state.lastRow) state.lastRow = r;
        if (c > state.lastCol) state.lastCol = c;
      });
    });
    return state;
  }

  // --- reads -------------------------------------------------------------------------------------

  async sheets(): Promise<SheetInfo[]> {
    return this.states.map((state) => ({ name: state.ws.name, ...this.extent(state) }));
  }

  async readSheet(name: string): Promise<SheetData | undefined> {
    const state = this.byName.get(nameKey(name));
    return state && this.read(state);
  }

  async readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]> {
    return names.map((name) => {
      const state = this.byName.get(nameKey(name));
      return state && this.read(state);
    });
  }

  async tables(): Promise<TableSpec[]> {
    return this.tableSpecs();
  }

  private tableSpecs(): TableSpec[] {
    return this.tableList.map((table) => {
      const spec: TableSpec = {
        name: table.model.name,
        range: { sheet: table.sheet.ws.name, ...table.range },
      };
      const theme = table.model.style?.theme ?? '';
      if (/^TableStyleLight/.test(theme)) spec.style = 'light';
      else if (/^TableStyleMedium/.test(theme)) spec.style = 'medium';
      return spec;
    });
  }

  private extent(state: SheetState): { rows: number; cols: number } {
    if (state.stale) {
      state.lastRow = 0;
      state.lastCol = 0;
      state.ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (!hasContent(fromExcelCell(cell))) return;
          state.lastRow = Math.max(state.lastRow, r);
          state.lastCol = Math.max(state.lastCol, c);
        }),
      );
      state.stale = false;
    }
    return { rows: state.lastRow, cols: state.lastCol };
  }

  private read(state: SheetState): SheetData {
    const { rows, cols } = this.extent(state);
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row = state.ws.findRow(r);
      const valueLine: CellValue[] = new Array(cols).fill(null);
      const formulaLine: (string | null)[] = new Array(cols).fill(null);
      if (row) {
        for (let c = 1; c <= cols; c++) {
          const cell = row.findCell(c);
          if (!cell) continue;
          const { value, formula } = fromExcelCell(cell);
          valueLine[c - 1] = value;
          formulaLine[c - 1] = formula;
        }
      }
      values.push(valueLine);
      formulas.push(formulaLine);
    }
    return { name: state.ws.name, values, formulas };
  }

  // --- writes (applied at once) ------------------------------------------------------------------

  addSheet(name: string): void {
    checkSheetName(name);
    if (this.byName.has(nameKey(name)))
      throw new WorkbookInputError(`A sheet named "${name}" already exists.`);
    // The hidden lists sheet's name is ours to change; a sheet the register adds (a department) is not.
    if (this.lists.holds(name)) {
      const rewrite = this.lists.moveAside(name);
      for (const other of this.states)
        for (const { rule } of other.validations)
          if (rule.formulae?.length)
            rule.formulae = rule.formulae.map((f) => (typeof f === 'string' ? rewrite(f) : f));
    }
    const state: SheetState = {
      ws: this.excel.addWorksheet(name),
      created: true,
      lastRow: 0,
      lastCol: 0,
      stale: false,
      validations: [],
    };
    this.states.push(state);
    this.byName.set(nameKey(name), state);
  }

  write(sheet: string, row: number, col: number, cells: WriteCell[][]): void {
    const state = this.sheet(sheet);
    checkBlock('write', row, col, cells);
    // Normalise the whole block first, so a bad cell leaves the sheet untouched.
    const normal = cells.map((line) => line.map(normaliseWrite));
    const dates = new Map<string, StylePatcher>();
    const system = dateSystemOf(this.excel); // a 1904 workbook gets 1904 serials
    normal.forEach((line, r) => {
      const excelRow = state.ws.getRow(row + r);
      line.forEach((value, c) => {
        const empty = !hasContent(value);
        const existing = excelRow.findCell(col + c);
        if (empty && !existing) return;
        const cell = existing ?? adoptSharedStyle(excelRow.getCell(col + c));
        const excelValue = toExcelValue(value, system);
        cell.value = excelValue;
        if (!this.kpiCalls && isStoredKpiFormula(excelValue)) this.kpiCalls = true;
        if (value.value instanceof Date && !cell.numFmt) {
          const format = defaultDateFormat(value.value);
          let patcher = dates.get(format);
          if (!patcher)
            dates.set(format, (patcher = new StylePatcher((style) => ({ ...style, numFmt: format }))));
          patcher.apply(cell);
        }
        this.track(state, row + r, col + c, value);
      });
    });
  }

  private track(state: SheetState, row: number, col: number, value: NormalCell): void {
    if (hasContent(value)) {
      if (row > state.lastRow) state.lastRow = row;
      if (col > state.lastCol) state.lastCol = col;
    } else if (row === state.lastRow || col === state.lastCol) state.stale = true;
  }

  async append(sheet: string, cells: WriteCell[][]): Promise<number> {
    const state = this.sheet(sheet);
    const first = this.extent(state).rows + 1;
    if (cells.length === 0) return first;
    this.write(sheet, first, 1, cells);
    // A table that ends where the data ended takes in the appended rows.
    const newLast = first + cells.length - 1;
    for (const table of this.tableList) {
      if (table.sheet !== state || table.model.totalsRow) continue;
      const tableLast = table.range.row + table.range.rows - 1;
      if (tableLast >= first - 1 && tableLast < newLast) table.range.rows = newLast - table.range.row + 1;
    }
    return first;
  }

  private eachCell(range: RangeRef, apply: (cell: Cell) => void): SheetState {
    const state = this.sheet(range.sheet);
    for (let r = range.row; r < range.row + range.rows; r++) {
      const row = state.ws.getRow(r);
      for (let c = range.col; c < range.col + range.cols; c++)
        apply(row.findCell(c) ?? adoptSharedStyle(row.getCell(c)));
    }
    return state;
  }

  setNumberFormat(range: RangeRef, format: string): void {
    this.sheet(range.sheet);
    checkRange('setNumberFormat', range);
    if (typeof format !== 'string' || !format)
      throw new WorkbookInputError('A number format cannot be blank.');
    const patcher = new StylePatcher((style) => {
      const next: Partial<Style> = { ...style, numFmt: format };
      if (format === 'General') delete next.numFmt;
      return next;
    });
    this.eachCell(range, (cell) => patcher.apply(cell));
  }

  setStyle(range: RangeRef, style: CellStyle): void {
    this.sheet(range.sheet);
    checkRange('setStyle', range);
    const patch = normaliseStyle(style);
    const patcher = new StylePatcher((current) => mergeStyle(current, patch));
    this.eachCell(range, (cell) => patcher.apply(cell));
  }

  setColumnWidths(sheet: string, firstCol: number, widths: readonly number[]): void {
    const state = this.sheet(sheet);
    if (widths.length === 0) return;
    checkRange('setColumnWidths', { sheet, row: 1, col: firstCol, rows: 1, cols: widths.length });
    widths.forEach((width) => {
      if (!Number.isFinite(width) || width < 0 || width > 255)
        throw new WorkbookInputError(`Column width ${width} is outside 0..255 characters.`);
    });
    widths.forEach((width, i) => (state.ws.getColumn(firstCol + i).width = width));
  }

  freeze(sheet: string, rows: number, cols: number): void {
    const state = this.sheet(sheet);
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0)
      throw new WorkbookInputError('Freeze takes whole numbers of rows and columns (0 to unfreeze).');
    // Keep the view's other settings (zoom, gridlines); replace only the panes.
    const {
      state: _s,
      xSplit: _x,
      ySplit: _y,
      topLeftCell: _t,
      ...rest
    } = ((state.ws.views ?? [])[0] ?? {}) as Record<string, unknown>;
    state.ws.views = [
      rows || cols
        ? {
            ...rest,
            state: 'frozen',
            xSplit: cols,
            ySplit: rows,
            topLeftCell: a1({ row: rows + 1, col: cols + 1, rows: 1, cols: 1 }),
          }
        : { ...rest, state: 'normal' },
    ];
  }

  addTable(table: TableSpec): void {
    const state = this.sheet(table.range.sheet);
    checkRange('addTable', table.range);
    checkTableName(table.name);
    if (this.tableList.some((t) => nameKey(t.model.name) === nameKey(table.name)))
      throw new WorkbookInputError(`A table named "${table.name}" already exists.`);
    // A table always has a body row, even an empty one (as Excel makes it).
    const range: Rect = {
      row: table.range.row,
      col: table.range.col,
      rows: Math.max(2, table.range.rows),
      cols: table.range.cols,
    };
    const clash = this.tableList.find((t) => t.sheet === state && intersects(t.range, range));
    if (clash)
      throw new WorkbookInputError(`Table "${table.name}" would overlap table "${clash.model.name}".`);
    const names = this.headerNames(state, range);
    const created = state.ws.addTable({
      name: table.name,
      ref: a1({ row: range.row, col: range.col, rows: 1, cols: 1 }),
      headerRow: true,
      totalsRow: false,
      style: { theme: TABLE_THEMES[table.style ?? 'medium'], showRowStripes: true },
      columns: names.map((name) => ({ name, filterButton: true })),
      rows: [],
    });
    const model = (created as unknown as { table: TableModel }).table;
    this.tableList.push({ sheet: state, model, range });
    this.syncTable(this.tableList[this.tableList.length - 1]);
  }

  /** Header cells as table column names; cells that Excel would rename (blank, repeated) are rewritten. */
  private headerNames(state: SheetState, range: Rect): string[] {
    const row = state.ws.getRow(range.row);
    const cells = Array.from({ length: range.cols }, (_, c) => {
      const cell = row.findCell(range.col + c);
      return cell ? fromExcelCell(cell).value : null;
    });
    const names = tableHeaderNames(cells);
    names.forEach((name, c) => {
      if (cells[c] !== name) {
        row.getCell(range.col + c).value = name;
        this.track(state, range.row, range.col + c, { value: name, formula: null });
      }
    });
    return names;
  }

  private syncTable(table: TableState): void {
    const { model, range } = table;
    if (model.headerRow !== false) {
      const names = this.headerNames(table.sheet, range);
      // The name as the table part stores it (ST_Xstring): a line break in a header is `_x000a_`, so the
      // column's name still equals its header cell once read back (limits.ts cites MS-OI29500).
      model.columns = names.map((name, i) => ({ ...model.columns[i], name: escapeXstring(name) }));
    }
    model.tableRef = a1(range);
    model.autoFilterRef = a1(model.totalsRow ? { ...range, rows: range.rows - 1 } : range);
  }

  setValidationList(range: RangeRef, values: readonly string[], strict = false): void {
    const state = this.sheet(range.sheet);
    checkRange('setValidationList', range);
    const list = checkListValues(values);
    const rule: DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [this.lists.source(list)],
      showErrorMessage: true,
      errorStyle: strict ? 'stop' : 'warning',
    };
    const rect = { row: range.row, col: range.col, rows: range.rows, cols: range.cols };
    state.validations = placeValidation(state.validations, rect, rule);
  }

  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void {
    const state = this.sheet(range.sheet);
    checkRange('addConditionalFormat', range);
    const rule = toExcelRule(normaliseConditionalFormat(format), range.row, range.col);
    state.ws.addConditionalFormatting({ ref: a1(range), rules: [rule] });
  }

  groupRows(sheet: string, firstRow: number, lastRow: number): void {
    const state = this.sheet(sheet);
    if (lastRow < firstRow)
      throw new WorkbookInputError(`groupRows: row ${lastRow} is above row ${firstRow}.`);
    checkRange('groupRows', { sheet, row: firstRow, col: 1, rows: lastRow - firstRow + 1, cols: 1 });
    for (let r = firstRow; r <= lastRow; r++) {
      const row = state.ws.getRow(r);
      row.outlineLevel = Math.max(1, row.outlineLevel ?? 0);
    }
    // Summary rows sit above their groups: a department row, then its people.
    state.ws.properties.outlineProperties = { ...state.ws.properties.outlineProperties, summaryBelow: false };
  }

  async flush(): Promise<void> {}

  // --- output ------------------------------------------------------------------------------------

  /** The exceljs workbook with tables and dropdowns written into its model, ready to serialise. */
  toExcelJs(): ExcelWorkbook {
    this.tableList.forEach((table) => this.syncTable(table));
    this.states.forEach((state) => storeValidations(state.ws, state.validations));
    return this.excel;
  }

  /** The .xlsx file. */
  async toBuffer(): Promise<Uint8Array> {
    return this.serialise();
  }

  /** The .xlsx file as exceljs writes it with these options (FileWorkbook asks for a stored zip). */
  protected async serialise(options?: Partial<XlsxWriteOptions>): Promise<Uint8Array> {
    const excel = this.toExcelJs();
    excel.calcProperties = { ...excel.calcProperties, fullCalcOnLoad: !this.kpiCalls };
    // exceljs always writes calcId 171027; a register with KPI.* calls must say more (calc-properties.ts).
    // addWorkbook(zip, model) appends xl/workbook.xml, in exceljs's node and browser builds alike.
    const xlsx = excel.xlsx as unknown as { addWorkbook?: (zip: ZipSink, model: unknown) => Promise<void> };
    const addWorkbook = xlsx.addWorkbook;
    if (this.kpiCalls && typeof addWorkbook === 'function') {
      xlsx.addWorkbook = (zip, model) =>
        addWorkbook.call(
          xlsx,
          {
            append: (data, entry) =>
              zip.append(
                entry.name === 'xl/workbook.xml' && typeof data === 'string'
                  ? trustCachedResults(data)
                  : data,
                entry,
              ),
          },
          model,
        );
    }
    try {
      const buffer = await excel.xlsx.writeBuffer(options);
      return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    } finally {
      delete (xlsx as { addWorkbook?: unknown }).addWorkbook;
    }
  }

  // --- inspection --------------------------------------------------------------------------------

  /** Everything the port can express, read back from the exceljs model (see WorkbookSnapshot). */
  inspect(): WorkbookSnapshot {
    return { sheets: this.states.map((state) => this.inspectSheet(state)), tables: this.tableSpecs() };
  }

  private inspectSheet(state: SheetState): SheetSnapshot {
    const { ws } = state;
    const cells: (SnapshotCell | null)[][] = [];
    const groupedRows: { first: number; last: number }[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      const line: (SnapshotCell | null)[] = [];
      if (row) {
        for (let c = 1; c <= row.cellCount; c++) {
          const cell = row.findCell(c);
          line.push(cell ? snapshotCell(cell) : null);
        }
        if ((row.outlineLevel ?? 0) > 0) {
          const previous = groupedRows[groupedRows.length - 1];
          if (previous && previous.last === r - 1) previous.last = r;
          else groupedRows.push({ first: r, last: r });
        }
      }
      while (line.length && line[line.length - 1] === null) line.pop();
      cells.push(line);
    }
    while (cells.length && cells[cells.length - 1].length === 0) cells.pop();

    const view = (ws.views ?? [])[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const frozen =
      view?.state === 'frozen' ? { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 } : { rows: 0, cols: 0 };
    const columns = (ws.columns ?? []) as ({ width?: number } | null)[];
    const ref = (rect: Rect): RangeRef => ({ sheet: ws.name, ...rect });

    const validations: ValidationSnapshot[] = [];
    for (const v of state.validations) {
      const values = v.rule.type === 'list' ? this.lists.resolve(v.rule.formulae?.[0]) : undefined;
      if (!values) continue;
      const strict = !!v.rule.showErrorMessage && (v.rule.errorStyle ?? 'stop') === 'stop';
      validations.push({ range: ref(v.rect), values, strict });
    }

    const conditionalFormats: ConditionalFormatSnapshot[] = [];
    const loaded = (ws as unknown as { conditionalFormattings?: { ref: string; rules: object[] }[] })
      .conditionalFormattings;
    for (const cf of loaded ?? []) {
      for (const part of cf.ref.split(/\s+/)) {
        const rect = parseA1(part);
        if (!rect) continue;
        for (const rule of cf.rules) {
          const format = fromExcelRule(rule);
          if (format) conditionalFormats.push({ range: ref(rect), format });
        }
      }
    }

    return {
      name: ws.name,
      ...this.extent(state),
      cells,
      columnWidths: columns.map((column) => column?.width ?? null),
      frozen,
      groupedRows,
      validations,
      conditionalFormats,
    };
  }

  private sheet(name: string): SheetState {
    const state = this.byName.get(nameKey(name));
    if (!state) throw new WorkbookInputError(`There is no sheet named "${name}".`);
    return state;
  }
}

function snapshotCell(cell: Cell): SnapshotCell | null {
  const { value, formula } = fromExcelCell(cell);
  const numFmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
  const style = readStyle(cell.style);
  if (!hasContent({ value, formula }) && !numFmt && !style) return null;
  const out: SnapshotCell = { value: toSnapshotValue(value) };
  if (formula) out.formula = formula;
  if (numFmt) out.numFmt = numFmt;
  if (style) out.style = style;
  return out;
}

/** The part of exceljs's zip writer its addWorkbook uses. */
interface ZipSink {
  append(data: unknown, entry: { name: string }): void;
}

/** A formula value whose formula calls a KPI.* function in Excel's stored form. */
function isStoredKpiFormula(value: unknown): boolean {
  const formula = (value as { formula?: unknown } | null)?.formula;
  return typeof formula === 'string' && hasStoredKpiCall(formula);
}

/** A new exceljs workbook that says which program made it. */
export function newExcelWorkbook(): ExcelWorkbook {
  const excel = new ExcelWorkbook();
  excel.creator = 'KPI Register';
  excel.lastModifiedBy = 'KPI Register';
  return excel;
}

/** Reads .xlsx bytes with exceljs, turning every way that can fail into a WorkbookOpenError. */
export async function loadExcel(bytes: Bytes, source: string): Promise<ExcelWorkbook> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  checkSignature(view, source);
  const excel = new ExcelWorkbook();
  try {
    // exceljs's typings ask for a Node Buffer; it reads any binary (JSZip) input, as in a browser.
    await excel.xlsx.load(view as unknown as ArrayBuffer);
  } catch (error) {
    throw new WorkbookOpenError('corrupt', source, error instanceof Error ? error.message : String(error));
  }
  if (excel.worksheets.filter((ws) => !isListsSheet(ws)).length === 0) throw explainNoSheets(view, source);
  return excel;
}
