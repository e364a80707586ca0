import { focusRule } from '../../src/core/health';
import type { Kpi } from '../../src/core/model';
import { company, ctx, kpi } from './health.fixtures';

const many = (count: number, overrides: Partial<Kpi> = {}, prefix = 'S') =>
  Array.from({ length: count }, (_, i) => kpi({ id: `${prefix}${i + 1}`, ...overrides }));

describe('health rule 2: more than five core KPIs for one owner or department', () => {
  it('accepts exactly five core KPIs', () => {
    expect(focusRule(ctx([company(), ...many(5)]))).toEqual([]);
  });

  it('reports six core KPIs for one owner and for their department, naming all six', () => {
    const findings = focusRule(ctx([company(), ...many(6)]));
    expect(findings.map((f) => f.message.en)).toEqual([
      'Amy Chan owns 6 core KPIs (S1, S2, S3, S4, S5, S6); focus is lost past 3–5.',
      'The sales department has 6 core KPIs (S1, S2, S3, S4, S5, S6); focus is lost past 3–5.',
    ]);
    expect(findings[0]).toMatchObject({ rule: 'focus', kpiIds: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'] });
    expect(findings[0].message['zh-HK']).toBe(
      'Amy Chan 負責 6 個核心指標(S1、S2、S3、S4、S5、S6),超過 3–5 個便會失去焦點。',
    );
    expect(findings[0].fix.en).toMatch(/monitor/);
  });

  it('ignores monitor KPIs (demoting to monitor is the remedy)', () => {
    const kpis = [company(), ...many(5), ...many(3, { role: 'monitor' }, 'M')];
    expect(focusRule(ctx(kpis))).toEqual([]);
  });

  it('counts one owner however the name is spelt, and one department in either language', () => {
    const kpis = [
      ...many(3, { owner: 'Amy Chan', department: 'Sales' }),
      ...many(3, { owner: ' amy  chan ', department: 'sales · 銷售' }, 'T'),
    ];
    const findings = focusRule(ctx(kpis));
    expect(findings.map((f) => f.kpiIds)).toEqual([
      ['S1', 'S2', 'S3', 'T1', 'T2', 'T3'],
      ['S1', 'S2', 'S3', 'T1', 'T2', 'T3'],
    ]);
    expect(findings[0].message.en).toMatch(/^Amy Chan owns/);
  });

  it('reports a department overloaded by several owners, without blaming any one of them', () => {
    const kpis = [...many(3, { owner: 'Amy' }), ...many(3, { owner: 'Ben' }, 'T')];
    const findings = focusRule(ctx(kpis));
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toMatch(/^The sales department has 6/);
  });

  it('does not group KPIs without a department', () => {
    const kpis = many(6, { department: undefined }).map((k, i) => ({ ...k, owner: `Owner ${i}` }));
    expect(focusRule(ctx(kpis))).toEqual([]);
  });
});
