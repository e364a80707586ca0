import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import { FakeExcel } from './excel-fake';

/**
 * The Excel host's hidden dropdown-lists sheet must not take a name from the user (issue 9): a user's own
 * visible sheet called "KPI_Lists" is listed and read like any other, and a sheet the register adds under
 * that name (a department called "kpi_lists") gets it, the lists going to a hidden sheet of another name.
 */

const LONG = Array.from({ length: 40 }, (_, i) => `Department of Customer Experience ${i + 1}`);

function setup() {
  const excel = new FakeExcel();
  excel.addSheet('Sheet1');
  return { excel, wb: new ExcelWorkbook(excel.context) };
}

describe('ExcelWorkbook — the hidden lists sheet and user sheets named like it', () => {
  it('lists and reads a visible user sheet called KPI_Lists, and puts the lists on a hidden sheet beside it', async () => {
    const { excel, wb } = setup();
    excel.addSheet('KPI_Lists');
    wb.write('KPI_Lists', 1, 1, [
      ['KPI', 'Target'],
      ['Revenue', 100],
    ]);
    await wb.flush();
    const fresh = new ExcelWorkbook(excel.context);
    expect((await fresh.sheets()).map((sheet) => sheet.name)).toEqual(['Sheet1', 'KPI_Lists']);
    expect((await fresh.readSheet('KPI_Lists'))?.values).toEqual([
      ['KPI', 'Target'],
      ['Revenue', 100],
    ]);
    fresh.setValidationList({ sheet: 'Sheet1', row: 2, col: 1, rows: 3, cols: 1 }, LONG, true);
    await fresh.flush();
    expect(excel.sheet('KPI_Lists (2)').visibility).toBe('Hidden');
    expect(excel.sheet('Sheet1').validations.map((v) => v.source)).toEqual(["='KPI_Lists (2)'!$A$1:$A$40"]);
    expect(excel.cell('KPI_Lists', 'A2')?.value).toBe('Revenue');
    expect((await new ExcelWorkbook(excel.context).sheets()).map((sheet) => sheet.name)).toEqual([
      'Sheet1',
      'KPI_Lists',
    ]);
  });

  it('adds a sheet called kpi_lists (a department), the lists going to a hidden sheet of another name', async () => {
    const { excel, wb } = setup();
    wb.addSheet('Register');
    wb.setValidationList({ sheet: 'Register', row: 2, col: 1, rows: 3, cols: 1 }, LONG, true);
    wb.addSheet('kpi_lists');
    wb.write('kpi_lists', 1, 1, [['Department sheet']]);
    await wb.flush();
    expect(excel.sheet('kpi_lists').visibility ?? 'Visible').toBe('Visible');
    expect(excel.cell('kpi_lists', 'A1')?.value).toBe('Department sheet');
    expect(excel.sheet('KPI_Lists (2)').visibility).toBe('Hidden');
    expect(excel.sheet('Register').validations.map((v) => v.source)).toEqual(["='KPI_Lists (2)'!$A$1:$A$40"]);
    expect((await new ExcelWorkbook(excel.context).sheets()).map((sheet) => sheet.name)).toEqual([
      'Sheet1',
      'Register',
      'kpi_lists',
    ]);
  });
});
