/**
 * An in-memory spreadsheet behind the parts of SpreadsheetApp the add-on uses, for tests without
 * Google. It is strict and it records:
 * - every call made through it is logged as `{ target, method, args }` (calls the fake makes on itself
 *   are not), so tests can count service calls;
 * - reaching for a method or property it does not implement throws, so code cannot silently depend
 *   on something untested;
 * - `setValues` reads strings the way Sheets reads typing: `=…`, `+…` and `-…` become formulas, `007`
 *   a number, `TRUE` a boolean, `2026-01-01` a date, `#N/A` an error; a leading apostrophe marks text
 *   and is not kept. A host that forgets to protect user text fails here as it would in Sheets.
 * There is no calculation engine: a formula cell's value comes from the `calculate` hook a test gives
 * (the results Sheets would compute for the formulas that test writes), or reads as blank.
 * - A formula calling a KPI_ custom function may answer a 2-D array: it overflows into the cells below
 *   and to the right "as long as those cells are empty"; otherwise the formula shows an error instead
 *   (developers.google.com/apps-script/guides/sheets/functions, Return values). The cells an array covers
 *   count as used for getLastRow (the worst case for a host that appends after the last row).
 * - `_customFunctionExecutions()` counts what a recalculation costs as Sheets runs it: one execution per
 *   cell whose formula calls a custom function ("Each time a custom function is used in a spreadsheet,
 *   Sheets makes a separate call to the Apps Script server", same page, Optimization).
 * - A filter keeps criteria per column (hidden values) and hides the rows they match.
 */
import type { CellStyle, ConditionalFormat, RangeRef, TableSpec } from '../../src/register/workbook';
import type {
  SheetSnapshot,
  SnapshotCell,
  ValidationSnapshot,
  WorkbookSnapshot,
} from '../../src/hosts/memory/snapshot';
import { toSnapshotValue } from '../../src/hosts/memory/snapshot';

export interface Call {
  target: string;
  method: string;
  args: unknown[];
}

type Value = string | number | boolean | Date;
export type Calculate = (
  formula: string,
  at: { sheet: string; row: number; col: number },
) => Value | Value[][];

/** A formula that calls one of the add-on's custom functions (outside string literals). */
export function callsCustomFunction(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"?/g, '""');
  return /(^|[^A-Za-z0-9_.])KPI_[A-Z]+\s*\(/i.test(code);
}

interface Cell {
  /** '' is empty. */
  value: Value;
  formula?: string;
  /** An error typed as a value (`#N/A`). */
  error?: boolean;
  format?: string;
  style: FakeStyle;
  validation?: FakeValidation;
}

interface FakeStyle {
  fontWeight?: string;
  fontStyle?: string;
  background?: string;
  fontColor?: string;
  wrap?: boolean;
  horizontal?: string;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const SHEETS_DEFAULT_DATE_FORMAT = 'M/d/yyyy H:mm:ss';
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?%?$/i;
const ERROR_LITERAL = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|ERROR!)$/i;

// --- strictness and recording ------------------------------------------------------------------------

const RAW = new WeakMap<object, object>();
/** Properties test frameworks and `await` probe on any object: answered as absent, never as an error. */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', '$$typeof', 'constructor']);

function apiOf(target: object): Set<string> {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(target);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && !name.startsWith('_')) names.add(name);
    }
  }
  return names;
}

/** Wraps a fake object: logs calls to its public methods, throws on anything else. */
export function strict<T extends object>(
  name: string,
  target: T,
  log: Call[],
  data: readonly string[] = [],
): T {
  const api = apiOf(target);
  const proxy = new Proxy(target, {
    get(obj, prop) {
      if (typeof prop === 'symbol') return Reflect.get(obj, prop);
      if (data.includes(prop)) return Reflect.get(obj, prop);
      if (api.has(prop)) {
        const method = Reflect.get(obj, prop) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          log.push({ target: name, method: prop, args });
          return method.apply(obj, args.map(unwrap));
        };
      }
      if (PROBES.has(prop)) return undefined;
      throw new Error(`${name}.${prop} is not implemented by the fake SpreadsheetApp.`);
    },
    set(_obj, prop) {
      throw new Error(`${name}.${String(prop)} cannot be assigned.`);
    },
  });
  RAW.set(proxy, target);
  return proxy;
}

function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value && typeof value === 'object' && RAW.has(value)) return RAW.get(value);
  return value;
}

// --- the spreadsheet ---------------------------------------------------------------------------------

export interface FakeOptions {
  timeZone?: string;
  locale?: string;
  calculate?: Calculate;
  /** Sheets a new spreadsheet starts with. */
  sheets?: string[];
}

export class FakeSpreadsheetApp {
  readonly calls: Call[] = [];
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUi;
  flushes = 0;
  /** The range last activated (selected), for tests of "go to". */
  _selection?: RangeRef;
  readonly BandingTheme = enumOf(['LIGHT_GREY', 'CYAN', 'GREEN', 'YELLOW', 'ORANGE', 'BLUE', 'TEAL', 'GREY']);
  readonly GroupControlTogglePosition = enumOf(['BEFORE', 'AFTER']);
  /** What the code under test receives as `SpreadsheetApp`. */
  readonly api: GoogleAppsScript.Spreadsheet.SpreadsheetApp;

  constructor(options: FakeOptions = {}) {
    this.spreadsheet = new FakeSpreadsheet(this, options);
    this.ui = new FakeUi(this.calls);
    this.api = strict('SpreadsheetApp', this, this.calls, [
      'BandingTheme',
      'GroupControlTogglePosition',
    ]) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    return this.spreadsheet._proxy;
  }

  getActive(): FakeSpreadsheet {
    return this.spreadsheet._proxy;
  }

  getUi(): FakeUi {
    return this.ui._proxy;
  }

  newConditionalFormatRule(): FakeRuleBuilder {
    return new FakeRuleBuilder(this.calls)._proxy;
  }

  newDataValidation(): FakeValidationBuilder {
    return new FakeValidationBuilder(this.calls)._proxy;
  }

  newFilterCriteria(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this.calls)._proxy;
  }

  flush(): void {
    this.flushes++;
  }

  // --- for tests (not part of the API) ---

  /** The custom-function executions a recalculation of the whole spreadsheet costs (one per such cell). */
  _customFunctionExecutions(): number {
    let count = 0;
    for (const sheet of this.spreadsheet._sheets)
      for (const line of sheet._rows)
        for (const cell of line ?? []) if (cell?.formula && callsCustomFunction(cell.formula)) count++;
    return count;
  }

  /** Calls counted by `Target.method`. */
  _counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls) {
      const key = `${call.target}.${call.method}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  _sheet(name: string): FakeSheet {
    const sheet = this.spreadsheet._sheets.find((s) => s._name === name);
    if (!sheet) throw new Error(`No sheet ${name} in the fake.`);
    return sheet;
  }

  /** What the spreadsheet holds, in the port's terms (formats, styles, dropdowns, rules, tables). */
  _snapshot(): WorkbookSnapshot {
    return {
      sheets: this.spreadsheet._sheets.map((sheet) => sheet._snapshot()),
      tables: this.spreadsheet._named.map((named): TableSpec => {
        const ref = named._range._ref();
        const banding = this._sheet(ref.sheet)._bandings.find((b) => sameRect(b._rect, ref));
        const spec: TableSpec = { name: named._name, range: ref };
        if (banding) spec.style = banding._theme === 'LIGHT_GREY' ? 'light' : 'medium';
        return spec;
      }),
    };
  }
}

function enumOf(names: string[]): Record<string, string> {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name])));
}

export class FakeSpreadsheet {
  readonly _sheets: FakeSheet[] = [];
  readonly _named: FakeNamedRange[] = [];
  _active: FakeSheet;
  readonly _proxy: FakeSpreadsheet;

  constructor(
    readonly _app: FakeSpreadsheetApp,
    readonly _options: FakeOptions,
  ) {
    for (const name of _options.sheets ?? ['Sheet1']) this._sheets.push(new FakeSheet(this, name));
    this._active = this._sheets[0];
    this._proxy = strict('Spreadsheet', this, _app.calls);
  }

  getSheets(): FakeSheet[] {
    return this._sheets.map((sheet) => sheet._proxy);
  }

  getNumSheets(): number {
    return this._sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    // Sheets finds a sheet whatever the case of the name asked for.
    const key = name.toUpperCase();
    return this._sheets.find((sheet) => sheet._name.toUpperCase() === key)?._proxy ?? null;
  }

  insertSheet(name: string, index?: number): FakeSheet {
    if (typeof name !== 'string') throw new Error('The fake only inserts sheets by name.');
    const key = name.toUpperCase();
    if (this._sheets.some((sheet) => sheet._name.toUpperCase() === key)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new FakeSheet(this, name);
    this._sheets.splice(index ?? this._sheets.length, 0, sheet);
    this._active = sheet; // Sheets activates a sheet it inserts
    return sheet._proxy;
  }

  getActiveSheet(): FakeSheet {
    return this._active._proxy;
  }

  getNamedRanges(): FakeNamedRange[] {
    return this._named.map((named) => named._proxy);
  }

  getRangeByName(name: string): FakeRange | null {
    return this._named.find((named) => named._name === name)?._range._proxy ?? null;
  }

  setNamedRange(name: string, range: FakeRange): void {
    if (
      !/^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^(true|false)$/i.test(name)
    ) {
      throw new Error(`Named range name "${name}" is invalid.`);
    }
    const existing = this._named.find((named) => named._name === name);
    if (existing) existing._range = range;
    else this._named.push(new FakeNamedRange(this._app.calls, name, range));
  }

  getSpreadsheetTimeZone(): string {
    return this._options.timeZone ?? 'Asia/Hong_Kong';
  }

  getSpreadsheetLocale(): string {
    return this._options.locale ?? 'en_US';
  }

  toast(message: string, title?: string): void {
    this._toasts.push({ message, title });
  }

  readonly _toasts: { message: string; title?: string }[] = [];
}

export class FakeSheet {
  _rows: (Cell | undefined)[][] = [];
  _widths: number[] = [];
  _frozenRows = 0;
  _frozenCols = 0;
  _rowDepth: number[] = [];
  _groupControl = 'AFTER';
  _rules: FakeRule[] = [];
  _filter: FakeFilter | null = null;
  readonly _bandings: FakeBanding[] = [];
  readonly _proxy: FakeSheet;

  constructor(
    readonly _book: FakeSpreadsheet,
    public _name: string,
  ) {
    this._proxy = strict('Sheet', this, _book._app.calls);
  }

  getName(): string {
    return this._name;
  }

  getLastRow(): number {
    let last = 0;
    for (let r = this._rows.length; r > 0; r--) {
      if (this._rows[r - 1]?.some(hasContent)) {
        last = r;
        break;
      }
    }
    for (const key of this._spills().cells.keys()) last = Math.max(last, Number(key.split(',')[0]));
    return last;
  }

  getLastColumn(): number {
    let last = 0;
    for (const key of this._spills().cells.keys()) last = Math.max(last, Number(key.split(',')[1]));
    for (const line of this._rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  getRange(row: number, col: number, rows = 1, cols = 1): FakeRange {
    if (typeof row !== 'number')
      throw new Error('The fake only takes getRange(row, column, numRows, numColumns).');
    return new FakeRange(this, { row, col, rows, cols })._proxy;
  }

  getDataRange(): FakeRange {
    return new FakeRange(this, {
      row: 1,
      col: 1,
      rows: Math.max(1, this.getLastRow()),
      cols: Math.max(1, this.getLastColumn()),
    })._proxy;
  }

  setFrozenRows(rows: number): void {
    this._frozenRows = rows;
  }

  setFrozenColumns(cols: number): void {
    this._frozenCols = cols;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._widths[c - 1] = width;
    return this._proxy;
  }

  setRowGroupControlPosition(position: string): FakeSheet {
    this._groupControl = position;
    return this._proxy;
  }

  getConditionalFormatRules(): FakeRule[] {
    return this._rules.map((rule) => rule._proxy);
  }

  setConditionalFormatRules(rules: FakeRule[]): void {
    this._rules = [...rules];
  }

  getFilter(): FakeFilter | null {
    return this._filter?._proxy ?? null;
  }

  isRowHiddenByFilter(rowPosition: number): boolean {
    return this._filter?._hides(rowPosition) ?? false;
  }

  getBandings(): FakeBanding[] {
    return this._bandings.map((banding) => banding._proxy);
  }

  activate(): FakeSheet {
    this._book._active = this;
    return this._proxy;
  }

  // --- internals ---

  /** Bumped by every write, so computed results (array spills) are worked out again. */
  _version = 0;
  private _spillCache:
    { version: number; cells: Map<string, Value>; anchors: Map<string, Value> } | undefined;

  /**
   * The array results on this sheet: the value each covered cell shows, and each array formula's own
   * value (its first element, or #REF! when a cell it needs is not empty).
   */
  _spills(): { cells: Map<string, Value>; anchors: Map<string, Value> } {
    if (this._spillCache?.version === this._version) return this._spillCache;
    const cells = new Map<string, Value>();
    const anchors = new Map<string, Value>();
    const calculate = this._book._options.calculate;
    if (calculate) {
      this._rows.forEach((line, r) =>
        line?.forEach((cell, c) => {
          if (!cell?.formula || !callsCustomFunction(cell.formula)) return;
          const row = r + 1;
          const col = c + 1;
          const result = calculate(cell.formula, { sheet: this._name, row, col });
          if (!Array.isArray(result)) return;
          const needed: [number, number, Value][] = [];
          result.forEach((values, i) => values.forEach((value, j) => needed.push([row + i, col + j, value])));
          const blocked = needed.some(
            ([rr, cc], k) => k > 0 && (hasContent(this._cell(rr, cc)) || cells.has(`${rr},${cc}`)),
          );
          if (blocked) {
            anchors.set(`${row},${col}`, '#REF!');
            return;
          }
          anchors.set(`${row},${col}`, needed[0]?.[2] ?? '');
          for (const [rr, cc, value] of needed.slice(1)) cells.set(`${rr},${cc}`, value);
        }),
      );
    }
    this._spillCache = { version: this._version, cells, anchors };
    return this._spillCache;
  }

  /** What a cell shows: its value, its formula's result, or a value an array result put there. */
  _display(row: number, col: number): Value {
    const cell = this._cell(row, col);
    if (cell?.formula !== undefined) {
      const anchor = this._spills().anchors.get(`${row},${col}`);
      return anchor !== undefined ? anchor : readValue(this, cell, row, col);
    }
    if (cell && cell.value !== '') return cell.value instanceof Date ? new Date(cell.value) : cell.value;
    return this._spills().cells.get(`${row},${col}`) ?? '';
  }

  _cell(row: number, col: number, create: true): Cell;
  _cell(row: number, col: number, create?: false): Cell | undefined;
  _cell(row: number, col: number, create = false): Cell | undefined {
    let line = this._rows[row - 1];
    if (!line) {
      if (!create) return undefined;
      line = this._rows[row - 1] = [];
    }
    let cell = line[col - 1];
    if (!cell && create) cell = line[col - 1] = { value: '', style: {} };
    return cell;
  }

  _snapshot(): SheetSnapshot {
    const rows = this.getLastRow();
    const cols = this.getLastColumn();
    const cells: (SnapshotCell | null)[][] = this._rows.map((line) =>
      Array.from(line ?? [], (cell, c) => (cell ? snapshotCell(this, cell, c) : null)),
    );
    const groupedRows: { first: number; last: number }[] = [];
    this._rowDepth.forEach((depth, i) => {
      if (!depth) return;
      const last = groupedRows[groupedRows.length - 1];
      if (last && last.last === i) last.last = i + 1;
      else groupedRows.push({ first: i + 1, last: i + 1 });
    });
    return {
      name: this._name,
      rows,
      cols,
      cells,
      columnWidths: Array.from(this._widths, (px) => (px === undefined ? null : (px - 5) / 7)),
      frozen: { rows: this._frozenRows, cols: this._frozenCols },
      groupedRows,
      validations: this._validationRuns(),
      conditionalFormats: describeRules(this._name, this._rules),
    };
  }

  /** Dropdowns as runs down each column of cells sharing one rule (later rules replace earlier ones per cell). */
  private _validationRuns(): ValidationSnapshot[] {
    const runs: ValidationSnapshot[] = [];
    const width = Math.max(0, ...this._rows.map((line) => line?.length ?? 0));
    for (let c = 1; c <= width; c++) {
      let open: ValidationSnapshot | undefined;
      let openRule: FakeValidation | undefined;
      for (let r = 1; r <= this._rows.length; r++) {
        const rule = this._cell(r, c)?.validation;
        if (rule && rule === openRule && open) {
          open.range.rows++;
          continue;
        }
        openRule = rule;
        open = rule
          ? {
              range: { sheet: this._name, row: r, col: c, rows: 1, cols: 1 },
              values: [...rule.values],
              strict: !rule.allowInvalid,
            }
          : undefined;
        if (open) runs.push(open);
      }
    }
    return runs;
  }
}

function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.value !== '' || cell.formula !== undefined);
}

function snapshotCell(sheet: FakeSheet, cell: Cell, c: number): SnapshotCell | null {
  const row = sheet._rows.findIndex((line) => line?.[c] === cell) + 1;
  const value = sheet._display(row, c + 1);
  const out: SnapshotCell = { value: value === '' ? null : toSnapshotValue(value) };
  if (cell.formula) out.formula = cell.formula;
  if (cell.format) out.numFmt = cell.format;
  const style = portStyle(cell.style);
  if (style) out.style = style;
  return out;
}

function portStyle(style: FakeStyle): CellStyle | undefined {
  const out: CellStyle = {};
  if (style.fontWeight) out.bold = style.fontWeight === 'bold';
  if (style.fontStyle) out.italic = style.fontStyle === 'italic';
  if (style.background) out.fill = style.background;
  if (style.fontColor) out.fontColor = style.fontColor;
  if (style.wrap !== undefined) out.wrap = style.wrap;
  if (style.horizontal) out.horizontal = style.horizontal as CellStyle['horizontal'];
  return Object.keys(out).length ? out : undefined;
}

function readValue(sheet: FakeSheet, cell: Cell, row: number, col: number): Value {
  if (cell.formula === undefined) return cell.value instanceof Date ? new Date(cell.value) : cell.value;
  const calculate = sheet._book._options.calculate;
  const result = calculate ? calculate(cell.formula, { sheet: sheet._name, row, col }) : '';
  return Array.isArray(result) ? (result[0]?.[0] ?? '') : result;
}

/** How Sheets reads a string typed (or sent with setValues) into a cell. */
function typed(text: string): Pick<Cell, 'value' | 'formula' | 'error'> & { format?: string } {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=')) return { value: '', formula: text };
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) {
    const percent = trimmed.endsWith('%');
    const number = Number(trimmed.replace(/[,%]/g, ''));
    return percent ? { value: number / 100, format: '0%' } : { value: number };
  }
  // "+852 1234" or "-5 apples": Sheets starts a formula, and shows #ERROR!.
  if (/^[+-]/.test(text)) return { value: '', formula: `=${text}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  if (ERROR_LITERAL.test(trimmed)) return { value: trimmed.toUpperCase(), error: true };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return { value: new Date(+iso[1], +iso[2] - 1, +iso[3]), format: 'yyyy-mm-dd' };
  const slashed = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(trimmed);
  if (slashed) return { value: new Date(+(slashed[3] ?? 2026), +slashed[1] - 1, +slashed[2]), format: 'M/d' };
  return { value: text };
}

export class FakeRange {
  readonly _proxy: FakeRange;

  constructor(
    readonly _sheet: FakeSheet,
    readonly _rect: Rect,
  ) {
    const { row, col, rows, cols } = _rect;
    if (![row, col, rows, cols].every((n) => Number.isInteger(n) && n >= 1)) {
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet: ${JSON.stringify(_rect)}.`,
      );
    }
    this._proxy = strict('Range', this, _sheet._book._app.calls);
  }

  getSheet(): FakeSheet {
    return this._sheet._proxy;
  }

  getRow(): number {
    return this._rect.row;
  }

  getColumn(): number {
    return this._rect.col;
  }

  getNumRows(): number {
    return this._rect.rows;
  }

  getNumColumns(): number {
    return this._rect.cols;
  }

  getValues(): Value[][] {
    return this._map((_cell, row, col) => this._sheet._display(row, col));
  }

  getFormulas(): string[][] {
    return this._map((cell) => cell?.formula ?? '');
  }

  setValues(values: unknown[][]): FakeRange {
    const { rows, cols } = this._rect;
    if (!Array.isArray(values) || values.length !== rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values?.length} but the range has ${rows}.`,
      );
    }
    values.forEach((line, r) => {
      if (!Array.isArray(line) || line.length !== cols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line?.length} but the range has ${cols}.`,
        );
      }
      line.forEach((value, c) => this._write(this._rect.row + r, this._rect.col + c, value));
    });
    return this._proxy;
  }

  setNumberFormat(format: string): FakeRange {
    return this._each((cell) => (cell.format = format));
  }

  setFontWeight(weight: string | null): FakeRange {
    return this._each((cell) => (cell.style.fontWeight = weight ?? undefined));
  }

  setFontStyle(style: string | null): FakeRange {
    return this._each((cell) => (cell.style.fontStyle = style ?? undefined));
  }

  setBackground(color: string | null): FakeRange {
    return this._each((cell) => (cell.style.background = color ?? undefined));
  }

  setFontColor(color: string | null): FakeRange {
    return this._each((cell) => (cell.style.fontColor = color ?? undefined));
  }

  setWrap(wrap: boolean): FakeRange {
    return this._each((cell) => (cell.style.wrap = wrap));
  }

  setHorizontalAlignment(alignment: string | null): FakeRange {
    if (alignment !== null && !['left', 'center', 'right', 'normal'].includes(alignment)) {
      throw new Error(`Invalid horizontal alignment "${alignment}".`);
    }
    return this._each((cell) => (cell.style.horizontal = alignment ?? undefined));
  }

  setDataValidation(rule: FakeValidation | null): FakeRange {
    if (rule !== null && !(rule instanceof FakeValidation))
      throw new Error('setDataValidation takes a built DataValidation.');
    return this._each((cell) => (cell.validation = rule ?? undefined));
  }

  createFilter(): FakeFilter {
    if (this._sheet._filter)
      throw new Error("You can't create a filter in a sheet that already has a filter.");
    this._sheet._filter = new FakeFilter(this._sheet, { ...this._rect });
    return this._sheet._filter._proxy;
  }

  applyRowBanding(theme: string, showHeader = true, showFooter = false): FakeBanding {
    if (this._sheet._bandings.some((banding) => overlap(banding._rect, this._rect))) {
      throw new Error('You cannot add alternating colors to a range that already has alternating colors.');
    }
    const banding = new FakeBanding(this._sheet, { ...this._rect }, theme, showHeader, showFooter);
    this._sheet._bandings.push(banding);
    return banding._proxy;
  }

  shiftRowGroupDepth(delta: number): FakeRange {
    for (let r = this._rect.row; r < this._rect.row + this._rect.rows; r++) {
      this._sheet._rowDepth[r - 1] = Math.max(0, (this._sheet._rowDepth[r - 1] ?? 0) + delta);
    }
    return this._proxy;
  }

  activate(): FakeRange {
    this._sheet._book._active = this._sheet;
    this._sheet._book._app._selection = { ...this._ref() };
    return this._proxy;
  }

  // --- internals ---

  _ref(): RangeRef {
    return { sheet: this._sheet._name, ...this._rect };
  }

  private _map<T>(read: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
    const { row, col, rows, cols } = this._rect;
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => read(this._sheet._cell(row + r, col + c), row + r, col + c)),
    );
  }

  private _each(apply: (cell: Cell) => void): FakeRange {
    const { row, col, rows, cols } = this._rect;
    for (let r = row; r < row + rows; r++)
      for (let c = col; c < col + cols; c++) apply(this._sheet._cell(r, c, true));
    return this._proxy;
  }

  private _write(row: number, col: number, value: unknown): void {
    this._sheet._version++;
    const cell = this._sheet._cell(row, col, true);
    delete cell.formula;
    delete cell.error;
    if (value === '' || value === null || value === undefined) {
      cell.value = '';
      return;
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new Error('Invalid date.');
      cell.value = new Date(value);
      cell.format ??= SHEETS_DEFAULT_DATE_FORMAT;
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`${value} cannot be stored in a cell.`);
      cell.value = value;
      return;
    }
    if (typeof value === 'boolean') {
      cell.value = value;
      return;
    }
    if (typeof value !== 'string')
      throw new Error(`setValues cannot store ${Object.prototype.toString.call(value)}.`);
    const entry = typed(value);
    cell.value = entry.value;
    if (entry.formula !== undefined) cell.formula = entry.formula;
    if (entry.error) cell.error = true;
    if (entry.format) cell.format ??= entry.format;
  }
}

export class FakeNamedRange {
  readonly _proxy: FakeNamedRange;
  _range: FakeRange;

  constructor(
    calls: Call[],
    readonly _name: string,
    range: FakeRange,
  ) {
    this._range = range;
    this._proxy = strict('NamedRange', this, calls);
  }

  getName(): string {
    return this._name;
  }

  getRange(): FakeRange {
    return this._range._proxy;
  }

  setRange(range: FakeRange): FakeNamedRange {
    this._range = range;
    return this._proxy;
  }
}

export class FakeFilter {
  readonly _proxy: FakeFilter;

  constructor(
    readonly _sheet: FakeSheet,
    readonly _rect: Rect,
  ) {
    this._proxy = strict('Filter', this, _sheet._book._app.calls);
  }

  getRange(): FakeRange {
    return new FakeRange(this._sheet, this._rect)._proxy;
  }

  /** Criteria by sheet column (1-based, as Filter takes them). */
  readonly _criteria = new Map<number, FakeFilterCriteria>();

  getColumnFilterCriteria(columnPosition: number): FakeFilterCriteria | null {
    return this._criteria.get(columnPosition)?._proxy ?? null;
  }

  setColumnFilterCriteria(columnPosition: number, filterCriteria: FakeFilterCriteria): FakeFilter {
    const { col, cols } = this._rect;
    if (columnPosition < col || columnPosition >= col + cols)
      throw new Error(`The column ${columnPosition} is outside the filter's range.`);
    if (!(filterCriteria instanceof FakeFilterCriteria))
      throw new Error('setColumnFilterCriteria takes built FilterCriteria.');
    this._criteria.set(columnPosition, filterCriteria);
    return this._proxy;
  }

  removeColumnFilterCriteria(columnPosition: number): FakeFilter {
    this._criteria.delete(columnPosition);
    return this._proxy;
  }

  remove(): void {
    if (this._sheet._filter === this) this._sheet._filter = null;
  }

  /** Whether the criteria hide a row of the range (never the header row). */
  _hides(row: number): boolean {
    if (row <= this._rect.row || row >= this._rect.row + this._rect.rows) return false;
    for (const [col, criteria] of this._criteria) {
      const shown = this._sheet._display(row, col);
      const text = shown instanceof Date ? shown.toISOString() : String(shown);
      if (criteria._hidden.includes(text)) return true;
    }
    return false;
  }
}

export class FakeFilterCriteria {
  readonly _proxy: FakeFilterCriteria;
  constructor(
    private readonly _calls: Call[],
    readonly _hidden: readonly string[],
  ) {
    this._proxy = strict('FilterCriteria', this, _calls);
  }

  getHiddenValues(): string[] {
    return [...this._hidden];
  }

  copy(): FakeFilterCriteriaBuilder {
    return new FakeFilterCriteriaBuilder(this._calls, this._hidden)._proxy;
  }
}

export class FakeFilterCriteriaBuilder {
  readonly _proxy: FakeFilterCriteriaBuilder;
  constructor(
    private readonly _calls: Call[],
    private _hidden: readonly string[] = [],
  ) {
    this._proxy = strict('FilterCriteriaBuilder', this, _calls);
  }

  setHiddenValues(values: string[]): FakeFilterCriteriaBuilder {
    this._hidden = [...values];
    return this._proxy;
  }

  build(): FakeFilterCriteria {
    return new FakeFilterCriteria(this._calls, this._hidden)._proxy;
  }
}

export class FakeBanding {
  readonly _proxy: FakeBanding;

  constructor(
    readonly _sheet: FakeSheet,
    public _rect: Rect,
    readonly _theme: string,
    readonly _showHeader: boolean,
    readonly _showFooter: boolean,
  ) {
    this._proxy = strict('Banding', this, _sheet._book._app.calls);
  }

  getRange(): FakeRange {
    return new FakeRange(this._sheet, this._rect)._proxy;
  }

  setRange(range: FakeRange): FakeBanding {
    this._rect = { ...range._rect };
    return this._proxy;
  }
}

// --- conditional formats and validation --------------------------------------------------------------

type Condition =
  | { type: 'formula'; formula: string }
  | { type: 'textEqualTo'; text: string }
  | { type: 'numberLessThan'; value: number }
  | { type: 'numberGreaterThanOrEqualTo'; value: number }
  | { type: 'numberBetween'; value: number; value2: number };

export class FakeRule {
  readonly _proxy: FakeRule;

  constructor(
    calls: Call[],
    readonly _condition: Condition,
    readonly _background: string | undefined,
    readonly _fontColor: string | undefined,
    readonly _ranges: FakeRange[],
  ) {
    this._proxy = strict('ConditionalFormatRule', this, calls);
  }

  getRanges(): FakeRange[] {
    return this._ranges.map((range) => range._proxy);
  }
}

export class FakeRuleBuilder {
  private _condition: Condition | undefined;
  private _background: string | undefined;
  private _fontColor: string | undefined;
  private _ranges: FakeRange[] = [];
  readonly _proxy: FakeRuleBuilder;

  constructor(private readonly _calls: Call[]) {
    this._proxy = strict('ConditionalFormatRuleBuilder', this, _calls);
  }

  private _chain(): FakeRuleBuilder {
    return this._proxy;
  }

  whenFormulaSatisfied(formula: string): FakeRuleBuilder {
    this._condition = { type: 'formula', formula };
    return this._chain();
  }

  whenTextEqualTo(text: string): FakeRuleBuilder {
    this._condition = { type: 'textEqualTo', text };
    return this._chain();
  }

  whenNumberLessThan(value: number): FakeRuleBuilder {
    this._condition = { type: 'numberLessThan', value };
    return this._chain();
  }

  whenNumberGreaterThanOrEqualTo(value: number): FakeRuleBuilder {
    this._condition = { type: 'numberGreaterThanOrEqualTo', value };
    return this._chain();
  }

  whenNumberBetween(value: number, value2: number): FakeRuleBuilder {
    this._condition = { type: 'numberBetween', value, value2 };
    return this._chain();
  }

  setBackground(color: string): FakeRuleBuilder {
    this._background = color;
    return this._chain();
  }

  setFontColor(color: string): FakeRuleBuilder {
    this._fontColor = color;
    return this._chain();
  }

  setRanges(ranges: FakeRange[]): FakeRuleBuilder {
    this._ranges = [...ranges];
    return this._chain();
  }

  build(): FakeRule {
    if (!this._condition) throw new Error('A conditional format rule needs a condition.');
    if (!this._background && !this._fontColor) throw new Error('A conditional format rule needs a format.');
    if (this._ranges.length === 0) throw new Error('A conditional format rule needs a range.');
    return new FakeRule(this._calls, this._condition, this._background, this._fontColor, this._ranges)._proxy;
  }
}

export class FakeValidation {
  constructor(
    readonly values: string[],
    readonly allowInvalid: boolean,
    readonly showDropdown: boolean,
  ) {}
}

export class FakeValidationBuilder {
  private _values: string[] | undefined;
  private _showDropdown = true;
  private _allowInvalid = true;
  readonly _proxy: FakeValidationBuilder;

  constructor(calls: Call[]) {
    this._proxy = strict('DataValidationBuilder', this, calls);
  }

  private _chain(): FakeValidationBuilder {
    return this._proxy;
  }

  requireValueInList(values: string[], showDropdown = true): FakeValidationBuilder {
    if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
      throw new Error('requireValueInList takes an array of strings.');
    }
    this._values = [...values];
    this._showDropdown = showDropdown;
    return this._chain();
  }

  setAllowInvalid(allow: boolean): FakeValidationBuilder {
    this._allowInvalid = allow;
    return this._chain();
  }

  build(): FakeValidation {
    if (!this._values) throw new Error('A data validation needs criteria.');
    return new FakeValidation(this._values, this._allowInvalid, this._showDropdown);
  }
}

/**
 * The sheet's rules in the port's terms. The host writes traffic lights as three formula rules on one
 * range (green, amber, red); they are read back as one `trafficLights` format.
 */
function describeRules(
  sheet: string,
  rules: readonly FakeRule[],
): { range: RangeRef; format: ConditionalFormat }[] {
  const out: { range: RangeRef; format: ConditionalFormat }[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const range = { ...rule._ranges[0]._ref(), sheet };
    const condition = rule._condition;
    const fill = rule._background ?? '';
    const withFont = <T extends object>(format: T) =>
      rule._fontColor ? { ...format, fontColor: rule._fontColor } : format;
    if (condition.type === 'formula') {
      const green = /^=AND\(ISNUMBER\(([A-Z]+\d+)\),\1>=([-\d.e]+)\)$/.exec(condition.formula);
      const next = rules[i + 1]?._condition;
      const amber =
        next?.type === 'formula'
          ? /^=AND\(ISNUMBER\(([A-Z]+\d+)\),\1>=([-\d.e]+),\1<([-\d.e]+)\)$/.exec(next.formula)
          : null;
      if (green && amber && amber[3] === green[2]) {
        out.push({
          range,
          format: { kind: 'trafficLights', amberAt: Number(amber[2]), greenAt: Number(green[2]) },
        });
        i += 2; // the red rule completes the set
        continue;
      }
      throw new Error(`A formula rule the fake cannot describe: ${condition.formula}`);
    }
    if (condition.type === 'textEqualTo') {
      out.push({ range, format: withFont({ kind: 'textEquals' as const, text: condition.text, fill }) });
    } else if (condition.type === 'numberLessThan') {
      out.push({
        range,
        format: withFont({
          kind: 'number' as const,
          operator: 'lessThan' as const,
          value: condition.value,
          fill,
        }),
      });
    } else if (condition.type === 'numberGreaterThanOrEqualTo') {
      out.push({
        range,
        format: withFont({
          kind: 'number' as const,
          operator: 'greaterThanOrEqual' as const,
          value: condition.value,
          fill,
        }),
      });
    } else {
      out.push({
        range,
        format: withFont({
          kind: 'number' as const,
          operator: 'between' as const,
          value: condition.value,
          value2: condition.value2,
          fill,
        }),
      });
    }
  }
  return out;
}

const overlap = (a: Rect, b: Rect) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

const sameRect = (a: Rect, b: Rect) =>
  a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;

// --- the user interface ------------------------------------------------------------------------------

export interface FakeMenuItem {
  caption: string;
  functionName: string;
}

/** The title the fake gives an add-on menu (Sheets shows the add-on's own name there). */
export const ADDON_MENU = '(add-on)';

export class FakeMenu {
  readonly _items: (FakeMenuItem | 'separator')[] = [];
  _added = false;
  readonly _proxy: FakeMenu;

  constructor(
    private readonly _ui: FakeUi,
    readonly _title: string,
  ) {
    this._proxy = strict('Menu', this, _ui._calls);
  }

  addItem(caption: string, functionName: string): FakeMenu {
    if (
      typeof caption !== 'string' ||
      caption === '' ||
      typeof functionName !== 'string' ||
      functionName === ''
    ) {
      throw new Error('addItem takes a caption and the name of a function.');
    }
    this._items.push({ caption, functionName });
    return this._proxy;
  }

  addSeparator(): FakeMenu {
    this._items.push('separator');
    return this._proxy;
  }

  addToUi(): void {
    this._added = true;
    this._ui._menus.push(this);
  }
}

export interface FakeHtml {
  getContent(): string;
  _title?: string;
}

export class FakeUi {
  readonly _menus: FakeMenu[] = [];
  readonly _sidebars: FakeHtml[] = [];
  readonly _dialogs: { html: FakeHtml; title: string }[] = [];
  readonly _alerts: { title: string; prompt?: string }[] = [];
  readonly ButtonSet = enumOf(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
  readonly Button = enumOf(['OK', 'CANCEL', 'YES', 'NO', 'CLOSE']);
  readonly _proxy: FakeUi;

  constructor(readonly _calls: Call[]) {
    this._proxy = strict('Ui', this, _calls, ['ButtonSet', 'Button']);
  }

  createMenu(title: string): FakeMenu {
    return new FakeMenu(this, title)._proxy;
  }

  /** The add-on's menu under Extensions: Sheets names it after the add-on (or the bound script). */
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this, ADDON_MENU)._proxy;
  }

  showSidebar(html: FakeHtml): void {
    this._sidebars.push(html);
  }

  showModalDialog(html: FakeHtml, title: string): void {
    this._dialogs.push({ html, title });
  }

  alert(title: string, prompt?: string, _buttons?: string): string {
    this._alerts.push({ title, prompt });
    return 'OK';
  }
}
