import { KpiError, isKpiError } from '../../src/core/errors';
import { CHANGE, changeOf } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);

describe('CHANGE', () => {
  it.each([
    ['growth', [120, 100], 0.2],
    ['decline', [80, 100], -0.2],
    ['no change', [100, 100], 0],
    ['a smaller loss is growth', [-50, -100], 0.5],
    ['a bigger loss is decline', [-150, -100], -0.5],
    ['from a loss to a profit', [50, -100], 1.5],
    ['percentages as fractions', [0.18, 0.12], 0.5],
    ['numeric text', ['1,320', '1,200'], 0.1],
  ] as const)('%s', (_name, args, expected) => {
    expect(CHANGE(...(args as unknown as [number, number]))).toBeCloseTo(expected, 12);
  });

  it('no floating-point noise on a plain 10% rise', () => {
    expect(CHANGE(1.1, 1)).toBe(0.1);
  });

  it('previous 0 is #DIV/0!', () => {
    expect(code(CHANGE(5, 0))).toBe('#DIV/0!');
    expect((CHANGE(5, 0) as KpiError).message).toMatch(/previous/);
  });

  it('blank in, blank out', () => {
    expect(CHANGE('', 100)).toBe('');
    expect(CHANGE(100, null)).toBe('');
  });

  it('text is #VALUE! naming the argument; errors pass through', () => {
    expect((CHANGE('up', 1) as KpiError).message).toMatch(/^current/);
    expect((CHANGE(1, 'before') as KpiError).message).toMatch(/^previous/);
    const upstream = new KpiError('#N/A', 'x');
    expect(CHANGE(upstream, 1)).toBe(upstream);
  });

  it('month-on-month over a row: each month against the one before', () => {
    const months = [100, 110, 99, 0, 10];
    const result = CHANGE([months.slice(1)], [months.slice(0, -1)]) as Result[][];
    expect(result[0][0]).toBeCloseTo(0.1, 12);
    expect(result[0][1]).toBeCloseTo(-0.1, 12);
    expect(result[0][2]).toBe(-1);
    expect(code(result[0][3] as Result)).toBe('#DIV/0!');
  });

  it('changeOf rejects non-finite numbers', () => {
    expect(code(changeOf(NaN, 1))).toBe('#VALUE!');
    expect(changeOf(110, 100)).toBeCloseTo(0.1, 12);
  });
});
