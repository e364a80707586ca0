import { differenceInCalendarDays, isValid } from 'date-fns';
import { toNumber, toOptionalNumber } from './coerce';
import { toDate } from './dates';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { tidy } from './score';
import { BLANK, isBlank, type Cell, type Out } from './values';

export interface PaceInput {
  /** Blank (not reported yet) when undefined, like target, start and end. */
  actual?: number;
  target?: number;
  start?: Date;
  end?: Date;
  /** The day progress is judged on (local calendar date). */
  asOf: Date;
  /** Where the straight line starts; 0 when omitted. */
  baseline?: number;
}

/**
 * Progress against the straight line from `baseline` at `start` to `target` at `end` (spec: PACE), counted
 * in calendar days: 1 is on pace, after `end` the full target is expected. Not floored: a negative pace
 * says the KPI is moving away from its target.
 */
export function paceOf({
  actual,
  target,
  start,
  end,
  asOf,
  baseline = 0,
}: PaceInput): number | typeof BLANK | KpiError {
  if (actual === undefined || target === undefined || start === undefined || end === undefined) return BLANK;
  if (![actual, target, baseline].every(Number.isFinite)) {
    return valueError('PACE needs finite numbers for actual, target and baseline.');
  }
  if (![start, end, asOf].every(isValid))
    return valueError('PACE needs valid dates for start, end and as_of.');
  const span = differenceInCalendarDays(end, start);
  if (span <= 0) return numError('end must be after start.');
  const elapsed = differenceInCalendarDays(asOf, start);
  // Before start nothing is expected yet. On the start day itself the line still sits on the baseline, so
  // there is no expected progress to divide by: that is "nothing expected yet" too, and shows blank rather
  // than #DIV/0! on the first day of every period.
  if (elapsed <= 0) return BLANK;
  const distance = target - baseline;
  if (distance === 0) return divError('target equals baseline, so there is no progress to pace.');
  const expectedGain = elapsed >= span ? distance : distance * (elapsed / span);
  const pace = (actual - baseline) / expectedGain;
  return Number.isFinite(pace)
    ? tidy(pace)
    : numError('The pace is too large to compute from these numbers.');
}

/** PACE for one cell of each argument; `today` stands in for a blank as_of. */
export function paceCell(
  actual: Cell,
  target: Cell,
  start: Cell,
  end: Cell,
  asOf: Cell,
  baseline: Cell,
  today: Date,
): Out {
  if (isBlank(actual) || isBlank(target) || isBlank(start) || isBlank(end)) return BLANK;
  const a = toNumber(actual, 'actual');
  if (isKpiError(a)) return a;
  const t = toNumber(target, 'target');
  if (isKpiError(t)) return t;
  const s = toDate(start, 'start');
  if (isKpiError(s)) return s;
  const e = toDate(end, 'end');
  if (isKpiError(e)) return e;
  const o = isBlank(asOf) ? today : toDate(asOf, 'as_of');
  if (isKpiError(o)) return o;
  const b = toOptionalNumber(baseline, 'baseline');
  if (isKpiError(b)) return b;
  return paceOf({ actual: a, target: t, start: s, end: e, asOf: o, baseline: b });
}
