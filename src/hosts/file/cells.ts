import { ValueType, type Cell, type CellValue as ExcelValue } from 'exceljs';
import type { CellValue } from '../../register/workbook';
import type { NormalCell } from '../memory/checks';
import { fromStoredFormula, toStoredFormula } from './stored-formulas';

/**
 * exceljs turns cell serial numbers into `Date`s as if the serial were UTC. The register means wall-clock
 * time (a date typed in Hong Kong is the same calendar date in London), so dates cross the boundary by
 * their calendar fields, never by their instant.
 */
export function toFileDate(date: Date): Date {
  return new Date(
    Date.UTC(
      date.getFullYear(),
      date.getMonth(),
      date.getDate(),
      date.getHours(),
      date.getMinutes(),
      date.getSeconds(),
      date.getMilliseconds(),
    ),
  );
}

export function fromFileDate(date: Date): Date {
  const local = new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  local.setFullYear(date.getUTCFullYear());
  return local;
}

/** Spreadsheet error values; the port has no error type, so they read as their code (as Office.js does). */
export const ERROR_CODES = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;
type ErrorCode = (typeof ERROR_CODES)[number];
const isErrorCode = (text: unknown): text is ErrorCode => ERROR_CODES.includes(text as ErrorCode);

/** The exceljs value for a stored cell. Formulas lose their `=`; an error-code result is an error. */
export function toExcelValue(cell: NormalCell): ExcelValue {
  const value = cell.value instanceof Date ? toFileDate(cell.value) : cell.value;
  if (cell.formula === null) return value;
  // KPI.* calls as Excel stores them (`_xldudf_KPI_SCORE(`), or Excel never binds them to the add-in.
  const formula = toStoredFormula(cell.formula.slice(1));
  if (value === null) return { formula };
  return { formula, result: isErrorCode(value) ? { error: value } : value };
}

function plainValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : fromFileDate(raw);
  if (typeof raw === 'object') {
    const object = raw as {
      error?: string;
      richText?: { text: string }[];
      text?: unknown;
      hyperlink?: string;
    };
    if (typeof object.error === 'string') return object.error;
    if (Array.isArray(object.richText)) return plainValue(object.richText.map((run) => run.text).join(''));
    if ('text' in object) return plainValue(object.text);
  }
  return null;
}

/** What a cell holds, as the port sees it: rich text and hyperlinks are their text, errors their code. */
export function fromExcelCell(cell: Cell): NormalCell {
  switch (cell.type) {
    case ValueType.Formula:
      return cell.formula
        ? { value: plainValue(cell.result), formula: `=${fromStoredFormula(cell.formula)}` }
        : { value: null, formula: null };
    case ValueType.Merge: // only the top-left cell of a merged area holds the value
      return { value: null, formula: null };
    default:
      return { value: plainValue(cell.value), formula: null };
  }
}

export const hasContent = (cell: NormalCell): boolean => cell.value !== null || cell.formula !== null;
