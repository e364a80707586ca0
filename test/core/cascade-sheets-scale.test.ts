import type { Kpi } from '../../src/core/model';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { buildCascadeSheets, type CascadeRow } from '../../src/register/cascade-sheets';
import { registerLayout } from '../../src/register/layout';
import { kpi } from './health.fixtures';

/**
 * The cascade sheets must grow linearly with the KPIs, however they group: one department per KPI made a
 * sheet per KPI, and each sheet indexed every KPI again. Reads of the rows' fields are counted (no timing).
 */
function readsFor(n: number): number {
  let reads = 0;
  const template = kpi({ id: 'T' });
  const rows: CascadeRow[] = Array.from({ length: n }, (_, i) => {
    const row: CascadeRow = {
      kpi: { ...template, id: `K${i}`, parent_id: undefined, department: `Dept ${i}` } as Kpi,
      score: 1,
      status: 'GREEN',
    };
    return new Proxy(row, {
      get: (target, key, receiver) => {
        reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  });
  let sheet = 0;
  buildCascadeSheets(new MemoryWorkbook(), {
    layout: registerLayout('Register', n),
    rows,
    lang: 'en',
    portable: true,
    name: () => `S${sheet++}`,
  });
  return reads;
}

it('builds the cascade sheets in linear work, even with a department per KPI', () => {
  const growth = readsFor(600) / readsFor(300);
  expect(growth).toBeLessThan(2.5);
});
