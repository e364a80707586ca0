import { Workbook as ExcelWorkbook } from 'exceljs';
import { FileWorkbook } from '../../src/hosts/file/file-workbook';
import { LONG_LIST } from './contract';

/**
 * The file host's hidden dropdown-lists sheet must never take a name from the user (issue 9): a user's own
 * sheet called "KPI_Lists" is an ordinary sheet, and a sheet the register adds (a department called
 * "kpi_lists") gets that name while the lists sheet moves aside.
 */

async function excelOf(bytes: Uint8Array): Promise<ExcelWorkbook> {
  const excel = new ExcelWorkbook();
  await excel.xlsx.load(bytes as unknown as ArrayBuffer);
  return excel;
}

async function userWorkbook(build: (excel: ExcelWorkbook) => void): Promise<FileWorkbook> {
  const excel = new ExcelWorkbook();
  build(excel);
  return FileWorkbook.fromBuffer(new Uint8Array(await excel.xlsx.writeBuffer()));
}

const visible = (excel: ExcelWorkbook) =>
  excel.worksheets.filter((ws) => ws.state === 'visible').map((ws) => ws.name);
const hidden = (excel: ExcelWorkbook) =>
  excel.worksheets.filter((ws) => ws.state !== 'visible').map((ws) => ws.name);

describe('FileWorkbook — the hidden lists sheet and user sheets named like it', () => {
  it('opens a workbook whose only sheet is called KPI_Lists, and lists it like any other', async () => {
    const wb = await userWorkbook((excel) => excel.addWorksheet('KPI_Lists').addRow(['KPI', 'Target']));
    expect((await wb.sheets()).map((sheet) => sheet.name)).toEqual(['KPI_Lists']);
    expect((await wb.readSheet('KPI_Lists'))?.values).toEqual([['KPI', 'Target']]);
  });

  it('keeps a user sheet called KPI_Lists untouched and puts the lists on a hidden sheet of its own', async () => {
    const wb = await userWorkbook((excel) => excel.addWorksheet('kpi_lists').addRow(['my notes']));
    wb.addSheet('Register');
    wb.setValidationList({ sheet: 'Register', row: 2, col: 1, rows: 3, cols: 1 }, LONG_LIST, false);
    const excel = await excelOf(await wb.toBuffer());
    expect(visible(excel)).toEqual(['kpi_lists', 'Register']);
    expect(hidden(excel)).toEqual(['KPI_Lists (2)']);
    expect(excel.getWorksheet('kpi_lists')?.getCell('A1').value).toBe('my notes');
    expect(excel.getWorksheet('kpi_lists')?.getCell('A2').value).toBeNull();

    const reopened = await FileWorkbook.fromBuffer(await wb.toBuffer());
    expect((await reopened.sheets()).map((sheet) => sheet.name)).toEqual(['kpi_lists', 'Register']);
    const snapshot = reopened.inspect();
    const register = snapshot.sheets.find((sheet) => sheet.name === 'Register');
    expect(register?.validations.map((v) => v.values)).toEqual([[...LONG_LIST]]);
  });

  it('gives a sheet the register adds the lists sheet’s name, and moves the lists (and their dropdowns) aside', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('Register');
    wb.setValidationList({ sheet: 'Register', row: 2, col: 1, rows: 3, cols: 1 }, LONG_LIST, true);
    wb.addSheet('kpi_lists');
    wb.write('kpi_lists', 1, 1, [['Department sheet']]);
    wb.setValidationList({ sheet: 'kpi_lists', row: 2, col: 1, rows: 1, cols: 1 }, LONG_LIST, false);
    const bytes = await wb.toBuffer();
    const excel = await excelOf(bytes);
    expect(visible(excel)).toEqual(['Register', 'kpi_lists']);
    expect(hidden(excel)).toEqual(['KPI_Lists (2)']);
    expect(excel.getWorksheet('kpi_lists')?.getCell('A1').value).toBe('Department sheet');

    const reopened = await FileWorkbook.fromBuffer(bytes);
    expect((await reopened.sheets()).map((sheet) => sheet.name)).toEqual(['Register', 'kpi_lists']);
    const values = reopened
      .inspect()
      .sheets.flatMap((sheet) => sheet.validations.map((v) => [sheet.name, v.values.length]));
    expect(values).toEqual([
      ['Register', LONG_LIST.length],
      ['kpi_lists', LONG_LIST.length],
    ]);
  });
});
