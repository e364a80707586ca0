import fc from 'fast-check';
import { changeCell } from '../../src/core/change';
import { today } from '../../src/core/dates';
import { KpiError } from '../../src/core/errors';
import { CHANGE, NEXTREVIEW, PACE, ROLLUP, SCORE, STATUS } from '../../src/core/functions';
import { nextReviewCell } from '../../src/core/nextreview';
import { paceCell } from '../../src/core/pace';
import { rollupCells } from '../../src/core/rollup';
import { scoreCell } from '../../src/core/score';
import { statusCell } from '../../src/core/status';
import type { Arg, Cell } from '../../src/core/values';
import { vectorize } from '../../src/core/vectorize';

/**
 * The core's functions take the fused loop for columns too (the Sheets add-on and the CLI call them with
 * the core's own cells: Dates from Sheets, KpiError values). Whatever they are given, they must give what
 * the general path gives.
 */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 3_000_000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Cell>(
      null,
      undefined,
      '',
      ' ',
      '12%',
      'lower',
      'OKR',
      'monthly',
      true,
      new Date(2026, 0, 31),
      new KpiError('#N/A', 'from A1'),
      61,
      60,
      2_958_466,
    ),
  },
);
const column = (rows: number) =>
  fc.array(
    cell.map((value) => [value]),
    { minLength: rows, maxLength: rows },
  );
const argument = (rows: number): fc.Arbitrary<Arg> =>
  fc.oneof(
    { weight: 5, arbitrary: column(rows) },
    { weight: 2, arbitrary: cell },
    { weight: 1, arbitrary: cell.map((value) => [[value]]) },
    { weight: 1, arbitrary: fc.array(cell, { minLength: 2, maxLength: 3 }).map((row) => [row]) },
  );
const args = (count: number) =>
  fc
    .integer({ min: 2, max: 10 })
    .chain((rows) => fc.tuple(...Array.from({ length: count }, () => argument(rows))));

describe('the core functions over columns agree with the general path', () => {
  const day = new Date(2026, 4, 15);
  it.each([
    ['SCORE', 5, (a: Arg[]) => SCORE(a[0], a[1], a[2], a[3], a[4]), (a: Arg[]) => vectorize(scoreCell, a)],
    ['STATUS', 4, (a: Arg[]) => STATUS(a[0], a[1], a[2], a[3]), (a: Arg[]) => vectorize(statusCell, a)],
    ['CHANGE', 2, (a: Arg[]) => CHANGE(a[0], a[1]), (a: Arg[]) => vectorize(changeCell, a)],
    [
      'PACE',
      6,
      (a: Arg[]) => PACE(a[0], a[1], a[2], a[3], a[4], a[5], day),
      (a: Arg[]) => vectorize((x, t, s, e, o, b) => paceCell(x, t, s, e, o, b, today(day)), a),
    ],
    ['NEXTREVIEW', 2, (a: Arg[]) => NEXTREVIEW(a[0], a[1]), (a: Arg[]) => vectorize(nextReviewCell, a)],
    ['ROLLUP', 3, (a: Arg[]) => ROLLUP(a[0], a[1], a[2]), (a: Arg[]) => rollupCells(a[0], a[1], a[2])],
  ])('%s', (_, count, fused, general) => {
    fc.assert(
      fc.property(args(count), (values) => expect(fused(values)).toEqual(general(values))),
      { numRuns: 300 },
    );
  });
});
