import { differenceInCalendarDays, isValid } from 'date-fns';
import { toNumber, toOptionalNumber } from './coerce';
import { MAX_SERIAL, dateToSerial, toDate } from './dates';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { tidy } from './score';
import { BLANK, isBlank, type Cell, type Out } from './values';
import { cellAt, isFiniteNumber, type Columns } from './vectorize';

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
  return paceOverDays(
    actual,
    target,
    baseline,
    differenceInCalendarDays(end, start),
    differenceInCalendarDays(asOf, start),
  );
}

/** PACE from finite numbers and the days from start to end (`span`) and to as_of (`elapsed`). */
function paceOverDays(
  actual: number,
  target: number,
  baseline: number,
  span: number,
  elapsed: number,
): number | typeof BLANK | KpiError {
  if (span <= 0) return numError('end must be after start.');
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

/**
 * A date serial whose calendar days are counted by subtraction: from 61 (1900-03-01) on, serials are
 * consecutive days; before it lies Excel's fictitious 1900-02-29, which the general path handles.
 */
const plainSerial = (value: unknown): value is number =>
  isFiniteNumber(value) && value >= 61 && value <= MAX_SERIAL;

/**
 * PACE's fused loop (see vectorize's fuse): rows of finite numbers and date serials are paced in place
 * (calendar days as whole-serial differences); any other row goes to `other`.
 */
export function paceRows<T>(
  { rows, cols, values }: Columns,
  other: (row: number) => T,
  today: Date,
): (number | string | T)[][] {
  const [actuals, targets, starts, ends, asOfs, baselines] = cols;
  const todaySerial = dateToSerial(today);
  const out: (number | string | T)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = cellAt(actuals, r, values[0]);
    const t = cellAt(targets, r, values[1]);
    const s = cellAt(starts, r, values[2]);
    const e = cellAt(ends, r, values[3]);
    const o = cellAt(asOfs, r, values[4]);
    const b = cellAt(baselines, r, values[5]);
    if (
      isFiniteNumber(a) &&
      isFiniteNumber(t) &&
      (b == null || isFiniteNumber(b)) &&
      plainSerial(s) &&
      plainSerial(e) &&
      (o == null || plainSerial(o)) &&
      todaySerial >= 61
    ) {
      const start = Math.floor(s);
      const asOf = o == null ? todaySerial : Math.floor(o);
      const pace = paceOverDays(a, t, b ?? 0, Math.floor(e) - start, asOf - start);
      if (!isKpiError(pace)) {
        out[r] = [pace];
        continue;
      }
    }
    out[r] = [other(r)];
  }
  return out;
}
