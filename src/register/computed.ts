import { NEXTREVIEW, ROLLUP, SCORE, SMARTCHECK, STATUS } from '../core/functions';
import { enumLabel } from '../core/fields';
import { serialToDate } from '../core/dates';
import { isKpiError } from '../core/errors';
import type { CheckIn, Kpi } from '../core/model';
import type { Cell, Out, Result } from '../core/values';
import type { CellValue } from './workbook';
import { relevantTo, smartText } from './formulas';

/**
 * The values the register's formulas compute, computed by the core from the very cells the formulas
 * read, so that they can be written as cached results: a register reads correctly the moment it opens,
 * before (or without) any recalculation, and a test can compare the two.
 */

export interface RowValues {
  score: Out;
  status: Out;
  smart: Out;
  /** A serial number, blank or an error (what NEXTREVIEW returns). */
  nextReview: Out;
}

/** The latest check-in of each KPI by period end (a later row wins a tie: it was entered later). */
export function latestActuals(checkIns: readonly CheckIn[]): Map<string, number> {
  const latest = new Map<string, CheckIn>();
  for (const checkIn of checkIns) {
    const seen = latest.get(checkIn.kpi_id);
    if (!seen || checkIn.period_end.getTime() >= seen.period_end.getTime())
      latest.set(checkIn.kpi_id, checkIn);
  }
  return new Map([...latest].map(([id, checkIn]) => [id, checkIn.actual]));
}

const one = (result: Result): Out => (Array.isArray(result) ? result[0][0] : result);
const blankIfMissing = (value: number | string | Date | undefined): Cell => value ?? '';

/** The register row's computed columns, for a KPI whose actual cell holds `actual`. */
export function computeRow(kpi: Kpi, actual: number | undefined): RowValues {
  const polarity = enumLabel('polarity', kpi.polarity, 'both');
  const score = one(
    SCORE(blankIfMissing(actual), blankIfMissing(kpi.target), blankIfMissing(kpi.baseline), polarity),
  );
  return {
    score,
    status: one(STATUS(score, enumLabel('framework', kpi.framework, 'both'))),
    smart: one(
      SMARTCHECK(
        smartText(kpi.name, kpi.description),
        blankIfMissing(kpi.target),
        blankIfMissing(kpi.unit),
        blankIfMissing(kpi.deadline),
        relevantTo(kpi.parent_id, kpi.level),
        blankIfMissing(kpi.baseline),
      ),
    ),
    nextReview: one(NEXTREVIEW(blankIfMissing(kpi.last_review), enumLabel('cadence', kpi.cadence, 'both'))),
  };
}

/** ROLLUP over one column of child scores and (optionally) their weights, as the cells hold them. */
export function computeRollup(scores: readonly Cell[], weights?: readonly Cell[]): Out {
  const column = (values: readonly Cell[]) => values.map((value) => [value ?? '']);
  return one(weights ? ROLLUP(column(scores), column(weights)) : ROLLUP(column(scores)));
}

/**
 * A computed value as the cached result of its formula. An error becomes its code (`#VALUE!`) in the
 * KPI.* dialect, where Excel will show the same error once it recalculates; the portable formulas turn
 * errors into blanks, so their cached result is blank too. Dates become `Date`s so hosts format them.
 */
export function cached(value: Cell, portable: boolean, kind: 'value' | 'date' = 'value'): CellValue {
  if (value === undefined) return null;
  if (isKpiError(value)) return portable ? '' : value.code;
  if (kind === 'date' && typeof value === 'number') return serialToDate(value);
  return value;
}
