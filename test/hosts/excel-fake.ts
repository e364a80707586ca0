/**
 * A strict stand-in for Office.js's Excel object model, deep enough to run the Workbook contract and to
 * count round trips. It behaves like the real thing where the host could go wrong:
 * - every call on a proxy is queued and runs only at `context.sync()`, in order;
 * - a property can be read only after `load()` and a sync (otherwise it throws, as Office.js does);
 * - typed text becomes what Excel would make of it (`=…` a formula, `007` a number, `TRUE` a boolean)
 *   unless the cell's number format is Text (`@`);
 * - `null` in a written matrix leaves that cell unchanged; `''` clears it;
 * - a batch whose request or response is over 5 MB fails like Excel on the web does, with the payload
 *   code or, as Excel on the web also answers, `GeneralException` (option `oversizedResponse`);
 * - a range read of more than 5,000,000 cells fails with `RangeExceedsLimit`, or comes back with its
 *   cell properties `null` (option `overReadLimit`), as Excel does (see src/hosts/excel/payload.ts);
 * - `failNextSync(code)` makes the next batch fail as a whole, whatever it holds.
 * office-addin-mock cannot model a queue of writes and loads, so this fake is written by hand; the mock is
 * used where a static object is enough (the `Office` namespace, see the task-pane tests).
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Cells one range may return to a read (Microsoft: "A range is limited to 5,000,000 cells for read operations"). */
export const READ_CELL_LIMIT = 5_000_000;

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
}

export interface FakeConditionalFormat {
  type: string;
  iconStyle?: string;
  criteria?: unknown[];
  rule?: { formula1: string; formula2?: string; operator: string };
  fill?: string;
  fontColor?: string;
  address: string;
}

export interface FakeSheet {
  name: string;
  visibility?: string;
  cells: Map<string, FakeCell>;
  frozen: { rows: number; cols: number };
  columnWidths: Map<number, number>;
  validations: { address: string; source: string; style: string }[];
  conditionalFormats: FakeConditionalFormat[];
  groups: { first: number; last: number }[];
  styles: { address: string; props: Record<string, unknown> }[];
}

export interface FakeTable {
  name: string;
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style: string;
  showBandedRows: boolean;
  showFilterButton: boolean;
}

export interface Batch {
  commands: string[];
  /** The error code the batch failed with, if it did. */
  failed?: string;
  requestBytes: number;
  responseBytes: number;
  suspendedCalculation: boolean;
  suspendedScreen: boolean;
}

class PropertyNotLoaded extends Error {
  code = 'PropertyNotLoaded';
}

class FakeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const key = (row: number, col: number) => `${row},${col}`;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetter(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export interface Rect {
  sheet?: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Parses `A1`, `A1:C3`, `B:B`, `3:7`, optionally with a sheet part. */
export function parseRect(address: string): Rect {
  let sheet: string | undefined;
  let body = address;
  const bang = address.lastIndexOf('!');
  if (bang >= 0) {
    sheet = address
      .slice(0, bang)
      .replace(/^'(.*)'$/, '$1')
      .replace(/''/g, "'");
    body = address.slice(bang + 1);
  }
  body = body.replace(/\$/g, '');
  const [a, b = a] = body.split(':');
  const cell = /^([A-Z]*)(\d*)$/i;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  if (!ma || !mb) throw new FakeApiError('InvalidArgument', `Bad address ${address}`);
  const c1 = ma[1] ? columnNumber(ma[1]) : 1;
  const c2 = mb[1] ? columnNumber(mb[1]) : 16384;
  const r1 = ma[2] ? Number(ma[2]) : 1;
  const r2 = mb[2] ? Number(mb[2]) : 1048576;
  return { sheet, row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

function rectAddress(sheet: string, rect: Rect): string {
  const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const first = `${columnLetter(rect.col)}${rect.row}`;
  const last = `${columnLetter(rect.col + rect.cols - 1)}${rect.row + rect.rows - 1}`;
  return `${q}!${first === last ? first : `${first}:${last}`}`;
}

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

/** What Excel makes of a typed value in a cell that is not formatted as Text. */
function interpret(input: unknown, evaluate: (formula: string) => Scalar): FakeCell {
  if (typeof input === 'string') {
    if (input.startsWith('=') && input.length > 1) return { value: evaluate(input), formula: input };
    if (/^[+-]?\d+(\.\d+)?$/.test(input.trim())) return { value: Number(input) };
    if (/^(true|false)$/i.test(input.trim())) return { value: input.trim().toUpperCase() === 'TRUE' };
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.trim())) {
      const [y, m, d] = input.trim().split('-').map(Number);
      return { value: Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000) };
    }
    if (/^[+\-@]/.test(input)) return { value: '#NAME?', formula: `=${input.replace(/^[+@]/, '')}` };
    return { value: input };
  }
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  throw new FakeApiError('InvalidArgument', `Cannot write ${String(input)}`);
}

type Scalar = string | number | boolean;
export type Lookup = (col: number, row: number) => Scalar;

/**
 * A small calculator for the formulas tests write, standing in for Excel's engine: numbers, strings,
 * TRUE/FALSE, same-sheet references (A1), + - * / &, comparisons, parentheses, IF and NA. Anything else
 * is #NAME?, as in an Excel without the function.
 */
export function calculate(formula: string, lookup: Lookup): Scalar {
  const tokens = formula
    .slice(1)
    .match(
      /"(?:[^"]|"")*"|[A-Z]+\d+|[A-Z][A-Z0-9.]*(?=\()|TRUE|FALSE|\d+(?:\.\d+)?|<=|>=|<>|[-+*/&(),<>=]/gi,
    );
  if (!tokens) return '#NAME?';
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const num = (v: Scalar): number =>
    typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : Number.NaN;
  const primary = (): Scalar => {
    const token = take();
    if (token === undefined) throw new Error('#VALUE!');
    if (token === '(') {
      const value = comparison();
      take();
      return value;
    }
    if (token === '-') return -num(primary());
    if (token.startsWith('"')) return token.slice(1, -1).replace(/""/g, '"');
    if (/^\d/.test(token)) return Number(token);
    if (/^(TRUE|FALSE)$/i.test(token)) return token.toUpperCase() === 'TRUE';
    if (/^[A-Z]+\d+$/i.test(token)) {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/i.exec(token) as RegExpExecArray;
      return lookup(columnNumber(letters), Number(digits));
    }
    if (peek() === '(') {
      take();
      const args: Scalar[] = [];
      while (peek() !== ')') {
        args.push(comparison());
        if (peek() === ',') take();
      }
      take();
      const name = token.toUpperCase();
      if (name === 'IF') return args[0] ? args[1] : (args[2] ?? false);
      if (name === 'NA') return '#N/A';
      throw new Error('#NAME?');
    }
    throw new Error('#NAME?');
  };
  const term = (): Scalar => {
    let value = primary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const right = num(primary());
      value = op === '*' ? num(value) * right : num(value) / right;
    }
    return value;
  };
  const additive = (): Scalar => {
    let value = term();
    while (peek() === '+' || peek() === '-' || peek() === '&') {
      const op = take();
      const right = term();
      value =
        op === '&'
          ? `${String(value)}${String(right)}`
          : op === '+'
            ? num(value) + num(right)
            : num(value) - num(right);
    }
    return value;
  };
  const comparison = (): Scalar => {
    const left = additive();
    const op = peek();
    if (!op || !['<', '>', '=', '<=', '>=', '<>'].includes(op)) return left;
    take();
    const right = additive();
    const [a, b] =
      typeof left === 'number' && typeof right === 'number' ? [left, right] : [String(left), String(right)];
    return op === '<'
      ? a < b
      : op === '>'
        ? a > b
        : op === '='
          ? a === b
          : op === '<='
            ? a <= b
            : op === '>='
              ? a >= b
              : a !== b;
  };
  try {
    const value = comparison();
    if (typeof value === 'number' && !Number.isFinite(value)) return '#DIV/0!';
    return value;
  } catch (error) {
    return (error as Error).message.startsWith('#') ? (error as Error).message : '#VALUE!';
  }
}

export interface FakeExcelOptions {
  payloadLimit?: number;
  /** The workbook uses the 1904 date system (Excel for Mac's old default): its serials are 1462 smaller. */
  date1904?: boolean;
  /** The error code of a response over the payload limit (default ResponsePayloadSizeLimitExceeded). */
  oversizedResponse?: 'ResponsePayloadSizeLimitExceeded' | 'GeneralException';
  /** Cells one range read may return (default 5,000,000; tests lower it as they lower payloadLimit). */
  readCellLimit?: number;
  /** What a read of a range over readCellLimit gets: the RangeExceedsLimit error (default) or null values. */
  overReadLimit?: 'RangeExceedsLimit' | 'null';
}

/** The document plus its request context. `context` is what `Excel.run` would hand the add-in. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly batches: Batch[] = [];
  selected?: string;
  active?: string;
  calculations = 0;
  private queue: { label: string; run: () => number }[] = [];
  private requestBytes = 0;
  private suspendedCalculation = false;
  private suspendedScreen = false;
  readonly payloadLimit: number;
  readonly oversizedResponse: string;
  readonly readCellLimit: number;
  readonly overReadLimit: 'RangeExceedsLimit' | 'null';
  readonly context: Excel.RequestContext;
  private nextFailure?: string;

  readonly date1904: boolean;

  constructor(options: FakeExcelOptions = {}) {
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.date1904 = options.date1904 ?? false;
    this.oversizedResponse = options.oversizedResponse ?? 'ResponsePayloadSizeLimitExceeded';
    this.readCellLimit = options.readCellLimit ?? READ_CELL_LIMIT;
    this.overReadLimit = options.overReadLimit ?? 'RangeExceedsLimit';
    this.context = new FakeContext(this) as unknown as Excel.RequestContext;
  }

  /** The next batch fails with `code` before any of its commands runs. */
  failNextSync(code: string): void {
    this.nextFailure = code;
  }

  get syncs(): number {
    return this.batches.length;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new FakeApiError('ItemAlreadyExists', `A sheet named ${name} exists.`);
    }
    const sheet: FakeSheet = {
      name,
      cells: new Map(),
      frozen: { rows: 0, cols: 0 },
      columnWidths: new Map(),
      validations: [],
      conditionalFormats: [],
      groups: [],
      styles: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found) throw new FakeApiError('ItemNotFound', `No sheet named ${name}.`);
    return found;
  }

  /** Direct cell access for tests (outside any batch). */
  cell(sheet: string, address: string): FakeCell | undefined {
    const r = parseRect(address);
    return this.sheet(sheet).cells.get(key(r.row, r.col));
  }

  /** Queues a command; `run` returns the response bytes it produces. */
  enqueue(label: string, requestBytes: number, run: () => number | void): void {
    this.requestBytes += requestBytes;
    this.queue.push({
      label,
      run: () => {
        const bytes = run();
        return typeof bytes === 'number' ? bytes : 0;
      },
    });
  }

  suspendCalculation(): void {
    this.suspendedCalculation = true;
  }

  suspendScreen(): void {
    this.suspendedScreen = true;
  }

  async sync(): Promise<void> {
    const commands = this.queue;
    const requestBytes = this.requestBytes;
    const batch: Batch = {
      commands: commands.map((c) => c.label),
      requestBytes,
      responseBytes: 0,
      suspendedCalculation: this.suspendedCalculation,
      suspendedScreen: this.suspendedScreen,
    };
    this.queue = [];
    this.requestBytes = 0;
    this.suspendedCalculation = false;
    this.suspendedScreen = false;
    this.batches.push(batch);
    await Promise.resolve();
    const fail = (code: string, message: string) => {
      batch.failed = code;
      return new FakeApiError(code, message);
    };
    if (this.nextFailure) {
      const code = this.nextFailure;
      this.nextFailure = undefined;
      throw fail(code, 'An internal error has occurred.');
    }
    if (requestBytes > this.payloadLimit) {
      throw fail('RequestPayloadSizeLimitExceeded', `Request of ${requestBytes} bytes is over the limit.`);
    }
    try {
      for (const command of commands) batch.responseBytes += command.run();
    } catch (error) {
      batch.failed = (error as { code?: string }).code ?? 'Error';
      throw error;
    }
    if (batch.responseBytes > this.payloadLimit) {
      throw fail(this.oversizedResponse, `Response of ${batch.responseBytes} bytes.`);
    }
  }

  /** Writes an input matrix the way Excel does: null leaves a cell, '' clears it, '@' keeps text. */
  writeMatrix(sheet: FakeSheet, rect: Rect, matrix: unknown[][], property: 'values' | 'formulas'): void {
    if (matrix.length !== rect.rows || matrix.some((line) => line.length !== rect.cols)) {
      throw new FakeApiError('InvalidArgument', `${property}: the array does not match the range size.`);
    }
    matrix.forEach((line, r) =>
      line.forEach((input, c) => {
        if (input === null || input === undefined) return;
        const k = key(rect.row + r, rect.col + c);
        const old = sheet.cells.get(k);
        const numberFormat = old?.numberFormat;
        if (input === '') {
          if (numberFormat) sheet.cells.set(k, { value: '', numberFormat });
          else sheet.cells.delete(k);
          return;
        }
        const lookup: Lookup = (c, r2) => sheet.cells.get(key(r2, c))?.value ?? '';
        const cell: FakeCell =
          numberFormat === '@'
            ? { value: String(input) }
            : interpret(input, (formula) => calculate(formula, lookup));
        if (numberFormat) cell.numberFormat = numberFormat;
        sheet.cells.set(k, cell);
      }),
    );
  }

  /** The used range: from the first to the last cell holding a value or formula (valuesOnly) or anything. */
  usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | undefined {
    let minR = Infinity;
    let minC = Infinity;
    let maxR = 0;
    let maxC = 0;
    for (const [k, cell] of sheet.cells) {
      if (valuesOnly && cell.value === '' && !cell.formula) continue;
      const [r, c] = k.split(',').map(Number);
      minR = Math.min(minR, r);
      minC = Math.min(minC, c);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
    if (maxR === 0) return undefined;
    return { row: minR, col: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }

  /** Values as Excel reports them: '' for empty cells. */
  valuesOf(sheet: FakeSheet, rect: Rect): (string | number | boolean)[][] {
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from(
        { length: rect.cols },
        (_, c) => sheet.cells.get(key(rect.row + r, rect.col + c))?.value ?? '',
      ),
    );
  }

  /** Formulas as Excel reports them: the formula where there is one, else the value. */
  formulasOf(sheet: FakeSheet, rect: Rect): (string | number | boolean)[][] {
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.cols }, (_, c) => {
        const cell = sheet.cells.get(key(rect.row + r, rect.col + c));
        return cell?.formula ?? cell?.value ?? '';
      }),
    );
  }

  numberFormatsOf(sheet: FakeSheet, rect: Rect): string[][] {
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from(
        { length: rect.cols },
        (_, c) => sheet.cells.get(key(rect.row + r, rect.col + c))?.numberFormat ?? 'General',
      ),
    );
  }
}

/** Base of every proxy: queued loads, strict reads. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  protected nullObject: boolean | undefined;

  constructor(protected readonly excel: FakeExcel) {}

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new PropertyNotLoaded(
        `The property '${name}' is not available. Call load() and context.sync() first.`,
      );
    }
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    if (this.nullObject === undefined)
      throw new PropertyNotLoaded('isNullObject is known only after a sync.');
    return this.nullObject;
  }

  protected propsOf(spec: string | string[]): string[] {
    return (Array.isArray(spec) ? spec : spec.split(',')).map((p) => p.trim()).filter(Boolean);
  }
}

class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  constructor(private readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(excel);
  }
  sync(): Promise<void> {
    return this.excel.sync();
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: { [name: string]: (...args: unknown[]) => void };
  readonly functions: { date(year: number, month: number, day: number): FakeFunctionResult };
  constructor(excel: FakeExcel) {
    this.worksheets = new FakeWorksheetCollection(excel);
    this.tables = new FakeTableCollection(excel, undefined);
    this.functions = {
      date: (year, month, day) => new FakeFunctionResult(excel, () => excelDate(excel, year, month, day)),
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () => excel.suspendCalculation(),
      suspendScreenUpdatingUntilNextSync: () => excel.suspendScreen(),
      calculate: (type) =>
        excel.enqueue(`calculate ${String(type)}`, 32, () => {
          excel.calculations++;
        }),
    };
  }
}

/**
 * Excel's DATE(year, month, day) as a serial in the workbook's date system: days from 1904-01-01, or days
 * from 1899-12-31 plus Excel's fictitious 29 Feb 1900 from March 1900 on (Microsoft: "Excel incorrectly
 * assumes that the year 1900 is a leap year").
 */
function excelDate(excel: FakeExcel, year: number, month: number, day: number): number {
  const utc = Date.UTC(year, month - 1, day);
  if (excel.date1904) return (utc - Date.UTC(1904, 0, 1)) / 86_400_000;
  const days = (utc - Date.UTC(1899, 11, 31)) / 86_400_000;
  return days >= 60 ? days + 1 : days;
}

/** A worksheet function's result (`workbook.functions.*`): its value is there after load and sync. */
class FakeFunctionResult extends Proxy {
  constructor(
    excel: FakeExcel,
    private readonly compute: () => number,
  ) {
    super(excel);
  }

  load(spec: string): this {
    this.excel.enqueue(`functions load ${spec}`, 64, () => {
      for (const name of this.propsOf(spec)) this.loaded.set(name, name === 'value' ? this.compute() : null);
      return 16;
    });
    return this;
  }

  get value(): number {
    return this.read('value');
  }
}

class FakeWorksheetCollection extends Proxy {
  private itemsLoaded: FakeWorksheet[] | undefined;

  get items(): FakeWorksheet[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded('worksheets.items is not loaded.');
    return this.itemsLoaded;
  }

  load(spec: string): this {
    this.excel.enqueue(`worksheets.load ${spec}`, 64, () => {
      const names = this.excel.sheets.map((s) => s.name);
      this.itemsLoaded = this.excel.sheets.map((sheet) => {
        const ws = new FakeWorksheet(this.excel, sheet.name);
        ws.setLoaded('name', sheet.name);
        // Excel.SheetVisibility: "Visible" unless hidden.
        if (/visibility/.test(spec)) ws.setLoaded('visibility', sheet.visibility ?? 'Visible');
        return ws;
      });
      return bytesOf(names);
    });
    return this;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.excel, name);
  }

  add(name: string): FakeWorksheet {
    this.excel.enqueue(`worksheets.add ${name}`, 64, () => {
      this.excel.addSheet(name);
    });
    return new FakeWorksheet(this.excel, name);
  }
}

class FakeWorksheet extends Proxy {
  readonly tables: FakeTableCollection;
  readonly freezePanes: Record<string, (arg?: unknown) => void>;

  constructor(
    excel: FakeExcel,
    readonly sheetName: string,
  ) {
    super(excel);
    this.tables = new FakeTableCollection(excel, sheetName);
    const panes = (label: string, apply: (s: FakeSheet, arg: unknown) => void) => (arg?: unknown) =>
      excel.enqueue(`freezePanes.${label}`, 48, () => apply(excel.sheet(sheetName), arg));
    this.freezePanes = {
      unfreeze: panes('unfreeze', (s) => (s.frozen = { rows: 0, cols: 0 })),
      freezeRows: panes('freezeRows', (s, n) => (s.frozen = { rows: n as number, cols: 0 })),
      freezeColumns: panes('freezeColumns', (s, n) => (s.frozen = { rows: 0, cols: n as number })),
      freezeAt: panes('freezeAt', (s, address) => {
        const r = parseRect(address as string);
        s.frozen = { rows: r.row + r.rows - 1, cols: r.col + r.cols - 1 };
      }),
    };
  }

  setLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  get name(): string {
    return this.read('name');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  set visibility(value: string) {
    this.excel.enqueue(`worksheet.visibility ${value}`, 48, () => {
      this.excel.sheet(this.sheetName).visibility = value;
    });
  }

  load(spec: string): this {
    this.excel.enqueue(`worksheet.load ${spec}`, 48, () => {
      this.excel.sheet(this.sheetName);
      this.loaded.set('name', this.excel.sheet(this.sheetName).name);
      return 32;
    });
    return this;
  }

  getRange(address: string): FakeRange {
    return new FakeRange(this.excel, this.sheetName, () => parseRect(address));
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.excel, this.sheetName, () =>
      this.excel.usedRect(this.excel.sheet(this.sheetName), valuesOnly),
    );
  }

  activate(): void {
    this.excel.enqueue(`activate ${this.sheetName}`, 32, () => {
      this.excel.active = this.excel.sheet(this.sheetName).name;
    });
  }
}

class FakeRange extends Proxy {
  readonly format: ReturnType<(typeof FakeRange)['makeFormat']>;
  readonly dataValidation: Record<string, unknown>;
  readonly conditionalFormats: { add: (type: string) => unknown };

  constructor(
    excel: FakeExcel,
    private readonly sheetOf: string | (() => string),
    private readonly resolve: () => Rect | undefined,
  ) {
    super(excel);
    this.format = FakeRange.makeFormat(this);
    this.dataValidation = FakeRange.makeValidation(this);
    this.conditionalFormats = { add: (type: string) => this.addConditionalFormat(type) };
  }

  private get sheetName(): string {
    return typeof this.sheetOf === 'string' ? this.sheetOf : this.sheetOf();
  }

  private rect(): Rect {
    const r = this.resolve();
    if (!r) throw new FakeApiError('InvalidReference', 'The range is a null object.');
    return r;
  }

  private fullAddress(): string {
    return rectAddress(this.excel.sheet(this.sheetName).name, this.rect());
  }

  private style(label: string, props: Record<string, unknown>): void {
    this.excel.enqueue(`format ${label}`, 64, () => {
      this.excel.sheet(this.sheetName).styles.push({ address: this.fullAddress(), props });
    });
  }

  private static makeFormat(range: FakeRange) {
    const font = {
      set bold(v: boolean) {
        range.style('bold', { bold: v });
      },
      set italic(v: boolean) {
        range.style('italic', { italic: v });
      },
      set color(v: string) {
        range.style('fontColor', { fontColor: v });
      },
    };
    const fill = {
      set color(v: string) {
        range.style('fill', { fill: v });
      },
    };
    return {
      font,
      fill,
      set wrapText(v: boolean) {
        range.style('wrap', { wrap: v });
      },
      set horizontalAlignment(v: string) {
        range.style('horizontal', { horizontal: v });
      },
      set columnWidth(points: number) {
        range.excel.enqueue('columnWidth', 48, () => {
          const r = range.rect();
          for (let c = r.col; c < r.col + r.cols; c++)
            range.excel.sheet(range.sheetName).columnWidths.set(c, points);
        });
      },
    };
  }

  private static makeValidation(range: FakeRange): Record<string, unknown> {
    let current: { address: string; source: string; style: string } | undefined;
    const entry = () => {
      const sheet = range.excel.sheet(range.sheetName);
      const address = range.fullAddress();
      current = sheet.validations.find((v) => v.address === address);
      if (!current) {
        current = { address, source: '', style: 'Stop' };
        sheet.validations.push(current);
      }
      return current;
    };
    return {
      clear: () =>
        range.excel.enqueue('dataValidation.clear', 48, () => {
          const sheet = range.excel.sheet(range.sheetName);
          const address = range.fullAddress();
          sheet.validations = sheet.validations.filter((v) => v.address !== address);
        }),
      set ignoreBlanks(_v: boolean) {
        range.excel.enqueue('dataValidation.ignoreBlanks', 32, () => undefined);
      },
      set rule(rule: { list?: { source: string } }) {
        range.excel.enqueue('dataValidation.rule', bytesOf(rule), () => {
          if (!rule.list) throw new FakeApiError('InvalidArgument', 'Only list rules are modelled.');
          entry().source = rule.list.source;
        });
      },
      set errorAlert(alert: { style: string }) {
        range.excel.enqueue('dataValidation.errorAlert', bytesOf(alert), () => {
          entry().style = alert.style;
        });
      },
    };
  }

  private addConditionalFormat(type: string): unknown {
    const record: FakeConditionalFormat = { type, address: '' };
    this.excel.enqueue(`conditionalFormats.add ${type}`, 64, () => {
      record.address = this.fullAddress();
      this.excel.sheet(this.sheetName).conditionalFormats.push(record);
    });
    const excel = this.excel;
    const later = (label: string, apply: () => void) => excel.enqueue(label, 96, apply);
    const format = {
      fill: {
        set color(v: string) {
          later('cf.fill', () => (record.fill = v));
        },
      },
      font: {
        set color(v: string) {
          later('cf.font', () => (record.fontColor = v));
        },
      },
    };
    return {
      iconSet: {
        set style(v: string) {
          later('cf.iconSet.style', () => (record.iconStyle = v));
        },
        set criteria(v: unknown[]) {
          later('cf.iconSet.criteria', () => (record.criteria = v));
        },
      },
      cellValue: {
        format,
        set rule(v: { formula1: string; formula2?: string; operator: string }) {
          later('cf.cellValue.rule', () => (record.rule = v));
        },
      },
    };
  }

  load(spec: string | string[]): this {
    const props = this.propsOf(spec);
    this.excel.enqueue(`range.load ${props.join(',')}`, 64, () => {
      const rect = this.resolve();
      this.nullObject = rect === undefined;
      if (!rect) return 16;
      const sheet = this.excel.sheet(this.sheetName);
      let bytes = 0;
      const cellProps = ['values', 'formulas', 'numberFormat'];
      const overLimit = rect.rows * rect.cols > this.excel.readCellLimit;
      if (
        overLimit &&
        this.excel.overReadLimit === 'RangeExceedsLimit' &&
        props.some((p) => cellProps.includes(p))
      ) {
        throw new FakeApiError(
          'RangeExceedsLimit',
          'The cell count in the range has exceeded the maximum supported number.',
        );
      }
      for (const prop of props) {
        let value: unknown;
        if (overLimit && cellProps.includes(prop)) value = null;
        else if (prop === 'values') value = this.excel.valuesOf(sheet, rect);
        else if (prop === 'formulas') value = this.excel.formulasOf(sheet, rect);
        else if (prop === 'numberFormat') value = this.excel.numberFormatsOf(sheet, rect);
        else if (prop === 'rowIndex') value = rect.row - 1;
        else if (prop === 'columnIndex') value = rect.col - 1;
        else if (prop === 'rowCount') value = rect.rows;
        else if (prop === 'columnCount') value = rect.cols;
        else if (prop === 'address') value = rectAddress(sheet.name, rect);
        else throw new FakeApiError('InvalidArgument', `The fake does not model range.${prop}.`);
        this.loaded.set(prop, value);
        bytes += bytesOf(value);
      }
      return bytes;
    });
    return this;
  }

  get values(): unknown[][] {
    return this.read('values');
  }
  set values(matrix: unknown[][]) {
    this.excel.enqueue('range.values', bytesOf(matrix), () =>
      this.excel.writeMatrix(this.excel.sheet(this.sheetName), this.rect(), matrix, 'values'),
    );
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(matrix: unknown[][]) {
    this.excel.enqueue('range.formulas', bytesOf(matrix), () =>
      this.excel.writeMatrix(this.excel.sheet(this.sheetName), this.rect(), matrix, 'formulas'),
    );
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(matrix: unknown[][]) {
    this.excel.enqueue('range.numberFormat', bytesOf(matrix), () => {
      const rect = this.rect();
      const sheet = this.excel.sheet(this.sheetName);
      if (matrix.length !== rect.rows || matrix.some((line) => line.length !== rect.cols)) {
        throw new FakeApiError('InvalidArgument', 'numberFormat: the array does not match the range size.');
      }
      matrix.forEach((line, r) =>
        line.forEach((format, c) => {
          if (format === null || format === undefined) return;
          const k = key(rect.row + r, rect.col + c);
          const cell = sheet.cells.get(k) ?? { value: '' };
          sheet.cells.set(k, { ...cell, numberFormat: String(format) });
        }),
      );
    });
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }

  group(by: string): void {
    this.excel.enqueue(`group ${by}`, 32, () => {
      const r = this.rect();
      this.excel.sheet(this.sheetName).groups.push({ first: r.row, last: r.row + r.rows - 1 });
    });
  }

  select(): void {
    this.excel.enqueue('select', 32, () => {
      this.excel.selected = this.fullAddress();
    });
  }
}

class FakeTableCollection extends Proxy {
  private itemsLoaded: FakeTableProxy[] | undefined;

  constructor(
    excel: FakeExcel,
    private readonly sheetName: string | undefined,
  ) {
    super(excel);
  }

  get items(): FakeTableProxy[] {
    if (!this.itemsLoaded) throw new PropertyNotLoaded('tables.items is not loaded.');
    return this.itemsLoaded;
  }

  load(spec: string): this {
    const props = this.propsOf(spec).map((p) => p.replace(/^items\//, ''));
    this.excel.enqueue(`tables.load ${spec}`, 64, () => {
      const tables = this.excel.tables.filter(
        (t) => this.sheetName === undefined || t.sheet.toLowerCase() === this.sheetName.toLowerCase(),
      );
      this.itemsLoaded = tables.map((t) => {
        const proxy = new FakeTableProxy(this.excel, t.name);
        for (const prop of props) proxy.setLoaded(prop, (t as unknown as Record<string, unknown>)[prop]);
        return proxy;
      });
      return bytesOf(tables.map((t) => props.map((p) => (t as unknown as Record<string, unknown>)[p])));
    });
    return this;
  }

  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.excel, name);
  }

  add(address: string, hasHeaders: boolean): FakeTableProxy {
    const proxy = new FakeTableProxy(this.excel, '');
    this.excel.enqueue(`tables.add ${address}`, 64, () => {
      if (!hasHeaders) throw new FakeApiError('InvalidArgument', 'The fake models tables with headers only.');
      const r = parseRect(address);
      const sheet = this.excel.sheet(r.sheet ?? this.sheetName ?? '');
      const overlaps = this.excel.tables.some(
        (t) =>
          t.sheet === sheet.name &&
          t.row < r.row + r.rows &&
          r.row < t.row + t.rows &&
          t.col < r.col + r.cols &&
          r.col < t.col + t.cols,
      );
      if (overlaps) throw new FakeApiError('InvalidOperation', 'Tables cannot overlap.');
      // Excel names an empty header cell ColumnN; a table over blank cells is a sign of writing it too early.
      const headers = this.excel.valuesOf(sheet, { ...r, rows: 1 })[0];
      if (headers.some((h) => h === '')) {
        throw new FakeApiError(
          'InvalidOperation',
          'The fake refuses a table whose header row is not written yet.',
        );
      }
      const table: FakeTable = {
        name: `Table${this.excel.tables.length + 1}`,
        sheet: sheet.name,
        row: r.row,
        col: r.col,
        // Excel gives a header-only table one empty body row.
        rows: Math.max(2, r.rows),
        cols: r.cols,
        style: 'TableStyleMedium2',
        showBandedRows: true,
        showFilterButton: true,
      };
      this.excel.tables.push(table);
      proxy.bind(table);
    });
    return proxy;
  }
}

class FakeTableProxy extends Proxy {
  private table: FakeTable | undefined;

  constructor(
    excel: FakeExcel,
    private tableName: string,
  ) {
    super(excel);
  }

  bind(table: FakeTable): void {
    this.table = table;
  }

  setLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  private resolveTable(): FakeTable {
    if (this.table) return this.table;
    const found = this.excel.tables.find((t) => t.name.toLowerCase() === this.tableName.toLowerCase());
    if (!found) throw new FakeApiError('ItemNotFound', `No table named ${this.tableName}.`);
    return found;
  }

  private setter(prop: keyof FakeTable, value: unknown): void {
    this.excel.enqueue(`table.${prop}`, 48, () => {
      const table = this.resolveTable();
      if (prop === 'name') {
        if (
          this.excel.tables.some((t) => t !== table && t.name.toLowerCase() === String(value).toLowerCase())
        ) {
          throw new FakeApiError('ItemAlreadyExists', `A table named ${String(value)} exists.`);
        }
        this.tableName = String(value);
      }
      (table as unknown as Record<string, unknown>)[prop] = value;
    });
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.setter('name', v);
  }
  get style(): string {
    return this.read('style');
  }
  set style(v: string) {
    this.setter('style', v);
  }
  get showBandedRows(): boolean {
    return this.read('showBandedRows');
  }
  set showBandedRows(v: boolean) {
    this.setter('showBandedRows', v);
  }
  set showFilterButton(v: boolean) {
    this.setter('showFilterButton', v);
  }

  getRange(): FakeRange {
    // Resolved lazily: the table may be created in the same batch.
    return new FakeRange(
      this.excel,
      () => this.resolveTable().sheet,
      () => this.resolveTable(),
    );
  }

  resize(address: string): void {
    this.excel.enqueue(`table.resize ${address}`, 64, () => {
      const table = this.resolveTable();
      const r = parseRect(address);
      if (r.row !== table.row || r.col !== table.col) {
        throw new FakeApiError('InvalidArgument', 'A resized table must keep its header row.');
      }
      table.rows = r.rows;
      table.cols = r.cols;
    });
  }
}
