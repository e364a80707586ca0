import { KpiError, isKpiError } from '../../src/core/errors';
import { SCORE, scoreOf } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);

describe('SCORE: worked examples from the KPI guide', () => {
  it.each([
    ['target met', [120, 120], 1],
    ['conversion from 12% towards 18%', [0.15, 0.18, 0.12], 0.5],
    ['handling time from 360 s towards 300 s', [330, 300, 360], 0.5],
    ['lower is better, no baseline', [240, 300, undefined, 'lower'], 1.2],
    ['capped over-achievement', [150, 100, undefined, undefined, 1.2], 1.2],
  ] as const)('%s', (_name, args, expected) => {
    expect(SCORE(...(args as [number, number]))).toBeCloseTo(expected, 12);
  });
});

describe('SCORE without a baseline', () => {
  it.each([
    ['higher: ratio to target', [80, 100, '', 'higher'], 0.8],
    ['higher is the default', [80, 100], 0.8],
    ['lower: under target scores above 1', [90, 100, '', 'lower'], 1.1],
    ['lower: over target scores below 1', [130, 100, '', 'lower'], 0.7],
    ['closer: on target', [100, 100, '', 'closer'], 1],
    ['closer: 10% above costs 0.1', [110, 100, '', 'closer'], 0.9],
    ['closer: 10% below costs the same', [90, 100, '', 'closer'], 0.9],
    ['closer works for a negative target', [-90, -100, '', 'closer'], 0.9],
    ['floored at 0 (lower, far over target)', [500, 100, '', 'lower'], 0],
    ['floored at 0 (negative actual)', [-50, 100], 0],
    ['no cap: over-achievement shows', [150, 100], 1.5],
    ['cap above the score changes nothing', [110, 100, '', '', 1.2], 1.1],
  ] as const)('%s', (_name, args, expected) => {
    expect(SCORE(...(args as unknown as [number, number]))).toBeCloseTo(expected, 12);
  });

  it('target 0 is #DIV/0! and says to give a baseline', () => {
    const result = SCORE(5, 0);
    expect(code(result)).toBe('#DIV/0!');
    expect((result as KpiError).message).toMatch(/target/);
    expect((result as KpiError).message).toMatch(/baseline/);
  });

  it('a negative target needs a baseline (a ratio would rank a bigger loss higher)', () => {
    expect(code(SCORE(-200, -100))).toBe('#NUM!');
    expect(code(SCORE(-200, -100, '', 'lower'))).toBe('#NUM!');
    // With the baseline it scores: the loss shrank from 300 to 200 of the 200 planned.
    expect(SCORE(-200, -100, -300)).toBeCloseTo(0.5, 12);
  });
});

describe('SCORE with a baseline', () => {
  it('direction follows from the numbers, with or without a matching polarity', () => {
    expect(SCORE(330, 300, 360, 'lower')).toBeCloseTo(0.5, 12);
    expect(SCORE(0.15, 0.18, 0.12, 'higher')).toBeCloseTo(0.5, 12);
  });

  it('a polarity that contradicts the numbers is #VALUE! naming polarity', () => {
    const lowerUp = SCORE(0.15, 0.18, 0.12, 'lower');
    expect(code(lowerUp)).toBe('#VALUE!');
    expect((lowerUp as KpiError).message).toMatch(/polarity "lower"/);
    expect(code(SCORE(330, 300, 360, 'higher'))).toBe('#VALUE!');
  });

  it('target equal to baseline is #DIV/0!', () => {
    expect(code(SCORE(5, 10, 10))).toBe('#DIV/0!');
  });

  it('at the baseline scores 0, beyond the target above 1, behind the baseline floored at 0', () => {
    expect(SCORE(0.12, 0.18, 0.12)).toBe(0);
    expect(SCORE(0.21, 0.18, 0.12)).toBeCloseTo(1.5, 12);
    expect(SCORE(0.1, 0.18, 0.12)).toBe(0);
    expect(SCORE(390, 300, 360)).toBe(0);
  });

  it('closer with a baseline penalises overshooting by the same distance', () => {
    // From 10 down to 5: halfway is 0.5, on target 1, 2.5 past the target 0.5 again, 5 past it 0.
    expect(SCORE(7.5, 5, 10, 'closer')).toBeCloseTo(0.5, 12);
    expect(SCORE(5, 5, 10, 'closer')).toBe(1);
    expect(SCORE(2.5, 5, 10, 'closer')).toBeCloseTo(0.5, 12);
    expect(SCORE(0, 5, 10, 'closer')).toBe(0);
  });

  it('rounds away floating-point noise so a met target is exactly 1', () => {
    expect(SCORE(0.1 + 0.2, 0.3)).toBe(1);
    expect(SCORE(0.3, 0.1 + 0.2)).toBe(1);
  });
});

describe('SCORE arguments', () => {
  it('blank actual or target gives blank, never 0 or an error', () => {
    for (const blank of [null, undefined, '', '   ']) {
      expect(SCORE(blank, 100)).toBe('');
      expect(SCORE(100, blank)).toBe('');
    }
  });

  it('polarity words are case-insensitive, with aliases in English and zh-HK', () => {
    for (const word of ['LOWER', 'down', 'Decrease', '越低越好', ' lower ']) {
      expect(SCORE(240, 300, '', word)).toBeCloseTo(1.2, 12);
    }
    for (const word of ['up', 'increase', '越高越好']) expect(SCORE(240, 300, '', word)).toBeCloseTo(0.8, 12);
    for (const word of ['range', 'maintain', '越接近越好'])
      expect(SCORE(270, 300, '', word)).toBeCloseTo(0.9, 12);
  });

  it('an unknown polarity is #VALUE! that lists the valid words', () => {
    const result = SCORE(1, 1, '', 'sideways');
    expect(code(result)).toBe('#VALUE!');
    expect((result as KpiError).message).toMatch(/polarity.*higher, lower, closer/);
  });

  it('numeric text is read as a number; other text is #VALUE! naming the argument', () => {
    expect(SCORE('15%', '18%', '12%')).toBeCloseTo(0.5, 12);
    expect(SCORE('1,200', '1,000')).toBeCloseTo(1.2, 12);
    const bad = SCORE('n/a', 100);
    expect(code(bad)).toBe('#VALUE!');
    expect((bad as KpiError).message).toMatch(/^actual/);
    expect((SCORE(1, 'lots') as KpiError).message).toMatch(/^target/);
    expect((SCORE(1, 2, 'x') as KpiError).message).toMatch(/^baseline/);
    expect(code(SCORE(true, 100))).toBe('#VALUE!');
  });

  it('cap must be greater than 0', () => {
    expect(code(SCORE(150, 100, '', '', 0))).toBe('#NUM!');
    expect(code(SCORE(150, 100, '', '', -1))).toBe('#NUM!');
    expect((SCORE(150, 100, '', '', 0) as KpiError).message).toMatch(/cap/);
  });

  it('an error cell passes through unchanged', () => {
    const upstream = new KpiError('#N/A', 'no data');
    expect(SCORE(upstream, 100)).toBe(upstream);
    expect(SCORE(1, 100, upstream)).toBe(upstream);
  });
});

describe('SCORE over ranges', () => {
  it('a column of actuals against one target spills a column', () => {
    expect(SCORE([[50], [100], [''], [150]], 100)).toEqual([[0.5], [1], [''], [1.5]]);
  });

  it('a row of actuals × a column of targets broadcasts to a grid', () => {
    expect(SCORE([[10, 20]], [[10], [20], [40]])).toEqual([
      [1, 2],
      [0.5, 1],
      [0.25, 0.5],
    ]);
  });

  it('per-row polarity and baseline ranges combine cell by cell', () => {
    const result = SCORE([[0.15], [330]], [[0.18], [300]], [[0.12], [360]], [['higher'], ['越低越好']]);
    expect(result).toEqual([[0.5], [0.5]]);
  });

  it('an error stays in its cell and the rest still computes', () => {
    const result = SCORE([[100], ['abc'], [new KpiError('#N/A', 'x')], [80]], 100) as Result[][];
    expect(result[0][0]).toBe(1);
    expect(code(result[1][0] as Result)).toBe('#VALUE!');
    expect(code(result[2][0] as Result)).toBe('#N/A');
    expect(result[3][0]).toBe(0.8);
  });

  it('ranges of different shapes that cannot broadcast are #VALUE!', () => {
    expect(code(SCORE([[1], [2], [3]], [[1], [2]]))).toBe('#VALUE!');
    expect(code(SCORE([[1, 2, 3]], [[1, 2]]))).toBe('#VALUE!');
    expect(code(SCORE([[1, 2], [3]], 1))).toBe('#VALUE!');
    expect(code(SCORE([], 1))).toBe('#VALUE!');
  });

  it('scores a 100,000-row column (the benchmark size) correctly', () => {
    const actuals = Array.from({ length: 100_000 }, (_, i) => [i % 200]);
    const result = SCORE(actuals, 100, '', 'higher', 1.5) as number[][];
    expect(result).toHaveLength(100_000);
    expect(result[150][0]).toBe(1.5);
    expect(result[99_880][0]).toBe(0.8);
    expect(result[99_999][0]).toBe(1.5);
  });
});

describe('scoreOf (plain numbers, for the register builder)', () => {
  it('computes the same scores as SCORE', () => {
    expect(scoreOf({ actual: 330, target: 300, baseline: 360 })).toBeCloseTo(0.5, 12);
    expect(scoreOf({ actual: 240, target: 300, polarity: 'lower' })).toBeCloseTo(1.2, 12);
    expect(scoreOf({ actual: 150, target: 100, cap: 1.2 })).toBe(1.2);
  });

  it('a missing actual or target is blank; non-finite numbers are #VALUE!', () => {
    expect(scoreOf({ target: 100 })).toBe('');
    expect(scoreOf({ actual: 100 })).toBe('');
    expect(code(scoreOf({ actual: NaN, target: 100 }))).toBe('#VALUE!');
    expect(code(scoreOf({ actual: 1, target: Infinity }))).toBe('#VALUE!');
  });
});
