import { overdueRule } from '../../src/core/health';
import { ctx, kpi } from './health.fixtures';

// Today is 2026-06-15 (health.fixtures).
describe('health rule 7: a review overdue by its cadence', () => {
  it('accepts a review that is due later or today', () => {
    const kpis = [
      kpi({ id: 'S1', cadence: 'monthly', last_review: new Date(2026, 4, 20) }),
      kpi({ id: 'S2', cadence: 'monthly', last_review: new Date(2026, 4, 15) }),
      kpi({ id: 'S3', cadence: 'annual', last_review: new Date(2025, 5, 15) }),
    ];
    expect(overdueRule(ctx(kpis))).toEqual([]);
  });

  it('reports a review past its date, with the date and days overdue', () => {
    const findings = overdueRule(
      ctx([kpi({ id: 'S1', cadence: 'weekly', last_review: new Date(2026, 5, 1) })]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'overdue', kpiIds: ['S1'] });
    expect(findings[0].message.en).toMatch(/was due for its weekly review on 2026-06-08, 7 days ago\.$/);
    expect(findings[0].message['zh-HK']).toMatch(/應於 2026-06-08 進行每週檢討,已逾期 7 日。$/);
  });

  it('adds months calendar-wise, clamped to month end (NEXTREVIEW)', () => {
    // 31 Mar + 2 quarters… here 30 Nov 2025 + 6 months = 30 May 2026 → overdue by 16 days.
    const [finding] = overdueRule(
      ctx([kpi({ id: 'S1', cadence: 'semiannual', last_review: new Date(2025, 10, 30) })]),
    );
    expect(finding.message.en).toContain('on 2026-05-30, 16 days ago');
    // 31 Jan + 1 month is 28 Feb, not 3 March.
    const today = new Date(2026, 2, 1);
    const [late] = overdueRule({
      kpis: [kpi({ id: 'S2', cadence: 'monthly', last_review: new Date(2026, 0, 31) })],
      today,
    });
    expect(late.message.en).toContain('on 2026-02-28, 1 days ago');
  });

  it('reports a KPI never reviewed once a whole cadence has passed since its start', () => {
    const kpis = [
      kpi({ id: 'S1', cadence: 'quarterly', start: new Date(2026, 0, 1) }),
      kpi({ id: 'S2', cadence: 'quarterly', start: new Date(2026, 3, 1) }),
      kpi({ id: 'S3', cadence: 'quarterly' }),
    ];
    const findings = overdueRule(ctx(kpis));
    expect(findings.map((f) => f.kpiIds)).toEqual([['S1']]);
    expect(findings[0].message.en).toMatch(
      /has never been reviewed; its first quarterly review was due on 2026-04-01/,
    );
  });

  it('judges by the last review, not the start, once there is one', () => {
    const kpis = [
      kpi({ id: 'S1', cadence: 'monthly', start: new Date(2025, 0, 1), last_review: new Date(2026, 5, 1) }),
    ];
    expect(overdueRule(ctx(kpis))).toEqual([]);
  });
});
