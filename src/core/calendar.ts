/**
 * Calendar days, spreadsheet serial numbers and wall-clock text, in one place.
 *
 * A spreadsheet date has no time zone: the cell shows a day (and maybe a time of day), whatever the
 * machine's zone. Everything here works on calendar fields (year, month, day, time of day) and never on
 * instants, so no answer depends on the zone the code runs in. The conversions every host and reader
 * need are:
 * - serial number ↔ wall clock, in the workbook's date system (1900: Windows Excel, LibreOffice; 1904:
 *   older Mac Excel, `<workbookPr date1904="1"/>`);
 * - the port's `Date` ↔ wall clock: a `Date` in a CellValue shows its wall clock in its *local* fields
 *   (getFullYear … getMilliseconds), see src/register/workbook.ts;
 * - a `Date` whose *UTC* fields are the wall clock (exceljs's cell dates, JSON) ↔ wall clock;
 * - wall clock ↔ ISO text (`2026-03-31`, `2026-03-31T20:00:00.000`).
 */

/** A day and time of day as a cell shows it. `month` is 1–12; `time` is milliseconds since midnight. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  time: number;
}

/** Which day serial number 0 (1904) or 1 (1900) is. Google Sheets has no such setting: it passes `Date`s. */
export type DateSystem = 1900 | 1904;

export const DAY_MS = 86_400_000;

/** The first serial a date cell can show in each system (1900-01-01 is 1; 1904-01-01 is 0). */
export const FIRST_SERIAL: Readonly<Record<DateSystem, number>> = { 1900: 1, 1904: 0 };
/** 9999-12-31, the last day Excel shows, in each system. */
export const LAST_SERIAL: Readonly<Record<DateSystem, number>> = { 1900: 2_958_465, 1904: 2_957_003 };

/** 1970-01-01 is day 0; 1900 serials run 25,569 days ahead of it, 1904 serials 24,107. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;
/**
 * Serial 60 is 29 Feb 1900, a day that never was (Lotus 1-2-3's leap-year bug, which Excel keeps): serials
 * up to 60 are one day later than the count from the epoch says. Serial 60 itself reads as 1 March.
 */
const LOTUS_LEAP_DAY = 60;

/** Days since 1970-01-01 of a day in the proleptic Gregorian calendar (any year, no time zone). */
export function dayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99
  return Math.round(date.getTime() / DAY_MS);
}

/** The calendar day of a day number (the inverse of dayNumber). */
export function fromDayNumber(days: number, time = 0): WallClock {
  const date = new Date(days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), time };
}

/** True when year-month-day names a real day (no 30 February, no month 13). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  const back = fromDayNumber(dayNumber(year, month, day));
  return back.year === year && back.month === month && back.day === day;
}

/** A calendar day (time of day 0), or undefined when it does not exist. */
export function calendarDay(year: number, month: number, day: number): WallClock | undefined {
  return isCalendarDay(year, month, day) ? { year, month, day, time: 0 } : undefined;
}

// --- serial numbers --------------------------------------------------------------------------------

/** True for a serial a date cell can show in the system: from its first day to 9999-12-31 23:59:59.999. */
export function isDateSerial(serial: number, system: DateSystem): boolean {
  return Number.isFinite(serial) && serial >= FIRST_SERIAL[system] && serial < LAST_SERIAL[system] + 1;
}

/**
 * The wall clock a serial number shows (the fraction is the time of day, to the millisecond), or
 * undefined for a serial no date cell can show: 0 or negative (1900), negative (1904), past 9999-12-31.
 */
export function serialToWallClock(serial: number, system: DateSystem): WallClock | undefined {
  if (!isDateSerial(serial, system)) return undefined;
  let whole = Math.floor(serial);
  let time = Math.round((serial - whole) * DAY_MS);
  if (time === DAY_MS) {
    whole += 1;
    time = 0;
    if (whole > LAST_SERIAL[system]) return undefined;
  }
  let days: number;
  if (system === 1904) days = whole - EPOCH_1904;
  else days = whole <= LOTUS_LEAP_DAY ? whole - EPOCH_1900 + 1 : whole - EPOCH_1900;
  return fromDayNumber(days, time);
}

/**
 * The serial number of a wall clock in the system (time of day as the fraction). A day before the
 * system's first gives a serial no date cell can show (see isDateSerial): callers that must not write
 * one check first.
 */
export function wallClockToSerial(clock: WallClock, system: DateSystem): number {
  const days = dayNumber(clock.year, clock.month, clock.day);
  let whole: number;
  if (system === 1904) whole = days + EPOCH_1904;
  else {
    whole = days + EPOCH_1900;
    if (whole <= LOTUS_LEAP_DAY) whole -= 1;
  }
  return whole + clock.time / DAY_MS;
}

// --- Date objects ----------------------------------------------------------------------------------

/** The wall clock a port `Date` shows (its local fields). */
export function wallClockOf(date: Date): WallClock {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    time:
      date.getHours() * 3_600_000 +
      date.getMinutes() * 60_000 +
      date.getSeconds() * 1000 +
      date.getMilliseconds(),
  };
}

/**
 * The port `Date` showing a wall clock (local fields). A wall clock the machine's zone skips (a
 * daylight-saving gap) moves forward as JavaScript moves it; the day stays, except on the rare days a
 * zone skipped whole (Pacific/Kiritimati's 31 Dec 1994).
 */
export function localDate(clock: WallClock): Date {
  const date = new Date(0);
  date.setFullYear(clock.year, clock.month - 1, clock.day); // keeps years 0–99
  date.setHours(0, 0, 0, clock.time);
  return date;
}

/** The wall clock in a `Date`'s UTC fields (exceljs's cell dates, instants built with Date.UTC). */
export function wallClockOfUtc(date: Date): WallClock {
  const time = date.getTime();
  const days = Math.floor(time / DAY_MS);
  return fromDayNumber(days, time - days * DAY_MS);
}

/** The `Date` whose UTC fields are the wall clock. */
export function utcDate(clock: WallClock): Date {
  return new Date(dayNumber(clock.year, clock.month, clock.day) * DAY_MS + clock.time);
}

/** A port `Date` moved to its calendar day (local midnight). */
export function startOfLocalDay(date: Date): Date {
  return localDate({ ...wallClockOf(date), time: 0 });
}

/** A port `Date` as a serial number in the system, time of day included. */
export function dateToSerialNumber(date: Date, system: DateSystem): number {
  return wallClockToSerial(wallClockOf(date), system);
}

/** A serial number as a port `Date`, or undefined when no date cell can show it. */
export function serialToLocalDate(serial: number, system: DateSystem): Date | undefined {
  const clock = serialToWallClock(serial, system);
  return clock && localDate(clock);
}

// --- text ------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-03-31` (years below 1000 padded to four digits). */
export function formatDay(clock: WallClock): string {
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** `2026-03-31T20:00:00.000`: the whole wall clock, to the millisecond. */
export function formatWallClock(clock: WallClock): string {
  const t = clock.time;
  const [h, m, s, ms] = [
    Math.floor(t / 3_600_000),
    Math.floor(t / 60_000) % 60,
    Math.floor(t / 1000) % 60,
    t % 1000,
  ];
  return `${formatDay(clock)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

const WALL_CLOCK_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Reads formatWallClock's text (or just the day, or up to minutes); undefined for anything else. */
export function parseWallClock(text: string): WallClock | undefined {
  const match = WALL_CLOCK_TEXT.exec(text);
  if (!match) return undefined;
  const [year, month, day, h, m, s] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const ms = Number((match[7] ?? '0').padEnd(3, '0'));
  if (!isCalendarDay(year, month, day) || h > 23 || m > 59 || s > 59) return undefined;
  return { year, month, day, time: ((h * 60 + m) * 60 + s) * 1000 + ms };
}
