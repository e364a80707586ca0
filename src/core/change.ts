import { toNumber } from './coerce';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { tidy } from './score';
import { BLANK, isBlank, type Cell, type Out } from './values';
import { cellAt, isFiniteNumber, type Columns } from './vectorize';

/** Growth rate (YoY, MoM): `(current − previous) / |previous|`, so a smaller loss counts as growth. */
export function changeOf(current: number, previous: number): number | KpiError {
  if (!Number.isFinite(current) || !Number.isFinite(previous)) {
    return valueError('CHANGE needs finite numbers for current and previous.');
  }
  if (previous === 0) return divError('previous is 0, so the change cannot be a rate of it.');
  const rate = (current - previous) / Math.abs(previous);
  return Number.isFinite(rate)
    ? tidy(rate)
    : numError('The change is too large to compute from these numbers.');
}

/** CHANGE for one cell of each argument. */
export function changeCell(current: Cell, previous: Cell): Out {
  if (isBlank(current) || isBlank(previous)) return BLANK;
  const c = toNumber(current, 'current');
  if (isKpiError(c)) return c;
  const p = toNumber(previous, 'previous');
  if (isKpiError(p)) return p;
  return changeOf(c, p);
}

/** CHANGE's fused loop (see vectorize's fuse): finite numbers in place, any other row to `other`. */
export function changeRows<T>({ rows, cols, values }: Columns, other: (row: number) => T): (number | T)[][] {
  const [currents, previouses] = cols;
  const out: (number | T)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const c = cellAt(currents, r, values[0]);
    const p = cellAt(previouses, r, values[1]);
    const rate = isFiniteNumber(c) && isFiniteNumber(p) ? changeOf(c, p) : undefined;
    out[r] = [typeof rate === 'number' ? rate : other(r)];
  }
  return out;
}
