import { addKpi, recordCheckIns, type KpiDraft } from '../../src/app';
import { ActionWorkbook } from '../../src/app/view';
import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import type { Kpi } from '../../src/core/model';
import { buildRegister } from '../../src/register/build';
import { FakeExcel, PAYLOAD_LIMIT } from './excel-fake';

/**
 * Round trips per user action, counted on the Office.js fake: each action is one Excel.run (one
 * ExcelWorkbook on a fresh context), and the number of context.sync() calls must not grow with the
 * register. Each request and response also stays under Excel on the web's 5 MB limit.
 */

const TODAY = new Date(2026, 4, 15);

function kpis(count: number): Kpi[] {
  const top: Kpi = {
    id: 'KPI-TOP',
    name: 'Group revenue of the Hong Kong stores',
    description: 'from HKD 80m to HKD 96m by 31 December 2026',
    owner: 'Wong Ka Ming',
    level: 'company',
    type: 'strategic',
    timing: 'lagging',
    form: 'count',
    unit: 'HKD',
    polarity: 'higher',
    baseline: 80_000_000,
    target: 96_000_000,
    role: 'core',
    framework: 'KPI',
    start: new Date(2026, 0, 1),
    deadline: new Date(2026, 11, 31),
    cadence: 'quarterly',
  };
  const children = Array.from({ length: count - 1 }, (_, i): Kpi => ({
    ...top,
    id: `KPI-${String(i).padStart(5, '0')}`,
    name: `Store ${i} new-customer conversion rate`,
    description: `第 ${i} 間門市 2026 年第四季前由 12% 提升至 18%`,
    owner: `Owner ${i % 40}`,
    level: 'department',
    department: `Region ${i % 12}`,
    parent_id: 'KPI-TOP',
    type: 'operational',
    timing: 'leading',
    unit: '%',
    baseline: 0.12,
    target: 0.18,
    actual: 0.14,
    weight: 1 / (count - 1),
    cadence: 'monthly',
  }));
  return [top, ...children];
}

const draft: KpiDraft = {
  name: 'Online store average order value',
  owner: 'Tse Ka Wai',
  level: 'department',
  department: 'E-commerce',
  parent_id: 'KPI-TOP',
  type: 'operational',
  timing: 'leading',
  form: 'average',
  unit: 'HKD',
  polarity: 'higher',
  baseline: 420,
  target: 480,
  role: 'core',
  framework: 'KPI',
  deadline: new Date(2026, 11, 31),
  cadence: 'monthly',
};

/** Runs one user action as Excel.run would: a fresh context on the same document, flushed at the end. */
async function action(excel: FakeExcel, run: (wb: ExcelWorkbook) => Promise<unknown>) {
  const before = excel.syncs;
  const wb = new ExcelWorkbook(excel.context);
  await run(wb);
  await wb.flush();
  const batches = excel.batches.slice(before);
  return { syncs: batches.length, bytes: batches.reduce((sum, batch) => sum + batch.requestBytes, 0) };
}

async function roundTrips(count: number) {
  const excel = new FakeExcel();
  excel.addSheet('Sheet1');
  const setUp = await action(excel, (wb) =>
    buildRegister(wb, { kpis: kpis(count), checkIns: [] }, { lang: 'en', today: TODAY }),
  );
  const add = await action(excel, (wb) => addKpi(new ActionWorkbook(wb), draft, { newId: () => 'KPI-NEW' }));
  const checkIn = await action(excel, (wb) =>
    recordCheckIns(new ActionWorkbook(wb), [{ kpiId: 'KPI-00001', actual: 0.16, periodEnd: TODAY }], {
      now: TODAY,
    }),
  );
  const biggest = Math.max(
    ...excel.batches.map((batch) => Math.max(batch.requestBytes, batch.responseBytes)),
  );
  return { setUp, add, checkIn, biggest, excel };
}

describe('Excel host: round trips per action do not grow with the register', () => {
  it('adds a KPI and records a check-in in the same few round trips for 10 and 5,000 KPIs', async () => {
    const small = await roundTrips(10);
    const large = await roundTrips(5000);
    expect(large.add.syncs).toBe(small.add.syncs);
    expect(large.checkIn.syncs).toBe(small.checkIn.syncs);
    expect(small.add.syncs).toBeLessThanOrEqual(7);
    expect(small.checkIn.syncs).toBeLessThanOrEqual(7);
    // Setting up writes the whole register: 5,000 KPIs are about 12 MB of cells and formulas, which Excel
    // on the web only takes in requests under 5 MB. The extra round trips are those requests, no more.
    expect(small.setUp.syncs).toBeLessThanOrEqual(5);
    expect(large.setUp.syncs - small.setUp.syncs).toBeLessThanOrEqual(
      Math.ceil(large.setUp.bytes / PAYLOAD_LIMIT),
    );
    expect(large.biggest).toBeLessThan(PAYLOAD_LIMIT);
    // And the actions did what they say, at the size that matters.
    const register = large.excel.sheets.find((sheet) => sheet.name === 'Register')!;
    expect(register.cells.get('5002,1')?.value).toBe('KPI-NEW');
  }, 300_000);
});
