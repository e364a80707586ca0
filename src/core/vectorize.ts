import { valueError } from './errors';
import { isMatrix, type Arg, type Cell, type Matrix, type Out, type Result } from './values';

type CellFn = (a: Cell, b: Cell, c: Cell, d: Cell, e: Cell, f: Cell) => Out;

interface Shape {
  rows: number;
  cols: number;
}

const shapeOf = (arg: Matrix<Cell>): Shape => ({ rows: arg.length, cols: arg.length ? arg[0].length : 0 });

/**
 * Applies a per-cell function across its arguments the way Excel's array formulas do: arguments of the
 * same shape combine cell by cell, a single cell is broadcast, a single row or column is repeated along
 * the other dimension, and anything else is #VALUE!. With no range among the arguments the result is
 * one value. The per-cell function never throws; an error in one cell stays in that cell.
 */
export function vectorize(fn: CellFn, args: readonly Arg[]): Result {
  let rows = 1;
  let cols = 1;
  let anyRange = false;
  for (const arg of args) {
    if (!isMatrix<Cell>(arg)) continue;
    anyRange = true;
    const shape = shapeOf(arg);
    if (shape.rows === 0 || shape.cols === 0 || arg.some((row) => row.length !== shape.cols)) {
      return valueError('A range argument is empty or not rectangular.');
    }
    if (shape.rows !== 1) {
      if (rows !== 1 && rows !== shape.rows) return shapeError();
      rows = shape.rows;
    }
    if (shape.cols !== 1) {
      if (cols !== 1 && cols !== shape.cols) return shapeError();
      cols = shape.cols;
    }
  }
  const [a, b, c, d, e, f] = args;
  if (!anyRange) return fn(a as Cell, b as Cell, c as Cell, d as Cell, e as Cell, f as Cell);
  // Which arguments are ranges is decided once: testing it per cell made large ranges quadratic.
  const ranges = [a, b, c, d, e, f].map((arg) => (isMatrix<Cell>(arg) ? arg : undefined));
  const scalars = [a, b, c, d, e, f] as Cell[];
  const cell = (i: number, r: number, k: number): Cell => {
    const range = ranges[i];
    if (range === undefined) return scalars[i];
    const row = range.length === 1 ? range[0] : range[r];
    return row.length === 1 ? row[0] : row[k];
  };
  const out: Matrix<Out> = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const line: Out[] = new Array(cols);
    for (let k = 0; k < cols; k++) {
      line[k] = fn(cell(0, r, k), cell(1, r, k), cell(2, r, k), cell(3, r, k), cell(4, r, k), cell(5, r, k));
    }
    out[r] = line;
  }
  return out;
}

const shapeError = () => valueError('Ranges must have the same shape (or be a single cell, row or column).');

/** Flattens a range (or a single cell) row by row, for the functions that read a whole list. */
export function flatten(arg: Arg): Cell[] {
  if (!isMatrix<Cell>(arg)) return [arg];
  const out: Cell[] = [];
  for (const row of arg) for (const value of row) out.push(value);
  return out;
}
