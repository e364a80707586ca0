import { weightScale, weightsRule } from '../../src/core/health';
import { company, ctx, kpi } from './health.fixtures';

const under = (weights: (number | undefined)[]) => [
  company(),
  ...weights.map((weight, i) => kpi({ id: `S${i + 1}`, weight })),
];

describe('health rule 5: weights under one parent that do not add up to 100%', () => {
  it.each([
    ['fractions', [0.3, 0.7]],
    ['percents', [30, 70]],
    ['thirds within half a point', [33.3, 33.3, 33.3]],
    ['a lone child at 100%', [1]],
    ['all blank: equal weights', [undefined, undefined]],
  ])('accepts %s', (_label, weights) => {
    expect(weightsRule(ctx(under(weights)))).toEqual([]);
  });

  it.each([
    ['fractions short of 1', [0.3, 0.6], '90%'],
    ['percents over 100', [40, 70], '110%'],
    ['relative weights', [1, 1, 1], '300%'],
    ['a fraction mixed with a percent', [0.5, 50], '50.5%'],
  ])('reports %s, naming the parent and all its children', (_label, weights, total) => {
    const findings = weightsRule(ctx(under(weights)));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'weights', kpiIds: weights.map((_, i) => `S${i + 1}`) });
    expect(findings[0].message.en).toContain(`under C1 (`);
    expect(findings[0].message.en).toContain(`add up to ${total}, not 100%`);
  });

  it('reports a group where some children have weights and some do not', () => {
    const findings = weightsRule(ctx(under([0.6, 0.4, undefined])));
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toBe('Under C1, S3 have no weight while S1, S2 do.');
    expect(findings[0].message['zh-HK']).toBe('C1 之下,S3 沒有權重,但 S1、S2 有。');
  });

  it('checks each parent separately and ignores company KPIs without a parent', () => {
    const kpis = [
      company({ weight: 0.5 }),
      kpi({ id: 'S1', weight: 0.5 }),
      kpi({ id: 'S2', weight: 0.5 }),
      kpi({ id: 'S1a', parent_id: 'S1', weight: 0.2 }),
    ];
    expect(weightsRule(ctx(kpis)).map((f) => f.kpiIds)).toEqual([['S1a']]);
  });

  it('reads a group as percents when any weight is above 1', () => {
    expect(weightScale([0.4, 0.6])).toBe(1);
    expect(weightScale([1])).toBe(1);
    expect(weightScale([40, 60])).toBe(100);
  });
});
