import {
  CHECKIN_FIELDS,
  matchCheckInHeader,
  REGISTER_FIELDS,
  FIELD_HEADERS,
  type CheckInKey,
  type FieldKey,
} from '../core/fields';
import { normaliseHeader } from '../core/headers';
import { LANGS } from '../core/i18n';
import { readRegister, type ReadResult } from '../register/read';
import { registerLayout, type RegisterLayout } from '../register/layout';
import type { CellValue, SheetData } from '../register/workbook';
import type { ActionWorkbook } from './view';

/** The register as an action needs it: the parsed KPIs and check-ins, and where each KPI's row is. */
export interface OpenRegister {
  read: ReadResult;
  sheet: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** 1-based column of each of our fields found in the header. */
  columns: Partial<Record<FieldKey, number>>;
  /** Used width of the Register's header (our fields plus the user's extra columns). */
  width: number;
  /** Sheet row of each KPI id (the first, if an id repeats). */
  rowOf: Map<string, number>;
  /** The last used row of the Register sheet. */
  lastRow: number;
  /** The builder's layout, when the Register still has it (our columns in catalogue order from A1). */
  layout?: RegisterLayout;
  checkIns?: { sheet: string; headerRow: number; columns: Partial<Record<CheckInKey, number>> };
}

export class NotARegisterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0] ?? 'This workbook has no KPI register.');
  }
}

/**
 * The columns only a register built by this add-in has (its id and its computed columns). A user's own KPI
 * list may have ID, Status or Score columns, but it is adopted, not written into as if it were a register.
 */
export const OWN_COLUMNS: readonly FieldKey[] = ['id', 'score', 'status', 'smart', 'next_review'];

/** Our fields found in a header row (exact headers, either language), as 1-based columns. */
export function headerColumns(row: readonly CellValue[]): Partial<Record<FieldKey, number>> {
  const columns: Partial<Record<FieldKey, number>> = {};
  row.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const text = normaliseHeader(cell);
    for (const field of REGISTER_FIELDS) {
      if (columns[field.key] !== undefined) continue;
      if (LANGS.some((lang) => normaliseHeader(FIELD_HEADERS[lang][field.key]) === text))
        columns[field.key] = index + 1;
    }
  });
  return columns;
}

function findHeader(sheet: SheetData, wanted: (row: readonly CellValue[]) => boolean): number {
  for (let index = 0; index < Math.min(10, sheet.values.length); index++) {
    if (wanted(sheet.values[index])) return index;
  }
  return -1;
}

/** Reads the register through the action's view; throws NotARegisterError when there is none. */
export async function openRegister(view: ActionWorkbook): Promise<OpenRegister> {
  const read = await readRegister(view.focus());
  const name = read.sheets.register;
  if (!name) throw new NotARegisterError(read.problems.map((problem) => problem.message));
  const sheet = (await view.readSheet(name)) as SheetData;
  const headerIndex = findHeader(sheet, (row) => headerColumns(row).id !== undefined);
  const header = sheet.values[headerIndex] ?? [];
  const columns = headerColumns(header);
  if (headerIndex < 0 || OWN_COLUMNS.some((key) => columns[key] === undefined)) {
    throw new NotARegisterError([
      `The sheet "${name}" lists KPIs but is not a register built by this add-in: adopt it first.`,
    ]);
  }
  const rowOf = new Map<string, number>();
  const idCol = columns.id;
  if (idCol !== undefined) {
    for (let r = headerIndex + 1; r < sheet.values.length; r++) {
      const id = sheet.values[r][idCol - 1];
      if (typeof id === 'string' && id.trim() !== '' && !rowOf.has(id.trim())) rowOf.set(id.trim(), r + 1);
    }
  }
  let width = header.length;
  while (width > 0 && (header[width - 1] === null || header[width - 1] === '')) width--;
  const built = registerLayout(name, rowOf.size, Math.max(0, width - REGISTER_FIELDS.length));
  const isBuilt =
    headerIndex === built.headerRow - 1 &&
    REGISTER_FIELDS.every((field) => columns[field.key] === built.columns[field.key]);

  let checkIns: OpenRegister['checkIns'];
  if (read.sheets.checkIns) {
    const data = (await view.readSheet(read.sheets.checkIns)) as SheetData;
    const keysOf = (row: readonly CellValue[]) => {
      const found: Partial<Record<CheckInKey, number>> = {};
      row.forEach((cell, index) => {
        const key = typeof cell === 'string' ? matchCheckInHeader(cell) : undefined;
        if (key && found[key] === undefined) found[key] = index + 1;
      });
      return found;
    };
    const index = findHeader(data, (row) => {
      const keys = keysOf(row);
      return CHECKIN_FIELDS.filter((field) => field.required).every((field) => keys[field.key] !== undefined);
    });
    if (index >= 0)
      checkIns = { sheet: data.name, headerRow: index + 1, columns: keysOf(data.values[index]) };
  }

  return {
    read,
    sheet: name,
    headerRow: headerIndex + 1,
    columns,
    width,
    rowOf,
    lastRow: sheet.values.length,
    layout: isBuilt ? built : undefined,
    checkIns,
  };
}
