import { CHANGE, FEASIBILITY, NEXTREVIEW, PACE, ROLLUP, SCORE, SMARTCHECK, STATUS } from '../core/functions';
import { serialToDate } from '../core/dates';
import { KpiError, isKpiError, type ErrorCode } from '../core/errors';
import type { Arg, Cell, Out, Result } from '../core/values';
import type { ZoneShift } from '../hosts/sheets/zone';

/**
 * Google Sheets' KPI_* custom functions: the same core as Excel's KPI.*, with Sheets' conventions.
 * - Sheets passes a single cell as a value and a range as a 2-D array; a blank cell is `''`; dates
 *   arrive as Date instants, read here as the calendar day the sheet shows (see ZoneShift).
 * - A single result that is an error is thrown as an Error whose message is the spec's message:
 *   Sheets shows #ERROR! with that message.
 * - A custom function cannot return an error in one cell of a spilled array, so in an array result an
 *   error cell holds the error as text, code first (`#DIV/0! Target equals baseline…`): the other
 *   cells still compute, SUM and AVERAGE skip text, and the KPI_* functions read such text back as the
 *   error it names, so an error stays an error down a chain of formulas.
 * - NEXTREVIEW's date comes back as a Date (the core works in serial numbers).
 * - An array result ends at its last non-blank row (see withoutTrailingBlankRows).
 */
type SheetsValue = number | string | boolean | Date;
export type SheetsResult = SheetsValue | SheetsValue[][];

const KPI_ERROR_TEXT = /^(#VALUE!|#DIV\/0!|#NUM!|#N\/A)(?: (.*))?$/s;
const SHEETS_ERROR = /^#(REF!|NAME\?|NULL!|ERROR!)$/;

export class CustomFunctions {
  private zoneShift: ZoneShift | undefined;

  /**
   * Dates need the sheet's time zone: asked for when a date is first seen, then kept (with the offsets
   * it has looked up) for the rest of the execution.
   */
  constructor(private readonly makeZone: () => ZoneShift) {}

  private zone(): ZoneShift {
    return (this.zoneShift ??= this.makeZone());
  }

  KPI_SCORE(
    actual: unknown,
    target: unknown,
    baseline?: unknown,
    polarity?: unknown,
    cap?: unknown,
  ): SheetsResult {
    return this.call(() =>
      SCORE(this.arg(actual), this.arg(target), this.arg(baseline), this.arg(polarity), this.arg(cap)),
    );
  }

  KPI_STATUS(score: unknown, framework?: unknown, greenAt?: unknown, amberAt?: unknown): SheetsResult {
    return this.call(() =>
      STATUS(this.arg(score), this.arg(framework), this.arg(greenAt), this.arg(amberAt)),
    );
  }

  KPI_ROLLUP(scores: unknown, weights?: unknown, cap?: unknown): SheetsResult {
    return this.call(() => ROLLUP(this.arg(scores), this.arg(weights), this.arg(cap)));
  }

  KPI_CHANGE(current: unknown, previous: unknown): SheetsResult {
    return this.call(() => CHANGE(this.arg(current), this.arg(previous)));
  }

  KPI_PACE(
    actual: unknown,
    target: unknown,
    start: unknown,
    end: unknown,
    asOf?: unknown,
    baseline?: unknown,
  ): SheetsResult {
    return this.call(() =>
      PACE(
        this.arg(actual),
        this.arg(target),
        this.arg(start),
        this.arg(end),
        this.arg(asOf),
        this.arg(baseline),
      ),
    );
  }

  KPI_FEASIBILITY(
    target: unknown,
    history: unknown,
    polarity?: unknown,
    easyWithin?: unknown,
    unrealisticBeyond?: unknown,
  ): SheetsResult {
    return this.call(() =>
      FEASIBILITY(
        this.arg(target),
        this.arg(history),
        this.arg(polarity),
        this.arg(easyWithin),
        this.arg(unrealisticBeyond),
      ),
    );
  }

  KPI_SMARTCHECK(
    text: unknown,
    target?: unknown,
    unit?: unknown,
    deadline?: unknown,
    parent?: unknown,
    baseline?: unknown,
  ): SheetsResult {
    return this.call(() =>
      SMARTCHECK(
        this.arg(text),
        this.arg(target),
        this.arg(unit),
        this.arg(deadline),
        this.arg(parent),
        this.arg(baseline),
      ),
    );
  }

  KPI_NEXTREVIEW(lastReview: unknown, cadence: unknown): SheetsResult {
    return this.call(() => NEXTREVIEW(this.arg(lastReview), this.arg(cadence)), true);
  }

  // --- the adapter --------------------------------------------------------------------------------

  /** An argument as Sheets passes it, as the core's Arg. */
  arg(value: unknown): Arg {
    if (Array.isArray(value)) {
      return value.map((row: unknown) =>
        Array.isArray(row) ? row.map((cell) => this.cell(cell)) : [this.cell(row)],
      );
    }
    return this.cell(value);
  }

  private cell(value: unknown): Cell {
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
      return value;
    if (typeof value === 'string') {
      if (value.startsWith('#')) {
        const ours = KPI_ERROR_TEXT.exec(value);
        if (ours) return new KpiError(ours[1] as ErrorCode, ours[2] ?? `An input cell shows ${ours[1]}.`);
        if (SHEETS_ERROR.test(value)) return new KpiError('#VALUE!', `An input cell shows ${value}.`);
      }
      return value;
    }
    if (value instanceof Date) return this.zone().toLocal(value);
    return new KpiError('#VALUE!', 'The argument holds a value that is not a number, text or date.');
  }

  private call(compute: () => Result, dates = false): SheetsResult {
    let result: Result;
    try {
      result = compute();
    } catch (error) {
      // The core never throws by contract; should a bug make it, the cell says so in words.
      throw new Error(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(result)) return this.single(result, dates);
    const rows = withoutTrailingBlankRows(result);
    if (rows.length === 0) return '';
    if (rows.length === 1 && rows[0].length === 1) return this.single(rows[0][0], dates);
    return rows.map((row) => row.map((value) => this.inArray(value, dates)));
  }

  private single(value: Out, dates: boolean): SheetsValue {
    if (isKpiError(value)) throw new Error(value.message);
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('The result is not a finite number.');
    return dates && typeof value === 'number' ? this.date(value) : value;
  }

  private inArray(value: Out, dates: boolean): SheetsValue {
    if (isKpiError(value)) return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value))
      return '#NUM! The result is not a finite number.';
    return dates && typeof value === 'number' ? this.date(value) : value;
  }

  private date(serial: number): Date {
    return this.zone().toSheet(serialToDate(serial));
  }
}

/**
 * An array result without its blank rows at the bottom. A formula over a whole column (`=KPI_SCORE(R5:R,
 * …)`, one execution for the column: docs/sheets.md) gets every row down to the end of the sheet, blank
 * ones included, and blank in gives blank out. Returning those blanks would still claim the cells below
 * the last KPI, and an array overflows only "as long as those cells are empty" (Google's custom-function
 * guide, Return values): a note typed under the register would stop the whole column with an error.
 * Ending the array at its last non-blank row leaves those cells free; blank rows between KPIs are kept.
 */
export function withoutTrailingBlankRows<T>(rows: readonly (readonly T[])[]): (readonly T[])[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((value) => value === '' || value === null || value === undefined))
    end--;
  return rows.slice(0, end);
}

/** The names Sheets knows the functions by, in the order of the spec. */
export const CUSTOM_FUNCTION_NAMES = [
  'KPI_SCORE',
  'KPI_STATUS',
  'KPI_ROLLUP',
  'KPI_CHANGE',
  'KPI_PACE',
  'KPI_FEASIBILITY',
  'KPI_SMARTCHECK',
  'KPI_NEXTREVIEW',
] as const satisfies readonly (keyof CustomFunctions)[];
