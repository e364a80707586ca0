import { KpiError, isKpiError } from '../../src/core/errors';
import { FEASIBILITY, feasibilityOf, recentLevel } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);
// A team that has averaged 80 new customers a month recently (older months do not count).
const HISTORY = [[40, 300, 60, 78, 80, 82]];

describe('FEASIBILITY', () => {
  it.each([
    [120, 'STRETCH'],
    [500, 'UNREALISTIC'],
    [82, 'EASY'],
    [84, 'EASY'], // exactly 5% above: the boundary is inclusive
    [85, 'STRETCH'],
    [160, 'STRETCH'], // exactly doubling is not beyond 1
    [161, 'UNREALISTIC'],
    [50, 'EASY'], // below the recent level
    [0, 'EASY'],
  ])('worked example: recent level 80, target %s is %s', (target, expected) => {
    expect(FEASIBILITY(target, HISTORY)).toBe(expected);
  });

  it('the recent level is the mean of the last three non-blank values', () => {
    expect(recentLevel([10, 500, undefined, 80, undefined, 78, 82, undefined])).toBe(80);
    expect(FEASIBILITY(82, [[10], [500], [''], [80], [null], [78], [82], ['']])).toBe('EASY');
  });

  it('fewer than three history values is #N/A', () => {
    expect(code(FEASIBILITY(100, [[80, '', 90, '']]))).toBe('#N/A');
    expect(code(FEASIBILITY(100, 80))).toBe('#N/A');
    expect((FEASIBILITY(100, [[80, 90]]) as KpiError).message).toMatch(/history has 2 value/);
  });

  it('lower is mirrored: halving is as hard as doubling', () => {
    expect(FEASIBILITY(78, HISTORY, 'lower')).toBe('EASY');
    expect(FEASIBILITY(60, HISTORY, 'lower')).toBe('STRETCH');
    expect(FEASIBILITY(40, HISTORY, 'lower')).toBe('STRETCH');
    expect(FEASIBILITY(39, HISTORY, '越低越好')).toBe('UNREALISTIC');
    expect(code(FEASIBILITY(0, HISTORY, 'lower'))).toBe('#DIV/0!');
  });

  it('closer is judged by the size of the move either way', () => {
    expect(FEASIBILITY(78, HISTORY, 'closer')).toBe('EASY');
    expect(FEASIBILITY(40, HISTORY, 'maintain')).toBe('STRETCH');
  });

  it('easy_within and unrealistic_beyond override the defaults', () => {
    expect(FEASIBILITY(86, HISTORY, '', 0.1)).toBe('EASY');
    expect(FEASIBILITY(120, HISTORY, '', '', 0.3)).toBe('UNREALISTIC');
    expect(FEASIBILITY(120, HISTORY, '', '10%', '60%')).toBe('STRETCH');
    expect(code(FEASIBILITY(120, HISTORY, '', 0.5, 0.2))).toBe('#NUM!');
  });

  it('negative levels or targets cannot be judged by a ratio: #NUM!', () => {
    expect(code(FEASIBILITY(5, [[-10, -12, -8]]))).toBe('#NUM!');
    expect(code(FEASIBILITY(-5, HISTORY))).toBe('#NUM!');
  });

  it('a recent level of 0 is #DIV/0!', () => {
    expect(code(FEASIBILITY(5, [[0, 0, 0]]))).toBe('#DIV/0!');
  });

  it('blank target gives blank, even with too little history', () => {
    expect(FEASIBILITY('', HISTORY)).toBe('');
    expect(FEASIBILITY('', [[1]])).toBe('');
  });

  it('text or an error in the history is an error', () => {
    const upstream = new KpiError('#N/A', 'missing month');
    expect(FEASIBILITY(100, [[80, upstream, 90, 85]])).toBe(upstream);
    expect((FEASIBILITY(100, [['Sales', 80, 90, 85]]) as KpiError).message).toMatch(/history \(cell 1\)/);
  });

  it('bad arguments are errors naming them', () => {
    expect((FEASIBILITY('lots', HISTORY) as KpiError).message).toMatch(/^target/);
    expect(code(FEASIBILITY(100, HISTORY, 'sideways'))).toBe('#VALUE!');
    expect((FEASIBILITY(100, HISTORY, '', 'x') as KpiError).message).toMatch(/^easy_within/);
  });

  it('targets vectorise against one history read whole', () => {
    expect(FEASIBILITY([[82], [120], [500], ['']], HISTORY)).toEqual([
      ['EASY'],
      ['STRETCH'],
      ['UNREALISTIC'],
      [''],
    ]);
    expect(FEASIBILITY([[82, 82]], HISTORY, [['higher'], ['lower']])).toEqual([
      ['EASY', 'EASY'],
      ['EASY', 'EASY'],
    ]);
  });

  it('feasibilityOf takes plain numbers', () => {
    expect(feasibilityOf({ target: 120, history: [78, 80, 82] })).toBe('STRETCH');
    expect(feasibilityOf({ history: [78, 80, 82] })).toBe('');
    expect(code(feasibilityOf({ target: 120, history: [80, 82] }))).toBe('#N/A');
    expect(code(feasibilityOf({ target: 120, history: [80, 82, NaN] }))).toBe('#VALUE!');
  });
});
