import { matchSheetName } from '../core/fields';
import type {
  CellStyle,
  ConditionalFormat,
  RangeRef,
  SheetData,
  SheetInfo,
  TableSpec,
  Workbook,
  WriteCell,
} from '../register/workbook';

/** Our own sheet names may carry the suffix the builder adds when a name is taken (`Register (2)`). */
const baseName = (name: string) => name.replace(/\s*\(\d+\)$/, '');

/**
 * The workbook as one user action sees it. Reads are remembered for the action, so the several parts of
 * an action that read the register (find the row of a KPI, read the check-ins) cost one round trip on a
 * host with round trips; a write to a sheet forgets what was read from it. `focus()` narrows the sheet
 * list to the register's own sheets when they are there by name, so reading the register does not read
 * every cascade sheet (and a big workbook stays within one response).
 */
export class ActionWorkbook implements Workbook {
  /** Shared with the focused view (which is this object seen through a prototype). */
  private readonly cache: {
    sheets?: Promise<SheetInfo[]>;
    tables?: Promise<TableSpec[]>;
    data: Map<string, Promise<SheetData | undefined>>;
  } = { data: new Map() };
  private narrowed = false;

  constructor(readonly host: Workbook) {}

  get customFunctionsPerColumn(): boolean | undefined {
    return this.host.customFunctionsPerColumn;
  }

  /** A view that lists only Register and Check-ins (when they are found by name), for readRegister. */
  focus(): Workbook {
    const view = Object.create(this) as ActionWorkbook;
    view.narrowed = true;
    return view;
  }

  async sheets(): Promise<SheetInfo[]> {
    this.cache.sheets ??= this.host.sheets();
    const all = await this.cache.sheets;
    if (!this.narrowed) return all;
    const own = all.filter((sheet) => {
      const key = matchSheetName(baseName(sheet.name));
      return key === 'register' || key === 'checkins';
    });
    return own.some((sheet) => matchSheetName(baseName(sheet.name)) === 'register') ? own : all;
  }

  async readSheet(name: string): Promise<SheetData | undefined> {
    return (await this.readSheets([name]))[0];
  }

  async readSheets(names: readonly string[]): Promise<(SheetData | undefined)[]> {
    const { data } = this.cache;
    const missing = [...new Set(names.filter((name) => !data.has(name)))];
    if (missing.length > 0) {
      const read = this.host.readSheets(missing);
      missing.forEach((name, i) =>
        data.set(
          name,
          read.then((sheets) => sheets[i]),
        ),
      );
    }
    return Promise.all(names.map((name) => data.get(name) as Promise<SheetData | undefined>));
  }

  tables(): Promise<TableSpec[]> {
    this.cache.tables ??= this.host.tables();
    return this.cache.tables;
  }

  private forget(sheet: string): void {
    this.cache.sheets = undefined;
    this.cache.tables = undefined;
    this.cache.data.delete(sheet);
  }

  addSheet(name: string): void {
    this.forget(name);
    this.host.addSheet(name);
  }
  write(sheet: string, row: number, col: number, cells: WriteCell[][]): void {
    this.forget(sheet);
    this.host.write(sheet, row, col, cells);
  }
  append(sheet: string, cells: WriteCell[][]): Promise<number> {
    this.forget(sheet);
    return this.host.append(sheet, cells);
  }
  setNumberFormat(range: RangeRef, format: string): void {
    this.host.setNumberFormat(range, format);
  }
  setStyle(range: RangeRef, style: CellStyle): void {
    this.host.setStyle(range, style);
  }
  setColumnWidths(sheet: string, firstCol: number, widths: readonly number[]): void {
    this.host.setColumnWidths(sheet, firstCol, widths);
  }
  freeze(sheet: string, rows: number, cols: number): void {
    this.host.freeze(sheet, rows, cols);
  }
  addTable(table: TableSpec): void {
    this.cache.tables = undefined;
    this.host.addTable(table);
  }
  setValidationList(range: RangeRef, values: readonly string[], strict?: boolean): void {
    this.host.setValidationList(range, values, strict);
  }
  addConditionalFormat(range: RangeRef, format: ConditionalFormat): void {
    this.host.addConditionalFormat(range, format);
  }
  groupRows(sheet: string, firstRow: number, lastRow: number): void {
    this.host.groupRows(sheet, firstRow, lastRow);
  }
  flush(): Promise<void> {
    return this.host.flush();
  }
}
