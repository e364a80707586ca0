import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { memoryCheck } from '../../src/cli/memory';
import { FileWorkbook } from '../../src/hosts/file';
import {
  checkDeclaredSizes,
  readCentralDirectory,
  SMALL_PART_LIMIT,
  totalLimit,
  type WorkbookSize,
} from '../../src/hosts/file/zip-limits';
import { buildCli, listFiles, removeTempDirs, tempDir } from './cli-helpers';
import { bombPart, kpiListEntries, runBounded, THEME_HEAD, THEME_TAIL, writeWorkbook } from './hostile';

const THEME = 'xl/theme/theme1.xml';
const MB = 1024 * 1024;

/** One line on stderr, exit 2, nothing written, the input unchanged, and the memory of a small file. */
async function expectRefused(dir: string, file: string, command: 'init' | 'check', expected: RegExp) {
  const before = listFiles(dir);
  const bytes = readFileSync(path.join(dir, file));
  const result = await runBounded([command, file], dir);
  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(expected);
  expect(listFiles(dir)).toEqual(before);
  expect(readFileSync(path.join(dir, file)).equals(bytes)).toBe(true);
  // A heap of 160 MB and a peak far below the bomb's size: nothing was inflated whole.
  expect(result.peakMb).toBeLessThan(300);
}

describe('zip bombs and oversized parts', () => {
  let dir: string;

  beforeAll(async () => {
    buildCli();
    dir = tempDir('bomb');
    const entries = await kpiListEntries();
    // 600 MB of theme in well under 1 MB of file, with its true size declared.
    writeWorkbook(path.join(dir, 'theme-bomb.xlsx'), entries, [bombPart(THEME, THEME_HEAD, THEME_TAIL, 600)]);
    // The same, declaring 7 KB: only counting while inflating finds it.
    writeWorkbook(path.join(dir, 'liar.xlsx'), entries, [
      bombPart(THEME, THEME_HEAD, THEME_TAIL, 300, 7_000),
    ]);
    // A sheet of 400 MB (spaces between rows) declared as 20 KB: the whole workbook's limit applies.
    const sheet = entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    const cut = sheet.indexOf('</sheetData>');
    writeWorkbook(path.join(dir, 'sheet-bomb.xlsx'), entries, [
      bombPart('xl/worksheets/sheet1.xml', sheet.slice(0, cut), sheet.slice(cut), 400, 20_000),
    ]);
  }, 240_000);

  it('sizes the limits in proportion to the file', () => {
    expect(totalLimit(600 * 1024)).toBe(256 * MB);
    expect(totalLimit(5 * MB)).toBe(500 * MB);
    expect(totalLimit(100 * MB)).toBe(1024 * MB);
  });

  it('reads the declared sizes from the central directory without inflating', () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'theme-bomb.xlsx')));
    expect(bytes.length).toBeLessThan(MB);
    const entries = readCentralDirectory(bytes)!;
    expect(entries.find((entry) => entry.name === THEME)?.declaredSize).toBeGreaterThan(600 * MB);
    expect(checkDeclaredSizes(entries, bytes.length)).toEqual({
      kind: 'tooLarge',
      part: THEME,
      limit: SMALL_PART_LIMIT,
    });
    const liar = new Uint8Array(readFileSync(path.join(dir, 'liar.xlsx')));
    expect(checkDeclaredSizes(readCentralDirectory(liar)!, liar.length)).toBeUndefined();
  });

  it('the file host refuses them with a WorkbookOpenError naming the part', async () => {
    await expect(FileWorkbook.open(path.join(dir, 'liar.xlsx'))).rejects.toMatchObject({
      name: 'WorkbookOpenError',
      code: 'tooLarge',
      detail: THEME,
    });
  });

  it.each([
    [
      'init',
      'theme-bomb.xlsx',
      /theme-bomb\.xlsx unpacks to more than 64 MB \(part xl\/theme\/theme1\.xml\)/,
    ],
    ['check', 'theme-bomb.xlsx', /theme-bomb\.xlsx unpacks to more than 64 MB/],
    ['init', 'liar.xlsx', /liar\.xlsx unpacks to more than 64 MB \(part xl\/theme\/theme1\.xml\)/],
    ['check', 'liar.xlsx', /liar\.xlsx unpacks to more than 64 MB/],
    [
      'init',
      'sheet-bomb.xlsx',
      /sheet-bomb\.xlsx unpacks to more than 256 MB \(part xl\/worksheets\/sheet1\.xml\)/,
    ],
  ] as const)(
    '%s %s: one line, exit 2, bounded memory',
    async (command, file, expected) => {
      await expectRefused(dir, file, command, expected);
    },
    60_000,
  );

  it('says it in Chinese', async () => {
    const result = await runBounded(['init', 'liar.xlsx', '--lang', 'zh-HK'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^kpi-register: \S*liar\.xlsx 解壓後超過 64 MB（部分 xl\/theme\/theme1\.xml）.*\n$/,
    );
  }, 60_000);

  it("refuses a sheet past Excel's last row at once", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('KPIs');
    sheet.addRow(['ID', 'KPI', 'Target']);
    sheet.addRow(['K1', 'Revenue growth', 0.1]);
    sheet.getCell('A1048577').value = 'K2';
    await workbook.xlsx.writeFile(path.join(dir, 'rows.xlsx'));
    await expectRefused(
      dir,
      'rows.xlsx',
      'init',
      /rows\.xlsx has rows down to 1048577 .* past Excel's last row 1048576/,
    );
  }, 60_000);

  it('opens an ordinary workbook as before, having counted its rows and cells', async () => {
    const file = path.join(dir, 'plain.xlsx');
    writeWorkbook(file, await kpiListEntries(50), []);
    const sizes: WorkbookSize[] = [];
    const workbook = await FileWorkbook.open(file, (size) => sizes.push(size));
    expect((await workbook.sheets()).map((sheet) => sheet.name)).toEqual(['KPIs']);
    // A header and 50 rows of ID, KPI, Parent (blank on the first) and Target.
    expect(sizes).toEqual([{ rows: 51, cells: 4 + 50 * 4 - 1 }]);
  });

  it('refuses a workbook too large for the memory node has, in one line, before loading it', async () => {
    // 200,000 KPIs in four columns, in node's default heap (4 GB here): about 5.4 GB would be needed.
    const fits = memoryCheck('init', 'big.xlsx', 4144 * MB);
    expect(() => fits({ rows: 200_001, cells: 800_004 })).toThrow(
      /^big\.xlsx is too large for the memory this command has \(200001 rows, 800004 cells: about 5\.4 GB needed, 4\.0 GB available\)/,
    );
    expect(() => fits({ rows: 40_001, cells: 160_004 })).not.toThrow();
    expect(() =>
      memoryCheck('check', 'big.xlsx', 4144 * MB)({ rows: 40_001, cells: 1_500_000 }),
    ).not.toThrow();
    // The command itself, in a heap of 100 MB: even a small list is refused at once, not crashed on.
    const file = path.join(dir, 'small.xlsx');
    writeWorkbook(file, await kpiListEntries(3), []);
    const result = await runBounded(['init', 'small.xlsx'], dir, 100);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^kpi-register: small\.xlsx is too large for the memory this command has .*\n$/,
    );
    expect(listFiles(dir)).not.toContain('small.register.xlsx');
  }, 60_000);
});

afterAll(removeTempDirs);
