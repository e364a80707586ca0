import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main, type CliIo } from '../../src/cli/main';
import * as adopt from '../../src/register/adopt';
import * as build from '../../src/register/build';
import { EXCEL_MAX_ROWS } from '../../src/register/limits';
import { listFiles, removeTempDirs, tempDir } from './cli-helpers';

// The real build, replaced for one call at a time by a failure nobody foresaw.
jest.mock('../../src/register/build', () => {
  const actual = jest.requireActual('../../src/register/build');
  return { ...actual, buildRegister: jest.fn(actual.buildRegister) };
});
const buildRegister = build.buildRegister as jest.MockedFunction<typeof build.buildRegister>;
jest.mock('../../src/register/adopt', () => {
  const actual = jest.requireActual('../../src/register/adopt');
  return { ...actual, adoptWorkbook: jest.fn(actual.adoptWorkbook) };
});
const adoptWorkbook = adopt.adoptWorkbook as jest.MockedFunction<typeof adopt.adoptWorkbook>;

function capture(cwd: string, lang = 'C.UTF-8') {
  let stderr = '';
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    env: { LANG: lang },
    cwd,
  };
  return { io, stderr: () => stderr };
}

describe('an unexpected error', () => {
  let dir: string;
  let input: Buffer;

  beforeAll(async () => {
    dir = tempDir('unexpected');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('KPIs').addRows([
      ['ID', 'KPI', 'Target'],
      ['K1', 'Monthly new customers in Hong Kong', 120],
    ]);
    await workbook.xlsx.writeFile(path.join(dir, 'kpis.xlsx'));
    input = readFileSync(path.join(dir, 'kpis.xlsx'));
  });

  it('is one line naming the file and saying what to do, exit 2, nothing written', async () => {
    buildRegister.mockRejectedValueOnce(
      new TypeError("Cannot set properties of undefined (setting 'sheetNo')"),
    );
    const out = capture(dir);
    expect(await main(['init', 'kpis.xlsx'], out.io)).toBe(2);
    expect(out.stderr()).toBe(
      "kpi-register: kpis.xlsx could not be processed (Cannot set properties of undefined (setting 'sheetNo')): open it in Excel, save it again as .xlsx and retry; if it still fails, report it with the file.\n",
    );
    expect(listFiles(dir)).toEqual(['kpis.xlsx']);
    expect(readFileSync(path.join(dir, 'kpis.xlsx')).equals(input)).toBe(true);
  });

  it('says a register too large for memory is too large, in Chinese too', async () => {
    buildRegister.mockRejectedValueOnce(new RangeError('Invalid string length'));
    const out = capture(dir, 'zh_HK.UTF-8');
    expect(await main(['init', 'kpis.xlsx'], out.io)).toBe(2);
    expect(out.stderr()).toMatch(
      /^kpi-register: kpis\.xlsx 的登記冊太大，無法在記憶體中建立（Invalid string length）：[^\n]*\n$/,
    );
    expect(listFiles(dir)).toEqual(['kpis.xlsx']);
  });

  it("refuses a register past Excel's last row in one line, before building anything", async () => {
    const real = await jest
      .requireActual('../../src/register/adopt')
      .adoptWorkbook(
        await (await import('../../src/hosts/file')).FileWorkbook.open(path.join(dir, 'kpis.xlsx')),
        { lang: 'en', today: new Date(2026, 5, 15) },
      );
    // As if the list had a KPI on every row Excel has: the Register would need one more for its header.
    adoptWorkbook.mockResolvedValueOnce({ ...real, kpis: new Array(EXCEL_MAX_ROWS).fill(real.kpis[0]) });
    const out = capture(dir);
    expect(await main(['init', 'kpis.xlsx'], out.io)).toBe(2);
    expect(out.stderr()).toBe(
      `kpi-register: The register's "Register" sheet would need ${EXCEL_MAX_ROWS + 1} rows, more than Excel's ${EXCEL_MAX_ROWS}: split the KPIs into several workbooks.\n`,
    );
    expect(listFiles(dir)).toEqual(['kpis.xlsx']);
  });
});

afterAll(removeTempDirs);
