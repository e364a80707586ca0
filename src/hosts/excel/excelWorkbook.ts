import {
  columnLetter,
  isFormulaCell,
  quoteSheet,
  rangeAddress,
  type CellStyle,
  type ConditionalFormat,
  type RangeRef,
  type SheetData,
  type SheetInfo,
  type TableSpec,
  type Workbook,
  type WriteCell,
} from '../../register/workbook';
import { parseAddress } from './address';
import type { DateSystem } from '../../core/calendar';
import { formatFor, toExcelInput, toSheetData, withSerials } from './cells';
import {
  DEFAULT_PAYLOAD_BUDGET,
  cameBackEmpty,
  estimateRowBytes,
  firstBlockRows,
  isOversizedRead,
  sliceRows,
} from './payload';

/**
 * The Workbook port over Office.js. It never opens its own `Excel.run`: the caller runs one per user
 * action and hands its RequestContext in (see `run.ts`), so one action is one batch of round trips.
 *
 * Writes are kept in a queue of commands and put into the context only when something needs them (a
 * read, an append, `flush`). They are packed into as few `context.sync()` calls as Excel on the web's
 * 5 MB request limit allows; each batch that writes suspends recalculation and screen updating until
 * its sync. Reads load only the properties they use, for all requested sheets at once; a read Excel finds
 * too big (payload.ts: `isOversizedRead`, `cameBackEmpty`) is read again in smaller row blocks. Only a
 * batch that carries no writes is ever sent again (`syncReads`).
 */
export interface ExcelWorkbookOptions {
  /** Estimated bytes one sync may carry (default just under Excel on the web's 5 MB limit). */
  payloadBudget?: number;
}

interface Command {
  /** Estimated request bytes. */
  bytes: number;
  run(context: Excel.RequestContext): void;
  /** It writes dates, so the workbook's date system must be known before it runs. */
  dates?: boolean;
}

/** A block to read; `formulas: false` leaves formulas out of the response when only values matter. */
export type RangeRequest = RangeRef & { formulas?: boolean };

/** Cells read by readRanges: values (dates as Date) and formulas (null where a cell has none). */
export interface RangeBlock {
  values: SheetData['values'];
  formulas: SheetData['formulas'];
}

/** A long dropdown list's place on the lists sheet, known once the sheet has been looked at. */
interface ListSlot {
  values: string[];
  source: string;
}

/** Bytes counted for a command that carries no cell data (a format, a validation rule, a table). */
const SMALL_COMMAND = 256;
/** Table styles for TableSpec.style (Excel's default, Medium 2, when none is asked for). */
const TABLE_STYLES = { light: 'TableStyleLight9', medium: 'TableStyleMedium2' } as const;
/**
 * The hidden sheet that holds dropdown lists too long for Excel's 255-character inline form (the .xlsx
 * host uses the same name, so a list survives a round trip between them). It is not one of the user's sheets.
 */
export const LISTS_SHEET = 'KPI_Lists';
const INLINE_LIST_LIMIT = 255;
const LISTS_NAME = /^KPI_Lists(?: \(\d+\))?$/i;
/**
 * Our lists sheet is HIDDEN and named `KPI_Lists` (or `KPI_Lists (2)`, … when a user sheet has the name):
 * a visible sheet so named is the user's (issue 9). `Worksheet.visibility` is "Visible", "Hidden" or
 * "VeryHidden" (Excel.SheetVisibility, ExcelApi 1.1 to read it).
 */
const isListsSheet = (sheet: { name: string; visibility: string }) =>
  sheet.visibility !== 'Visible' && LISTS_NAME.test(sheet.name);
/** `KPI_Lists`, else `KPI_Lists (2)`, …: the first such name no sheet has (Excel compares names without case). */
function freeListsName(taken: readonly string[]): string {
  const keys = new Set(taken.map((name) => name.toUpperCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? LISTS_SHEET : `${LISTS_SHEET} (${n})`;
    if (!keys.has(name.toUpperCase())) return name;
  }
}

export class ExcelWorkbook implements Workbook {
  private queue: Command[] = [];
  /** Tables are added after the other queued writes, so a table always wraps cells already written. */
  private tableQueue: Command[] = [];
  private readonly budget: number;
  private readonly lists = new Map<string, ListSlot>();
  private unplacedLists: ListSlot[] = [];
  /** Estimated bytes put into the context since the last sync; -1 when nothing is pending. */
  private pendingBytes = -1;
  private suspended = false;
  /** The sheet names, once read: only this workbook's addSheet changes them within one Excel.run. */
  private names?: string[];
  /** The hidden lists sheet's name, once read or made (it is not among `names`). */
  private listsName?: string;
  /** Sheets this workbook has added (queued or not), whose names a new lists sheet must not take. */
  private readonly added: string[] = [];
  /** The workbook's date system, read with the sheet names (or before the first write of a date). */
  private dateSystem?: DateSystem;
  /** Round trips made so far (a diagnostic; tests count them on the context as well). */
  syncCount = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    options: ExcelWorkbookOptions = {},
  ) {
    this.budget = options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET;
  }

  // --- reads ---------------------------------------------------------------------------------------

  async sheets(): Promise<SheetInfo[]> {
    const names = await this.sheetNames();
    const used = names.map((name) =>
      this.context.workbook.worksheets
        .getItem(name)
        .getUsedRangeOrNullObject(true)
        .load('rowIndex,columnIndex,rowCount,columnCount'),
    );
    await this.sync();
    return names.map((name, i) => {
      const range = used[i];
      return range.isNullObject
        ? { name, rows: 0, cols: 0 }
        : { name, rows: range.rowIndex + range.rowCount, cols: range.columnIndex + range.columnCount };
    });
  }

  async readSheet(name: string): Promise<SheetData | undefined> {
    return (await this.readSheets([name]))[0];
  }

  async readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]> {
    const existing = new Map((await this.sheetNames()).map((name) => [name.toUpperCase(), name]));
    const actual = names.map((name) => existing.get(name.toUpperCase()));
    const wanted = [...new Set(actual.filter((name): name is string => name !== undefined))];
    let data: Map<string, SheetData> | undefined;
    try {
      data = await this.readWhole(wanted);
    } catch (error) {
      if (!isOversizedRead(error)) throw error;
    }
    data ??= await this.readInBlocks(wanted);
    return actual.map((name) => (name === undefined ? undefined : data.get(name)));
  }

  /**
   * Several blocks of cells in one round trip (not part of the port: the task pane's actions use it to
   * read the few columns they need from a big register instead of whole sheets).
   */
  async readRanges(ranges: readonly RangeRequest[]): Promise<RangeBlock[]> {
    await this.sheetNames();
    const load = (range: RangeRequest) =>
      rangeOf(this.context, range).load(
        range.formulas === false ? 'values,numberFormat' : 'values,formulas,numberFormat',
      );
    const toBlock = (
      range: RangeRef,
      values: unknown[][],
      formulas: unknown[][] | undefined,
      formats: unknown[][],
    ) => {
      const data = toSheetData(range.sheet, 0, 0, values, formulas ?? values, formats, this.dateSystem);
      return { values: data.values, formulas: data.formulas };
    };
    const empty = ranges.filter((range) => range.rows <= 0 || range.cols <= 0);
    const loaded = ranges.map((range) => (empty.includes(range) ? undefined : load(range)));
    let whole = true;
    try {
      if (loaded.some(Boolean)) await this.syncReads();
      whole = ranges.every(
        (range, i) =>
          !loaded[i] ||
          !cameBackEmpty(
            range.rows,
            range.cols,
            loaded[i].values,
            range.formulas === false ? [] : loaded[i].formulas,
            loaded[i].numberFormat,
          ),
      );
    } catch (error) {
      if (!isOversizedRead(error)) throw error;
      whole = false;
    }
    if (whole) {
      return ranges.map((range, i) => {
        const block = loaded[i];
        if (!block) return { values: [], formulas: [] };
        return toBlock(
          range,
          block.values,
          range.formulas === false ? undefined : block.formulas,
          block.numberFormat,
        );
      });
    }
    // Too big for one response: one range at a time, each in halving row blocks.
    const blocks: RangeBlock[] = [];
    for (const range of ranges) {
      if (range.rows <= 0 || range.cols <= 0) {
        blocks.push({ values: [], formulas: [] });
        continue;
      }
      const withFormulas = range.formulas !== false;
      const cells = await this.readRowsInBlocks(
        range,
        withFormulas ? ['values', 'formulas', 'numberFormat'] : ['values', 'numberFormat'],
      );
      blocks.push(
        toBlock(range, cells.values, withFormulas ? cells.formulas : undefined, cells.numberFormat),
      );
    }
    return blocks;
  }

  async tables(): Promise<TableSpec[]> {
    await this.applyQueued();
    const tables = this.context.workbook.tables.load('items/name,items/style,items/showBandedRows');
    await this.sync();
    const ranges = tables.items.map((table) => table.getRange().load('address'));
    if (ranges.length > 0) await this.sync();
    return tables.items.map((table, i) => {
      const spec: TableSpec = { name: table.name, range: parseAddress(ranges[i].address) };
      if (table.style.startsWith('TableStyleLight')) spec.style = 'light';
      else if (table.style.startsWith('TableStyleMedium')) spec.style = 'medium';
      return spec;
    });
  }

  // --- writes ----------------------------------------------------------------------------------------

  addSheet(name: string): void {
    if (this.listsName !== undefined && this.listsName.toUpperCase() === name.toUpperCase())
      throw new Error(
        `"${name}" is the name of the hidden sheet that holds the register's dropdown lists: choose another name.`,
      );
    this.enqueue(SMALL_COMMAND, (context) => {
      context.workbook.worksheets.add(name);
    });
    this.names?.push(name);
    this.added.push(name);
  }

  write(sheet: string, row: number, col: number, cells: WriteCell[][]): void {
    if (cells.length === 0 || cells[0].length === 0) return;
    if (cells.some((line) => line.length !== cells[0].length)) {
      throw new Error(`A block written to ${sheet} must be rectangular: its rows have different lengths.`);
    }
    const input = cells.map((line) => line.map(toExcelInput));
    // Cells that would not stay what they are (text Excel would parse, dates) get a format first.
    const formats = cells.map((line) => line.map(formatFor));
    // Slices of a quarter of the budget let the batches be packed nearly full.
    for (const slice of sliceRows(input, this.budget / 4)) {
      const values = input.slice(slice.start, slice.end);
      const sliceFormats = formats.slice(slice.start, slice.end);
      const needsFormat = sliceFormats.some((line) => line.some((format) => format !== null));
      const hasFormula = cells.slice(slice.start, slice.end).some((line) => line.some(isFormulaCell));
      const ref: RangeRef = {
        sheet,
        row: row + slice.start,
        col,
        rows: values.length,
        cols: values[0].length,
      };
      const formatBytes = needsFormat
        ? sliceFormats.reduce((sum, line) => sum + estimateRowBytes(line), 0)
        : 0;
      const hasDate = values.some((line) => line.some((cell) => cell instanceof Date));
      this.enqueue(
        slice.bytes + formatBytes,
        (context) => {
          const range = sheetOf(context, sheet).getRange(rangeAddress(ref, false));
          if (needsFormat) range.numberFormat = sliceFormats;
          const sent = withSerials(values, this.dateSystem ?? 1900);
          if (hasFormula) range.formulas = sent;
          else range.values = sent;
        },
        hasDate,
      );
    }
  }

  async append(sheet: string, cells: WriteCell[][]): Promise<number> {
    await this.applyQueued();
    const worksheet = sheetOf(this.context, sheet);
    const used = worksheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount');
    const tables = worksheet.tables.load('items/name');
    await this.sync();
    const lastRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
    const first = lastRow + 1;
    if (cells.length === 0) return first;
    const ranges = tables.items.map((table) =>
      table.getRange().load('rowIndex,rowCount,columnIndex,columnCount'),
    );
    if (ranges.length > 0) await this.sync();
    this.write(sheet, first, 1, cells);
    const newLast = lastRow + cells.length;
    // A table that ends where the data ends grows with it (writes below a table do not extend it).
    tables.items.forEach((table, i) => {
      const range = ranges[i];
      const tableLast = range.rowIndex + range.rowCount;
      if (tableLast >= lastRow && tableLast < newLast) {
        const grown: RangeRef = {
          sheet,
          row: range.rowIndex + 1,
          col: range.columnIndex + 1,
          rows: newLast - range.rowIndex,
          cols: range.columnCount,
        };
        const name = table.name;
        this.enqueue(SMALL_COMMAND, (context) => {
          context.workbook.tables.getItem(name).resize(rangeAddress(grown));
        });
      }
    });
    return first;
  }

  setNumberFormat(range: RangeRef, format: string): void {
    const matrix = Array.from({ length: range.rows }, () => Array<string>(range.cols).fill(format));
    for (const slice of sliceRows(matrix, this.budget / 4)) {
      const part: RangeRef = { ...range, row: range.row + slice.start, rows: slice.end - slice.start };
      this.enqueue(slice.bytes, (context) => {
        sheetOf(context, range.sheet).getRange(rangeAddress(part, false)).numberFormat = matrix.slice(
          slice.start,
          slice.end,
        );
      });
    }
  }

  setStyle(range: RangeRef, style: CellStyle): void {
    this.enqueue(SMALL_COMMAND, (context) => {
      const format = rangeOf(context, range).format;
      if (style.bold !== undefined) format.font.bold = style.bold;
      if (style.italic !== undefined) format.font.italic = style.italic;
      if (style.fontColor !== undefined) format.font.color = style.fontColor;
      if (style.fill !== undefined) format.fill.color = style.fill;
      if (style.wrap !== undefined) format.wrapText = style.wrap;
      if (style.horizontal !== undefined) format.horizontalAlignment = HORIZONTAL[style.horizontal];
    });
  }

  setColumnWidths(sheet: string, firstCol: number, widths: readonly number[]): void {
    this.enqueue(SMALL_COMMAND * widths.length, (context) => {
      const worksheet = sheetOf(context, sheet);
      widths.forEach((width, i) => {
        const letter = columnLetter(firstCol + i);
        worksheet.getRange(`${letter}:${letter}`).format.columnWidth = charactersToPoints(width);
      });
    });
  }

  freeze(sheet: string, rows: number, cols: number): void {
    this.enqueue(SMALL_COMMAND, (context) => {
      const panes = sheetOf(context, sheet).freezePanes;
      panes.unfreeze();
      if (rows > 0 && cols > 0) panes.freezeAt(`A1:${columnLetter(cols)}${rows}`);
      else if (rows > 0) panes.freezeRows(rows);
      else if (cols > 0) panes.freezeColumns(cols);
    });
  }

  addTable(table: TableSpec): void {
    this.tableQueue.push({
      bytes: SMALL_COMMAND,
      run: (context) => {
        const added = context.workbook.tables.add(rangeAddress(table.range), true);
        added.name = table.name;
        if (table.style) {
          added.style = TABLE_STYLES[table.style];
          added.showBandedRows = true;
          added.showFilterButton = true;
        }
      },
    });
  }

  setValidationList(range: RangeRef, values: readonly string[], strict = false): void {
    const inline = values.join(',');
    // Excel's inline list is comma separated and at most 255 characters; anything else goes on the lists sheet.
    const fitsInline = inline.length <= INLINE_LIST_LIMIT && !values.some((value) => /[,"]/.test(value));
    const list = fitsInline ? undefined : this.listSlot(values);
    this.enqueue(SMALL_COMMAND + inline.length * 6, (context) => {
      const validation = rangeOf(context, range).dataValidation;
      validation.clear();
      validation.ignoreBlanks = true;
      validation.rule = { list: { inCellDropDown: true, source: list ? list.source : inline } };
      validation.errorAlert = { showAlert: true, style: strict ? 'Stop' : 'Warning', title: '', message: '' };
    });
  }

  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void {
    this.enqueue(SMALL_COMMAND, (context) => {
      const formats = rangeOf(context, range).conditionalFormats;
      if (format.kind === 'trafficLights') {
        const icons = formats.add('IconSet').iconSet;
        icons.style = 'ThreeTrafficLights1';
        icons.criteria = [
          {} as Excel.ConditionalIconCriterion,
          { type: 'Number', operator: 'GreaterThanOrEqual', formula: `=${format.amberAt}` },
          { type: 'Number', operator: 'GreaterThanOrEqual', formula: `=${format.greenAt}` },
        ];
        return;
      }
      const cellValue = formats.add('CellValue').cellValue;
      cellValue.format.fill.color = format.fill;
      if (format.fontColor) cellValue.format.font.color = format.fontColor;
      if (format.kind === 'textEquals') {
        cellValue.rule = { formula1: `="${format.text.replace(/"/g, '""')}"`, operator: 'EqualTo' };
      } else {
        cellValue.rule = {
          formula1: `=${format.value}`,
          formula2: format.operator === 'between' ? `=${format.value2 ?? format.value}` : undefined,
          operator: NUMBER_OPERATORS[format.operator],
        };
      }
    });
  }

  groupRows(sheet: string, firstRow: number, lastRow: number): void {
    this.enqueue(SMALL_COMMAND, (context) => {
      sheetOf(context, sheet).getRange(`${firstRow}:${lastRow}`).group('ByRows');
    });
  }

  async flush(): Promise<void> {
    await this.applyQueued();
    // Calculation suspended for a batch resumes at its sync, recalculating what the batch made dirty.
    if (this.pendingBytes >= 0) await this.sync();
  }

  // --- internals -------------------------------------------------------------------------------------

  /** A place on the lists sheet for a long list (the same list twice shares one place). */
  private listSlot(values: readonly string[]): ListSlot {
    const key = JSON.stringify(values);
    let slot = this.lists.get(key);
    if (!slot) {
      slot = { values: [...values], source: '' };
      this.lists.set(key, slot);
      this.unplacedLists.push(slot);
    }
    return slot;
  }

  /**
   * Gives each new long list a column of the hidden lists sheet (after the columns already used there),
   * creating the sheet the first time. One extra round trip, and only when a long list was asked for.
   */
  private async placeLists(): Promise<void> {
    const slots = this.unplacedLists;
    this.unplacedLists = [];
    const worksheets = this.context.workbook.worksheets.load('items/name,items/visibility');
    await this.sync();
    const existing = worksheets.items.find(isListsSheet);
    // A new lists sheet takes a name no sheet has, nor any sheet this workbook adds (maybe still queued).
    const listsName =
      existing?.name ?? freeListsName([...worksheets.items.map((sheet) => sheet.name), ...this.added]);
    this.listsName = listsName;
    let firstCol = 1;
    if (existing) {
      const used = sheetOf(this.context, listsName)
        .getUsedRangeOrNullObject(true)
        .load('columnIndex,columnCount');
      await this.sync();
      if (!used.isNullObject) firstCol = used.columnIndex + used.columnCount + 1;
    }
    const writes: Command[] = [];
    if (!existing) {
      writes.push({
        bytes: SMALL_COMMAND,
        run: (context) => {
          context.workbook.worksheets.add(listsName).visibility = 'Hidden';
        },
      });
    }
    slots.forEach((slot, i) => {
      const letter = columnLetter(firstCol + i);
      slot.source = `=${quoteSheet(listsName)}!$${letter}$1:$${letter}$${slot.values.length}`;
      const cells = slot.values.map((value) => [value]);
      writes.push({
        bytes: cells.reduce((sum, [value]) => sum + value.length * 6 + 8, 0),
        run: (context) => {
          const target = sheetOf(context, listsName).getRange(`${letter}1:${letter}${cells.length}`);
          target.numberFormat = cells.map(() => ['@']);
          target.values = cells;
        },
      });
    });
    this.queue.unshift(...writes);
  }

  private enqueue(bytes: number, run: (context: Excel.RequestContext) => void, dates = false): void {
    this.queue.push({ bytes, run, dates });
  }

  /**
   * Excel's answer to "which date system does this workbook use?". `Workbook.use1904DateSystem` is in
   * Office.js's preview API set only (Microsoft's "Excel JavaScript preview APIs" list; not in
   * @types/office-js 1.0.612), so this asks Excel's DATE function (`workbook.functions.date`, ExcelApi 1.2),
   * whose year runs "from 1900 or 1904 (depending on the workbook's date system)" (its Office.js reference):
   * DATE(1904,1,1) is 0 in the 1904 system and 1462 in the 1900 system.
   */
  private loadDateSystem(): Excel.FunctionResult<number> {
    return this.context.workbook.functions.date(1904, 1, 1).load('value');
  }

  /**
   * Puts every queued command into the context, syncing only when the next one would take the batch
   * over the payload budget. The last batch stays unsynced so that the caller's own read or the final
   * flush carries it: no extra round trip.
   */
  private async applyQueued(): Promise<void> {
    if (this.dateSystem === undefined && this.queue.some((command) => command.dates)) {
      const dates = this.loadDateSystem();
      await this.sync();
      this.dateSystem = dates.value === 0 ? 1904 : 1900;
    }
    if (this.unplacedLists.length > 0) await this.placeLists();
    const commands = [...this.queue, ...this.tableQueue];
    this.queue = [];
    this.tableQueue = [];
    for (const command of commands) {
      if (this.pendingBytes > 0 && this.pendingBytes + command.bytes > this.budget) await this.sync();
      if (!this.suspended) {
        const application = this.context.workbook.application;
        application.suspendApiCalculationUntilNextSync();
        application.suspendScreenUpdatingUntilNextSync();
        this.suspended = true;
      }
      command.run(this.context);
      this.pendingBytes = Math.max(this.pendingBytes, 0) + command.bytes;
    }
  }

  private async sync(): Promise<void> {
    await this.context.sync();
    this.syncCount++;
    this.pendingBytes = -1;
    this.suspended = false;
  }

  /** The sheet names in tab order; the sync also carries any queued writes. */
  /**
   * The sheet names in tab order. The first call reads them (its sync also carries any queued writes);
   * later calls only make sure queued writes are applied before the caller's read, in a sync of their own.
   */
  private async sheetNames(): Promise<string[]> {
    await this.applyQueued();
    if (this.names) {
      if (this.pendingBytes >= 0) await this.sync();
      return [...this.names];
    }
    const worksheets = this.context.workbook.worksheets.load('items/name,items/visibility');
    const dates = this.dateSystem === undefined ? this.loadDateSystem() : undefined;
    await this.sync();
    if (dates) this.dateSystem = dates.value === 0 ? 1904 : 1900;
    this.listsName = worksheets.items.find(isListsSheet)?.name ?? this.listsName;
    this.names = worksheets.items.filter((sheet) => !isListsSheet(sheet)).map((sheet) => sheet.name);
    return [...this.names];
  }

  /**
   * Every wanted sheet's used range in one round trip: the common case. Undefined when Excel sent a
   * sheet's cells back as null (too many cells; payload.ts: `cameBackEmpty`).
   */
  private async readWhole(names: readonly string[]): Promise<Map<string, SheetData> | undefined> {
    const used = names.map((name) =>
      sheetOf(this.context, name)
        .getUsedRangeOrNullObject(true)
        .load('rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat'),
    );
    if (names.length > 0) await this.syncReads();
    const empty = used.some(
      (range) =>
        !range.isNullObject &&
        cameBackEmpty(range.rowCount, range.columnCount, range.values, range.formulas, range.numberFormat),
    );
    if (empty) return undefined;
    return new Map(
      names.map((name, i) => {
        const range = used[i];
        if (range.isNullObject) return [name, { name, values: [], formulas: [] }];
        return [
          name,
          toSheetData(
            name,
            range.rowIndex,
            range.columnIndex,
            range.values,
            range.formulas,
            range.numberFormat,
            this.dateSystem,
          ),
        ];
      }),
    );
  }

  /**
   * The fallback when a sheet is too big for one response: its size first, then row blocks that halve
   * whenever Excel still finds one too large.
   */
  private async readInBlocks(names: readonly string[]): Promise<Map<string, SheetData>> {
    const used = names.map((name) =>
      sheetOf(this.context, name)
        .getUsedRangeOrNullObject(true)
        .load('rowIndex,columnIndex,rowCount,columnCount'),
    );
    await this.syncReads();
    const result = new Map<string, SheetData>();
    for (const [i, name] of names.entries()) {
      const size = used[i];
      if (size.isNullObject) {
        result.set(name, { name, values: [], formulas: [] });
        continue;
      }
      const ref: RangeRef = {
        sheet: name,
        row: size.rowIndex + 1,
        col: size.columnIndex + 1,
        rows: size.rowCount,
        cols: size.columnCount,
      };
      const cells = await this.readRowsInBlocks(ref, ['values', 'formulas', 'numberFormat']);
      result.set(
        name,
        toSheetData(
          name,
          size.rowIndex,
          size.columnIndex,
          cells.values,
          cells.formulas,
          cells.numberFormat,
          this.dateSystem,
        ),
      );
    }
    return result;
  }

  /**
   * Reads a block's cell properties in row blocks, one round trip each: half the rows at first (never
   * over Excel's read limit of cells), halving again whenever Excel finds a block too big or sends its
   * cells back empty. A single row that still fails ends the read with Excel's error.
   */
  private async readRowsInBlocks<P extends 'values' | 'formulas' | 'numberFormat'>(
    ref: RangeRef,
    props: readonly P[],
  ): Promise<Record<P, unknown[][]>> {
    const cells = Object.fromEntries(props.map((prop) => [prop, [] as unknown[][]])) as Record<
      P,
      unknown[][]
    >;
    let blockRows = firstBlockRows(ref.rows, ref.cols);
    for (let offset = 0; offset < ref.rows;) {
      const rows = Math.min(blockRows, ref.rows - offset);
      const part: RangeRef = { ...ref, row: ref.row + offset, rows };
      const block = rangeOf(this.context, part).load(props.join(','));
      let problem: unknown;
      try {
        await this.syncReads();
        if (cameBackEmpty(rows, ref.cols, ...props.map((prop) => block[prop])))
          problem = new Error(`Excel returned no cells for ${rangeAddress(part)}.`);
      } catch (error) {
        if (!isOversizedRead(error)) throw error;
        problem = error;
      }
      if (problem !== undefined) {
        if (rows === 1) throw problem;
        blockRows = Math.max(1, Math.floor(rows / 2));
        continue;
      }
      for (const prop of props) cells[prop].push(...(block[prop] as unknown[][]));
      offset += rows;
    }
    return cells;
  }

  /**
   * The sync of a batch that only reads: the only kind that may be sent again in smaller pieces. A batch
   * that writes may have been applied in part before it failed, so sending it again could write twice;
   * every read therefore first lets `sheetNames` sync the queued writes in a batch of their own.
   */
  private async syncReads(): Promise<void> {
    if (this.pendingBytes >= 0) throw new Error('A read batch must not carry queued writes.');
    await this.sync();
  }
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const NUMBER_OPERATORS = {
  lessThan: 'LessThan',
  greaterThanOrEqual: 'GreaterThanOrEqual',
  between: 'Between',
} as const;

function sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
  return context.workbook.worksheets.getItem(name);
}

function rangeOf(context: Excel.RequestContext, range: RangeRef): Excel.Range {
  return sheetOf(context, range.sheet).getRange(rangeAddress(range, false));
}

/** Excel's column width is in points; the port speaks characters (about 7 px each, plus padding). */
function charactersToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}
