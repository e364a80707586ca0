import { dateToSerial, serialToDate } from '../../src/core/dates';
import { KpiError, isKpiError } from '../../src/core/errors';
import { NEXTREVIEW, nextReviewDate } from '../../src/core/functions';
import type { Result } from '../../src/core/values';

const code = (result: Result) => (isKpiError(result) ? result.code : result);
const serial = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dateToSerial(new Date(y, m - 1, d));
};

describe('NEXTREVIEW', () => {
  it.each([
    ['2026-03-10', 'weekly', '2026-03-17'],
    ['2026-03-10', 'biweekly', '2026-03-24'],
    ['2026-03-10', 'monthly', '2026-04-10'],
    ['2026-03-10', 'quarterly', '2026-06-10'],
    ['2026-03-10', 'semiannual', '2026-09-10'],
    ['2026-03-10', 'annual', '2027-03-10'],
    ['2026-12-28', 'weekly', '2027-01-04'],
    // Month end is clamped, not rolled over into the next month.
    ['2026-01-31', 'monthly', '2026-02-28'],
    ['2024-01-31', 'monthly', '2024-02-29'],
    ['2026-03-31', 'monthly', '2026-04-30'],
    ['2026-11-30', 'quarterly', '2027-02-28'],
    ['2026-08-31', 'semiannual', '2027-02-28'],
    ['2024-02-29', 'annual', '2025-02-28'],
  ])('%s %s → %s', (last, cadence, next) => {
    expect(NEXTREVIEW(last, cadence)).toBe(serial(next));
  });

  it('returns an Excel serial number (1900 date system)', () => {
    expect(NEXTREVIEW('2024-01-31', 'monthly')).toBe(45351); // 29 Feb 2024
  });

  it('accepts the last review as serial, Date or ISO text alike', () => {
    const expected = serial('2026-02-28');
    expect(NEXTREVIEW(serial('2026-01-31'), 'monthly')).toBe(expected);
    expect(NEXTREVIEW(new Date(2026, 0, 31, 18, 45), 'monthly')).toBe(expected);
    expect(NEXTREVIEW('2026-01-31', 'monthly')).toBe(expected);
    expect(NEXTREVIEW(serial('2026-01-31') + 0.5, 'monthly')).toBe(expected);
  });

  it('cadence words are case-insensitive, in English and zh-HK', () => {
    const cases: [string, string][] = [
      ['每週', '2026-03-17'],
      ['每兩週', '2026-03-24'],
      ['每月', '2026-04-10'],
      ['每季', '2026-06-10'],
      ['每半年', '2026-09-10'],
      ['每年', '2027-03-10'],
      ['Monthly', '2026-04-10'],
      ['  QUARTERLY ', '2026-06-10'],
      ['fortnightly', '2026-03-24'],
      ['yearly', '2027-03-10'],
    ];
    for (const [word, next] of cases) expect(NEXTREVIEW('2026-03-10', word)).toBe(serial(next));
  });

  it('an unknown cadence is #VALUE! listing the valid words', () => {
    const result = NEXTREVIEW('2026-03-10', 'daily');
    expect(code(result)).toBe('#VALUE!');
    expect((result as KpiError).message).toMatch(/cadence.*weekly.*annual/);
  });

  it('blank last review or cadence gives blank', () => {
    expect(NEXTREVIEW('', 'monthly')).toBe('');
    expect(NEXTREVIEW('2026-03-10', null)).toBe('');
  });

  it('bad dates are errors naming last_review; outside the date range is #NUM!', () => {
    expect((NEXTREVIEW('last week', 'monthly') as KpiError).message).toMatch(/^last_review/);
    expect(code(NEXTREVIEW(new Date(NaN), 'monthly'))).toBe('#VALUE!');
    expect(code(NEXTREVIEW(0, 'monthly'))).toBe('#NUM!');
    expect(code(NEXTREVIEW('9999-12-31', 'annual'))).toBe('#NUM!');
  });

  it('a column of dates × a row of cadences gives a grid', () => {
    const result = NEXTREVIEW([['2026-01-31'], ['2026-03-10']], [['weekly', 'monthly']]);
    expect(result).toEqual([
      [serial('2026-02-07'), serial('2026-02-28')],
      [serial('2026-03-17'), serial('2026-04-10')],
    ]);
  });

  it('nextReviewDate works on plain dates and round-trips through serials', () => {
    const next = nextReviewDate(new Date(2026, 0, 31), 'monthly');
    expect(next).toEqual(new Date(2026, 1, 28));
    expect(serialToDate(NEXTREVIEW('2026-01-31', 'monthly') as number)).toEqual(next);
  });
});
