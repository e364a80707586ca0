import fc from 'fast-check';
import { changeCell } from '../../src/core/change';
import { today } from '../../src/core/dates';
import { nextReviewCell } from '../../src/core/nextreview';
import { paceCell } from '../../src/core/pace';
import { rollupCells } from '../../src/core/rollup';
import { scoreCell, tidy } from '../../src/core/score';
import { statusCell } from '../../src/core/status';
import type { Arg, Result } from '../../src/core/values';
import { vectorize, type CellFn } from '../../src/core/vectorize';
import { fromExcel, invoke } from '../../src/functions/adapter';
import * as wrappers from '../../src/functions/functions';
import { ErrorCode, FakeExcelError } from './excel-runtime';

/**
 * The wrappers take a fused loop for the common call (columns of numbers, single-cell options) and the
 * general path (copy every argument, vectorise the per-cell function, copy the result) for everything
 * else. Here arbitrary calls, shaped as Excel passes them, go through both: the wrapper as Excel calls it,
 * and the general path built by hand from the per-cell functions. They must agree cell for cell.
 */
beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeExcelError, ErrorCode };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

/** The general path: every argument copied by fromExcel, the per-cell function vectorised. */
const general = (fn: CellFn, args: readonly unknown[]) =>
  invoke((): Result => vectorize(fn, args.map(fromExcel) as Arg[]));

/** Cells as Excel passes them: numbers (edge values too, no NaN), date serials, blanks, text, errors. */
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 3_000_000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      0,
      -0,
      1,
      59,
      60,
      61,
      2_958_465,
      2_958_466,
      1e308,
      -1e308,
      5e-324,
      Number.MAX_SAFE_INTEGER,
      46_023.75,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      '',
      '  ',
      '12%',
      '1,200',
      'n/a',
      'lower',
      'OKR',
      'monthly',
      '每月',
      '2026-01-31',
      true,
      new FakeExcelError('#DIV/0!', 'from A1'),
      { type: 'Error', basicValue: '#N/A' },
      { type: 'FormattedNumber', basicValue: 0.5 },
    ),
  },
);

/** An argument in one of the shapes Excel may pass, most often a column of `rows`. */
const argument = (rows: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.array(
        cell.map((value) => [value]),
        { minLength: rows, maxLength: rows },
      ),
    },
    { weight: 2, arbitrary: cell.map((value) => [[value]]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined) },
    { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }).map((row) => [row]) },
    {
      weight: 1,
      arbitrary: fc.array(
        cell.map((value) => [value]),
        { minLength: 1, maxLength: 4 },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(cell, cell), { minLength: rows, maxLength: rows }),
    },
    {
      // Ragged: one row of the column is empty or two cells wide.
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.array(
            cell.map((value) => [value]),
            { minLength: rows, maxLength: rows },
          ),
          fc.nat(rows - 1),
          fc.constantFrom<unknown[]>([], [1, 2]),
        )
        .map(([column, at, row]) => column.map((line, r) => (r === at ? row : line))),
    },
  );

/** An option argument: omitted, or one cell holding a word, a number or a blank. */
const option = (...words: unknown[]) =>
  fc.oneof(
    fc.constantFrom<unknown>(null, undefined, [[null]], [['']], ...words.map((word) => [[word]])),
    cell.map((value) => [[value]]),
    argument(3),
  );

/** The wrappers as Excel calls them: any argument may be null (an omitted option). */
type AsExcelCalls = (...args: unknown[]) => unknown[][];
const { change, nextreview, pace, rollup, score, status } = wrappers as unknown as Record<
  'change' | 'nextreview' | 'pace' | 'rollup' | 'score' | 'status',
  AsExcelCalls
>;

const calls = <T extends unknown[]>(make: (rows: number) => fc.Arbitrary<T>) =>
  fc.integer({ min: 2, max: 12 }).chain(make);

const run = { numRuns: 300 };

describe('the fused loops agree with the general path', () => {
  it('SCORE', () => {
    fc.assert(
      fc.property(
        calls((rows) =>
          fc.tuple(
            argument(rows),
            argument(rows),
            fc.oneof(argument(rows), option(0, 100)),
            option('higher', 'lower', 'closer', '越高越好', 'sideways'),
            option(1.2, 0, -1),
          ),
        ),
        (args) => expect(score(...args)).toEqual(general(scoreCell, args)),
      ),
      run,
    );
  });

  it('STATUS', () => {
    fc.assert(
      fc.property(
        calls((rows) =>
          fc.tuple(argument(rows), option('KPI', 'OKR', 'x'), option(0.8, 1), option(0.5, 0.95)),
        ),
        (args) => expect(status(...args)).toEqual(general(statusCell, args)),
      ),
      run,
    );
  });

  it('CHANGE', () => {
    fc.assert(
      fc.property(
        calls((rows) => fc.tuple(argument(rows), fc.oneof(argument(rows), option(0, 100)))),
        (args) => expect(change(...args)).toEqual(general(changeCell, args)),
      ),
      run,
    );
  });

  it('PACE', () => {
    const day = today(new Date());
    const serial = fc.integer({ min: 1, max: 2_958_466 }).map((value) => [[value]]);
    fc.assert(
      fc.property(
        calls((rows) =>
          fc.tuple(
            argument(rows),
            argument(rows),
            fc.oneof(argument(rows), serial, option(46_023)),
            fc.oneof(argument(rows), serial, option(46_387)),
            fc.oneof(argument(rows), serial, option(46_100)),
            fc.oneof(argument(rows), option(0, 50)),
          ),
        ),
        (args) =>
          expect(pace(...args)).toEqual(general((a, t, s, e, o, b) => paceCell(a, t, s, e, o, b, day), args)),
      ),
      run,
    );
  });

  it('NEXTREVIEW', () => {
    fc.assert(
      fc.property(
        calls((rows) =>
          fc.tuple(argument(rows), option('weekly', 'monthly', 'quarterly', 'annual', '每季', 'often')),
        ),
        (args) => expect(nextreview(...args)).toEqual(general(nextReviewCell, args)),
      ),
      run,
    );
  });

  it('ROLLUP', () => {
    const numbers = (rows: number, max: number) =>
      fc
        .array(fc.oneof(fc.double({ min: 0, max, noNaN: true }), fc.constant(null)), {
          minLength: rows,
          maxLength: rows,
        })
        .map((values) => values.map((value) => [value]));
    fc.assert(
      fc.property(
        calls((rows) =>
          fc.tuple(
            fc.oneof(argument(rows), numbers(rows, 2)),
            fc.oneof(argument(rows), numbers(rows, 1e6), option()),
            option(1, 1.2, 0),
          ),
        ),
        ([scores, weights, cap]) =>
          expect(rollup(scores, weights, cap)).toEqual(
            invoke(() => rollupCells(fromExcel(scores), fromExcel(weights), fromExcel(cap))),
          ),
      ),
      run,
    );
  });
});

describe('the common call reads Excel arrays in place', () => {
  /** A column whose arrays refuse to be copied (map, iteration): only indexed reads work. */
  const uncopyable = (values: unknown[]) => {
    const refuse = () => {
      throw new Error('copied');
    };
    const column = values.map((value) => Object.assign([value], { map: refuse, [Symbol.iterator]: refuse }));
    return Object.assign(column, { map: refuse, [Symbol.iterator]: refuse });
  };
  const n = [120, 80, 45];

  it('for every function that takes ranges', () => {
    expect(score(uncopyable(n), uncopyable([100, 100, 50]), null, null, null)).toEqual([[1.2], [0.8], [0.9]]);
    expect(status(uncopyable([1.2, 0.95, 0.5]), null, null, null)).toEqual([['GREEN'], ['AMBER'], ['RED']]);
    expect(change(uncopyable(n), uncopyable([100, 100, 50]))).toEqual([[0.2], [-0.2], [-0.1]]);
    const [start, end, asOf] = [46_023, 46_387, 46_205]; // 2026-01-01, 2027-01-01, 2026-07-02
    expect(pace(uncopyable(n), uncopyable([364, 364, 364]), [[start]], [[end]], [[asOf]], null)).toEqual([
      [tidy(120 / 182)],
      [tidy(80 / 182)],
      [tidy(45 / 182)],
    ]);
    expect(nextreview(uncopyable([start, end, asOf]), [['weekly']])).toEqual([
      [start + 7],
      [end + 7],
      [asOf + 7],
    ]);
    expect(rollup(uncopyable([1, 0.5, null]), uncopyable([2, 1, 5]), null)).toEqual([[tidy(2.5 / 3)]]);
  });
});
