import { addKpi, previewAdoption, recordCheckIns, setUpRegister, type KpiDraft } from '../../src/app';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { readRegister } from '../../src/register/read';
import type { CellValue, SheetData } from '../../src/register/workbook';

/**
 * A user's own sheets called "Register" and "Check-ins" (issue 9): the register is built beside them as
 * "Register (2)" and "Check-ins (2)", and the task pane's actions find it by its columns and write only to it.
 */

const TODAY = new Date(2026, 4, 15);

const kpi: KpiDraft = {
  name: 'Group revenue of the Hong Kong stores',
  owner: 'Wong Ka Ming',
  level: 'company',
  type: 'strategic',
  timing: 'lagging',
  form: 'count',
  unit: 'HKD',
  polarity: 'higher',
  baseline: 80,
  target: 96,
  role: 'core',
  framework: 'KPI',
  cadence: 'quarterly',
};

const USER_LIST: CellValue[][] = [
  ['KPI', 'Owner', 'Target'],
  ['My own list', 'Ann', 5],
];
const USER_LOG: CellValue[][] = [
  ['KPI ID', 'Period end', 'Actual'],
  ['MY-1', '2026-01-31', 3],
];

describe('actions on a register built beside sheets called Register and Check-ins', () => {
  it('add KPIs and check-ins to the built register and leave the user sheets as they were', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, USER_LIST);
    wb.addSheet('Check-ins');
    wb.write('Check-ins', 1, 1, USER_LOG);
    await setUpRegister(wb, { lang: 'en', today: TODAY });

    const added = await addKpi(wb, kpi, { dialect: 'portable' });
    expect(added.range.sheet).toBe('Register (2)');
    await recordCheckIns(wb, [{ kpiId: added.id, actual: 90, periodEnd: TODAY }]);

    expect(((await wb.readSheet('Register')) as SheetData).values).toEqual(USER_LIST);
    expect(((await wb.readSheet('Check-ins')) as SheetData).values).toEqual(USER_LOG);
    const read = await readRegister(wb);
    expect(read.sheets).toEqual({ register: 'Register (2)', checkIns: 'Check-ins (2)' });
    expect(read.kpis.map((k) => k.id)).toEqual([added.id]);
    expect(read.checkIns.map((c) => [c.kpi_id, c.actual])).toEqual([[added.id, 90]]);
  });
});

describe('the adoption preview (issue 9)', () => {
  it('lists the cells it will leave blank, and sums up a kind of finding found on many rows', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('KPIs');
    const rows: CellValue[][] = [
      ['No.', 'KPI', 'Owner', 'Target', 'Actual'],
      [1, 'Revenue', 'Ann', 100, 'TBC'],
      [2, 'Cost', 'Bob', '待定', 3],
    ];
    for (let n = 3; n <= 52; n++) rows.push([n, null, null, null, null]);
    wb.write('KPIs', 1, 1, rows);
    const en = await previewAdoption(wb, 'en', TODAY);
    expect(en.kpiCount).toBe(2);
    expect(en.blanks).toEqual([
      { row: 2, reason: 'Actual "TBC" is not a number: left blank' },
      { row: 3, reason: 'Target "待定" is not a number: left blank' },
    ]);
    expect(en.problems).toEqual([{ row: 4, reason: 'no KPI name (50 rows, 4 to 53)' }]);
    expect(en.problemRows).toBe(50);
    const zh = await previewAdoption(wb, 'zh-HK', TODAY);
    expect(zh.problems).toEqual([{ row: 4, reason: '沒有指標名稱（共 50 行，第 4 至 53 行）' }]);
    expect(zh.blanks[0].reason).toBe('實際「TBC」不是數字：留空');
  });
});
