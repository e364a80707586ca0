import { kpiSchema, type CheckIn, type Kpi } from '../../src/core/model';
import type { HealthContext } from '../../src/core/health';

/**
 * A valid register row: a SMART, healthy department KPI under company KPI C1 unless overridden.
 * Parsed with the model's schema so a test can never use a row the register would reject.
 */
export function kpi(overrides: Partial<Kpi> & { id: string }): Kpi {
  return kpiSchema.parse({
    name: 'Monthly new customers in Hong Kong retail stores',
    owner: 'Amy Chan',
    level: 'department',
    department: 'sales',
    parent_id: 'C1',
    type: 'operational',
    timing: 'leading',
    form: 'count',
    unit: 'customers',
    polarity: 'higher',
    baseline: 80,
    target: 120,
    role: 'core',
    framework: 'KPI',
    deadline: new Date(2026, 11, 31),
    cadence: 'monthly',
    ...overrides,
  });
}

/** The company KPI the default rows align to. */
export const company = (overrides: Partial<Kpi> = {}): Kpi =>
  kpi({
    id: 'C1',
    name: 'Company revenue in Hong Kong from HK$100m to HK$120m by 31 Dec 2026',
    level: 'company',
    owner: 'Chief Executive',
    department: undefined,
    parent_id: undefined,
    type: 'strategic',
    timing: 'lagging',
    unit: 'HKD',
    baseline: 100_000_000,
    target: 120_000_000,
    cadence: 'quarterly',
    ...overrides,
  });

export const TODAY = new Date(2026, 5, 15);

export function ctx(kpis: Kpi[], extra: Partial<HealthContext> = {}): HealthContext {
  return { kpis, today: TODAY, ...extra };
}

export function checkIn(
  kpi_id: string,
  period_end: Date,
  actual: number,
  extra: Partial<CheckIn> = {},
): CheckIn {
  return { kpi_id, period_end, actual, ...extra };
}
