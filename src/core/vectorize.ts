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
  const cell = (arg: Arg | undefined, r: number, c: number): Cell => {
    if (!isMatrix<Cell>(arg)) return arg as Cell;
    const row = arg.length === 1 ? arg[0] : arg[r];
    return row.length === 1 ? row[0] : row[c];
  };
  const [a, b, c, d, e, f] = args;
  if (!anyRange) return fn(a as Cell, b as Cell, c as Cell, d as Cell, e as Cell, f as Cell);
  const out: Matrix<Out> = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const line: Out[] = new Array(cols);
    for (let k = 0; k < cols; k++) {
      line[k] = fn(cell(a, r, k), cell(b, r, k), cell(c, r, k), cell(d, r, k), cell(e, r, k), cell(f, r, k));
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
