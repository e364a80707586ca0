import { cadenceTypeRule } from '../../src/core/health';
import { ctx, kpi } from './health.fixtures';

describe('health rule 8: cadence does not fit type', () => {
  it.each([
    ['strategic', 'quarterly'],
    ['strategic', 'semiannual'],
    ['strategic', 'monthly'],
    ['operational', 'weekly'],
    ['operational', 'monthly'],
    ['operational', 'quarterly'],
    ['functional', 'weekly'],
    ['functional', 'annual'],
  ] as const)('accepts a %s KPI reviewed %s', (type, cadence) => {
    expect(cadenceTypeRule(ctx([kpi({ id: 'S1', type, cadence })]))).toEqual([]);
  });

  it.each([
    ['strategic', 'weekly'],
    ['strategic', 'biweekly'],
    ['operational', 'semiannual'],
    ['operational', 'annual'],
  ] as const)('reports a %s KPI reviewed %s', (type, cadence) => {
    const findings = cadenceTypeRule(ctx([kpi({ id: 'S1' }), kpi({ id: 'S2', type, cadence })]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'cadence-type', severity: 'info', kpiIds: ['S2'] });
    expect(findings[0].message.en).toContain(`is ${type} but reviewed`);
    expect(findings[0].message.en).toContain(cadence);
  });

  it('words the finding in Chinese with the Chinese cadence', () => {
    const [finding] = cadenceTypeRule(ctx([kpi({ id: 'S1', type: 'strategic', cadence: 'weekly' })]));
    expect(finding.message['zh-HK']).toMatch(/^S1「.*」是戰略性指標,卻每週檢討/);
    expect(finding.fix['zh-HK']).toMatch(/每季或每半年/);
  });
});
