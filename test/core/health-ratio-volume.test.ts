import { ratioVolumeRule } from '../../src/core/health';
import { lastMove } from '../../src/core/health/ratio-volume';
import type { Kpi } from '../../src/core/model';
import { checkIn, company, ctx, kpi } from './health.fixtures';

/** Conversion rate (a ratio of visitors) at 18% against a 15% target: green. */
const conversion = (overrides: Partial<Kpi> = {}) =>
  kpi({
    id: 'R1',
    name: 'Online store conversion rate in Hong Kong',
    form: 'ratio',
    unit: '%',
    baseline: 0.12,
    target: 0.15,
    actual: 0.18,
    volume_id: 'V1',
    ...overrides,
  });
const visitors = (overrides: Partial<Kpi> = {}) =>
  kpi({
    id: 'V1',
    name: 'Monthly online store visitors in Hong Kong',
    baseline: 50000,
    target: 60000,
    ...overrides,
  });

describe('health rule 6: a green ratio whose volume is falling', () => {
  const falling = [checkIn('V1', new Date(2026, 3, 30), 52000), checkIn('V1', new Date(2026, 4, 31), 41000)];
  const rising = [checkIn('V1', new Date(2026, 3, 30), 41000), checkIn('V1', new Date(2026, 4, 31), 52000)];

  it('reports it in the guide’s words, naming the ratio and its volume', () => {
    const findings = ratioVolumeRule(ctx([company(), conversion(), visitors()], { checkIns: falling }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'ratio-volume', kpiIds: ['R1', 'V1'] });
    expect(findings[0].message.en).toBe(
      'R1 "Online store conversion rate in Hong Kong" is green while its volume V1 "Monthly online store visitors in Hong Kong" went from 52000 to 41000: indicator met, business failed.',
    );
    expect(findings[0].message['zh-HK']).toContain('指標達標,業績失敗');
  });

  it('is quiet when the volume is rising', () => {
    expect(ratioVolumeRule(ctx([conversion(), visitors()], { checkIns: rising }))).toEqual([]);
  });

  it('is quiet when the ratio is not green', () => {
    const amber = conversion({ actual: 0.145 });
    expect(ratioVolumeRule(ctx([amber, visitors()], { checkIns: falling }))).toEqual([]);
  });

  it('takes green from the computed columns when the workbook has them', () => {
    const computed = new Map([['R1', { score: 0.5, status: 'RED' as const }]]);
    expect(ratioVolumeRule(ctx([conversion(), visitors()], { checkIns: falling, computed }))).toEqual([]);
    const green = new Map([['R1', { score: 1.2 }]]);
    const kpis = [conversion({ actual: undefined }), visitors()];
    expect(ratioVolumeRule(ctx(kpis, { checkIns: falling, computed: green }))).toHaveLength(1);
  });

  it('judges green by the framework: 0.7 is green for an OKR', () => {
    const okr = conversion({ framework: 'OKR', actual: 0.141 }); // score 0.7
    expect(ratioVolumeRule(ctx([okr, visitors()], { checkIns: falling }))).toHaveLength(1);
    expect(ratioVolumeRule(ctx([{ ...okr, framework: 'KPI' }, visitors()], { checkIns: falling }))).toEqual(
      [],
    );
  });

  it('without check-ins, compares the volume’s actual with its baseline', () => {
    expect(ratioVolumeRule(ctx([conversion(), visitors({ actual: 45000 })]))).toHaveLength(1);
    expect(ratioVolumeRule(ctx([conversion(), visitors({ actual: 55000 })]))).toEqual([]);
    expect(ratioVolumeRule(ctx([conversion(), visitors({ actual: undefined })]))).toEqual([]);
  });

  it('treats a rising volume as the wrong way when lower is better', () => {
    const complaints = visitors({ polarity: 'lower', baseline: 300, target: 200, actual: 350 });
    expect(ratioVolumeRule(ctx([conversion(), complaints]))).toHaveLength(1);
    expect(ratioVolumeRule(ctx([conversion(), { ...complaints, actual: 250 }]))).toEqual([]);
  });

  it('ignores ratios without a volume link and non-ratio KPIs', () => {
    expect(
      ratioVolumeRule(ctx([conversion({ volume_id: undefined }), visitors()], { checkIns: falling })),
    ).toEqual([]);
    expect(
      ratioVolumeRule(ctx([conversion({ form: 'average' }), visitors()], { checkIns: falling })),
    ).toEqual([]);
  });

  it('reports a volume link that names no KPI, since it silences the check', () => {
    const findings = ratioVolumeRule(ctx([conversion({ volume_id: 'V9' })]));
    expect(findings.map((f) => [f.kpiIds, f.message.en])).toEqual([
      [
        ['R1'],
        'R1 "Online store conversion rate in Hong Kong" is a ratio of V9, which is not in the register.',
      ],
    ]);
  });
});

describe('the volume’s last move', () => {
  const volume = visitors({ actual: 1 });

  it('uses the latest two periods, whatever order the check-ins were entered in', () => {
    const checkIns = [
      checkIn('V1', new Date(2026, 4, 31), 30),
      checkIn('X', new Date(2026, 5, 30), 99),
      checkIn('V1', new Date(2026, 2, 31), 10),
      checkIn('V1', new Date(2026, 3, 30), 20),
    ];
    expect(lastMove(volume, checkIns)).toEqual({ from: 20, to: 30 });
  });

  it('counts a later correction of a period as that period’s value', () => {
    const checkIns = [
      checkIn('V1', new Date(2026, 3, 30), 20),
      checkIn('V1', new Date(2026, 4, 31), 30, { entered_at: new Date(2026, 5, 1) }),
      checkIn('V1', new Date(2026, 4, 31), 15, { entered_at: new Date(2026, 5, 3) }),
    ];
    expect(lastMove(volume, checkIns)).toEqual({ from: 20, to: 15 });
  });

  it('falls back to the baseline and the single check-in or the actual', () => {
    expect(lastMove(volume, [checkIn('V1', new Date(2026, 4, 31), 42000)])).toEqual({
      from: 50000,
      to: 42000,
    });
    expect(lastMove(volume, [])).toEqual({ from: 50000, to: 1 });
    expect(lastMove(visitors({ baseline: undefined, actual: 3 }), [])).toBeUndefined();
  });
});
