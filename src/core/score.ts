import { toNumber, toOptionalNumber } from './coerce';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { BLANK, isBlank, type Cell, type Out } from './values';
import { cellAt, isFiniteNumber, type Columns } from './vectorize';
import { POLARITY, wordReader, type Polarity } from './words';

/**
 * Rounds away binary floating-point noise (12 decimals), so that a target met through arithmetic such as
 * 0.1 + 0.2 scores exactly 1 and shows GREEN instead of 0.9999999999999999 and AMBER. Large values are
 * left alone: they have no noise at that scale worth removing and scaling them could overflow.
 */
export function tidy(value: number): number {
  if (value <= -1e3 || value >= 1e3) return value;
  const rounded = Math.round(value * 1e12) / 1e12;
  return rounded === 0 ? 0 : rounded; // no -0
}

export interface ScoreInput {
  /** Blank (not reported yet) when undefined. */
  actual?: number;
  target?: number;
  baseline?: number;
  /** Undefined lets a baseline decide the direction; without a baseline it means `higher`. */
  polarity?: Polarity;
  cap?: number;
}

/**
 * Attainment where 1 means the target is met (spec: SCORE). With a baseline the direction follows from
 * the numbers; a polarity word is then only checked against them. `closer` with a baseline scores the
 * approach like the other polarities and penalises overshooting the target by the same distance, so the
 * baseline scores 0 on either side of the target.
 */
export function computeScore(
  actual: number,
  target: number,
  baseline: number | undefined,
  polarity: Polarity | undefined,
  cap: number | undefined,
): number | KpiError {
  if (cap !== undefined && !(cap > 0)) return numError('cap must be greater than 0.');
  let raw: number;
  if (baseline !== undefined) {
    const span = target - baseline;
    if (span === 0) return divError('target equals baseline, so there is no distance to score progress on.');
    if (polarity === 'higher' && span < 0) {
      return valueError('polarity "higher" contradicts a target below the baseline.');
    }
    if (polarity === 'lower' && span > 0) {
      return valueError('polarity "lower" contradicts a target above the baseline.');
    }
    raw = polarity === 'closer' ? 1 - Math.abs(actual - target) / Math.abs(span) : (actual - baseline) / span;
  } else if (target === 0) {
    return divError('target is 0, so attainment cannot be a ratio of it; give a baseline.');
  } else if (polarity === 'closer') {
    raw = 1 - Math.abs(actual - target) / Math.abs(target);
  } else if (target < 0) {
    // actual / target would rank a bigger loss as over-achievement: only a baseline gives the direction.
    return numError('target is negative: give a baseline so the score can be measured from it.');
  } else {
    raw = polarity === 'lower' ? 2 - actual / target : actual / target;
  }
  if (!Number.isFinite(raw)) return numError('The score is too large to compute from these numbers.');
  const score = raw > 0 ? tidy(raw) : 0;
  return cap !== undefined && score > cap ? cap : score;
}

const finiteOrMissing = (value: number | undefined) => value === undefined || Number.isFinite(value);

/** SCORE for plain numbers (the register builder's cached values). */
export function scoreOf({
  actual,
  target,
  baseline,
  polarity,
  cap,
}: ScoreInput): number | typeof BLANK | KpiError {
  if (actual === undefined || target === undefined) return BLANK;
  if (![actual, target, baseline, cap].every(finiteOrMissing)) {
    return valueError('SCORE needs finite numbers for actual, target, baseline and cap.');
  }
  return computeScore(actual, target, baseline, polarity, cap);
}

/** Reads a polarity argument; no fallback, because a blank polarity lets a baseline decide the direction. */
export const readPolarity = wordReader(POLARITY, 'polarity');

// A finite number is by far the most common cell: it skips the general coercion (SCORE runs per cell
// over ranges of 100,000 cells), and anything else goes through it unchanged.
const readNumber = (value: Cell, name: string) =>
  typeof value === 'number' && Number.isFinite(value) ? value : toNumber(value, name);
const readOptionalNumber = (value: Cell, name: string) =>
  value === undefined
    ? undefined
    : typeof value === 'number' && Number.isFinite(value)
      ? value
      : toOptionalNumber(value, name);

/** SCORE for one cell of each argument (the worksheet function, after vectorising). */
export function scoreCell(actual: Cell, target: Cell, baseline: Cell, polarity: Cell, cap: Cell): Out {
  // Fast path for the usual cells (finite numbers, omitted or numeric options): SCORE runs per cell
  // over ranges of 100,000 cells, and the general reads below cost several times the arithmetic.
  if (
    typeof actual === 'number' &&
    typeof target === 'number' &&
    Number.isFinite(actual) &&
    Number.isFinite(target) &&
    (baseline == null || (typeof baseline === 'number' && Number.isFinite(baseline))) &&
    (cap == null || (typeof cap === 'number' && Number.isFinite(cap)))
  ) {
    const p = readPolarity(polarity);
    return isKpiError(p) ? p : computeScore(actual, target, baseline ?? undefined, p, cap ?? undefined);
  }
  if (typeof actual !== 'number' && isBlank(actual)) return BLANK;
  if (typeof target !== 'number' && isBlank(target)) return BLANK;
  const a = readNumber(actual, 'actual');
  if (typeof a !== 'number') return a;
  const t = readNumber(target, 'target');
  if (typeof t !== 'number') return t;
  const b = readOptionalNumber(baseline, 'baseline');
  if (isKpiError(b)) return b;
  const p = readPolarity(polarity);
  if (isKpiError(p)) return p;
  const c = readOptionalNumber(cap, 'cap');
  if (isKpiError(c)) return c;
  return computeScore(a, t, b, p, c);
}

/**
 * SCORE's fused loop (see vectorize's fuse): rows of finite numbers are scored in place; any other row
 * (blank, text, error, a score that is an error) goes to `other`, the general per-cell path.
 */
export function scoreRows<T>(
  { rows, cols, values }: Columns,
  other: (row: number) => T,
): (number | T)[][] | undefined {
  const [actuals, targets, baselines] = cols;
  const [actual, target, fixedBaseline, word, cap] = values;
  const polarity = readPolarity(word);
  if (cols[3] || cols[4] || isKpiError(polarity) || !(cap == null || (isFiniteNumber(cap) && cap > 0)))
    return undefined;
  if (!baselines && !(fixedBaseline == null || isFiniteNumber(fixedBaseline))) return undefined;
  const out: (number | T)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = cellAt(actuals, r, actual);
    const t = cellAt(targets, r, target);
    const b = cellAt(baselines, r, fixedBaseline);
    if (isFiniteNumber(a) && isFiniteNumber(t) && (b == null || isFiniteNumber(b))) {
      const score = computeScore(a, t, b ?? undefined, polarity, cap ?? undefined);
      if (typeof score === 'number') {
        out[r] = [score];
        continue;
      }
    }
    out[r] = [other(r)];
  }
  return out;
}
