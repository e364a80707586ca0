import { localDate, utcDate, wallClockOf, wallClockOfUtc } from '../../core/calendar';

/**
 * Dates between a spreadsheet and the script. A cell holds a wall-clock date in the spreadsheet's time
 * zone; Apps Script hands it over as an instant, and the script's own local time (the time zone in
 * appsscript.json) may be another zone. Read naively, 31 March at midnight in London is 31 March 08:00
 * in Hong Kong, and written naively, Hong Kong's 31 March becomes 30 March 17:00 in London.
 *
 * Inside the project a date is a local `Date` whose wall clock is the date meant (the core reads it
 * with getFullYear/getMonth/getDate). This class moves between that and the sheet's instants, asking
 * the sheet's zone for its offset (Utilities.formatDate with the pattern `Z`) once per hour of time,
 * so a column of dates costs one lookup per distinct day, not one per cell.
 *
 * Google Sheets has no 1900/1904 date-system setting to honour: Apps Script passes dates as `Date`
 * objects, never as serial numbers, so the only conversion here is between wall clocks and instants
 * (calendar.ts does the field work).
 */
export type FormatDate = (date: Date, timeZone: string, pattern: string) => string;

const HOUR = 3_600_000;
const MINUTE = 60_000;

export class ZoneShift {
  private readonly offsets = new Map<number, number>();

  constructor(
    readonly sheetZone: string,
    readonly scriptZone: string,
    private readonly formatDate: FormatDate,
  ) {}

  /** Same zone on both sides: dates pass through untouched (the usual case, and free). */
  get identity(): boolean {
    return this.sheetZone === this.scriptZone;
  }

  /** An instant read from the sheet, as a local Date showing the sheet's wall clock. */
  toLocal(instant: Date): Date {
    if (this.identity) return instant;
    // The sheet's wall clock is the instant moved by the sheet zone's offset, read in UTC fields.
    return localDate(wallClockOfUtc(new Date(instant.getTime() + this.offset(instant.getTime()))));
  }

  /** A local Date, as the instant whose wall clock in the sheet's zone is the same. */
  toSheet(local: Date): Date {
    if (this.identity) return local;
    const wall = utcDate(wallClockOf(local)).getTime();
    // The offset depends on the instant we are looking for: one refinement settles it (also across DST).
    const first = wall - this.offset(wall);
    return new Date(wall - this.offset(first));
  }

  /** The sheet zone's offset from UTC at an instant, in milliseconds. */
  private offset(instant: number): number {
    const bucket = Math.floor(instant / HOUR);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = parseOffset(this.formatDate(new Date(bucket * HOUR), this.sheetZone, 'Z'));
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
}

/** `+0800`, `-0530` (or `+08:00`) as milliseconds. */
export function parseOffset(text: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a UTC offset.`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return (match[1] === '-' ? -minutes : minutes) * MINUTE;
}
