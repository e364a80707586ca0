import { KpiError, isKpiError } from '../../src/core/errors';
import { ROLLUP, rollupOf } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);

describe('ROLLUP', () => {
  it('worked example: blank score skipped, remaining weights renormalised', () => {
    // (1·2 + 0.5·1) / (2 + 1)
    expect(ROLLUP([[1, 0.5, '']], [[2, 1, 5]])).toBeCloseTo(2.5 / 3, 12);
  });

  it('no weights: equal weights', () => {
    expect(ROLLUP([[1], [0.5], [0.6]])).toBeCloseTo(0.7, 12);
    expect(ROLLUP([[1, 0.5, '']])).toBeCloseTo(0.75, 12);
  });

  it('cap is applied to each score before averaging', () => {
    // Uncapped (2 + 0.4) / 2 = 1.2 would hide the failing sibling; capped it is (1 + 0.4) / 2.
    expect(ROLLUP([[2], [0.4]], undefined, 1)).toBeCloseTo(0.7, 12);
    expect(ROLLUP([[2], [0.4]])).toBeCloseTo(1.2, 12);
    expect(ROLLUP([[2], [0.4]], undefined, [[1]])).toBeCloseTo(0.7, 12);
  });

  it('all scores blank gives blank', () => {
    expect(ROLLUP([[''], [null], [undefined]])).toBe('');
    expect(ROLLUP([['', '']], [[1, 2]])).toBe('');
    expect(ROLLUP('')).toBe('');
  });

  it('weights may be a column against a row of scores of the same length', () => {
    expect(ROLLUP([[1, 0.5, '']], [[2], [1], [5]])).toBeCloseTo(2.5 / 3, 12);
  });

  it('weights that do not match the scores in size are #VALUE!', () => {
    expect(code(ROLLUP([[1, 0.5, 0.2]], [[2, 1]]))).toBe('#VALUE!');
    expect(code(ROLLUP([[1], [0.5], [0.2]], 2))).toBe('#VALUE!');
    // Same count, different 2-D shape: the pairing would be a guess.
    expect(
      code(
        ROLLUP(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [1, 1],
            [1, 1],
            [1, 1],
          ],
        ),
      ),
    ).toBe('#VALUE!');
    expect((ROLLUP([[1, 0.5, 0.2]], [[2, 1]]) as KpiError).message).toMatch(/weights/);
  });

  it('a negative weight is #NUM!', () => {
    expect(code(ROLLUP([[1, 0.5]], [[1, -1]]))).toBe('#NUM!');
    expect((ROLLUP([[1, 0.5]], [[1, -1]]) as KpiError).message).toMatch(/weight 2 is negative/);
  });

  it('all weights of the reported scores zero is #DIV/0!', () => {
    expect(code(ROLLUP([[1, 0.5, '']], [[0, 0, 5]]))).toBe('#DIV/0!');
  });

  it('a zero weight leaves its score out', () => {
    expect(ROLLUP([[1, 0.2]], [[1, 0]])).toBe(1);
  });

  it('blank weights count as 0, unless all are blank (then equal weights)', () => {
    expect(ROLLUP([[1, 0.2]], [[3, '']])).toBe(1);
    expect(ROLLUP([[1, 0.2]], [['', '']])).toBeCloseTo(0.6, 12);
  });

  it('an error cell among the scores is that error', () => {
    const upstream = new KpiError('#DIV/0!', 'target is 0');
    expect(ROLLUP([[1], [upstream], [0.5]])).toBe(upstream);
    expect(code(ROLLUP([[1], ['lots']]))).toBe('#VALUE!');
    expect((ROLLUP([[1], ['lots']]) as KpiError).message).toMatch(/scores \(cell 2\)/);
  });

  it('an error or text among the weights is an error too', () => {
    const upstream = new KpiError('#N/A', 'missing');
    expect(ROLLUP([[1, 0.5]], [[1, upstream]])).toBe(upstream);
    expect(code(ROLLUP([[1, 0.5]], [[1, 'heavy']]))).toBe('#VALUE!');
  });

  it('cap must be greater than 0 and a single cell', () => {
    expect(code(ROLLUP([[1, 0.5]], undefined, 0))).toBe('#NUM!');
    expect(code(ROLLUP([[1, 0.5]], undefined, [[1, 2]]))).toBe('#VALUE!');
  });

  it('huge weights do not overflow', () => {
    expect(ROLLUP([[1, 0.5]], [[1e308, 1e308]])).toBeCloseTo(0.75, 12);
  });

  it('numeric text scores and weights are read as numbers', () => {
    expect(ROLLUP([['100%', '50%']], [['2', '2']])).toBeCloseTo(0.75, 12);
  });
});

describe('rollupOf (plain numbers)', () => {
  it('matches ROLLUP', () => {
    expect(rollupOf([1, 0.5, undefined], { weights: [2, 1, 5] })).toBeCloseTo(2.5 / 3, 12);
    expect(rollupOf([undefined, undefined])).toBe('');
    expect(code(rollupOf([1, 2], { weights: [1] }))).toBe('#VALUE!');
    expect(rollupOf([2, 0.4], { cap: 1 })).toBeCloseTo(0.7, 12);
  });
});
