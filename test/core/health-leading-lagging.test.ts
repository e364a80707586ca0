import { leadingLaggingRule } from '../../src/core/health';
import { company, ctx, kpi } from './health.fixtures';

describe('health rule 3: a lagging KPI with no leading KPI beside or below it', () => {
  it('accepts a lagging KPI with a leading child', () => {
    const kpis = [
      company({ timing: 'leading' }),
      kpi({ id: 'S1', timing: 'lagging' }),
      kpi({ id: 'S1a', parent_id: 'S1', timing: 'leading' }),
    ];
    expect(leadingLaggingRule(ctx(kpis))).toEqual([]);
  });

  it('accepts a lagging KPI with a leading sibling', () => {
    const kpis = [
      company({ timing: 'leading' }),
      kpi({ id: 'S1', timing: 'lagging' }),
      kpi({ id: 'S2', timing: 'leading' }),
    ];
    expect(leadingLaggingRule(ctx(kpis))).toEqual([]);
  });

  it('reports a lagging KPI whose children and siblings are all lagging', () => {
    const kpis = [
      company(),
      kpi({ id: 'S1', timing: 'lagging' }),
      kpi({ id: 'S2', timing: 'lagging' }),
      kpi({ id: 'S1a', parent_id: 'S1', timing: 'lagging', level: 'individual' }),
      kpi({ id: 'S1b', parent_id: 'S1', timing: 'leading', level: 'individual' }),
    ];
    const findings = leadingLaggingRule(ctx(kpis));
    // C1's children are both lagging; S2's only sibling is S1 (lagging); S1 has the leading child S1b.
    expect(findings.map((f) => f.kpiIds)).toEqual([['C1'], ['S2']]);
    expect(findings[1]).toMatchObject({ rule: 'leading-lagging', severity: 'warning' });
    expect(findings[1].message.en).toMatch(/^S2 ".*" is a lagging KPI with no leading KPI/);
    expect(findings[1].message['zh-HK']).toMatch(/^S2「.*」是落後指標/);
  });

  it('treats company KPIs as siblings of each other', () => {
    const kpis = [company(), company({ id: 'C2', timing: 'leading' })];
    expect(leadingLaggingRule(ctx(kpis))).toEqual([]);
    expect(leadingLaggingRule(ctx([company()])).map((f) => f.kpiIds)).toEqual([['C1']]);
  });

  it('does not count a grandchild, only children and siblings', () => {
    const kpis = [
      company({ timing: 'leading' }),
      kpi({ id: 'S1', timing: 'lagging' }),
      kpi({ id: 'S1a', parent_id: 'S1', timing: 'lagging' }),
      kpi({ id: 'S1a1', parent_id: 'S1a', timing: 'leading' }),
    ];
    expect(leadingLaggingRule(ctx(kpis)).map((f) => f.kpiIds)).toEqual([['S1']]);
  });
});
