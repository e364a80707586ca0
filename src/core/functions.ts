/**
 * The worksheet functions as every host calls them (see shared/spec/functions.md): any argument may be a
 * range, results spill with the broadcast shape, and errors come back as KpiError values, never thrown.
 * The per-cell logic lives in one module per function; this file only vectorises it.
 */
import { changeCell } from './change';
import { today } from './dates';
import { feasibilityCell, readHistory, recentLevel } from './feasibility';
import { isKpiError } from './errors';
import { nextReviewCell } from './nextreview';
import { paceCell } from './pace';
import { rollupCells } from './rollup';
import { scoreCell } from './score';
import { smartcheckCell } from './smart';
import { statusCell } from './status';
import type { Arg, Cell, Out, Result } from './values';
import { vectorize } from './vectorize';

export { scoreOf, computeScore, type ScoreInput } from './score';
export { statusOf, FRAMEWORK_THRESHOLDS, type StatusCode, type StatusOptions } from './status';
export { rollupOf, type RollupOptions } from './rollup';
export { changeOf } from './change';
export { paceOf, type PaceInput } from './pace';
export { feasibilityOf, recentLevel, type Feasibility, type FeasibilityInput } from './feasibility';
export { nextReviewDate, nextReviewSerial } from './nextreview';

export function SCORE(actual: Arg, target: Arg, baseline?: Arg, polarity?: Arg, cap?: Arg): Result {
  return vectorize(scoreCell, [actual, target, baseline, polarity, cap]);
}

export function STATUS(score: Arg, framework?: Arg, greenAt?: Arg, amberAt?: Arg): Result {
  return vectorize(statusCell, [score, framework, greenAt, amberAt]);
}

/** One value for the whole range of scores (a cascade parent), not a spilled array. */
export function ROLLUP(scores: Arg, weights?: Arg, cap?: Arg): Out {
  return rollupCells(scores, weights, cap);
}

export function CHANGE(current: Arg, previous: Arg): Result {
  return vectorize(changeCell, [current, previous]);
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
  return vectorize(
    (a, t, s, e, o, b) => paceCell(a, t, s, e, o, b, day),
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
  return vectorize(nextReviewCell, [lastReview, cadence]);
}
