import {
  ValueType,
  type Cell,
  type CellValue as ExcelValue,
  type Workbook as ExcelJsWorkbook,
} from 'exceljs';
import {
  DAY_MS,
  serialToLocalDate,
  wallClockOf,
  wallClockToSerial,
  type DateSystem,
} from '../../core/calendar';
import type { CellValue } from '../../register/workbook';
import type { NormalCell } from '../memory/checks';
import { fromStoredFormula, toStoredFormula } from './stored-formulas';

/**
 * exceljs turns a date cell's serial into a `Date` by counting days from 1970-01-01 = serial 25,569
 * (24,107 in a 1904 workbook, `workbook.properties.date1904`), and back the same way when it writes.
 * The register means wall-clock time (a date typed in Hong Kong is the same calendar date in London), so
 * dates cross that boundary through the serial number in the workbook's own date system (calendar.ts),
 * never through an instant: no machine time zone, and Excel's fictitious 29 Feb 1900 is accounted for.
 */
const EXCELJS_EPOCH: Readonly<Record<DateSystem, number>> = { 1900: 25_569, 1904: 24_107 };

export const dateSystemOf = (workbook: ExcelJsWorkbook | undefined): DateSystem =>
  workbook?.properties?.date1904 ? 1904 : 1900;

/** The serial number exceljs writes for one of its `Date`s. */
export const fileDateSerial = (date: Date, system: DateSystem): number =>
  date.getTime() / DAY_MS + EXCELJS_EPOCH[system];

/** The exceljs `Date` that exceljs writes as the serial of the port Date in the workbook's date system. */
export function toFileDate(date: Date, system: DateSystem = 1900): Date {
  const clock = wallClockOf(date);
  const days = wallClockToSerial({ ...clock, time: 0 }, system) - EXCELJS_EPOCH[system];
  return new Date(days * DAY_MS + clock.time);
}

/**
 * The port value of an exceljs `Date`: the Date its serial shows, or the serial itself when no date cell
 * can show it (0 or negative, past 9999-12-31): Excel shows #### there, and a reader finds no date.
 */
export function fromFileDate(date: Date, system: DateSystem = 1900): Date | number {
  const serial = fileDateSerial(date, system);
  return serialToLocalDate(serial, system) ?? Number(serial.toFixed(9));
}

/** Spreadsheet error values; the port has no error type, so they read as their code (as Office.js does). */
export const ERROR_CODES = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;
type ErrorCode = (typeof ERROR_CODES)[number];
const isErrorCode = (text: unknown): text is ErrorCode => ERROR_CODES.includes(text as ErrorCode);

/** The exceljs value for a stored cell. Formulas lose their `=`; an error-code result is an error. */
export function toExcelValue(cell: NormalCell, system: DateSystem = 1900): ExcelValue {
  const value = cell.value instanceof Date ? toFileDate(cell.value, system) : cell.value;
  if (cell.formula === null) return value;
  // KPI.* calls as Excel stores them (`_xldudf_KPI_SCORE(`), or Excel never binds them to the add-in.
  const formula = toStoredFormula(cell.formula.slice(1));
  if (value === null) return { formula };
  return { formula, result: isErrorCode(value) ? { error: value } : value };
}

function plainValue(raw: unknown, cell: Cell): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'boolean') return raw;
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? null : fromFileDate(raw, dateSystemOf(cell.workbook));
  if (typeof raw === 'object') {
    const object = raw as {
      error?: string;
      richText?: { text: string }[];
      text?: unknown;
      hyperlink?: string;
    };
    if (typeof object.error === 'string') return object.error;
    if (Array.isArray(object.richText))
      return plainValue(object.richText.map((run) => run.text).join(''), cell);
    if ('text' in object) return plainValue(object.text, cell);
  }
  return null;
}

/** What a cell holds, as the port sees it: rich text and hyperlinks are their text, errors their code. */
export function fromExcelCell(cell: Cell): NormalCell {
  switch (cell.type) {
    case ValueType.Formula:
      return cell.formula
        ? { value: plainValue(cell.result, cell), formula: `=${fromStoredFormula(cell.formula)}` }
        : { value: null, formula: null };
    case ValueType.Merge: // only the top-left cell of a merged area holds the value
      return { value: null, formula: null };
    default:
      return { value: plainValue(cell.value, cell), formula: null };
  }
}

export const hasContent = (cell: NormalCell): boolean => cell.value !== null || cell.formula !== null;
