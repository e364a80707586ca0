/**
 * Health checks benchmark: all eight rules (what `kpi-register check` and the Dashboard run) on a flat list
 * of lagging KPIs (the shape that was quadratic: 20,000 KPIs took 16 s, 40,000 took 86 s) and on ratio KPIs
 * with three check-ins each on their volumes. Goal: doubling the KPIs takes at most 2.3× as long.
 * test/core/health-scale.test.ts proves the same by counting work; this shows the seconds.
 */
import { checkHealth } from '../src/core/health';
import { kpiSchema, type CheckIn, type Kpi } from '../src/core/model';

interface Context {
  quick: boolean;
  log: (text: string) => void;
}

const GOAL_GROWTH = 2.3;

const template = kpiSchema.parse({
  id: 'T',
  name: 'Monthly new customers in Hong Kong retail stores',
  owner: 'Amy Chan',
  level: 'department',
  department: 'sales',
  type: 'operational',
  timing: 'lagging',
  form: 'count',
  unit: 'customers',
  polarity: 'higher',
  baseline: 80,
  target: 120,
  role: 'monitor',
  framework: 'KPI',
  deadline: new Date(2026, 11, 31),
  cadence: 'monthly',
});

function flat(n: number): { kpis: Kpi[]; checkIns: CheckIn[] } {
  return { kpis: Array.from({ length: n }, (_, i) => ({ ...template, id: `K${i}` })), checkIns: [] };
}

function ratios(n: number): { kpis: Kpi[]; checkIns: CheckIn[] } {
  const kpis: Kpi[] = [];
  const checkIns: CheckIn[] = [];
  for (let i = 0; i < n / 2; i++) {
    kpis.push({ ...template, id: `V${i}`, actual: 90 });
    kpis.push({ ...template, id: `R${i}`, form: 'ratio', volume_id: `V${i}`, actual: 130 });
    for (let m = 1; m <= 3; m++)
      checkIns.push({ kpi_id: `V${i}`, period_end: new Date(2026, m, 0), actual: 100 - m });
  }
  return { kpis, checkIns };
}

function seconds(input: { kpis: Kpi[]; checkIns: CheckIn[] }): number {
  const start = process.hrtime.bigint();
  checkHealth({ ...input, today: new Date(2026, 5, 15) });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export default {
  title: 'Health checks: all rules on large registers',
  async run({ quick, log }: Context) {
    const [small, large] = quick ? [5_000, 10_000] : [20_000, 40_000];
    const rows = [];
    for (const [name, shape] of [
      ['flat list of lagging KPIs', flat],
      ['ratio KPIs with check-ins', ratios],
    ] as const) {
      log(`health on ${name}…`);
      seconds(shape(1000)); // warm-up
      const a = seconds(shape(small));
      const b = seconds(shape(large));
      rows.push(
        { case: `${name}: ${small.toLocaleString('en-US')}`, metrics: { s: a } },
        {
          case: `${name}: ${large.toLocaleString('en-US')}`,
          metrics: { s: b, growth: b / a },
          goal: `growth ≤ ${GOAL_GROWTH}`,
          pass: b / a <= GOAL_GROWTH,
        },
      );
    }
    return rows;
  },
};
