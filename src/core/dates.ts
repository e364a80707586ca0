import { isValid } from 'date-fns';
import {
  LAST_SERIAL,
  calendarDay,
  formatDay,
  fromDayNumber,
  localDate,
  serialToWallClock,
  startOfLocalDay,
  wallClockOf,
  wallClockToSerial,
} from './calendar';
import { KpiError, isKpiError, numError, valueError } from './errors';
import { isBlank, type Cell } from './values';

/**
 * Calendar dates are local-midnight `Date`s inside the core (their local fields are the day meant, see
 * src/register/workbook.ts); spreadsheets speak serial numbers or `Date` objects (Google Sheets). The
 * conversions themselves live in calendar.ts; these are the core's 1900-system shorthands (the date
 * system of every workbook the custom functions see, unless the workbook says 1904).
 */
/** 9999-12-31, the last date Excel can show. */
export const MAX_SERIAL = LAST_SERIAL[1900];

/** The calendar day of a 1900 serial (its time of day dropped), as local midnight. */
export function serialToDate(serial: number): Date {
  const whole = Math.floor(serial);
  const clock = serialToWallClock(whole, 1900);
  if (clock) return localDate(clock);
  // Outside Excel's range (callers check it first): still a day, counted as the serials before it are.
  return localDate(fromDayNumber(whole - (whole <= 60 ? 25_568 : 25_569)));
}

/** The 1900 serial of a date's calendar day (its time of day dropped). */
export function dateToSerial(date: Date): number {
  return wallClockToSerial({ ...wallClockOf(date), time: 0 }, 1900);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses ISO `YYYY-MM-DD` text (a time part is ignored) into a local calendar date. */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  // Rejects 2026-02-30 and friends instead of letting Date roll them over.
  const day = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return day && localDate(day);
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
    return startOfLocalDay(value);
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
  return startOfLocalDay(now);
}

export function formatIsoDate(date: Date): string {
  return formatDay(wallClockOf(date));
}
