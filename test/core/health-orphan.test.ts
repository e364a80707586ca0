import { orphanRule } from '../../src/core/health';
import { company, ctx, kpi } from './health.fixtures';

describe('health rule 4: orphans, missing parents, cycles and repeated ids', () => {
  it('accepts a company-level KPI without a parent and a tree under it', () => {
    const kpis = [company(), kpi({ id: 'S1' }), kpi({ id: 'S1a', parent_id: 'S1', level: 'individual' })];
    expect(orphanRule(ctx(kpis))).toEqual([]);
  });

  it('reports a KPI below company level with a blank parent', () => {
    const findings = orphanRule(ctx([company(), kpi({ id: 'S1', parent_id: '  ' })]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'orphan', severity: 'error', kpiIds: ['S1'] });
    expect(findings[0].message.en).toBe(
      'S1 "Monthly new customers in Hong Kong retail stores" is at department level but aligns to nothing: its parent ID is blank.',
    );
    expect(findings[0].message['zh-HK']).toMatch(/屬部門層級/);
  });

  it('reports a parent id that names no KPI', () => {
    const findings = orphanRule(ctx([company(), kpi({ id: 'S1', parent_id: 'C9' })]));
    expect(findings.map((f) => f.kpiIds)).toEqual([['S1']]);
    expect(findings[0].message.en).toMatch(/aligns to C9, which is not in the register/);
  });

  it('reports a 3-cycle once, with all its ids', () => {
    const kpis = [
      company(),
      kpi({ id: 'A', parent_id: 'B' }),
      kpi({ id: 'B', parent_id: 'C' }),
      kpi({ id: 'C', parent_id: 'A' }),
      kpi({ id: 'D', parent_id: 'A' }),
    ];
    const findings = orphanRule(ctx(kpis));
    expect(findings).toHaveLength(1);
    expect(findings[0].kpiIds).toEqual(['A', 'B', 'C']);
    expect(findings[0].message.en).toBe('The cascade goes round in a circle: A → B → C → A.');
    expect(findings[0].message['zh-HK']).toBe('層級關係形成循環:A → B → C → A。');
  });

  it('reports a KPI that is its own parent as a cycle', () => {
    const findings = orphanRule(ctx([company(), kpi({ id: 'S1', parent_id: 'S1' })]));
    expect(findings.map((f) => f.kpiIds)).toEqual([['S1']]);
    expect(findings[0].message.en).toMatch(/S1 → S1/);
  });

  it('reports an id used by several rows (copied rows)', () => {
    const findings = orphanRule(ctx([company(), kpi({ id: 'S1' }), kpi({ id: 'S1' }), kpi({ id: 'S1' })]));
    expect(findings.map((f) => f.message.en)).toEqual(['The ID S1 is used by 3 KPIs.']);
  });
});
