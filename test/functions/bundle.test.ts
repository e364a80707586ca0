import { parse } from 'acorn';
import { buildFunctions, readBuilt } from '../helpers/build';
import { FakeExcelError, loadInExcelRuntime, type ExcelFunction } from './excel-runtime';

/**
 * The production bundle, run the way Excel runs it: dist/functions.js in a bare context with only the
 * CustomFunctions global, called with arguments shaped as Excel passes them (every argument a 2-D
 * array because every parameter is `any[][]`; a blank cell is null; an omitted argument is null).
 */
const IDS = ['SCORE', 'STATUS', 'ROLLUP', 'CHANGE', 'PACE', 'FEASIBILITY', 'SMARTCHECK', 'NEXTREVIEW'];

let code: string;
let fns: Map<string, ExcelFunction>;
const call = (id: string, ...args: unknown[]) => fns.get(id)!(...args);
/** The single value of a 1×1 result. */
const one = (id: string, ...args: unknown[]) => {
  const result = call(id, ...args);
  expect(result).toHaveLength(1);
  expect(result[0]).toHaveLength(1);
  return result[0][0];
};
const serial = (y: number, m: number, d: number) =>
  (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

beforeAll(async () => {
  const dir = await buildFunctions();
  code = readBuilt(dir, 'functions.js');
  fns = loadInExcelRuntime(code);
}, 180_000);

describe('dist/functions.js in a context with only CustomFunctions', () => {
  it('registers all eight functions', () => {
    expect([...fns.keys()].sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(typeof fns.get(id)).toBe('function');
  });

  it('stays small: no zod, exceljs or react in the functions bundle', () => {
    expect(code.length).toBeLessThan(150_000);
    expect(code).not.toMatch(/ZodError|ExcelJS|react\.element|__SECRET_INTERNALS/);
  });

  it('is ES2017 syntax, for the JavaScript-only runtime', () => {
    expect(() => parse(code, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
  });
});

describe('the worked examples of the spec, through the registered functions', () => {
  it('SCORE', () => {
    expect(one('SCORE', [[120]], [[120]])).toBe(1);
    expect(one('SCORE', [[0.15]], [[0.18]], [[0.12]])).toBeCloseTo(0.5, 12);
    expect(one('SCORE', [[330]], [[300]], [[360]])).toBeCloseTo(0.5, 12);
    expect(one('SCORE', [[240]], [[300]], null, [['lower']])).toBeCloseTo(1.2, 12);
    expect(one('SCORE', [[150]], [[100]], null, null, [[1.2]])).toBeCloseTo(1.2, 12);
  });

  it('STATUS', () => {
    expect(one('STATUS', [[0.95]])).toBe('AMBER');
    expect(one('STATUS', [[0.65]], [['OKR']])).toBe('AMBER');
  });

  it('ROLLUP({1, 0.5, ""}, {2, 1, 5}) skips the blank score and renormalises the weights', () => {
    expect(one('ROLLUP', [[1, 0.5, '']], [[2, 1, 5]])).toBeCloseTo(2.5 / 3, 12);
    expect(one('ROLLUP', [[1, 0.5, null]], [[2, 1, 5]])).toBeCloseTo(2.5 / 3, 12);
  });

  it('SMARTCHECK', () => {
    const vague = one('SMARTCHECK', [['提升銷售']]);
    expect(typeof vague).toBe('string');
    expect(vague as string).toMatch(/^0\/5/);
    const smart = '2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 18%';
    expect(one('SMARTCHECK', [[smart]], null, null, null, [['Grow online revenue']])).toBe('5/5');
  });

  it('FEASIBILITY, CHANGE, PACE and NEXTREVIEW', () => {
    const history = [[80], [78], [80], [82]];
    expect(one('FEASIBILITY', [[120]], history)).toBe('STRETCH');
    expect(one('FEASIBILITY', [[500]], history)).toBe('UNREALISTIC');
    expect(one('FEASIBILITY', [[82]], history)).toBe('EASY');
    expect(one('CHANGE', [[110]], [[100]])).toBeCloseTo(0.1, 12);
    const [start, end] = [serial(2026, 1, 1), serial(2026, 12, 31)];
    const midway = start + (end - start) / 2;
    expect(one('PACE', [[50]], [[100]], [[start]], [[end]], [[midway]])).toBeCloseTo(1, 12);
    expect(one('NEXTREVIEW', [[serial(2026, 1, 31)]], [['monthly']])).toBe(serial(2026, 2, 28));
    expect(one('NEXTREVIEW', [[serial(2026, 3, 15)]], [['每季']])).toBe(serial(2026, 6, 15));
  });
});

describe('Excel argument and result shapes', () => {
  it('a blank cell stays blank: no 0, no error', () => {
    expect(one('SCORE', [[null]], [[100]])).toBe('');
    expect(one('STATUS', [[null]])).toBe('');
    expect(one('SCORE', [['']], [[100]])).toBe('');
  });

  it('a range in spills out in the same shape, cell by cell', () => {
    expect(call('SCORE', [[100], [50], [null]], [[100]])).toEqual([[1], [0.5], ['']]);
    const statuses = call('STATUS', [
      [1.1, 0.95],
      [0.5, null],
    ]);
    expect(statuses).toEqual([
      ['GREEN', 'AMBER'],
      ['RED', ''],
    ]);
  });

  it('errors come back as CustomFunctions.Error with the code and a message', () => {
    const expectError = (value: unknown, code: string) => {
      expect(value).toBeInstanceOf(FakeExcelError);
      expect((value as FakeExcelError).code).toBe(code);
      expect((value as FakeExcelError).message).toEqual(expect.stringMatching(/\S/));
    };
    expectError(one('SCORE', [['lots']], [[100]]), '#VALUE!');
    expectError(one('SCORE', [[50]], [[0]]), '#DIV/0!');
    expectError(one('SCORE', [[50]], [[100]], null, null, [[0]]), '#NUM!');
    expectError(one('FEASIBILITY', [[120]], [[80], [81]]), '#N/A');
    expectError(one('NEXTREVIEW', [[serial(2026, 1, 1)]], [['sometimes']]), '#VALUE!');
    expectError(one('STATUS', [[0.5]], null, [[0.8]], [[0.9]]), '#NUM!');
  });

  it('an error in one input cell stays in its output cell; the rest still computes', () => {
    const [[first], [second]] = call('SCORE', [[new FakeExcelError('#N/A')], [80]], [[100]]);
    expect(first).toBeInstanceOf(FakeExcelError);
    expect((first as FakeExcelError).code).toBe('#N/A');
    expect(second).toBe(0.8);
    // Excel cannot return #REF! from a custom function: it becomes #VALUE! naming the original.
    const [[ref]] = call('SCORE', [[new FakeExcelError('#REF!')]], [[100]]);
    expect((ref as FakeExcelError).code).toBe('#VALUE!');
    expect((ref as FakeExcelError).message).toContain('#REF!');
  });

  it('ranges that neither match nor broadcast give one #VALUE!', () => {
    const result = call('SCORE', [[1], [2], [3]], [[1], [2]]);
    expect(result).toHaveLength(1);
    expect((result[0][0] as FakeExcelError).code).toBe('#VALUE!');
  });
});
