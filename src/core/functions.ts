/**
 * The worksheet functions as every host calls them (see shared/spec/functions.md): any argument may be a
 * range, results spill with the broadcast shape, and errors come back as KpiError values, never thrown.
 * The per-cell logic lives in one module per function; this file only vectorises it.
 */
import { changeCell, changeRows } from './change';
import { today } from './dates';
import { feasibilityCell, readHistory, recentLevel } from './feasibility';
import { isKpiError } from './errors';
import { nextReviewCell, nextReviewRows } from './nextreview';
import { paceCell, paceRows } from './pace';
import { rollupCells, rollupFast } from './rollup';
import { scoreCell, scoreRows } from './score';
import { smartcheckCell } from './smart';
import { statusCell, statusRows } from './status';
import type { Arg, Cell, Out, Result } from './values';
import { fuse, singleValue, vectorize, type CellFn, type Kernel } from './vectorize';

export { scoreOf, computeScore, type ScoreInput } from './score';
export { statusOf, FRAMEWORK_THRESHOLDS, type StatusCode, type StatusOptions } from './status';
export { rollupOf, type RollupOptions } from './rollup';
export { changeOf } from './change';
export { paceOf, type PaceInput } from './pace';
export { feasibilityOf, recentLevel, type Feasibility, type FeasibilityInput } from './feasibility';
export { nextReviewDate, nextReviewSerial } from './nextreview';

const same = <T>(value: T): T => value;
const asCell = same as (value: unknown) => Cell;

/** The fused loop over columns when it applies (see vectorize's fuse), else the general path. */
const fused = (fn: CellFn, kernel: Kernel, args: readonly Arg[]): Result =>
  (fuse(args, asCell, same, fn, kernel) as Result | undefined) ?? vectorize(fn, args);

export function SCORE(actual: Arg, target: Arg, baseline?: Arg, polarity?: Arg, cap?: Arg): Result {
  return fused(scoreCell, scoreRows, [actual, target, baseline, polarity, cap]);
}

export function STATUS(score: Arg, framework?: Arg, greenAt?: Arg, amberAt?: Arg): Result {
  return fused(statusCell, statusRows, [score, framework, greenAt, amberAt]);
}

/** One value for the whole range of scores (a cascade parent), not a spilled array. */
export function ROLLUP(scores: Arg, weights?: Arg, cap?: Arg): Out {
  return rollupFast(scores, weights, singleValue(cap, asCell)) ?? rollupCells(scores, weights, cap);
}

export function CHANGE(current: Arg, previous: Arg): Result {
  return fused(changeCell, changeRows, [current, previous]);
}

/** A blank as_of means today, taken from `now` once per call so that a spilled range is consistent. */
export function PACE(
  actual: Arg,
  target: Arg,
  start: Arg,
  end: Arg,
  asOf?: Arg,
  baseline?: Arg,
  now: Date = new Date(),
): Result {
  const day = today(now);
  return fused(
    (a, t, s, e, o, b) => paceCell(a, t, s, e, o, b, day),
    (columns, other) => paceRows(columns, other, day),
    [actual, target, start, end, asOf, baseline],
  );
}

/** history is read whole (its recent level is worked out once); the other arguments vectorise. */
export function FEASIBILITY(
  target: Arg,
  history: Arg,
  polarity?: Arg,
  easyWithin?: Arg,
  unrealisticBeyond?: Arg,
): Result {
  const values = readHistory(history);
  const level = isKpiError(values) ? values : recentLevel(values);
  return vectorize(
    (t: Cell, p: Cell, e: Cell, u: Cell) => feasibilityCell(t, level, p, e, u),
    [target, polarity, easyWithin, unrealisticBeyond],
  );
}

/** The SMART check of a KPI definition; the per-cell logic (and its languages) lives in ./smart. */
export function SMARTCHECK(
  text: Arg,
  target?: Arg,
  unit?: Arg,
  deadline?: Arg,
  parent?: Arg,
  baseline?: Arg,
): Result {
  return vectorize(smartcheckCell, [text, target, unit, deadline, parent, baseline]);
}

/** The next review as a serial number (the Sheets wrapper turns it into a Date). */
export function NEXTREVIEW(lastReview: Arg, cadence: Arg): Result {
  return fused(nextReviewCell, nextReviewRows, [lastReview, cadence]);
}
