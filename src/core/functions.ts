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
  return (
    scoreColumns(actual, target, baseline, polarity, cap) ??
    vectorize(scoreCell, [actual, target, baseline, polarity, cap])
  );
}

/** A column of n rows, or undefined for anything else. */
const columnOf = (arg: Arg | undefined, rows: number): Cell[][] | undefined =>
  Array.isArray(arg) && arg.length === rows && arg.every((row) => Array.isArray(row) && row.length === 1)
    ? (arg as Cell[][])
    : undefined;

/** A single cell, given plainly or as a 1×1 range; undefined for a larger range. */
const singleOf = (arg: Arg | undefined): { value: Cell } | undefined =>
  !Array.isArray(arg)
    ? { value: arg }
    : arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1
      ? { value: arg[0][0] }
      : undefined;

/**
 * SCORE's usual large call, whole columns of actuals and targets with single-cell options, in a loop of
 * its own: vectorize's call through a shared function pointer cannot be inlined, which costs a boxed
 * number per cell over ranges of 100,000 rows. Anything else returns undefined for the general path.
 */
function scoreColumns(
  actual: Arg,
  target: Arg,
  baseline?: Arg,
  polarity?: Arg,
  cap?: Arg,
): Result | undefined {
  if (!Array.isArray(actual) || actual.length < 2) return undefined;
  const rows = actual.length;
  const actuals = columnOf(actual, rows);
  const targets = columnOf(target, rows);
  const baselines = columnOf(baseline, rows);
  const fixedBaseline = baselines ? undefined : singleOf(baseline);
  const p = singleOf(polarity);
  const c = singleOf(cap);
  if (!actuals || !targets || (!baselines && !fixedBaseline) || !p || !c) return undefined;
  const out: Out[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const b = baselines ? baselines[r][0] : (fixedBaseline as { value: Cell }).value;
    out[r] = [scoreCell(actuals[r][0], targets[r][0], b, p.value, c.value)];
  }
  return out;
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
