import fc from 'fast-check';
import { RULE_IDS, checkHealth, type Finding } from '../../src/core/health';
import { LANGS } from '../../src/core/i18n';
import {
  CADENCES,
  FORMS,
  FRAMEWORKS,
  KPI_TYPES,
  LEVELS,
  POLARITIES,
  ROLES,
  TIMINGS,
  checkInSchema,
  kpiSchema,
  type Kpi,
} from '../../src/core/model';
import { demoRegister } from '../../src/register/demo';
import { TODAY, company, ctx, kpi } from './health.fixtures';

describe('register health: all eight rules', () => {
  it('finds nothing in a healthy register', () => {
    const kpis = [
      company({ last_review: new Date(2026, 3, 1) }),
      kpi({ id: 'S1', timing: 'lagging', weight: 0.6, last_review: new Date(2026, 5, 1) }),
      kpi({ id: 'S2', timing: 'leading', weight: 0.4, last_review: new Date(2026, 5, 1) }),
    ];
    expect(checkHealth(ctx(kpis))).toEqual([]);
  });

  it('runs every rule and orders findings by rule, then by KPI id', () => {
    // One owner per KPI outside the F group, so only the F group trips the focus rule.
    const solo = (row: Partial<Kpi> & { id: string }) =>
      kpi({ owner: `Owner ${row.id}`, department: undefined, ...row });
    const kpis: Kpi[] = [
      company({ timing: 'leading' }),
      solo({ id: 'Z9', name: '提升銷售', target: undefined, baseline: undefined, deadline: undefined }),
      ...Array.from({ length: 6 }, (_, i) => kpi({ id: `F${i}`, owner: 'Busy Bee', department: 'finance' })),
      solo({ id: 'L1', timing: 'lagging', parent_id: 'F0' }),
      solo({ id: 'O1', parent_id: undefined }),
      solo({ id: 'W1', parent_id: 'F1', weight: 0.5 }),
      solo({ id: 'W2', parent_id: 'F1', weight: 0.3 }),
      solo({ id: 'R1', form: 'ratio', unit: '%', baseline: 0.1, target: 0.2, actual: 0.25, volume_id: 'V1' }),
      solo({ id: 'V1', actual: 60 }),
      solo({ id: 'D1', cadence: 'weekly', last_review: new Date(2026, 0, 1) }),
      solo({ id: 'T1', type: 'strategic', cadence: 'weekly', last_review: new Date(2026, 5, 14) }),
    ];
    const findings = checkHealth(ctx(kpis));
    expect(findings.map((f) => [f.rule, f.kpiIds[0]])).toEqual([
      ['smart', 'O1'],
      ['smart', 'Z9'],
      ['focus', 'F0'],
      ['focus', 'F0'],
      ['leading-lagging', 'L1'],
      ['orphan', 'O1'],
      ['weights', 'W1'],
      ['ratio-volume', 'R1'],
      ['overdue', 'D1'],
      ['cadence-type', 'T1'],
    ]);
    // The owner finding and the department finding share their first id; the message breaks the tie.
    expect(findings[2].message.en).toMatch(/^Busy Bee owns 6/);
    expect(findings[3].message.en).toMatch(/^The finance department has 6/);
  });

  it('gives every finding a message and a fix in every language', () => {
    const findings = checkHealth(
      ctx([kpi({ id: 'S1', parent_id: 'S1', cadence: 'annual', start: new Date(2020, 0, 1) })]),
    );
    expect(findings.map((f) => f.rule)).toEqual(['orphan', 'overdue', 'cadence-type']);
    for (const finding of findings) {
      for (const lang of LANGS) {
        expect(finding.message[lang]).toMatch(/S1/);
        expect(finding.fix[lang].length).toBeGreaterThan(10);
      }
    }
  });

  it.each(LANGS)('finds the three findings planted in the %s demo register', (lang) => {
    const demo = demoRegister({ lang, today: TODAY });
    const findings = checkHealth({ kpis: demo.kpis, checkIns: demo.checkIns, today: TODAY });
    const about = (rule: Finding['rule']) => findings.filter((f) => f.rule === rule);
    expect(about('focus').map((f) => f.message[lang])).toEqual([
      expect.stringContaining(demo.planted.overloadedOwner),
    ]);
    expect(about('leading-lagging').map((f) => f.kpiIds)).toEqual([[demo.planted.laggingWithoutLeading]]);
    expect(about('ratio-volume').map((f) => f.kpiIds)).toEqual([[demo.planted.ratio, demo.planted.volume]]);
    // "Everything else is meant to be healthy".
    expect(findings.map((f) => f.rule)).toEqual(['focus', 'leading-lagging', 'ratio-volume']);
  });
});

describe('register health on arbitrary registers', () => {
  const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
  const date = fc.date({ min: new Date(2000, 0, 1), max: new Date(2040, 11, 31), noInvalidDate: true });
  const number = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.constant(0),
  );
  const text = fc.oneof(
    fc.constantFrom(
      '提升銷售',
      'Monthly new customers in Hong Kong from 80 to 120 by Q4 2026',
      '=SUM(A1)',
      ' ',
    ),
    // Braces are left out: a user's "{0}" would look like an unfilled placeholder to the check below.
    fc.string({ minLength: 1, maxLength: 40 }).filter((value) => !/[{}]/.test(value)),
  );
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const kpiArb = fc.record({
    id: fc.constantFrom(...ids),
    name: text,
    description: optional(text),
    owner: fc.constantFrom('Amy', 'amy ', 'Ben', '陳大文'),
    level: fc.constantFrom(...LEVELS),
    department: optional(fc.constantFrom('sales', 'Sales · 銷售', 'finance', 'Treasury', '')),
    parent_id: optional(fc.constantFrom(...ids, 'Z', '', '  ')),
    type: fc.constantFrom(...KPI_TYPES),
    timing: fc.constantFrom(...TIMINGS),
    form: fc.constantFrom(...FORMS),
    unit: optional(fc.constantFrom('%', 'HKD', 'customers', '')),
    polarity: fc.constantFrom(...POLARITIES),
    baseline: optional(number),
    target: optional(number),
    actual: optional(number),
    weight: optional(fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constant(0))),
    role: fc.constantFrom(...ROLES),
    framework: fc.constantFrom(...FRAMEWORKS),
    start: optional(date),
    deadline: optional(date),
    cadence: fc.constantFrom(...CADENCES),
    last_review: optional(date),
    volume_id: optional(fc.constantFrom(...ids, 'Z')),
  });
  const checkInArb = fc.record({
    kpi_id: fc.constantFrom(...ids),
    period_end: date,
    actual: number,
    entered_at: optional(date),
  });

  it('never throws, and every finding names registered KPIs in both languages, in a stable order', () => {
    fc.assert(
      fc.property(
        fc.array(kpiArb, { maxLength: 14 }),
        fc.array(checkInArb, { maxLength: 12 }),
        date,
        (rows, checkIns, today) => {
          const kpis = rows.map((row) => kpiSchema.parse(row));
          const findings = checkHealth({
            kpis,
            checkIns: checkIns.map((c) => checkInSchema.parse(c)),
            today,
          });
          const known = new Set(kpis.map((k) => k.id));
          let last = -1;
          for (const finding of findings) {
            const rank = RULE_IDS.indexOf(finding.rule);
            expect(rank).toBeGreaterThanOrEqual(last);
            last = rank;
            expect(finding.kpiIds.length).toBeGreaterThan(0);
            for (const id of finding.kpiIds) expect(known.has(id)).toBe(true);
            for (const lang of LANGS) {
              expect(finding.message[lang]).not.toMatch(/\{\w+\}/);
              expect(finding.fix[lang]).not.toMatch(/\{\w+\}/);
              expect(finding.message[lang].length).toBeGreaterThan(0);
            }
          }
          expect(checkHealth({ kpis, checkIns, today })).toEqual(findings);
        },
      ),
      { numRuns: 100 },
    );
  });
});
