import { toNumber, toOptionalNumber } from './coerce';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { tidy } from './score';
import { flatten, isFiniteNumber } from './vectorize';
import { BLANK, isBlank, isMatrix, type Arg, type Cell } from './values';

export interface RollupOptions {
  /**
   * One weight per score; `undefined` entries are blank weights and count as 0 (as SUMPRODUCT does),
   * except that all-blank weights mean equal weights, like omitting them.
   */
  weights?: readonly (number | undefined)[];
  cap?: number;
}

/**
 * Weighted mean of child scores for a cascade parent (spec: ROLLUP). `undefined` scores are blank
 * (not reported) and skipped, so the remaining weights are renormalised. Each score is capped before
 * averaging so one over-achiever cannot hide a failing sibling.
 */
export function rollupOf(
  scores: readonly (number | undefined)[],
  { weights, cap }: RollupOptions = {},
): number | typeof BLANK | KpiError {
  if (scores.every((score) => score === undefined)) return BLANK;
  if (weights !== undefined && weights.length !== scores.length) {
    return valueError(
      `weights has ${weights.length} cells but scores has ${scores.length}; they must match.`,
    );
  }
  if (cap !== undefined && !Number.isFinite(cap)) return valueError('cap must be a finite number.');
  if (cap !== undefined && !(cap > 0)) return numError('cap must be greater than 0.');
  let largest = 0;
  for (let i = 0; i < (weights?.length ?? 0); i++) {
    const weight = weights![i];
    if (weight === undefined) continue;
    if (!Number.isFinite(weight)) return valueError(`weight ${i + 1} is not a finite number.`);
    if (weight < 0) return numError(`weight ${i + 1} is negative (${weight}); weights must be 0 or more.`);
    if (weight > largest) largest = weight;
  }
  const equal = weights === undefined || weights.every((weight) => weight === undefined);
  // Weights are divided by the largest one so that huge weights cannot overflow the sums.
  let total = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score === undefined) continue;
    if (!Number.isFinite(score)) return valueError(`score ${i + 1} is not a finite number.`);
    const weight = equal ? 1 : (weights![i] ?? 0) / largest || 0;
    total += weight;
    sum += (cap !== undefined && score > cap ? cap : score) * weight;
  }
  if (total === 0) return divError('Every reported score has a weight of 0, so there is nothing to average.');
  const mean = sum / total;
  return Number.isFinite(mean)
    ? tidy(mean)
    : numError('The rollup is too large to compute from these scores.');
}

/** How many rows and columns an argument covers; a single cell is 1 × 1. */
function dims(arg: Arg): [number, number] {
  return isMatrix<Cell>(arg) ? [arg.length, arg.length ? arg[0].length : 0] : [1, 1];
}

/** Weights fit scores when they have the same shape, or both are a single row or column of one length. */
function shapesFit(scores: Arg, weights: Arg): boolean {
  const [sr, sc] = dims(scores);
  const [wr, wc] = dims(weights);
  if (sr === wr && sc === wc) return true;
  return (sr === 1 || sc === 1) && (wr === 1 || wc === 1) && sr * sc === wr * wc;
}

/** Reads a list of cells: blank is `undefined`, anything else must be a number (errors pass through). */
function readNumbers(cells: readonly Cell[], name: string): (number | undefined)[] | KpiError {
  const out: (number | undefined)[] = [];
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    const number = isBlank(value) ? undefined : toNumber(value, `${name} (cell ${i + 1})`);
    if (isKpiError(number)) return number;
    out.push(number);
  }
  return out;
}

/** ROLLUP over worksheet arguments: reads the ranges whole and returns one value. */
export function rollupCells(scores: Arg, weights?: Arg, cap?: Arg): number | string | KpiError {
  const values = readNumbers(flatten(scores), 'scores');
  if (isKpiError(values)) return values;
  if (values.every((score) => score === undefined)) return BLANK;
  let weightValues: (number | undefined)[] | undefined;
  if (!isBlank(weights)) {
    if (!shapesFit(scores, weights as Arg)) {
      return valueError('weights must cover the same cells as scores (same size and shape).');
    }
    const read = readNumbers(flatten(weights as Arg), 'weights');
    if (isKpiError(read)) return read;
    weightValues = read;
  }
  let capCell: Cell;
  if (isMatrix<Cell>(cap)) {
    if (cap.length !== 1 || cap[0].length !== 1) return valueError('cap must be a single cell.');
    capCell = cap[0][0];
  } else {
    capCell = cap;
  }
  const capValue = toOptionalNumber(capCell, 'cap');
  if (isKpiError(capValue)) return capValue;
  return rollupOf(values, { weights: weightValues, cap: capValue });
}

/** A range of the same shape as `like`: every row an array of the same length. */
function sameShape(range: unknown, like: readonly unknown[][]): range is readonly unknown[][] {
  if (!Array.isArray(range) || range.length !== like.length) return false;
  for (let r = 0; r < like.length; r++) {
    const row: unknown = range[r];
    if (!Array.isArray(row) || row.length !== like[r].length) return false;
  }
  return true;
}

const blankCell = (value: unknown) => value === null || value === undefined || value === '';

/**
 * ROLLUP's usual call in two passes over the ranges as the host passed them, with no copies: scores that
 * are finite numbers or blank, weights omitted or of the same shape (finite, 0 or more, or blank), a
 * positive cap or none. Undefined for anything else (and for any error): the general path answers.
 * `cap` is the single cap value, already read.
 */
export function rollupFast(scores: unknown, weights: unknown, cap: Cell): number | typeof BLANK | undefined {
  if (!Array.isArray(scores) || scores.length === 0) return undefined;
  const rows = scores as unknown[][];
  if (!sameShape(rows, rows) || !(cap == null || (isFiniteNumber(cap) && cap > 0))) return undefined;
  const weighted = !blankCell(weights);
  if (weighted && !sameShape(weights, rows)) return undefined;
  let largest = 0;
  let anyWeight = false;
  let anyScore = false;
  for (let r = 0; r < rows.length; r++) {
    const line = rows[r];
    const weightLine = weighted ? (weights as unknown[][])[r] : undefined;
    for (let k = 0; k < line.length; k++) {
      const score = line[k];
      if (isFiniteNumber(score)) anyScore = true;
      else if (!blankCell(score)) return undefined;
      if (weightLine === undefined) continue;
      const weight = weightLine[k];
      if (isFiniteNumber(weight)) {
        if (weight < 0) return undefined;
        anyWeight = true;
        if (weight > largest) largest = weight;
      } else if (!blankCell(weight)) return undefined;
    }
  }
  if (!anyScore) return BLANK;
  // As rollupOf: weights divided by the largest, blank weights 0, all-blank weights equal.
  let total = 0;
  let sum = 0;
  for (let r = 0; r < rows.length; r++) {
    const line = rows[r];
    const weightLine = anyWeight ? (weights as unknown[][])[r] : undefined;
    for (let k = 0; k < line.length; k++) {
      const score = line[k];
      if (!isFiniteNumber(score)) continue;
      const w = weightLine === undefined ? 1 : weightLine[k];
      const weight = weightLine === undefined ? 1 : isFiniteNumber(w) ? w / largest || 0 : 0;
      total += weight;
      sum += (cap != null && score > cap ? cap : score) * weight;
    }
  }
  const mean = sum / total;
  return total !== 0 && mean - mean === 0 ? tidy(mean) : undefined;
}
