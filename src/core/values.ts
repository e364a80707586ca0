import type { KpiError } from './errors';

/** What a host can pass for one cell. A blank cell is `null`, `undefined` or `''`. */
export type Scalar = number | string | boolean | Date | null | undefined;
export type Cell = Scalar | KpiError;
export type Matrix<T> = T[][];
/** A function argument: one cell or a 2-D range. */
export type Arg = Cell | Matrix<Cell>;
/** One computed cell: `''` is blank (not reported yet). Dates are returned as serial numbers. */
export type Out = number | string | KpiError;
export type Result = Out | Matrix<Out>;

/** The blank result: a KPI that has not reported shows nothing, never 0 and never red. */
export const BLANK = '';

export function isBlank(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function isMatrix<T>(value: unknown): value is Matrix<T> {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}
