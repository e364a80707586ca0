import { KpiError, isKpiError } from '../../src/core/errors';
import { SCORE, STATUS, statusOf } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);

describe('STATUS', () => {
  it.each([
    ['KPI amber band (worked example)', [0.95], 'AMBER'],
    ['OKR 0.65 is amber (worked example)', [0.65, 'OKR'], 'AMBER'],
    ['KPI met exactly', [1], 'GREEN'],
    ['KPI over-achieved', [1.3], 'GREEN'],
    ['KPI amber threshold is inclusive', [0.9], 'AMBER'],
    ['KPI just below amber', [0.89], 'RED'],
    ['KPI zero', [0], 'RED'],
    ['OKR 0.7 is green', [0.7, 'okr'], 'GREEN'],
    ['OKR 0.4 is amber', [0.4, 'OKR'], 'AMBER'],
    ['OKR 0.39 is red', [0.39, 'OKR'], 'RED'],
    ['KPI named explicitly', [0.95, 'KPI'], 'AMBER'],
    ['framework in zh-HK', [0.65, '目標與關鍵結果'], 'AMBER'],
    ['green_at override', [0.85, '', 0.8], 'GREEN'],
    ['both overrides', [0.6, '', 0.8, 0.5], 'AMBER'],
    ['amber_at equal to green_at leaves no amber band', [0.79, '', 0.8, 0.8], 'RED'],
    ['negative score is red', [-1], 'RED'],
    ['numeric text score', ['95%'], 'AMBER'],
  ] as const)('%s', (_name, args, expected) => {
    expect(STATUS(...(args as unknown as [number]))).toBe(expected);
  });

  it('blank score gives blank, so an unreported KPI does not show red', () => {
    for (const blank of [null, undefined, '', ' ']) expect(STATUS(blank)).toBe('');
    // The usual register chain: no actual yet → blank score → blank status.
    expect(STATUS(SCORE('', 100))).toBe('');
  });

  it('amber_at above green_at is #NUM!', () => {
    expect(code(STATUS(0.5, '', 0.5, 0.6))).toBe('#NUM!');
    expect((STATUS(0.5, '', 0.5, 0.6) as KpiError).message).toMatch(/amber_at.*green_at/);
  });

  it('one override moves the other framework default out of its way', () => {
    // KPI amber is 0.9: green_at 0.8 alone leaves no amber band rather than failing.
    expect(STATUS(0.85, 'KPI', 0.8)).toBe('GREEN');
    expect(STATUS(0.79, 'KPI', 0.8)).toBe('RED');
    // OKR green is 0.7: amber_at 0.8 alone raises green to 0.8.
    expect(STATUS(0.75, 'OKR', '', 0.8)).toBe('RED');
    expect(STATUS(0.8, 'OKR', '', 0.8)).toBe('GREEN');
    // Overrides within the defaults keep the other default.
    expect(STATUS(0.5, 'OKR', '', 0.5)).toBe('AMBER');
    expect(STATUS(0.69, 'OKR', '', 0.5)).toBe('AMBER');
  });

  it('bad arguments are #VALUE! naming the argument', () => {
    expect((STATUS('high') as KpiError).message).toMatch(/^score/);
    expect(code(STATUS(1, 'BSC'))).toBe('#VALUE!');
    expect((STATUS(1, 'BSC') as KpiError).message).toMatch(/framework/);
    expect((STATUS(1, '', 'x') as KpiError).message).toMatch(/^green_at/);
    expect((STATUS(1, '', 1, 'y') as KpiError).message).toMatch(/^amber_at/);
  });

  it('codes stay English whatever the language of the words', () => {
    expect(STATUS(0.2, '目標與關鍵結果')).toBe('RED');
    expect(STATUS(1, '關鍵績效指標')).toBe('GREEN');
  });

  it('spills over a range of scores, keeping errors and blanks in their cells', () => {
    const upstream = new KpiError('#DIV/0!', 'target is 0');
    expect(STATUS([[1.2], [0.95], [0.3], [''], [upstream]])).toEqual([
      ['GREEN'],
      ['AMBER'],
      ['RED'],
      [''],
      [upstream],
    ]);
  });

  it('a row of frameworks broadcasts against a column of scores', () => {
    expect(STATUS([[0.95], [0.65]], [['KPI', 'OKR']])).toEqual([
      ['AMBER', 'GREEN'],
      ['RED', 'AMBER'],
    ]);
  });
});

describe('statusOf (plain numbers)', () => {
  it('matches STATUS', () => {
    expect(statusOf(0.95)).toBe('AMBER');
    expect(statusOf(0.65, { framework: 'OKR' })).toBe('AMBER');
    expect(statusOf(undefined)).toBe('');
    expect(code(statusOf(0.5, { greenAt: 0.5, amberAt: 0.6 }))).toBe('#NUM!');
    expect(code(statusOf(NaN))).toBe('#VALUE!');
  });
});
