import fc from 'fast-check';
import { SCORE } from '../../src/core/functions';
import { scoreCell } from '../../src/core/score';
import type { Cell } from '../../src/core/values';

// SCORE has a loop of its own for whole columns with single-cell options; it must agree cell for cell
// with the per-cell function that every other shape goes through.
describe('SCORE over whole columns', () => {
  const cell = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom<Cell>(null, undefined, '', '12%', 'n/a', true, 0),
  );
  const option = fc.constantFrom<Cell>(undefined, null, 'lower', '越高越好', 'closer', 'sideways', 1.2, -1);

  it('gives each row what the per-cell function gives', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 30 })
          .chain((rows) =>
            fc.tuple(
              fc.array(cell, { minLength: rows, maxLength: rows }),
              fc.array(cell, { minLength: rows, maxLength: rows }),
              fc.option(fc.array(cell, { minLength: rows, maxLength: rows }), { nil: undefined }),
              option,
              fc.constantFrom<Cell>(undefined, 1.2, 0),
              fc.boolean(),
            ),
          ),
        ([actuals, targets, baselines, polarity, cap, wrapOptions]) => {
          const column = (values: Cell[]) => values.map((value) => [value]);
          const wrap = (value: Cell) => (wrapOptions ? [[value]] : value);
          const result = SCORE(
            column(actuals),
            column(targets),
            baselines ? column(baselines) : undefined,
            wrap(polarity),
            wrap(cap),
          );
          expect(result).toEqual(
            actuals.map((a, r) => [
              scoreCell(a, targets[r], baselines ? baselines[r] : undefined, polarity, cap),
            ]),
          );
        },
      ),
    );
  });
});
