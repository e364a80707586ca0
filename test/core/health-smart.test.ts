import { smartRule } from '../../src/core/health';
import { company, ctx, kpi } from './health.fixtures';

describe('health rule 1: a KPI that fails SMART', () => {
  it('passes a register of SMART KPIs', () => {
    expect(smartRule(ctx([company(), kpi({ id: 'S1' })]))).toEqual([]);
  });

  it('reports a vague KPI with the failing criteria, in both languages', () => {
    const findings = smartRule(
      ctx([
        company(),
        kpi({ id: 'S1' }),
        kpi({
          id: 'S2',
          name: '提升銷售',
          target: undefined,
          baseline: undefined,
          unit: undefined,
          deadline: undefined,
        }),
      ]),
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ rule: 'smart', severity: 'warning', kpiIds: ['S2'] });
    expect(finding.message.en).toMatch(/^S2 "提升銷售" is not SMART — S: .* · M: .* · A: .* · T: /);
    expect(finding.message.en).not.toMatch(/R: /); // it has a parent
    expect(finding.message['zh-HK']).toMatch(/^S2「提升銷售」不符合 SMART:S: .*沒有數字目標/);
    expect(finding.fix.en).toMatch(/target/);
  });

  it('counts the register fields as part of the definition', () => {
    const bare = { name: 'Monthly new customers in Hong Kong retail stores', description: undefined };
    const withFields = kpi({ id: 'S1', ...bare });
    const withoutFields = kpi({ id: 'S2', ...bare, target: undefined, deadline: undefined });
    const ids = smartRule(ctx([company(), withFields, withoutFields])).map((f) => f.kpiIds[0]);
    expect(ids).toEqual(['S2']);
  });

  it('reads the description with the name', () => {
    const kpis = [
      company(),
      kpi({
        id: 'S1',
        name: 'New customers',
        description: 'Hong Kong online store, from 80 to 120 a month by 31 Dec 2026',
        target: undefined,
        baseline: undefined,
        deadline: undefined,
      }),
    ];
    expect(smartRule(ctx(kpis))).toEqual([]);
  });

  it('does not hold a missing parent against a company-level KPI, but does below it', () => {
    expect(smartRule(ctx([company()]))).toEqual([]);
    const orphan = kpi({ id: 'S1', parent_id: undefined });
    const [finding] = smartRule(ctx([company(), orphan]));
    expect(finding.kpiIds).toEqual(['S1']);
    expect(finding.message.en).toMatch(/R: no parent objective/);
  });

  it('fails Relevant for a company KPI with a blank parent only when something else fails too', () => {
    const [finding] = smartRule(
      ctx([company({ deadline: undefined, name: 'Company revenue in Hong Kong from HK$100m to HK$120m' })]),
    );
    expect(finding.kpiIds).toEqual(['C1']);
    expect(finding.message.en).toMatch(/T: /);
    expect(finding.message.en).not.toMatch(/R: /);
  });
});
