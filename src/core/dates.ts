import { addDays, differenceInCalendarDays, isValid } from 'date-fns';
import { KpiError, isKpiError, numError, valueError } from './errors';
import { isBlank, type Cell } from './values';

/**
 * Calendar dates are local-midnight `Date`s inside the core; spreadsheets speak serial numbers in the
 * 1900 date system (Excel, LibreOffice) or `Date` objects (Google Sheets). The fictitious 29 Feb 1900
 * (serial 60, a Lotus 1-2-3 compatibility bug Excel keeps) is why dates before March 1900 are offset.
 */
const EPOCH = new Date(1899, 11, 30);
const EARLY_EPOCH = new Date(1899, 11, 31);
/** 9999-12-31, the last date Excel can show. */
export const MAX_SERIAL = 2958465;

export function serialToDate(serial: number): Date {
  const whole = Math.floor(serial);
  return whole < 61 ? addDays(EARLY_EPOCH, whole) : addDays(EPOCH, whole);
}

export function dateToSerial(date: Date): number {
  const local = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const serial = differenceInCalendarDays(local, EPOCH);
  return serial < 61 ? differenceInCalendarDays(local, EARLY_EPOCH) : serial;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses ISO `YYYY-MM-DD` text (a time part is ignored) into a local calendar date. */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // Reject 2026-02-30 and friends instead of letting Date roll them over.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return date;
}

/** A date argument: serial number, `Date`, or ISO text. Blank is an error here; check blanks first. */
export function toDate(value: Cell, name: string): Date | KpiError {
  if (isKpiError(value)) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return valueError(`${name} is not a date.`);
    if (value < 1 || value > MAX_SERIAL) return numError(`${name} is outside the spreadsheet date range.`);
    return serialToDate(value);
  }
  if (value instanceof Date) {
    if (!isValid(value)) return valueError(`${name} is not a valid date.`);
    return new Date(value.getFullYear(), value.getMonth(), value.getDate());
  }
  if (typeof value === 'string') {
    const parsed = parseIsoDate(value);
    if (parsed) return parsed;
    return valueError(
      `${name} must be a date (serial number or YYYY-MM-DD), not "${value.trim().slice(0, 40)}".`,
    );
  }
  if (isBlank(value)) return valueError(`${name} is missing.`);
  return valueError(`${name} must be a date.`);
}

/** Today as a local calendar date (the clock is passed in so tests and benchmarks are repeatable). */
export function today(now: Date = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

export function formatIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
