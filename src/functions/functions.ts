import { CHANGE, FEASIBILITY, NEXTREVIEW, PACE, ROLLUP, SCORE, SMARTCHECK, STATUS } from '../core/functions';
import { changeCell, changeRows } from '../core/change';
import { today } from '../core/dates';
import { nextReviewCell, nextReviewRows } from '../core/nextreview';
import { paceCell, paceRows } from '../core/pace';
import { rollupFast } from '../core/rollup';
import { scoreCell, scoreRows } from '../core/score';
import { statusCell, statusRows } from '../core/status';
import { singleValue } from '../core/vectorize';
import { fromExcel as arg, fromExcelCell, invoke, invokeFused, toExcelCell } from './adapter';

/*
 * Excel's KPI.* worksheet functions: thin wrappers over src/core/functions.ts. The JSDoc below is the
 * source of functions.json (custom-functions-metadata-plugin reads it at build time and appends the
 * CustomFunctions.associate calls), so every function and parameter carries the description Excel
 * shows in formula autocomplete; the zh-HK descriptions live in functions.zh-HK.json.
 *
 * Every parameter is `unknown[][]` (metadata type `any`, dimensionality `matrix`): Excel then converts
 * nothing, so a blank cell reaches the core as blank rather than 0, and any argument may be a range.
 * Every result is a 2-D array, so results spill with the shape of the inputs.
 */

/**
 * Attainment of a KPI against its target: 1 means the target is met. A blank actual gives a blank.
 * @customfunction SCORE
 * @param actual The reported value (a cell or a range).
 * @param target The target value.
 * @param [baseline] The starting value; the score then measures the way travelled from baseline to target.
 * @param [polarity] higher (default), lower or closer: which direction is better.
 * @param [cap] The highest score allowed, for example 1.2. No cap when omitted.
 * @returns The score, floored at 0.
 */
export function score(
  actual: unknown[][],
  target: unknown[][],
  baseline?: unknown[][],
  polarity?: unknown[][],
  cap?: unknown[][],
): unknown[][] {
  return invokeFused([actual, target, baseline, polarity, cap], scoreCell, scoreRows, () =>
    SCORE(arg(actual), arg(target), arg(baseline), arg(polarity), arg(cap)),
  );
}

/**
 * Traffic-light status of a score: GREEN, AMBER or RED (blank when the score is blank).
 * @customfunction STATUS
 * @param score The score, where 1 means the target is met.
 * @param [framework] KPI (default: green at 1, amber at 0.9) or OKR (green at 0.7, amber at 0.4).
 * @param [green_at] The score from which the status is GREEN; overrides the framework.
 * @param [amber_at] The score from which the status is AMBER; overrides the framework.
 * @returns GREEN, AMBER, RED or blank.
 */
export function status(
  score: unknown[][],
  framework?: unknown[][],
  green_at?: unknown[][],
  amber_at?: unknown[][],
): unknown[][] {
  return invokeFused([score, framework, green_at, amber_at], statusCell, statusRows, () =>
    STATUS(arg(score), arg(framework), arg(green_at), arg(amber_at)),
  );
}

/**
 * Weighted mean of child scores for a parent KPI. Blank scores are skipped and the weights renormalised.
 * @customfunction ROLLUP
 * @param scores The child scores (a range).
 * @param [weights] The weight of each child, in the same shape as scores. Equal weights when omitted.
 * @param [cap] Caps each child score before averaging, so one over-achiever cannot hide a failing sibling.
 * @returns The rolled-up score, or blank when every score is blank.
 */
export function rollup(scores: unknown[][], weights?: unknown[][], cap?: unknown[][]): unknown[][] {
  // Scores and weights are read in place when they are plain numbers and blanks (see rollupFast).
  const fast = rollupFast(scores, weights, singleValue(cap, fromExcelCell));
  return fast !== undefined
    ? [[toExcelCell(fast)]]
    : invoke(() => ROLLUP(arg(scores), arg(weights), arg(cap)));
}

/**
 * Growth rate from the previous period: (current − previous) / |previous|, for YoY or MoM.
 * @customfunction CHANGE
 * @param current The value for this period.
 * @param previous The value for the previous period.
 * @returns The change as a fraction, for example 0.1 for +10%.
 */
export function change(current: unknown[][], previous: unknown[][]): unknown[][] {
  return invokeFused([current, previous], changeCell, changeRows, () => CHANGE(arg(current), arg(previous)));
}

/**
 * Progress against the straight line from baseline at start to target at end: 1 means on pace.
 * @customfunction PACE
 * @volatile
 * @param actual The value reached so far.
 * @param target The target to reach by the end date.
 * @param start The start date of the period.
 * @param end The end date of the period.
 * @param [as_of] The date of the actual value. Today when omitted (the function then recalculates daily).
 * @param [baseline] The value at the start date. 0 when omitted.
 * @returns The pace, or blank before the start date.
 */
export function pace(
  actual: unknown[][],
  target: unknown[][],
  start: unknown[][],
  end: unknown[][],
  as_of?: unknown[][],
  baseline?: unknown[][],
): unknown[][] {
  const day = today(new Date());
  return invokeFused(
    [actual, target, start, end, as_of, baseline],
    (a, t, s, e, o, b) => paceCell(a, t, s, e, o, b, day),
    (columns, other) => paceRows(columns, other, day),
    () => PACE(arg(actual), arg(target), arg(start), arg(end), arg(as_of), arg(baseline)),
  );
}

/**
 * Achievable test of a target against the KPI's own history: EASY, STRETCH or UNREALISTIC.
 * @customfunction FEASIBILITY
 * @param target The proposed target.
 * @param history Past values, oldest first (for example the last 12 months); the last three set the level.
 * @param [polarity] higher (default), lower or closer: which direction is better.
 * @param [easy_within] Uplift up to which the target is EASY. 0.05 (5%) when omitted.
 * @param [unrealistic_beyond] Uplift above which the target is UNREALISTIC. 1 (doubling) when omitted.
 * @returns EASY, STRETCH or UNREALISTIC.
 */
export function feasibility(
  target: unknown[][],
  history: unknown[][],
  polarity?: unknown[][],
  easy_within?: unknown[][],
  unrealistic_beyond?: unknown[][],
): unknown[][] {
  return invoke(() =>
    FEASIBILITY(arg(target), arg(history), arg(polarity), arg(easy_within), arg(unrealistic_beyond)),
  );
}

/**
 * Checks a KPI definition against the five SMART criteria; returns n/5 and the reason for each miss.
 * @customfunction SMARTCHECK
 * @param text The KPI's name or description, in English or Traditional Chinese.
 * @param [target] The KPI's target value, when the register records it.
 * @param [unit] The unit of measure, for example %, HKD or customers.
 * @param [deadline] The date or period by which the target is due.
 * @param [parent] The parent objective the KPI supports.
 * @param [baseline] The current or starting value.
 * @returns "5/5" when fully SMART, otherwise n/5 followed by the reasons.
 */
export function smartcheck(
  text: unknown[][],
  target?: unknown[][],
  unit?: unknown[][],
  deadline?: unknown[][],
  parent?: unknown[][],
  baseline?: unknown[][],
): unknown[][] {
  return invoke(() =>
    SMARTCHECK(arg(text), arg(target), arg(unit), arg(deadline), arg(parent), arg(baseline)),
  );
}

/**
 * Date of the next review after the last one: format the cell as a date.
 * @customfunction NEXTREVIEW
 * @param last_review The date of the last review.
 * @param cadence weekly, biweekly, monthly, quarterly, semiannual or annual (or 每週, 每月, 每季…).
 * @returns The next review date as a date serial number.
 */
export function nextreview(last_review: unknown[][], cadence: unknown[][]): unknown[][] {
  return invokeFused([last_review, cadence], nextReviewCell, nextReviewRows, () =>
    NEXTREVIEW(arg(last_review), arg(cadence)),
  );
}
