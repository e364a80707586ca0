import { formatWallClock, wallClockOf } from '../../src/core/calendar';
import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import { FakeExcel } from './excel-fake';

/**
 * Dates through Office.js: serials in the workbook's own date system, which Excel tells through its DATE
 * function (the fake answers DATE(1904,1,1) with 0 in a 1904 workbook, as Excel does).
 */

const shown = (values: unknown[]) =>
  values.map((value) => (value instanceof Date ? formatWallClock(wallClockOf(value)) : value));

function fakeWith(date1904: boolean): FakeExcel {
  const excel = new FakeExcel({ date1904 });
  const sheet = excel.addSheet('Mine');
  sheet.cells.set('1,1', { value: 'When' });
  // 2026-12-31 06:30, as each system stores it; then serials no date cell can show.
  sheet.cells.set('2,1', { value: (date1904 ? 44925 : 46387) + 6.5 / 24, numberFormat: 'yyyy-mm-dd hh:mm' });
  sheet.cells.set('3,1', { value: 0, numberFormat: 'yyyy-mm-dd' });
  sheet.cells.set('4,1', { value: -3, numberFormat: 'yyyy-mm-dd' });
  sheet.cells.set('5,1', { value: 3_000_000, numberFormat: 'yyyy-mm-dd' });
  return excel;
}

describe.each([
  [1900, 46387],
  [1904, 44925],
])('a workbook in the %i date system', (system, newYearsEve) => {
  const date1904 = system === 1904;

  it('gets its dates written as its own serials, time of day included', async () => {
    const excel = fakeWith(date1904);
    const wb = new ExcelWorkbook(excel.context);
    await wb.sheets();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [[new Date(2026, 11, 31), new Date(2026, 2, 31, 20, 0)]]);
    await wb.flush();
    expect(excel.cell('Register', 'A1')).toMatchObject({ value: newYearsEve, numberFormat: 'yyyy-mm-dd' });
    expect(excel.cell('Register', 'B1')?.value).toBeCloseTo(newYearsEve - 275 + 20 / 24, 9);
    expect(excel.cell('Register', 'B1')?.numberFormat).toBe('yyyy-mm-dd hh:mm');
  });

  it('learns the date system before a date written ahead of any read', async () => {
    const excel = fakeWith(date1904);
    const wb = new ExcelWorkbook(excel.context);
    wb.write('Mine', 6, 1, [[new Date(2026, 11, 31)]]);
    await wb.flush();
    expect(excel.cell('Mine', 'A6')?.value).toBe(newYearsEve);
  });

  it('reads its serials as their days, and a serial no date cell can show as its number', async () => {
    const wb = new ExcelWorkbook(fakeWith(date1904).context);
    const data = await wb.readSheet('Mine');
    expect(shown(data!.values.slice(1).map((row) => row[0]))).toEqual([
      '2026-12-31T06:30:00.000',
      date1904 ? '1904-01-01T00:00:00.000' : 0, // 1904-01-01 is the 1904 system's day 0
      -3,
      3_000_000,
    ]);
  });
});
