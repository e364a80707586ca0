import { checkHealth } from '../../src/core/health';
import { checkInSchema, kpiSchema } from '../../src/core/model';
import { hasChinese } from '../../src/core/i18n';
import { demoRegister } from '../../src/register/demo';
import { ID_PATTERN } from '../../src/register/ids';

const TODAY = new Date(2026, 4, 15);

describe('the demo register', () => {
  const en = demoRegister({ lang: 'en', today: TODAY });
  const zh = demoRegister({ lang: 'zh-HK', today: TODAY });

  it('is valid register data with unique ids and resolvable parents', () => {
    for (const kpi of en.kpis) expect(() => kpiSchema.parse(kpi)).not.toThrow();
    for (const checkIn of en.checkIns) expect(() => checkInSchema.parse(checkIn)).not.toThrow();
    const ids = new Set(en.kpis.map((kpi) => kpi.id));
    expect(ids.size).toBe(en.kpis.length);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    for (const kpi of en.kpis) {
      if (kpi.level === 'company') expect(kpi.parent_id).toBeUndefined();
      else expect(ids.has(kpi.parent_id ?? '')).toBe(true);
      if (kpi.volume_id) expect(ids.has(kpi.volume_id)).toBe(true);
    }
  });

  it('covers the company, every department of the guide, individuals and OKR key results', () => {
    const levels = new Set(en.kpis.map((kpi) => kpi.level));
    expect([...levels].sort()).toEqual(['company', 'department', 'individual']);
    const departments = new Set(en.kpis.map((kpi) => kpi.department).filter(Boolean));
    for (const name of [
      'Sales',
      'Marketing',
      'Customer Service',
      'Operations',
      'Finance',
      'Human Resources',
      'Procurement',
    ])
      expect(departments).toContain(name);
    expect(en.kpis.some((kpi) => kpi.framework === 'OKR')).toBe(true);
    expect(en.kpis.filter((kpi) => kpi.level === 'company').map((kpi) => kpi.name)).toEqual([
      'Revenue growth (year on year)',
      'Market share of Hong Kong online homeware',
      'EBITDA margin',
      'Customer Net Promoter Score (NPS)',
    ]);
  });

  it('has twelve monthly check-ins per KPI, ending at the last month end before today', () => {
    for (const kpi of en.kpis) {
      const history = en.checkIns.filter((checkIn) => checkIn.kpi_id === kpi.id);
      expect(history).toHaveLength(12);
      expect(kpi.actual).toBe(history[11].actual);
    }
    const ends = [...new Set(en.checkIns.map((checkIn) => checkIn.period_end.getTime()))].sort();
    expect(new Date(ends[0])).toEqual(new Date(2025, 4, 31));
    expect(new Date(ends[11])).toEqual(new Date(2026, 3, 30));
  });

  it('is deterministic for a given today and follows today', () => {
    expect(demoRegister({ lang: 'en', today: TODAY })).toEqual(en);
    const later = demoRegister({ lang: 'en', today: new Date(2027, 0, 3) });
    expect(later.checkIns.at(-1)?.period_end).toEqual(new Date(2026, 11, 31));
    expect(later.kpis.map((kpi) => kpi.actual)).toEqual(en.kpis.map((kpi) => kpi.actual));
    expect(later.planted.ratio).not.toBe(en.planted.ratio);
  });

  it('says the same thing in both languages, names and descriptions translated', () => {
    expect(zh.kpis.map((kpi) => kpi.id)).toEqual(en.kpis.map((kpi) => kpi.id));
    expect(zh.checkIns.map((c) => c.actual)).toEqual(en.checkIns.map((c) => c.actual));
    for (const kpi of zh.kpis) {
      expect(hasChinese(kpi.name)).toBe(true);
      expect(hasChinese(kpi.description ?? '')).toBe(true);
      expect(hasChinese(kpi.owner)).toBe(true);
    }
    for (const kpi of en.kpis) expect(hasChinese(`${kpi.name} ${kpi.description} ${kpi.owner}`)).toBe(false);
  });

  it('plants an owner with seven core KPIs while no department has more than five', () => {
    const byOwner = countBy(en.kpis.filter((kpi) => kpi.role === 'core').map((kpi) => kpi.owner));
    expect(byOwner.get(en.planted.overloadedOwner)).toBe(7);
    for (const [owner, count] of byOwner)
      if (owner !== en.planted.overloadedOwner) expect(count).toBeLessThanOrEqual(5);
    const byDepartment = countBy(
      en.kpis.filter((kpi) => kpi.department).map((kpi) => kpi.department as string),
    );
    for (const count of byDepartment.values()) expect(count).toBeLessThanOrEqual(5);
  });

  it('plants one lagging KPI with no leading KPI beside or below it', () => {
    const isolated = en.kpis.filter((kpi) => {
      if (kpi.timing !== 'lagging') return false;
      const near = en.kpis.filter(
        (other) => other.id !== kpi.id && (other.parent_id === kpi.id || other.parent_id === kpi.parent_id),
      );
      return !near.some((other) => other.timing === 'leading');
    });
    expect(isolated.map((kpi) => kpi.id)).toEqual([en.planted.laggingWithoutLeading]);
  });

  it('plants a ratio that meets its target while its volume has fallen for six months', () => {
    const { ratio, volume } = en.planted;
    const ratioKpi = en.kpis.find((kpi) => kpi.id === ratio);
    expect(ratioKpi?.volume_id).toBe(volume);
    expect(ratioKpi?.actual).toBeGreaterThanOrEqual(ratioKpi?.target ?? Infinity);
    const orders = en.checkIns.filter((c) => c.kpi_id === volume).map((c) => c.actual);
    for (let i = 7; i < 12; i++) expect(orders[i]).toBeLessThan(orders[i - 1]);
    expect(orders[11]).toBeLessThan(orders[0]);
  });

  it('keeps weights under each parent adding up to 100% and every review inside its cadence', () => {
    const sums = new Map<string, number>();
    for (const kpi of en.kpis)
      sums.set(kpi.parent_id ?? '', (sums.get(kpi.parent_id ?? '') ?? 0) + (kpi.weight ?? 0));
    for (const sum of sums.values()) expect(sum).toBeCloseTo(1, 9);
    for (const kpi of en.kpis) expect(kpi.last_review && kpi.last_review < TODAY).toBe(true);
  });
});

describe('the demo register’s health', () => {
  // Whatever day it is run, `check` finds exactly the three planted findings, in both languages.
  it.each([
    ['en', new Date(2026, 4, 15)],
    ['zh-HK', new Date(2026, 0, 1)],
    ['en', new Date(2027, 1, 28)],
  ] as const)('has exactly the planted findings (%s, %s)', (lang, today) => {
    const demo = demoRegister({ lang, today });
    const findings = checkHealth({ kpis: demo.kpis, checkIns: demo.checkIns, today });
    expect(findings.map((finding) => [finding.rule, finding.kpiIds])).toEqual([
      ['focus', demo.kpis.filter((kpi) => kpi.owner === demo.planted.overloadedOwner).map((kpi) => kpi.id)],
      ['leading-lagging', [demo.planted.laggingWithoutLeading]],
      ['ratio-volume', [demo.planted.ratio, demo.planted.volume]],
    ]);
  });
});

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
