import { toNumber } from './coerce';
import { KpiError, divError, isKpiError, numError, valueError } from './errors';
import { tidy } from './score';
import { BLANK, isBlank, type Cell, type Out } from './values';

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
