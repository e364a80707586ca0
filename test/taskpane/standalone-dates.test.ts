import { Workbook as ExcelWorkbook } from 'exceljs';
import { memoryFromXlsx } from '../../src/hosts/file/convert';
import { formatValue, showCell } from '../../src/taskpane/standalone/cells';

/** The standalone page opens a file whose date cells hold serials no date can be, and shows them as Excel does. */
describe('date cells the standalone page cannot show as dates', () => {
  it('opens the file and shows ####, as Excel does, and real dates as dates', async () => {
    const excel = new ExcelWorkbook();
    const ws = excel.addWorksheet('Mine');
    [0, -3, 3_000_000, 46387].forEach((serial, i) => {
      const cell = ws.getCell(`A${i + 1}`);
      cell.value = serial;
      cell.numFmt = 'yyyy-mm-dd';
    });
    const memory = await memoryFromXlsx(new Uint8Array(await excel.xlsx.writeBuffer()));
    const sheet = memory.inspect().sheets.find((candidate) => candidate.name === 'Mine')!;
    expect([1, 2, 3, 4].map((row) => showCell(sheet, row, 1).text)).toEqual([
      '####',
      '####',
      '####',
      '2026-12-31',
    ]);
  });

  it('keeps numbers in other formats as numbers', () => {
    expect(formatValue(0, '0.0%')).toBe('0.0%');
    expect(formatValue(-3, '"HK$"#,##0')).toBe('HK$-3');
    expect(formatValue(0, undefined)).toBe('0');
  });
});
