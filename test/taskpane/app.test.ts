import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addKpi,
  cascadeTree,
  createActions,
  dueCheckIns,
  health,
  locate,
  previewAdoption,
  recordCheckIns,
  setUpRegister,
  status,
  adopt,
  type KpiDraft,
} from '../../src/app';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { memoryFromXlsx } from '../../src/hosts/file';
import { readRegister } from '../../src/register/read';
import type { RangeRef, Workbook } from '../../src/register/workbook';

const TODAY = new Date(2026, 4, 15);

const company: KpiDraft = {
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

function child(parentId: string, name: string): KpiDraft {
  return {
    ...company,
    name,
    description: '=SUM(A1:A9) typed by a user',
    owner: 'Chan Wing Yan',
    level: 'department',
    department: 'Sales',
    parent_id: parentId,
    type: 'operational',
    timing: 'leading',
    unit: '%',
    baseline: 0.12,
    target: 0.18,
    weight: 0.5,
    cadence: 'monthly',
  };
}

async function newRegister(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  wb.addSheet('My notes');
  wb.write('My notes', 1, 1, [['keep me']]);
  await setUpRegister(wb, { lang: 'en', today: TODAY });
  return wb;
}

describe('application service: a new register', () => {
  it('tells a blank workbook, an adoptable one and a register apart', async () => {
    const blank = new MemoryWorkbook();
    blank.addSheet('Sheet1');
    expect(await status(blank)).toEqual({ kind: 'blank' });
    const fixture = await memoryFromXlsx(readFileSync(join(__dirname, '../fixtures/finance-kpis-en.xlsx')));
    expect(await status(fixture)).toMatchObject({ kind: 'adoptable' });
    expect(await status(await newRegister())).toMatchObject({ kind: 'register', lang: 'en', kpis: 0 });
  });

  it('adds KPIs as new rows, never over an existing one, with ids and formulas', async () => {
    const wb = await newRegister();
    const first = await addKpi(wb, company, { dialect: 'portable' });
    const register = first.range.sheet;
    const before = (await wb.readSheet(register))!.values[first.range.row - 1];
    const second = await addKpi(wb, child(first.id, 'New-customer conversion rate of the online store'), {
      dialect: 'portable',
    });
    expect(second.range.row).toBe(first.range.row + 1);
    expect(second.id).not.toBe(first.id);
    const sheet = (await wb.readSheet(register))!;
    expect(sheet.values[first.range.row - 1]).toEqual(before);
    const read = await readRegister(wb);
    expect(read.problems).toEqual([]);
    expect(read.kpis.map((kpi) => kpi.id)).toEqual([first.id, second.id]);
    expect(read.kpis[1]).toMatchObject({ parent_id: first.id, target: 0.18, weight: 0.5 });
    // A description that looks like a formula stays text; the computed columns are formulas.
    expect(read.kpis[1].description).toBe('=SUM(A1:A9) typed by a user');
    expect(sheet.formulas[second.range.row - 1].filter(Boolean).length).toBeGreaterThanOrEqual(3);
    // The user's own sheet is untouched.
    expect((await wb.readSheet('My notes'))?.values).toEqual([['keep me']]);
  });

  it('refuses an incomplete draft and a parent that is not in the register', async () => {
    const wb = await newRegister();
    await expect(addKpi(wb, { ...company, name: '' })).rejects.toThrow(/name/);
    await expect(addKpi(wb, { ...company, parent_id: 'KPI-NOPE' })).rejects.toThrow(/KPI-NOPE/);
    expect((await readRegister(wb)).kpis).toEqual([]);
  });

  it('lists check-ins due by cadence, records them and updates the register', async () => {
    const wb = await newRegister();
    const top = await addKpi(wb, company);
    const kid = await addKpi(wb, child(top.id, 'Online conversion rate'));
    const due = await dueCheckIns(wb, 'chan wing yan', TODAY);
    expect(due.map((item) => item.kpi.id)).toEqual([kid.id]);
    await recordCheckIns(wb, [{ kpiId: kid.id, actual: 0.15, note: 'Campaign week', periodEnd: TODAY }], {
      now: new Date(2026, 4, 15, 17, 30),
    });
    const read = await readRegister(wb);
    expect(read.checkIns).toEqual([
      expect.objectContaining({ kpi_id: kid.id, actual: 0.15, note: 'Campaign week', period_end: TODAY }),
    ]);
    expect(read.kpis.find((kpi) => kpi.id === kid.id)).toMatchObject({ actual: 0.15, last_review: TODAY });
    // The row's computed cells carry fresh results (the in-memory host does not calculate formulas).
    const sheet = (await wb.readSheet(kid.range.sheet))!;
    const header = sheet.values[0];
    const line = sheet.values[kid.range.row - 1];
    expect(line[header.indexOf('Score')]).toBeCloseTo(0.5);
    expect(line[header.indexOf('Status')]).toBe('RED');
    expect(sheet.formulas[kid.range.row - 1][header.indexOf('Status')]).toMatch(/^=/);
    // Reviewed today, monthly: due again in a month, not now.
    expect(await dueCheckIns(wb, 'Chan Wing Yan', TODAY)).toEqual([]);
    expect((await dueCheckIns(wb, 'Chan Wing Yan', new Date(2026, 5, 15))).map((d) => d.kpi.id)).toEqual([
      kid.id,
    ]);
  });

  it('keeps the latest period as the actual when an older period is reported later', async () => {
    const wb = await newRegister();
    const top = await addKpi(wb, company);
    await recordCheckIns(wb, [{ kpiId: top.id, actual: 90_000_000, periodEnd: new Date(2026, 3, 30) }]);
    await recordCheckIns(wb, [{ kpiId: top.id, actual: 85_000_000, periodEnd: new Date(2026, 2, 31) }]);
    const read = await readRegister(wb);
    expect(read.checkIns).toHaveLength(2);
    expect(read.kpis[0].actual).toBe(90_000_000);
  });

  it('builds the cascade with scores and roll-ups, and locates rows', async () => {
    const wb = await newRegister();
    const top = await addKpi(wb, company);
    const a = await addKpi(wb, child(top.id, 'Online conversion rate'));
    const b = await addKpi(wb, { ...child(top.id, 'Store conversion rate'), weight: 0.5 });
    await recordCheckIns(wb, [
      { kpiId: a.id, actual: 0.18 },
      { kpiId: b.id, actual: 0.15 },
    ]);
    const tree = await cascadeTree(wb);
    expect(tree).toHaveLength(1);
    expect(tree[0].kpi.id).toBe(top.id);
    expect(tree[0].children.map((node) => [node.kpi.id, node.score, node.status])).toEqual([
      [a.id, 1, 'GREEN'],
      [b.id, 0.5, 'RED'],
    ]);
    expect(tree[0].rollup).toBeCloseTo(0.75);
    expect(tree[0].rollupStatus).toBe('RED');
    expect(await locate(wb, b.id)).toEqual(b.range);
    expect(await locate(wb, 'KPI-NOPE')).toBeUndefined();
  });
});

describe('application service: the sample register and adoption', () => {
  it('sets up the sample register and finds its three planted health findings', async () => {
    const wb = new MemoryWorkbook();
    const report = await setUpRegister(wb, { lang: 'zh-HK', sample: true, today: TODAY });
    expect(report.kpis).toBeGreaterThan(10);
    const rules = new Set((await health(wb, TODAY)).map((finding) => finding.rule));
    expect([...rules].sort()).toEqual(['focus', 'leading-lagging', 'ratio-volume']);
    const tree = await cascadeTree(wb);
    expect(tree.length).toBeGreaterThan(0);
    expect(tree.every((node) => node.kpi.level === 'company')).toBe(true);
  });

  it('previews the mapping, lets the user correct it, and builds from the corrected mapping', async () => {
    const wb = await memoryFromXlsx(readFileSync(join(__dirname, '../fixtures/finance-kpis-en.xlsx')));
    const preview = await previewAdoption(wb, 'en', TODAY);
    expect(preview.kpiCount).toBeGreaterThan(0);
    const owner = preview.columns.find((column) => column.field === 'owner');
    expect(owner).toBeDefined();
    expect(owner!.samples.length).toBeGreaterThan(0);
    // Nothing is written by the preview.
    expect(await status(wb)).toMatchObject({ kind: 'adoptable' });
    // The user decides the owner column is to be kept as it is.
    const corrected = {
      ...preview,
      columns: preview.columns.map((column) => (column === owner ? { ...column, field: undefined } : column)),
    };
    const report = await adopt(wb, corrected, { lang: 'en', today: TODAY });
    expect(report.kpis).toBe(preview.kpiCount);
    const read = await readRegister(wb);
    expect(new Set(read.kpis.map((kpi) => kpi.owner)).size).toBe(1);
    const header = (await wb.readSheet(report.sheets.register))!.values[0];
    expect(header).toContain(owner!.header);
  });
});

describe('createActions', () => {
  it('runs each action once on the host and selects the located row', async () => {
    const wb = await newRegister();
    const runs: string[] = [];
    const selected: RangeRef[] = [];
    const host = {
      async run<T>(action: (workbook: Workbook) => Promise<T>): Promise<T> {
        runs.push('run');
        return action(wb);
      },
      async select(range: RangeRef) {
        selected.push(range);
      },
    };
    const actions = createActions(host, { now: () => TODAY });
    const added = await actions.addKpi(company);
    expect(runs).toHaveLength(1);
    await actions.goTo(added.id);
    expect(selected).toEqual([added.range]);
    await expect(actions.goTo('KPI-NOPE')).rejects.toThrow(/KPI-NOPE/);
    expect((await actions.register()).kpis.map((kpi) => kpi.id)).toEqual([added.id]);
  });
});
