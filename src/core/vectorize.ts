import { valueError } from './errors';
import { isMatrix, type Arg, type Cell, type Matrix, type Out, type Result } from './values';

export type CellFn = (a: Cell, b: Cell, c: Cell, d: Cell, e: Cell, f: Cell) => Out;

/**
 * The columns of a rectangular range, -1 for a range that is empty or ragged, or undefined when the
 * argument is a single cell. One plain loop: this runs over every row of ranges of 100,000 cells.
 */
function rangeCols(arg: Arg | undefined): number | undefined {
  if (!Array.isArray(arg)) return undefined;
  const cols = arg.length ? (Array.isArray(arg[0]) ? arg[0].length : 0) : 0;
  for (let r = 0; r < arg.length; r++) {
    const row = arg[r];
    if (!Array.isArray(row)) return undefined; // not a matrix (isMatrix): read as one cell
    if (row.length !== cols) return -1;
  }
  return cols === 0 ? -1 : cols;
}

/**
 * Applies a per-cell function across its arguments the way Excel's array formulas do: arguments of the
 * same shape combine cell by cell, a single cell is broadcast, a single row or column is repeated along
 * the other dimension, and anything else is #VALUE!. With no range among the arguments the result is
 * one value. The per-cell function never throws; an error in one cell stays in that cell.
 */
export function vectorize(fn: CellFn, args: readonly Arg[]): Result {
  const [a, b, c, d, e, f] = args;
  const ranges: (Matrix<Cell> | undefined)[] = [];
  let rows = 1;
  let cols = 1;
  for (let i = 0; i < 6; i++) {
    const arg = args[i];
    const width = rangeCols(arg);
    if (width === undefined) {
      ranges.push(undefined);
      continue;
    }
    if (width < 0) return valueError('A range argument is empty or not rectangular.');
    const range = arg as Matrix<Cell>;
    ranges.push(range);
    if (range.length !== 1) {
      if (rows !== 1 && rows !== range.length) return shapeError();
      rows = range.length;
    }
    if (width !== 1) {
      if (cols !== 1 && cols !== width) return shapeError();
      cols = width;
    }
  }
  const [ra, rb, rc, rd, re, rf] = ranges;
  if (!ranges.some(Boolean)) return fn(a as Cell, b as Cell, c as Cell, d as Cell, e as Cell, f as Cell);
  // Each range's row is fetched once per output row and the result is preallocated: this loop runs for
  // every cell of ranges of 100,000 cells, so it avoids per-cell type tests, closures and array growth.
  const out: Matrix<Out> = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const la = rowOf(ra, r);
    const lb = rowOf(rb, r);
    const lc = rowOf(rc, r);
    const ld = rowOf(rd, r);
    const le = rowOf(re, r);
    const lf = rowOf(rf, r);
    if (cols === 1) {
      // A column (the usual range): a one-element literal lets V8 keep a numeric result unboxed, which
      // spares the garbage collector one heap number per cell.
      out[r] = [
        fn(
          la === undefined ? (a as Cell) : la[0],
          lb === undefined ? (b as Cell) : lb[0],
          lc === undefined ? (c as Cell) : lc[0],
          ld === undefined ? (d as Cell) : ld[0],
          le === undefined ? (e as Cell) : le[0],
          lf === undefined ? (f as Cell) : lf[0],
        ),
      ];
      continue;
    }
    const line: Out[] = new Array(cols);
    for (let k = 0; k < cols; k++) {
      line[k] = fn(
        la === undefined ? (a as Cell) : la.length === 1 ? la[0] : la[k],
        lb === undefined ? (b as Cell) : lb.length === 1 ? lb[0] : lb[k],
        lc === undefined ? (c as Cell) : lc.length === 1 ? lc[0] : lc[k],
        ld === undefined ? (d as Cell) : ld.length === 1 ? ld[0] : ld[k],
        le === undefined ? (e as Cell) : le.length === 1 ? le[0] : le[k],
        lf === undefined ? (f as Cell) : lf.length === 1 ? lf[0] : lf[k],
      );
    }
    out[r] = line;
  }
  return out;
}

/** The row of a range for output row r; a one-row range is broadcast down. */
const rowOf = (range: Matrix<Cell> | undefined, r: number): Cell[] | undefined =>
  range === undefined ? undefined : range.length === 1 ? range[0] : range[r];

const shapeError = () => valueError('Ranges must have the same shape (or be a single cell, row or column).');

/** Flattens a range (or a single cell) row by row, for the functions that read a whole list. */
export function flatten(arg: Arg): Cell[] {
  if (!isMatrix<Cell>(arg)) return [arg];
  const out: Cell[] = [];
  for (const row of arg) for (const value of row) out.push(value);
  return out;
}

/**
 * A function's arguments as the fused loops read them: each argument is either a column of `rows` cells
 * (an n×1 range, read in place: its cells are still as the host passed them) or one value (a plain
 * value or a 1×1 range, read once through `read`). See `fuse`.
 */
export interface Columns {
  rows: number;
  cols: (readonly (readonly unknown[])[] | undefined)[];
  values: Cell[];
}

/**
 * The columns of the arguments, or undefined unless there is a column and every range is one of `rows`.
 * Only the outer arrays are checked here: each row is checked as it is read (`cellAt`), in the one loop.
 */
function columnsOf(args: readonly unknown[], read: (value: unknown) => Cell): Columns | undefined {
  let rows = 0;
  const cols: Columns['cols'] = [];
  const values: Cell[] = [];
  for (const arg of args) {
    if (!Array.isArray(arg)) {
      cols.push(undefined);
      values.push(read(arg));
      continue;
    }
    const n = arg.length;
    if (n === 1) {
      const row: unknown = arg[0];
      if (!Array.isArray(row) || row.length !== 1) return undefined;
      cols.push(undefined);
      values.push(read(row[0]));
      continue;
    }
    if (n === 0 || (rows !== 0 && rows !== n)) return undefined;
    rows = n;
    cols.push(arg as unknown[][]);
    values.push(undefined);
  }
  return rows === 0 ? undefined : { rows, cols, values };
}

/** What `cellAt` reads from a row that is not a one-cell array: no cell, so no fused loop. */
const NOT_A_COLUMN: unique symbol = Symbol('not a column');

/**
 * Row r's cell of a column argument (its single value when it is not a column). A row that is not a
 * one-cell array reads as a value no kernel computes, so the kernel hands the row to `other`, which
 * abandons the fused loop for the general path.
 */
export function cellAt(col: readonly (readonly unknown[])[] | undefined, r: number, value: Cell): unknown {
  if (col === undefined) return value;
  const row = col[r];
  return Array.isArray(row) && row.length === 1 ? row[0] : NOT_A_COLUMN;
}

/** A fused loop: the whole result of one function over columns, or undefined to take the general path. */
export type Kernel = <T>(
  columns: Columns,
  other: (row: number) => T,
) => (number | string | T)[][] | undefined;

/**
 * The common large call (columns of one length, single-cell options) in one loop that reads the ranges
 * in place and writes the result once, instead of copying every argument and result cell by cell.
 * `kernel` computes the usual cells itself and hands any other row to `other`, which reads that row's
 * cells through `read` and runs the per-cell function `fn`: the very path `vectorize` takes, so both
 * paths agree cell for cell (test/functions/fused.test.ts). Undefined when the arguments are not such
 * columns, or the kernel declines (an option it does not read itself): the caller then vectorises.
 */
export function fuse<T>(
  args: readonly unknown[],
  read: (value: unknown) => Cell,
  convert: (out: Out) => T,
  fn: CellFn,
  kernel: Kernel,
): (number | string | T)[][] | undefined {
  const columns = columnsOf(args, read);
  if (columns === undefined) return undefined;
  const { cols, values } = columns;
  const at = (i: number, r: number): Cell => {
    const cell = cellAt(cols[i], r, values[i]);
    if (cell === NOT_A_COLUMN) throw NOT_A_COLUMN;
    return cols[i] === undefined ? (cell as Cell) : read(cell);
  };
  try {
    return kernel(columns, (r) => convert(fn(at(0, r), at(1, r), at(2, r), at(3, r), at(4, r), at(5, r))));
  } catch (error) {
    if (error === NOT_A_COLUMN) return undefined;
    throw error;
  }
}

/** A finite number (the test the fused loops run per cell; `v - v` is NaN for ±Infinity and NaN). */
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && value - value === 0;

/**
 * A single-cell argument's value (a plain value or a 1×1 range) read through `read`; a larger range gives
 * a #VALUE! error, which no fused loop accepts as an option.
 */
export function singleValue(arg: unknown, read: (value: unknown) => Cell): Cell {
  if (!Array.isArray(arg)) return read(arg);
  const row: unknown = arg[0];
  return arg.length === 1 && Array.isArray(row) && row.length === 1
    ? read(row[0])
    : valueError('A range where one cell is expected.');
}
