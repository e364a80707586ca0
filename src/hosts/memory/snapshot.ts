import { formatDay, formatWallClock, localDate, parseWallClock, wallClockOf } from '../../core/calendar';
import type {
  CellStyle,
  CellValue,
  ConditionalFormat,
  RangeRef,
  TableSpec,
  Workbook,
  WriteCell,
} from '../../register/workbook';
import { containsCell } from './rects';

/**
 * A plain, JSON-able picture of a workbook: what tests inspect, what the browser preview renders and
 * how content moves between hosts (memory ↔ .xlsx). Dates are written as local wall-clock text
 * (`2026-03-31`, or `2026-03-31T09:30:00` with a time) so that JSON cannot shift them by a time zone.
 */
export type SnapshotValue = string | number | boolean | null | { date: string };

export interface SnapshotCell {
  value: SnapshotValue;
  /** With the leading `=`. */
  formula?: string;
  numFmt?: string;
  style?: CellStyle;
}

export interface ValidationSnapshot {
  range: RangeRef;
  values: string[];
  strict: boolean;
}

export interface ConditionalFormatSnapshot {
  range: RangeRef;
  format: ConditionalFormat;
}

export interface SheetSnapshot {
  name: string;
  /** The used size: last row and column holding a value or formula. */
  rows: number;
  cols: number;
  /** Every cell with content or formatting, from A1; `null` where nothing was ever set. */
  cells: (SnapshotCell | null)[][];
  /** Index 0 is column A; `null` is the default width. */
  columnWidths: (number | null)[];
  frozen: { rows: number; cols: number };
  /** Runs of rows at outline level 1 or deeper. */
  groupedRows: { first: number; last: number }[];
  validations: ValidationSnapshot[];
  conditionalFormats: ConditionalFormatSnapshot[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  tables: TableSpec[];
}

export function toSnapshotValue(value: CellValue): SnapshotValue {
  if (!(value instanceof Date)) return value;
  const clock = wallClockOf(value);
  if (clock.time === 0) return { date: formatDay(clock) };
  return { date: formatWallClock(clock).replace(/\.000$/, '') };
}

export function fromSnapshotValue(value: SnapshotValue): CellValue {
  if (value === null || typeof value !== 'object') return value;
  const clock = parseWallClock(value.date);
  if (!clock) throw new Error(`"${value.date}" is not a snapshot date.`);
  return localDate(clock);
}

export function sheetOf(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  const key = name.toUpperCase();
  return snapshot.sheets.find((sheet) => sheet.name.toUpperCase() === key);
}

export function cellOf(sheet: SheetSnapshot | undefined, row: number, col: number): SnapshotCell | undefined {
  return sheet?.cells[row - 1]?.[col - 1] ?? undefined;
}

/** The dropdown that applies to a cell (the last one set wins, as it replaces earlier ones there). */
export function validationOf(
  sheet: SheetSnapshot | undefined,
  row: number,
  col: number,
): ValidationSnapshot | undefined {
  const found = sheet?.validations.filter((v) => containsCell(v.range, row, col)) ?? [];
  return found[found.length - 1];
}

export function outlined(sheet: SheetSnapshot | undefined, row: number): boolean {
  return !!sheet?.groupedRows.some((run) => row >= run.first && row <= run.last);
}

/** Maximal runs of equal keys down one column: formats are replayed once per run, not once per cell. */
function columnRuns(
  sheet: SheetSnapshot,
  keyOf: (cell: SnapshotCell) => string | undefined,
): { col: number; row: number; rows: number; key: string }[] {
  const runs: { col: number; row: number; rows: number; key: string }[] = [];
  const width = Math.max(0, ...sheet.cells.map((line) => line.length));
  for (let c = 0; c < width; c++) {
    let open: { col: number; row: number; rows: number; key: string } | undefined;
    sheet.cells.forEach((line, r) => {
      const cell = line[c];
      const key = cell ? keyOf(cell) : undefined;
      if (open && key === open.key) open.rows++;
      else {
        open = key === undefined ? undefined : { col: c + 1, row: r + 1, rows: 1, key };
        if (open) runs.push(open);
      }
    });
  }
  return runs;
}

/**
 * Rebuilds a snapshot in any host through the port: values and formulas, formats, widths, freezes,
 * groups, tables, dropdowns and conditional formats. Used to move a workbook between hosts.
 */
export async function replaySnapshot(snapshot: WorkbookSnapshot, target: Workbook): Promise<void> {
  const existing = new Set((await target.sheets()).map((sheet) => sheet.name.toUpperCase()));
  for (const sheet of snapshot.sheets) {
    const name = sheet.name;
    if (!existing.has(name.toUpperCase())) target.addSheet(name);
    const width = Math.max(0, ...sheet.cells.map((line) => line.length));
    if (width && sheet.cells.length) {
      const block: WriteCell[][] = sheet.cells.map((line) =>
        Array.from({ length: width }, (_, c): WriteCell => {
          const cell = line[c];
          if (!cell) return null;
          const value = fromSnapshotValue(cell.value);
          return cell.formula ? { formula: cell.formula, result: value } : value;
        }),
      );
      target.write(name, 1, 1, block);
    }
    for (const run of columnRuns(sheet, (cell) => cell.numFmt))
      target.setNumberFormat({ sheet: name, row: run.row, col: run.col, rows: run.rows, cols: 1 }, run.key);
    for (const run of columnRuns(sheet, (cell) => (cell.style ? JSON.stringify(cell.style) : undefined)))
      target.setStyle(
        { sheet: name, row: run.row, col: run.col, rows: run.rows, cols: 1 },
        JSON.parse(run.key),
      );
    sheet.columnWidths.forEach((width, i) => {
      if (width !== null) target.setColumnWidths(name, i + 1, [width]);
    });
    if (sheet.frozen.rows || sheet.frozen.cols) target.freeze(name, sheet.frozen.rows, sheet.frozen.cols);
    for (const run of sheet.groupedRows) target.groupRows(name, run.first, run.last);
    for (const v of sheet.validations)
      target.setValidationList({ ...v.range, sheet: name }, v.values, v.strict);
    for (const cf of sheet.conditionalFormats)
      target.addConditionalFormat({ ...cf.range, sheet: name }, cf.format);
  }
  for (const table of snapshot.tables) target.addTable(table);
  await target.flush();
}
