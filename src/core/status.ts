import { toNumber, toOptionalNumber } from './coerce';
import { KpiError, isKpiError, numError, valueError } from './errors';
import { BLANK, isBlank, type Cell, type Out } from './values';
import { cellAt, isFiniteNumber, type Columns } from './vectorize';
import { FRAMEWORK, wordReader, type Framework } from './words';

/** The codes stay English in every language so that conditional formatting can key on them. */
export type StatusCode = 'GREEN' | 'AMBER' | 'RED';

export interface Thresholds {
  greenAt: number;
  amberAt: number;
}

/** KPI: a target is met or it is not (amber within 10%). OKR: 0.7 is the usual good grade, 0.4 progress. */
export const FRAMEWORK_THRESHOLDS: Readonly<Record<Framework, Thresholds>> = {
  KPI: { greenAt: 1, amberAt: 0.9 },
  OKR: { greenAt: 0.7, amberAt: 0.4 },
};

export interface StatusOptions {
  framework?: Framework;
  greenAt?: number;
  amberAt?: number;
}

/** STATUS for a plain score (the register builder's cached values); `undefined` is a blank score. */
export function statusOf(
  score: number | undefined,
  { framework = 'KPI', greenAt, amberAt }: StatusOptions = {},
): StatusCode | typeof BLANK | KpiError {
  if (score === undefined) return BLANK;
  if (![score, greenAt, amberAt].every((n) => n === undefined || Number.isFinite(n))) {
    return valueError('STATUS needs finite numbers for score, green_at and amber_at.');
  }
  const limits = thresholds(framework, greenAt, amberAt);
  return isKpiError(limits) ? limits : grade(score, limits);
}

const grade = (score: number, { greenAt, amberAt }: Thresholds): StatusCode =>
  score >= greenAt ? 'GREEN' : score >= amberAt ? 'AMBER' : 'RED';

/** The thresholds in force: the framework's, moved by the overrides. */
function thresholds(
  framework: Framework,
  greenAt: number | undefined,
  amberAt: number | undefined,
): Thresholds | KpiError {
  if (greenAt !== undefined && amberAt !== undefined && amberAt > greenAt) {
    return numError(`amber_at (${amberAt}) must not be above green_at (${greenAt}).`);
  }
  // One override moves the other framework default out of its way (green_at 0.8 under KPI, whose amber
  // is 0.9, leaves no amber band) instead of failing on a number the user never typed.
  const defaults = FRAMEWORK_THRESHOLDS[framework];
  const green = greenAt ?? Math.max(defaults.greenAt, amberAt ?? -Infinity);
  return { greenAt: green, amberAt: amberAt ?? Math.min(defaults.amberAt, green) };
}

const readFramework = wordReader(FRAMEWORK, 'framework', 'KPI');

/** STATUS for one cell of each argument. */
export function statusCell(score: Cell, framework: Cell, greenAt: Cell, amberAt: Cell): Out {
  if (isBlank(score)) return BLANK;
  const s = toNumber(score, 'score');
  if (isKpiError(s)) return s;
  const f = readFramework(framework);
  if (isKpiError(f)) return f;
  const g = toOptionalNumber(greenAt, 'green_at');
  if (isKpiError(g)) return g;
  const a = toOptionalNumber(amberAt, 'amber_at');
  if (isKpiError(a)) return a;
  return statusOf(s, { framework: f, greenAt: g, amberAt: a });
}

const optionalNumber = (value: Cell): value is number | null | undefined =>
  value == null || isFiniteNumber(value);

/** STATUS's fused loop (see vectorize's fuse): finite scores graded in place, other rows to `other`. */
export function statusRows<T>(
  { rows, cols, values }: Columns,
  other: (row: number) => T,
): (string | T)[][] | undefined {
  const scores = cols[0];
  const [, word, greenAt, amberAt] = values;
  const framework = readFramework(word);
  if (!scores || cols[1] || cols[2] || cols[3] || isKpiError(framework)) return undefined;
  if (!optionalNumber(greenAt) || !optionalNumber(amberAt)) return undefined;
  const limits = thresholds(framework, greenAt ?? undefined, amberAt ?? undefined);
  if (isKpiError(limits)) return undefined;
  const out: (string | T)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const score = cellAt(scores, r, undefined);
    out[r] = [isFiniteNumber(score) ? grade(score, limits) : other(r)];
  }
  return out;
}
