import { buildCascade } from '../../src/core/cascade';
import { checkHealth, HEALTH_RULES, RULE_IDS, type RuleId } from '../../src/core/health';
import type { CheckIn, Kpi } from '../../src/core/model';
import { checkIn, ctx, kpi } from './health.fixtures';

/**
 * The health rules and the cascade must stay linear (or n·log n) in the number of KPIs and check-ins: a
 * flat list of 40,000 KPIs took 86 s when one rule copied every KPI's siblings. Work is counted, not timed:
 * every read of a KPI's or a check-in's field goes through a counting proxy, so the count is the same on
 * any machine, and doubling the input must not quadruple it.
 */
class Reads {
  count = 0;
  watch<T extends object>(value: T): T {
    return new Proxy(value, {
      get: (target, key, receiver) => {
        this.count++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }
}

type Shape = (n: number) => { kpis: Kpi[]; checkIns: CheckIn[] };

/** Plain rows, built once per size: the schema's parse is not what is measured. */
const template = kpi({ id: 'T' });
const row = (overrides: Partial<Kpi> & { id: string }): Kpi => ({ ...template, ...overrides });

const SHAPES: Record<string, Shape> = {
  // Every KPI a lagging root: each one's siblings are all the others.
  'a flat list of lagging KPIs': (n) => ({
    kpis: Array.from({ length: n }, (_, i) =>
      row({ id: `K${i}`, parent_id: undefined, level: 'department', timing: 'lagging' }),
    ),
    checkIns: [],
  }),
  // One parent with n - 1 children, half lagging, weights that do not add up.
  'one parent with every other KPI under it': (n) => ({
    kpis: [
      row({ id: 'P', parent_id: undefined, level: 'company', timing: 'lagging' }),
      ...Array.from({ length: n - 1 }, (_, i) =>
        row({ id: `K${i}`, parent_id: 'P', timing: i % 2 ? 'lagging' : 'leading', weight: 0.5 }),
      ),
    ],
    checkIns: [],
  }),
  // A chain n deep, and a cycle at its bottom.
  'a chain n deep': (n) => ({
    kpis: Array.from({ length: n }, (_, i) =>
      row({ id: `K${i}`, parent_id: i === 0 ? undefined : `K${i - 1}`, timing: 'lagging' }),
    ).concat([row({ id: 'X', parent_id: 'Y' }), row({ id: 'Y', parent_id: 'X' })]),
    checkIns: [],
  }),
  // Green ratios, each over its own volume, three check-ins each.
  'ratio KPIs over volumes with check-ins': (n) => {
    const kpis: Kpi[] = [];
    const checkIns: CheckIn[] = [];
    for (let i = 0; i < n / 2; i++) {
      kpis.push(row({ id: `V${i}`, form: 'count', baseline: 100, actual: 90 }));
      kpis.push(row({ id: `R${i}`, form: 'ratio', volume_id: `V${i}`, actual: 130, target: 120 }));
      for (let m = 1; m <= 3; m++) checkIns.push(checkIn(`V${i}`, new Date(2026, m, 0), 100 - m));
    }
    return { kpis, checkIns };
  },
};

/** Field reads by one rule (or all of them, or the cascade) on the shape at size n. */
function readsAt(shape: Shape, n: number, run: (kpis: Kpi[], checkIns: CheckIn[]) => unknown): number {
  const input = shape(n);
  const reads = new Reads();
  run(
    input.kpis.map((k) => reads.watch(k)),
    input.checkIns.map((c) => reads.watch(c)),
  );
  return reads.count;
}

const N = 1500;

describe.each(Object.entries(SHAPES))('on %s', (_name, shape) => {
  const growth = (run: (kpis: Kpi[], checkIns: CheckIn[]) => unknown) => {
    const small = readsAt(shape, N, run);
    const large = readsAt(shape, 2 * N, run);
    return large / Math.max(1, small);
  };

  // n·log n doubles to 2·(1 + 1/log2 n): under 2.2 here. Quadratic work quadruples.
  it.each(RULE_IDS.map((rule) => [rule]))('the %s rule grows linearly', (rule: RuleId) => {
    expect(growth((kpis, checkIns) => HEALTH_RULES[rule](ctx(kpis, { checkIns })))).toBeLessThan(2.5);
  });

  it('all rules together, and the cascade, grow linearly', () => {
    expect(growth((kpis, checkIns) => checkHealth(ctx(kpis, { checkIns })))).toBeLessThan(2.5);
    expect(growth((kpis) => buildCascade(kpis))).toBeLessThan(2.5);
  });
});

it('the counter sees quadratic work (the old leading/lagging rule) for what it is', () => {
  const siblingsCopied = (kpis: Kpi[]) =>
    kpis
      .filter((k) => k.timing === 'lagging')
      .filter((k) => !kpis.some((o) => o.id !== k.id && o.timing === 'leading'));
  const shape = SHAPES['a flat list of lagging KPIs'];
  const ratio = readsAt(shape, 400, siblingsCopied) / readsAt(shape, 200, siblingsCopied);
  expect(ratio).toBeGreaterThan(3.5);
});
