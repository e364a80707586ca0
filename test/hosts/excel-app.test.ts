import { createActions, type KpiDraft } from '../../src/app';
import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import type { RangeRef, Workbook } from '../../src/register/workbook';
import { FakeExcel } from './excel-fake';

/**
 * The task pane's actions end to end on the Excel host (each action one "Excel.run" on the Office.js
 * fake): set up the sample register, add a KPI, check in, read the cascade and health, go to a row.
 */
const TODAY = new Date(2026, 4, 15);

describe('task pane actions on the Excel host', () => {
  it('sets up, adds, checks in and selects rows through Office.js', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Sheet1');
    let runs = 0;
    const actions = createActions(
      {
        async run<T>(action: (wb: Workbook) => Promise<T>): Promise<T> {
          runs++;
          const wb = new ExcelWorkbook(excel.context);
          const result = await action(wb);
          await wb.flush();
          return result;
        },
        async select(range: RangeRef) {
          const sheet = excel.context.workbook.worksheets.getItem(range.sheet);
          sheet.activate();
          sheet.getRange(`A${range.row}:B${range.row}`).select();
          await excel.context.sync();
        },
      },
      { now: () => TODAY },
    );
    expect(await actions.status()).toEqual({ kind: 'blank' });
    const report = await actions.setUpRegister({ lang: 'en', sample: true });
    const status = await actions.status();
    expect(status).toMatchObject({ kind: 'register', kpis: report.kpis });

    const { kpis } = await actions.register();
    const parent = kpis.find((kpi) => kpi.level === 'company')!;
    const draft: KpiDraft = {
      name: 'Online store average order value in Hong Kong',
      description: 'From HKD 420 to HKD 480 by 31 December 2026',
      owner: 'Tse Ka Wai',
      level: 'department',
      department: 'E-commerce',
      parent_id: parent.id,
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
    const added = await actions.addKpi(draft);
    expect(added.range.row).toBe(report.kpis + 2);
    // The formulas are KPI.* in Excel (the add-in's functions compute them).
    const score = excel.sheet(added.range.sheet).cells.get(`${added.range.row},19`);
    expect(score?.formula ?? '').toMatch(/^=KPI\./);

    expect((await actions.dueCheckIns('Tse Ka Wai', TODAY)).map((due) => due.kpi.id)).toContain(added.id);
    await actions.recordCheckIns([{ kpiId: added.id, actual: 470, note: 'Bundle campaign' }]);
    const after = await actions.register();
    expect(after.kpis.find((kpi) => kpi.id === added.id)).toMatchObject({ actual: 470, last_review: TODAY });
    expect(after.checkIns.filter((entry) => entry.kpi_id === added.id)).toHaveLength(1);

    const tree = await actions.cascadeTree();
    const top = tree.find((node) => node.kpi.id === parent.id)!;
    expect(top.children.map((node) => node.kpi.id)).toContain(added.id);
    expect((await actions.health(TODAY)).map((finding) => finding.rule)).toContain('focus');

    await actions.goTo(added.id);
    expect(excel.active).toBe(added.range.sheet);
    expect(excel.selected).toContain(`A${added.range.row}`);
    expect(runs).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
