import fc from 'fast-check';
import { KpiError, isKpiError } from '../../src/core/errors';
import {
  CHANGE,
  FEASIBILITY,
  NEXTREVIEW,
  PACE,
  ROLLUP,
  SCORE,
  SMARTCHECK,
  STATUS,
} from '../../src/core/functions';
import type { Arg, Cell, Out, Result } from '../../src/core/values';

// ---- Arbitrary worksheet input: anything a host could pass, including what it should not. ----

const errorCell = fc
  .constantFrom('#VALUE!', '#DIV/0!', '#NUM!', '#N/A' as const)
  .map((code) => new KpiError(code as KpiError['code'], 'upstream'));

const words = fc.constantFrom(
  'higher',
  'LOWER',
  'closer',
  '越高越好',
  '越低越好',
  '越接近越好',
  'sideways',
  'KPI',
  'okr',
  '目標與關鍵結果',
  'weekly',
  'monthly',
  '每月',
  '每季',
  'annual',
  'daily',
  '18%',
  '1,200',
  ' 42 ',
  '-0',
  '1e309',
  '2026-01-31',
  '2026-02-30',
  '2024-02-29T10:00:00Z',
  '=1+1',
  '提升銷售',
  '2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 18%',
);

/** Overflow, underflow and cancellation live at the extremes, so they are drawn often. */
const extreme = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  1e-300,
  -1e-300,
  NaN,
  Infinity,
  -Infinity,
  2_958_466,
);

const numberCell = fc.oneof(
  fc.double(), // includes NaN, ±Infinity, -0 and extremes
  extreme,
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.integer({ min: 1, max: 2_958_465 }), // anywhere in the spreadsheet date range
);

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: numberCell },
  { weight: 2, arbitrary: words },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, '', '  ') },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.constant(new Date(NaN)) },
  { weight: 1, arbitrary: errorCell },
);

const grid = (rows: number, cols: number) =>
  fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** Rectangular ranges of a few shapes (so that many broadcast), plus ragged and empty ones. */
const range: fc.Arbitrary<Cell[][]> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom([1, 1], [1, 3], [3, 1], [3, 3], [2, 3]).chain(([r, c]) => grid(r, c)),
  },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }) },
);

const arg: fc.Arbitrary<Arg> = fc.oneof({ weight: 3, arbitrary: cell }, { weight: 2, arbitrary: range });

// ---- What every result must look like. ----

const ERROR_CODES = new Set(['#VALUE!', '#DIV/0!', '#NUM!', '#N/A']);

function assertOut(value: unknown): asserts value is Out {
  if (isKpiError(value)) {
    expect(ERROR_CODES.has(value.code)).toBe(true);
    expect(typeof value.message).toBe('string');
    expect(value.message.length).toBeGreaterThan(0);
    return;
  }
  if (typeof value === 'number') {
    expect(Number.isFinite(value)).toBe(true);
    return;
  }
  expect(typeof value).toBe('string');
}

function assertResult(result: Result): void {
  if (!Array.isArray(result)) return assertOut(result);
  expect(result.length).toBeGreaterThan(0);
  const width = result[0].length;
  for (const row of result) {
    expect(row).toHaveLength(width);
    for (const value of row) assertOut(value);
  }
}

describe('no input makes a worksheet function throw or return NaN, Infinity or undefined', () => {
  const runs = { numRuns: 500 };

  it('SCORE', () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, (a, t, b, p, c) => assertResult(SCORE(a, t, b, p, c))),
      runs,
    );
  });
  it('STATUS', () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, (s, f, g, a) => assertResult(STATUS(s, f, g, a))),
      runs,
    );
  });
  it('ROLLUP', () => {
    fc.assert(
      fc.property(arg, fc.option(arg), arg, (s, w, c) => assertOut(ROLLUP(s, w ?? undefined, c))),
      runs,
    );
  });
  it('CHANGE', () => {
    fc.assert(
      fc.property(arg, arg, (c, p) => assertResult(CHANGE(c, p))),
      runs,
    );
  });
  it('PACE', () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, arg, fc.date({ noInvalidDate: false }), (a, t, s, e, o, b, now) =>
        assertResult(PACE(a, t, s, e, o, b, now)),
      ),
      runs,
    );
  });
  it('FEASIBILITY', () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, (t, h, p, e, u) => assertResult(FEASIBILITY(t, h, p, e, u))),
      runs,
    );
  });
  it('SMARTCHECK', () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, arg, (x, t, u, d, p, b) =>
        assertResult(SMARTCHECK(x, t, u, d, p, b)),
      ),
      runs,
    );
  });
  it('NEXTREVIEW', () => {
    fc.assert(
      fc.property(arg, arg, (d, c) => assertResult(NEXTREVIEW(d, c))),
      runs,
    );
  });

  it('numbers alone, however extreme, never overflow into Infinity or NaN', () => {
    const num = fc.oneof(
      extreme,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -2, max: 2 }),
    );
    const optional = fc.oneof(num, fc.constant(''));
    fc.assert(
      fc.property(num, num, optional, optional, optional, (a, b, c, d, e) => {
        assertResult(SCORE(a, b, c, '', d));
        assertResult(SCORE(a, b, '', 'closer', d));
        assertResult(SCORE(a, b, '', 'lower'));
        assertResult(CHANGE(a, b));
        assertResult(STATUS(a, '', c, d));
        assertOut(ROLLUP([[a, b, c]], [[d, e, 1]], d));
        assertResult(PACE(a, b, 46023, 46033, 46028, c));
        assertResult(FEASIBILITY(a, [[b, c, d, e]], '', c, d));
      }),
      { numRuns: 1000 },
    );
  });

  it('a range result has the broadcast shape, and each cell equals the function on that cell', () => {
    fc.assert(
      fc.property(grid(3, 1), grid(1, 2), (actuals, targets) => {
        const result = SCORE(actuals, targets) as Out[][];
        expect(result).toHaveLength(3);
        for (let r = 0; r < 3; r++) {
          for (let k = 0; k < 2; k++) expect(result[r][k]).toEqual(SCORE(actuals[r][0], targets[0][k]));
        }
      }),
    );
  });
});

// ---- Algebra the users rely on. ----

const value = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true });
const nonZero = value.filter((x) => Math.abs(x) > 1e-9);
const serialDay = fc.integer({ min: 1, max: 2_950_000 });
const cadence = fc.constantFrom(
  'weekly',
  'biweekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  '每月',
  '每年',
);
const statusRank = { RED: 0, AMBER: 1, GREEN: 2 } as Record<string, number>;

describe('SCORE algebra', () => {
  it('meeting the target scores exactly 1 (positive target; any non-zero target when closer)', () => {
    fc.assert(fc.property(positive, (t) => expect(SCORE(t, t)).toBe(1)));
    fc.assert(fc.property(nonZero, (t) => expect(SCORE(t, t, '', 'closer')).toBe(1)));
  });

  it('with a baseline: the baseline scores 0 and the target 1, whichever the direction', () => {
    fc.assert(
      fc.property(value, value, (t, b) => {
        fc.pre(Math.abs(t - b) > 1e-6);
        expect(SCORE(b, t, b)).toBe(0);
        expect(SCORE(t, t, b)).toBe(1);
      }),
    );
  });

  it('never below 0, never above the cap', () => {
    fc.assert(
      fc.property(
        value,
        nonZero,
        fc.option(value),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (a, t, b, cap) => {
          const result = SCORE(a, t, b ?? '', '', cap);
          if (typeof result === 'number') {
            expect(result).toBeGreaterThanOrEqual(0);
            expect(result).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });

  it('higher and lower mirror each other around the target while both are in range', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), positive, (ratio, t) => {
        const higher = SCORE(ratio * t, t) as number;
        const lower = SCORE(ratio * t, t, '', 'lower') as number;
        expect(higher + lower).toBeCloseTo(2, 9);
      }),
    );
  });

  it('a higher actual never scores lower (higher-is-better, fixed target and baseline)', () => {
    fc.assert(
      fc.property(value, value, positive, (a1, a2, t) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        expect(SCORE(hi, t) as number).toBeGreaterThanOrEqual(SCORE(lo, t) as number);
      }),
    );
  });
});

describe('STATUS, ROLLUP, CHANGE, PACE, FEASIBILITY algebra', () => {
  it('a higher score never gets a worse status', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom('KPI', 'OKR'), (s1, s2, framework) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(statusRank[STATUS(hi, framework) as string]).toBeGreaterThanOrEqual(
          statusRank[STATUS(lo, framework) as string],
        );
      }),
    );
  });

  it('the rollup of equal scores is that score, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (score, weights) => {
          fc.pre(weights.some((w) => w > 0));
          expect(ROLLUP([weights.map(() => score)], [weights]) as number).toBeCloseTo(score, 9);
        },
      ),
    );
  });

  it('a rollup lies between the lowest and highest score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (scores) => {
          const result = ROLLUP([scores]) as number;
          expect(result).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
          expect(result).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
        },
      ),
    );
  });

  it('CHANGE recovers the growth rate that was applied', () => {
    fc.assert(
      fc.property(positive, fc.double({ min: -1, max: 10, noNaN: true }), (previous, growth) => {
        expect(CHANGE(previous * (1 + growth), previous) as number).toBeCloseTo(growth, 6);
      }),
    );
  });

  it('reaching the target by the end is exactly on pace', () => {
    fc.assert(
      fc.property(serialDay, fc.integer({ min: 1, max: 5000 }), positive, (start, days, target) => {
        fc.pre(start + days <= 2_958_465);
        expect(PACE(target, target, start, start + days, start + days)).toBe(1);
      }),
    );
  });

  it('a higher target is never easier (higher is better)', () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        fc.array(positive, { minLength: 3, maxLength: 12 }),
        (t1, t2, history) => {
          const rank = { EASY: 0, STRETCH: 1, UNREALISTIC: 2 } as Record<string, number>;
          const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
          expect(rank[FEASIBILITY(hi, [history]) as string]).toBeGreaterThanOrEqual(
            rank[FEASIBILITY(lo, [history]) as string],
          );
        },
      ),
    );
  });
});

describe('NEXTREVIEW algebra', () => {
  it('is monotonic: a later last review never gives an earlier next review', () => {
    fc.assert(
      fc.property(serialDay, serialDay, cadence, (d1, d2, c) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(NEXTREVIEW(hi, c) as number).toBeGreaterThanOrEqual(NEXTREVIEW(lo, c) as number);
      }),
    );
  });

  it('is always after the last review, by at most the cadence length', () => {
    const longest = {
      weekly: 7,
      biweekly: 14,
      monthly: 31,
      quarterly: 92,
      semiannual: 184,
      annual: 366,
    } as Record<string, number>;
    fc.assert(
      fc.property(
        fc.integer({ min: 61, max: 2_950_000 }),
        fc.constantFrom(...Object.keys(longest)),
        (day, c) => {
          const next = NEXTREVIEW(day, c) as number;
          expect(next).toBeGreaterThan(day);
          expect(next - day).toBeLessThanOrEqual(longest[c]);
        },
      ),
    );
  });
});
