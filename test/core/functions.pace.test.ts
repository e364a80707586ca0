import { dateToSerial } from '../../src/core/dates';
import { KpiError, isKpiError } from '../../src/core/errors';
import { PACE, paceOf } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);
// A ten-day period: 1 Jan to 11 Jan 2026, so 6 Jan is exactly halfway.
const START = '2026-01-01';
const END = '2026-01-11';

describe('PACE', () => {
  it('on the straight line is 1, behind it below 1, ahead above 1', () => {
    expect(PACE(50, 100, START, END, '2026-01-06')).toBe(1);
    expect(PACE(40, 100, START, END, '2026-01-06')).toBeCloseTo(0.8, 12);
    expect(PACE(60, 100, START, END, '2026-01-06')).toBeCloseTo(1.2, 12);
  });

  it('measures from the baseline', () => {
    // From 20 to 100: halfway 60 is expected; 40 is half of the expected gain of 40.
    expect(PACE(40, 100, START, END, '2026-01-06', 20)).toBeCloseTo(0.5, 12);
    expect(PACE(60, 100, START, END, '2026-01-06', 20)).toBe(1);
  });

  it('works for lower-is-better KPIs (target below baseline)', () => {
    // Handling time from 360 s to 300 s: 330 s is expected halfway.
    expect(PACE(330, 300, START, END, '2026-01-06', 360)).toBe(1);
    expect(PACE(345, 300, START, END, '2026-01-06', 360)).toBeCloseTo(0.5, 12);
    expect(PACE(370, 300, START, END, '2026-01-06', 360)).toBeCloseTo(-1 / 3, 12);
  });

  it('is not floored: moving away from the target is negative', () => {
    expect(PACE(-10, 100, START, END, '2026-01-06')).toBeCloseTo(-0.2, 12);
  });

  it('before start nothing is expected yet: blank', () => {
    expect(PACE(5, 100, START, END, '2025-12-31')).toBe('');
  });

  it('on the start day the line is still on the baseline: blank, not #DIV/0!', () => {
    expect(PACE(5, 100, START, END, START)).toBe('');
  });

  it('on and after end the full target is expected', () => {
    expect(PACE(90, 100, START, END, END)).toBeCloseTo(0.9, 12);
    expect(PACE(90, 100, START, END, '2026-06-30')).toBeCloseTo(0.9, 12);
  });

  it('end on or before start is #NUM!', () => {
    expect(code(PACE(50, 100, END, START, '2026-01-06'))).toBe('#NUM!');
    expect(code(PACE(50, 100, START, START, '2026-01-06'))).toBe('#NUM!');
    expect((PACE(50, 100, END, START, '2026-01-06') as KpiError).message).toMatch(/end.*start/);
  });

  it('target equal to baseline is #DIV/0!', () => {
    expect(code(PACE(50, 100, START, END, '2026-01-06', 100))).toBe('#DIV/0!');
  });

  it('dates may be serial numbers, Date objects or ISO text, mixed', () => {
    const serialStart = dateToSerial(new Date(2026, 0, 1));
    expect(serialStart).toBe(46023);
    expect(PACE(50, 100, 46023, new Date(2026, 0, 11), '2026-01-06')).toBe(1);
    // A serial with a time of day counts as that day.
    expect(PACE(50, 100, 46023.75, 46033, 46028.2)).toBe(1);
    expect(PACE(50, 100, START, END, new Date(2026, 0, 6, 23, 59))).toBe(1);
  });

  it('counts calendar days across a leap day', () => {
    // 28 Feb → 1 Mar 2024 is two days, so 29 Feb is halfway.
    expect(PACE(50, 100, '2024-02-28', '2024-03-01', '2024-02-29')).toBe(1);
    expect(PACE(50, 100, '2025-02-28', '2025-03-02', '2025-03-01')).toBe(1);
  });

  it('a blank as_of means today, taken from the clock passed in', () => {
    const now = new Date(2026, 0, 6, 15, 30);
    expect(PACE(50, 100, START, END, '', '', now)).toBe(1);
    expect(PACE(50, 100, START, END, undefined, undefined, new Date(2025, 5, 1))).toBe('');
  });

  it('blank actual, target, start or end gives blank', () => {
    expect(PACE('', 100, START, END, '2026-01-06')).toBe('');
    expect(PACE(50, null, START, END, '2026-01-06')).toBe('');
    expect(PACE(50, 100, '', END, '2026-01-06')).toBe('');
    expect(PACE(50, 100, START, undefined, '2026-01-06')).toBe('');
  });

  it('bad dates and numbers are errors naming the argument', () => {
    expect((PACE(50, 100, 'soon', END, '2026-01-06') as KpiError).message).toMatch(/^start/);
    expect((PACE(50, 100, START, '2026-02-30', '2026-01-06') as KpiError).message).toMatch(/^end/);
    expect((PACE(50, 100, START, END, 'today') as KpiError).message).toMatch(/^as_of/);
    expect((PACE('half', 100, START, END, '2026-01-06') as KpiError).message).toMatch(/^actual/);
    expect(code(PACE(50, 100, 0, END, '2026-01-06'))).toBe('#NUM!');
    expect(code(PACE(50, 100, new Date(NaN), END))).toBe('#VALUE!');
  });

  it('spills over a column of actuals and a column of as_of dates', () => {
    expect(
      PACE([[50], [50], [50]], 100, START, END, [['2025-12-01'], ['2026-01-06'], ['2026-01-11']]),
    ).toEqual([[''], [1], [0.5]]);
  });

  it('paceOf takes plain numbers and dates', () => {
    const start = new Date(2026, 0, 1);
    const end = new Date(2026, 0, 11);
    expect(paceOf({ actual: 50, target: 100, start, end, asOf: new Date(2026, 0, 6) })).toBe(1);
    expect(paceOf({ target: 100, start, end, asOf: new Date(2026, 0, 6) })).toBe('');
    expect(code(paceOf({ actual: 50, target: 100, start, end, asOf: new Date(NaN) }))).toBe('#VALUE!');
  });
});
