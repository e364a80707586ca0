import { parseNumericText } from '../core/coerce';
import { parseIsoDate, serialToDate } from '../core/dates';
import {
  matchCheckInHeader,
  matchSheetName,
  REGISTER_FIELDS,
  type CheckInKey,
  type FieldKey,
} from '../core/fields';
import { dialectOf, type Dialect } from '../register/formulas';
import { registerLayout, type RegisterLayout } from '../register/layout';
import type { Kpi } from '../core/model';
import { isBuiltCheckInHeader, readRegister } from '../register/read';
import type { CellValue, RangeRef, SheetData, SheetInfo, Workbook } from '../register/workbook';
import { headerColumns, NotARegisterError, OWN_COLUMNS, openRegister } from './register';
import type { ActionWorkbook } from './view';

/**
 * What adding a KPI or recording a check-in needs from the register, read as a handful of columns rather
 * than whole sheets: the header rows, the ids (where each KPI's row is), each KPI's unit, last review and
 * actual, and the check-ins' KPI ids and periods. On Excel that is a fixed number of round trips of a few
 * hundred kilobytes, whatever the size of the register.
 */
export interface RegisterIndex {
  sheet: string;
  headerRow: number;
  columns: Partial<Record<FieldKey, number>>;
  width: number;
  /** The last used row of the Register sheet. */
  lastRow: number;
  rowOf: Map<string, number>;
  kpis: Map<string, { unit?: string; lastReview?: Date; actual?: number }>;
  /** The builder's layout, when the Register still has it. */
  layout?: RegisterLayout;
  /** The dialect of the register's formulas, when it has any. */
  dialect?: Dialect;
  checkIns?: {
    sheet: string;
    headerRow: number;
    columns: Partial<Record<CheckInKey, number>>;
    /** The latest period reported for each KPI. */
    latest: Map<string, Date>;
  };
}

export type RangeRequest = RangeRef & { formulas?: boolean };
export interface RangeBlock {
  values: CellValue[][];
  formulas: (string | null)[][];
}

/** A host that reads blocks of cells in one round trip (the Excel host); others are sliced from sheets. */
interface RangeReader {
  readRanges(ranges: readonly RangeRequest[]): Promise<RangeBlock[]>;
}

function slice(sheet: SheetData | undefined, range: RangeRef): RangeBlock {
  const rows = (lines: readonly (readonly (CellValue | string | null)[])[]) =>
    Array.from({ length: range.rows }, (_, r) =>
      Array.from({ length: range.cols }, (_, c) => lines[range.row - 1 + r]?.[range.col - 1 + c] ?? null),
    );
  return {
    values: rows(sheet?.values ?? []) as CellValue[][],
    formulas: rows(sheet?.formulas ?? []) as (string | null)[][],
  };
}

export async function readRanges(
  view: ActionWorkbook,
  ranges: readonly RangeRequest[],
): Promise<RangeBlock[]> {
  const wanted = ranges.filter((range) => range.rows > 0 && range.cols > 0);
  const host = view.host as Partial<RangeReader>;
  let blocks: RangeBlock[];
  if (typeof host.readRanges === 'function') {
    blocks = await host.readRanges.call(view.host, wanted);
  } else {
    const sheets = await view.readSheets(wanted.map((range) => range.sheet));
    blocks = wanted.map((range, i) => slice(sheets[i], range));
  }
  return ranges.map((range) => {
    const index = wanted.indexOf(range);
    return index < 0 ? { values: [], formulas: [] } : blocks[index];
  });
}

const baseName = (name: string) => name.replace(/\s*\(\d+\)$/, '');
const text = (cell: CellValue | undefined) =>
  cell === null || cell === undefined ? undefined : String(cell).trim() || undefined;
const date = (cell: CellValue | undefined): Date | undefined => {
  if (cell instanceof Date) return cell;
  if (typeof cell === 'number') return serialToDate(cell);
  if (typeof cell === 'string') return parseIsoDate(cell);
  return undefined;
};
const number = (cell: CellValue | undefined): number | undefined =>
  typeof cell === 'number' ? cell : typeof cell === 'string' ? parseNumericText(cell) : undefined;

const HEADER_ROWS = 10;

function checkInColumns(row: readonly CellValue[]): Partial<Record<CheckInKey, number>> {
  const found: Partial<Record<CheckInKey, number>> = {};
  row.forEach((cell, index) => {
    const key = typeof cell === 'string' ? matchCheckInHeader(cell) : undefined;
    if (key && found[key] === undefined) found[key] = index + 1;
  });
  return found;
}

/** Reads the register's index; a register not found by its sheet name is found the long way. */
export async function indexRegister(view: ActionWorkbook): Promise<RegisterIndex> {
  const infos = await view.sheets();
  // Every sheet called like ours is a candidate: a user's own list may be called "Register" too, so the
  // register is the one with the built register's own columns (issue 9).
  const registers = infos.filter((info) => matchSheetName(baseName(info.name)) === 'register');
  if (registers.length === 0) return fromFullRead(view);
  const checkInInfos = infos.filter((info) => matchSheetName(baseName(info.name)) === 'checkins');
  const head = (info: SheetInfo): RangeRequest => ({
    sheet: info.name,
    row: 1,
    col: 1,
    rows: Math.min(HEADER_ROWS, info.rows),
    cols: info.cols,
    formulas: false,
  });
  const heads = await readRanges(view, [...registers.map(head), ...checkInInfos.map(head)]);
  const isOwn = (row: CellValue[]) => OWN_COLUMNS.every((key) => headerColumns(row)[key] !== undefined);
  const found = registers
    .map((info, i) => ({ info, values: heads[i].values, index: heads[i].values.findIndex(isOwn) }))
    .find((candidate) => candidate.index >= 0);
  if (!found) return fromFullRead(view);
  const register = found.info;
  const headerIndex = found.index;
  const header = found.values[headerIndex];
  const columns = headerColumns(header);
  const headerRow = headerIndex + 1;
  let width = header.length;
  while (width > 0 && (header[width - 1] === null || header[width - 1] === '')) width--;

  const body = Math.max(0, register.rows - headerRow);
  const column = (key: FieldKey, formulas = false): RangeRequest => ({
    sheet: register.name,
    row: headerRow + 1,
    col: columns[key] ?? 1,
    rows: columns[key] === undefined ? 0 : body,
    cols: 1,
    formulas,
  });
  let checkIns: RegisterIndex['checkIns'];
  const checkInRequests: RangeRequest[] = [];
  const isCheckInHeader = (row: CellValue[]) => {
    const keys = checkInColumns(row);
    return keys.kpi_id !== undefined && keys.period_end !== undefined && keys.actual !== undefined;
  };
  const checkInCandidates = checkInInfos
    .map((info, i) => {
      const values = heads[registers.length + i].values;
      return { info, values, index: values.findIndex(isCheckInHeader) };
    })
    .filter((candidate) => candidate.index >= 0);
  // The built Check-ins sheet before a user's own log of the same name and similar columns.
  const checkInFound =
    checkInCandidates.find((candidate) => isBuiltCheckInHeader(candidate.values[candidate.index])) ??
    checkInCandidates[0];
  if (checkInFound) {
    const { info: checkInInfo, index } = checkInFound;
    const keys = checkInColumns(checkInFound.values[index]);
    checkIns = { sheet: checkInInfo.name, headerRow: index + 1, columns: keys, latest: new Map() };
    const rows = Math.max(0, checkInInfo.rows - index - 1);
    for (const key of ['kpi_id', 'period_end'] as const) {
      checkInRequests.push({
        sheet: checkInInfo.name,
        row: index + 2,
        col: keys[key] as number,
        rows,
        cols: 1,
        formulas: false,
      });
    }
  }
  const [ids, units, reviews, actuals, scores, checkInIds, periods] = await readRanges(view, [
    column('id'),
    column('unit'),
    column('last_review'),
    column('actual'),
    { ...column('score', true), rows: Math.min(body, 1) },
    ...checkInRequests,
  ]);

  const rowOf = new Map<string, number>();
  const kpis: RegisterIndex['kpis'] = new Map();
  ids.values.forEach((line, i) => {
    const id = text(line[0]);
    if (!id || rowOf.has(id)) return;
    rowOf.set(id, headerRow + 1 + i);
    kpis.set(id, {
      unit: text(units.values[i]?.[0]),
      lastReview: date(reviews.values[i]?.[0]),
      actual: number(actuals.values[i]?.[0]),
    });
  });
  if (checkIns && checkInIds && periods) {
    checkInIds.values.forEach((line, i) => {
      const id = text(line[0]);
      const period = date(periods.values[i]?.[0]);
      if (!id || !period) return;
      const seen = checkIns.latest.get(id);
      if (!seen || period > seen) checkIns.latest.set(id, period);
    });
  }
  const formula = scores.formulas[0]?.[0];
  return {
    sheet: register.name,
    headerRow,
    columns,
    width,
    lastRow: register.rows,
    rowOf,
    kpis,
    layout: builtLayout(register.name, headerRow, columns, width, rowOf.size),
    dialect: formula ? dialectOf(formula) : undefined,
    checkIns,
  };
}

/** The builder's layout, when the Register's columns are still where the builder put them. */
function builtLayout(
  sheet: string,
  headerRow: number,
  columns: Partial<Record<FieldKey, number>>,
  width: number,
  rows: number,
): RegisterLayout | undefined {
  const layout = registerLayout(sheet, rows, Math.max(0, width - REGISTER_FIELDS.length));
  const same =
    headerRow === layout.headerRow &&
    REGISTER_FIELDS.every((field) => columns[field.key] === layout.columns[field.key]);
  return same ? layout : undefined;
}

/** The index from a full read of the register (a register renamed or moved: found by its headers). */
async function fromFullRead(view: ActionWorkbook): Promise<RegisterIndex> {
  const full = await openRegister(view);
  const kpis: RegisterIndex['kpis'] = new Map(
    full.read.kpis.map((kpi) => [
      kpi.id,
      { unit: kpi.unit, lastReview: kpi.last_review, actual: kpi.actual },
    ]),
  );
  const sheet = await view.readSheet(full.sheet);
  const scoreCol = full.columns.score;
  const formula =
    scoreCol === undefined
      ? undefined
      : sheet?.formulas.slice(full.headerRow).find((line) => line[scoreCol - 1])?.[scoreCol - 1];
  let checkIns: RegisterIndex['checkIns'];
  if (full.checkIns) {
    const latest = new Map<string, Date>();
    for (const entry of full.read.checkIns) {
      const seen = latest.get(entry.kpi_id);
      if (!seen || entry.period_end > seen) latest.set(entry.kpi_id, entry.period_end);
    }
    checkIns = { ...full.checkIns, latest };
  }
  if (!full.rowOf) throw new NotARegisterError([]);
  return {
    sheet: full.sheet,
    headerRow: full.headerRow,
    columns: full.columns,
    width: full.width,
    lastRow: full.lastRow,
    rowOf: full.rowOf,
    kpis,
    layout: full.layout,
    dialect: formula ? dialectOf(formula) : undefined,
    checkIns,
  };
}

/** One Register row read in full: the KPI as the register's reader parses it, and the row's formulas. */
export interface ParsedRow {
  row: number;
  kpi: Kpi;
  formulas: (string | null)[];
}

/**
 * Reads the full rows of a few KPIs (one round trip) and parses them with the register's own reader, by
 * handing it a workbook that holds just the header and those rows.
 */
export async function registerRows(
  view: ActionWorkbook,
  index: RegisterIndex,
  ids: readonly string[],
): Promise<Map<string, ParsedRow>> {
  const wanted = ids.filter((id) => index.rowOf.has(id));
  if (wanted.length === 0 || index.width === 0) return new Map();
  const line = (row: number): RangeRequest => ({
    sheet: index.sheet,
    row,
    col: 1,
    rows: 1,
    cols: index.width,
  });
  const [header, ...rows] = await readRanges(view, [
    line(index.headerRow),
    ...wanted.map((id) => line(index.rowOf.get(id) as number)),
  ]);
  const values = [header.values[0], ...rows.map((block) => block.values[0])];
  const read = await readRegister(
    sheetsOnly([{ name: index.sheet, values, formulas: values.map(() => []) }]),
  );
  const parsed = new Map<string, ParsedRow>();
  for (const kpi of read.kpis) {
    const at = wanted.indexOf(kpi.id);
    if (at >= 0)
      parsed.set(kpi.id, { row: index.rowOf.get(kpi.id) as number, kpi, formulas: rows[at].formulas[0] });
  }
  return parsed;
}

/** A read-only workbook over sheets already in hand (for the register's reader). */
function sheetsOnly(sheets: readonly SheetData[]): Workbook {
  const refuse = () => {
    throw new Error('This view of the register is read-only.');
  };
  const byName = (name: string) => sheets.find((sheet) => sheet.name === name);
  return {
    sheets: async () =>
      sheets.map((sheet) => ({
        name: sheet.name,
        rows: sheet.values.length,
        cols: sheet.values[0]?.length ?? 0,
      })),
    readSheet: async (name) => byName(name),
    readSheets: async (names) => names.map(byName),
    tables: async () => [],
    addSheet: refuse,
    write: refuse,
    append: async () => refuse(),
    setNumberFormat: refuse,
    setStyle: refuse,
    setColumnWidths: refuse,
    freeze: refuse,
    addTable: refuse,
    setValidationList: refuse,
    addConditionalFormat: refuse,
    groupRows: refuse,
    flush: async () => undefined,
  };
}
