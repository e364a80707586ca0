import { Workbook as ExcelWorkbook } from 'exceljs';
import fc from 'fast-check';
import {
  DAY_MS,
  FIRST_SERIAL,
  LAST_SERIAL,
  formatWallClock,
  localDate,
  serialToWallClock,
  wallClockOf,
  type DateSystem,
} from '../../src/core/calendar';
import { memoryFromXlsx, memoryToXlsx } from '../../src/hosts/file/convert';
import { FileWorkbook } from '../../src/hosts/file/file-workbook';
import { XlsxWorkbook } from '../../src/hosts/file/xlsx-workbook';
import { sheetPart, storedNumber, xlsxParts } from '../helpers/xlsx-parts';

/**
 * Dates in .xlsx files: serial numbers in the workbook's own date system (1904 for `<workbookPr
 * date1904="1"/>`), and a date-formatted serial no date can be (0, negative, past 9999) read as the number
 * it is. The serials are checked in the file's XML, not through our own reader.
 */

/** A user's workbook made with exceljs: a date column, date-formatted. */
async function userWorkbook(date1904: boolean, cells: (Date | number)[]): Promise<Uint8Array> {
  const excel = new ExcelWorkbook();
  if (date1904) excel.properties.date1904 = true;
  const ws = excel.addWorksheet('Mine');
  ws.getCell('A1').value = 'When';
  cells.forEach((value, i) => {
    const cell = ws.getCell(`A${i + 2}`);
    cell.value = value;
    cell.numFmt = 'yyyy-mm-dd hh:mm';
  });
  return new Uint8Array(await excel.xlsx.writeBuffer());
}

const wallClocks = (values: unknown[]) =>
  values.map((value) => (value instanceof Date ? formatWallClock(wallClockOf(value)) : value));

const NEW_YEARS_EVE = new Date(2026, 11, 31);
const EVENING = new Date(2026, 2, 31, 20, 0);

describe.each([
  ['FileWorkbook (its own sheet writer)', (bytes: Uint8Array) => FileWorkbook.fromBuffer(bytes)],
  ['XlsxWorkbook (exceljs writes)', (bytes: Uint8Array) => XlsxWorkbook.fromBuffer(bytes)],
])('%s', (_name, open) => {
  it("writes a 1904 workbook's dates as 1904 serials, in new sheets and in the user's", async () => {
    const wb = await open(await userWorkbook(true, [new Date(Date.UTC(2026, 11, 31))]));
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [[NEW_YEARS_EVE, EVENING, new Date(1904, 0, 1)]]);
    wb.write('Mine', 3, 1, [[NEW_YEARS_EVE]]);
    const parts = xlsxParts(await wb.toBuffer());
    expect(parts.get('xl/workbook.xml')).toMatch(/<workbookPr [^>]*date1904="1"/);
    const register = sheetPart(parts, 'Register');
    // 2026-12-31 is 46387 in the 1900 system and 46387 - 1462 in the 1904 system; 1904-01-01 is 0.
    expect(storedNumber(register, 'A1')).toBe(44925);
    expect(storedNumber(register, 'B1')).toBeCloseTo(44650 + 20 / 24, 9); // 2026-03-31 20:00;
    expect(storedNumber(register, 'C1')).toBe(0);
    const mine = sheetPart(parts, 'Mine');
    expect(storedNumber(mine, 'A2')).toBe(44925);
    expect(storedNumber(mine, 'A3')).toBe(44925);
  });

  it('reads 1904 serials as their own days, with their time of day', async () => {
    const wb = await open(await userWorkbook(true, [new Date(Date.UTC(2026, 11, 31, 6, 30))]));
    const data = await wb.readSheet('Mine');
    expect(wallClocks(data!.values[1])).toEqual(['2026-12-31T06:30:00.000']);
  });

  it("keeps Excel's serials for the first two months of 1900 (its fictitious 29 February)", async () => {
    const wb = await open(await userWorkbook(false, []));
    wb.write('Mine', 2, 1, [[new Date(1900, 0, 1), new Date(1900, 1, 28), new Date(1900, 2, 1)]]);
    const mine = sheetPart(xlsxParts(await wb.toBuffer()), 'Mine');
    expect([storedNumber(mine, 'A2'), storedNumber(mine, 'B2'), storedNumber(mine, 'C2')]).toEqual([
      1, 59, 61,
    ]);
    const back = await (await open(await wb.toBuffer())).readSheet('Mine');
    expect(wallClocks(back!.values[1])).toEqual([
      '1900-01-01T00:00:00.000',
      '1900-02-28T00:00:00.000',
      '1900-03-01T00:00:00.000',
    ]);
  });

  it('reads a date-formatted serial no date can be as its number (Excel shows ####)', async () => {
    const wb = await open(await userWorkbook(false, [0, -3, 3_000_000, 46387]));
    const data = await wb.readSheet('Mine');
    expect(wallClocks(data!.values.slice(1).map((row) => row[0]))).toEqual([
      0,
      -3,
      3_000_000,
      '2026-12-31T00:00:00.000',
    ]);
  });
});

describe.each([1900, 1904] as const)(
  'any date with a time of day, %i system (property)',
  (system: DateSystem) => {
    it('is written as its exact serial and read back as the same wall clock', async () => {
      // Serials (whole days and milliseconds) across the system's whole range, Excel's 29 Feb 1900 left out.
      const serials = fc.sample(
        fc
          .tuple(
            fc.integer({ min: FIRST_SERIAL[system], max: LAST_SERIAL[system] }),
            fc.integer({ min: 0, max: DAY_MS - 1 }),
          )
          .filter(([whole]) => system === 1904 || whole !== 60)
          .map(([whole, ms]) => whole + ms / DAY_MS),
        300,
      );
      // A day the machine's zone skipped whole cannot be a port Date here (see calendar.ts).
      const cases = serials
        .map((serial) => ({ serial, date: localDate(serialToWallClock(serial, system)!) }))
        .filter(({ serial, date }) => wallClockOf(date).day === serialToWallClock(serial, system)!.day);
      const dates = cases.map(({ date }) => date);
      const wb = await FileWorkbook.fromBuffer(await userWorkbook(system === 1904, []));
      wb.addSheet('Dates');
      wb.write('Dates', 1, 1, [dates]);
      const bytes = await wb.toBuffer();
      const xml = sheetPart(xlsxParts(bytes), 'Dates');
      const column = (n: number): string =>
        n <= 0 ? '' : column(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
      cases.forEach(({ serial, date }, i) => {
        const stored = storedNumber(xml, `${column(i + 1)}1`)!;
        expect(serialToWallClock(stored, system)).toEqual(wallClockOf(date));
        // The same serial, unless this zone moved a wall clock out of its daylight-saving gap.
        if (wallClockOf(date).time === serialToWallClock(serial, system)!.time)
          expect(stored).toBeCloseTo(serial, 8);
      });
      const back = await (await FileWorkbook.fromBuffer(bytes)).readSheet('Dates');
      expect(wallClocks(back!.values[0])).toEqual(wallClocks(dates));
    });
  },
);

describe('the standalone page (memory ↔ .xlsx)', () => {
  it('opens a file with date-formatted 0, negative and past-9999 serials, and keeps them', async () => {
    const memory = await memoryFromXlsx(await userWorkbook(false, [0, -3, 3_000_000]));
    const data = await memory.readSheet('Mine');
    expect(data!.values.slice(1).map((row) => row[0])).toEqual([0, -3, 3_000_000]);
    const mine = sheetPart(xlsxParts(await memoryToXlsx(memory)), 'Mine');
    expect([storedNumber(mine, 'A2'), storedNumber(mine, 'A3'), storedNumber(mine, 'A4')]).toEqual([
      0, -3, 3_000_000,
    ]);
  });

  it("opens a 1904 workbook's dates as their days", async () => {
    const memory = await memoryFromXlsx(await userWorkbook(true, [new Date(Date.UTC(2026, 11, 31))]));
    expect(wallClocks((await memory.readSheet('Mine'))!.values[1])).toEqual(['2026-12-31T00:00:00.000']);
  });
});
