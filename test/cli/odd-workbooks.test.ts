import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, listFiles, removeTempDirs, runCli, tempDir } from './cli-helpers';

/**
 * `init` and `check` as a new user runs them on odd workbooks (issue 9): sheets and departments named like
 * the register's own sheets, unreadable values, formulas never calculated, a template numbered down to row
 * 50,000, ids that spreadsheet lookups cannot tell apart. Each run exits 0, 1 or 2 with at most one line of
 * error, leaves no partial file and keeps every user cell.
 */

const TODAY = '2026-11-30';

type Row = (ExcelJS.CellValue | undefined)[];

async function workbook(dir: string, file: string, sheets: Record<string, Row[]>): Promise<string> {
  const excel = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = excel.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  const full = path.join(dir, file);
  await excel.xlsx.writeFile(full);
  return full;
}

/** Every cell of the named sheets (value and formula), for "kept every user cell" checks. */
async function cells(file: string, sheets: readonly string[]): Promise<Record<string, unknown>> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  for (const name of sheets) {
    const ws = excel.worksheets.find((sheet) => sheet.name === name);
    if (!ws) throw new Error(`no sheet ${name} in ${file}`);
    ws.eachRow((row, r) => row.eachCell((cell, c) => (out[`${name}!R${r}C${c}`] = cell.value)));
  }
  return out;
}

async function sheetNames(file: string): Promise<string[]> {
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(file);
  return excel.worksheets.map((ws) => ws.name);
}

const LIST: Row[] = [
  ['KPI', 'Owner', 'Department', 'Target', 'Actual'],
  ['Revenue', 'Ann', 'Sales', 100, 80],
  ['Churn rate', 'Bob', 'Sales', 0.05, 0.07],
];

describe('kpi-register on odd workbooks (issue 9)', () => {
  beforeAll(() => buildCli(), 240_000);

  it('adopts a KPI list whose sheet is called Register, and checks the register built beside it', async () => {
    const dir = tempDir('odd-register');
    const input = await workbook(dir, 'kpis.xlsx', { Register: LIST });
    const before = await cells(input, ['Register']);

    const init = await runCli(['init', 'kpis.xlsx', '--today', TODAY], { cwd: dir });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Wrote kpis.register.xlsx: 2 KPIs (rows not adopted: 0).');
    const output = path.join(dir, 'kpis.register.xlsx');
    expect(await sheetNames(output)).toEqual(expect.arrayContaining(['Register', 'Register (2)']));
    expect(await cells(output, ['Register'])).toEqual(before);

    const checked = await runCli(['check', 'kpis.register.xlsx', '--json', '--today', TODAY], { cwd: dir });
    expect(checked.stderr).toBe('');
    expect([0, 1]).toContain(checked.code);
    const report = JSON.parse(checked.stdout) as { kpis: number; problems: unknown[] };
    expect(report.kpis).toBe(2);
    expect(report.problems).toEqual([]);

    // The user's own list is not a register, whatever its sheet is called.
    const plain = await runCli(['check', 'kpis.xlsx'], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toContain('kpis.xlsx is not a KPI register');
    expect(listFiles(dir)).toEqual(['kpis.register.xlsx', 'kpis.xlsx']);
  });

  it.each([
    ['a workbook whose only sheet is called KPI_Lists', { KPI_Lists: LIST }, ['KPI_Lists']],
    [
      'a user sheet called KPI_Lists beside the list',
      { KPIs: LIST, KPI_Lists: [['my notes'], ['kept']] },
      ['KPIs', 'KPI_Lists'],
    ],
    [
      'a department called kpi_lists',
      { KPIs: LIST.map((row, i) => (i === 0 ? row : [row[0], row[1], 'kpi_lists', row[3], row[4]])) },
      ['KPIs'],
    ],
    [
      'departments called Register, Check-ins and Dashboard',
      {
        KPIs: [
          LIST[0],
          ['Revenue', 'Ann', 'Register', 100, 80],
          ['Visits', 'Bob', 'Check-ins', 10, 8],
          ['Calls', 'Cy', 'Dashboard', 10, 8],
        ],
      },
      ['KPIs'],
    ],
  ] as [string, Record<string, Row[]>, string[]][])(
    'adopts %s, keeping every user cell',
    async (_label, sheets, userSheets) => {
      const dir = tempDir('odd-names');
      const input = await workbook(dir, 'kpis.xlsx', sheets);
      const before = await cells(input, userSheets);
      const init = await runCli(['init', 'kpis.xlsx', '-o', 'out.xlsx', '--today', TODAY], { cwd: dir });
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      const output = path.join(dir, 'out.xlsx');
      expect(await cells(output, userSheets)).toEqual(before);
      const checked = await runCli(['check', 'out.xlsx', '--json', '--today', TODAY], { cwd: dir });
      expect(checked.stderr).toBe('');
      expect([0, 1]).toContain(checked.code);
      const report = JSON.parse(checked.stdout) as { kpis: number; problems: unknown[] };
      expect(report.kpis).toBe(sheets.KPIs ? sheets.KPIs.length - 1 : 2);
      expect(report.problems).toEqual([]);
    },
  );

  it('adopts rows with TBC, N/A, -, 待定, —, n.a. and formulas never calculated, and says what it left blank', async () => {
    const dir = tempDir('odd-values');
    await workbook(dir, 'kpis.xlsx', {
      KPIs: [
        ['KPI', 'Owner', 'Baseline', 'Target', 'Actual', 'Deadline'],
        ['Revenue', 'Ann', 50, 100, 'TBC', '2026-12-31'],
        ['Cost', 'Bob', 'N/A', 100, '-', 'TBC'],
        ['NPS', 'Cy', '待定', 'n.a.', '—', '2026-12-31'],
        // A formula saved by a program that does not calculate: <f> with no <v>.
        ['Margin', 'Di', 1, { formula: 'C5*2' } as ExcelJS.CellFormulaValue, 3, null],
        [null, 'Ed', 1, 2, 3, null],
      ],
    });
    const en = await runCli(['init', 'kpis.xlsx', '--today', TODAY], { cwd: dir });
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    const lines = en.stdout.split('\n').map((line) => line.trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'row 2: Actual "TBC" is not a number: left blank',
        'row 3: Baseline "N/A" is not a number: left blank',
        'row 3: Actual "-" is not a number: left blank',
        'row 3: Deadline "TBC" is not a date: left blank',
        'row 4: Baseline "待定" is not a number: left blank',
        'row 4: Target "n.a." is not a number: left blank',
        'row 4: Actual "—" is not a number: left blank',
        'row 5: Target is a formula with no saved result (the file was saved without calculating): left blank — open and save it in Excel first',
        'row 6: no KPI name',
      ]),
    );
    expect(en.stdout).toContain('Wrote kpis.register.xlsx: 4 KPIs (rows not adopted: 1).');

    const zh = await runCli(['init', 'kpis.xlsx', '-o', 'zh.xlsx', '--lang', 'zh-HK', '--today', TODAY], {
      cwd: dir,
    });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('第 2 行：實際「TBC」不是數字：留空');
    expect(zh.stdout).toContain('第 5 行：目標是沒有已儲存結果的公式（檔案儲存時未經計算）：留空');
  });

  it('sums up a template numbered down to row 50,000 in one line', async () => {
    const dir = tempDir('odd-template');
    const rows: Row[] = [
      ['No.', 'KPI', 'Owner', 'Target', 'Actual'],
      [1, 'Revenue', 'Ann', 100, 80],
      [2, 'Cost', 'Bob', 50, 'TBC'],
    ];
    for (let n = 3; n <= 49_999; n++) rows.push([n]);
    await workbook(dir, 'template.xlsx', { KPIs: rows });
    const result = await runCli(['init', 'template.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const noName = result.stdout.split('\n').filter((line) => line.includes('no KPI name'));
    expect(noName).toEqual(['  rows 4–50000 (49997 rows): no KPI name']);
    expect(result.stdout.split('\n').length).toBeLessThan(60);
    expect(result.stdout).toContain('Wrote template.register.xlsx: 2 KPIs (rows not adopted: 49997).');
  }, 120_000);

  it('check lists the first 20 unreadable rows of a register and counts the rest', async () => {
    const dir = tempDir('odd-check');
    const rows: Row[] = [['KPI', 'Owner', 'Target']];
    for (let n = 1; n <= 30; n++) rows.push([`KPI ${n}`, 'Ann', n]);
    await workbook(dir, 'kpis.xlsx', { KPIs: rows });
    expect((await runCli(['init', 'kpis.xlsx', '-o', 'reg.xlsx', '--today', TODAY], { cwd: dir })).code).toBe(
      0,
    );
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(path.join(dir, 'reg.xlsx'));
    const register = excel.getWorksheet('Register')!;
    const target = (register.getRow(1).values as unknown[]).indexOf('Target');
    for (let r = 2; r <= 31; r++) register.getCell(r, target).value = 'lots';
    await excel.xlsx.writeFile(path.join(dir, 'bad.xlsx'));

    const result = await runCli(['check', 'bad.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Rows that could not be read: 30');
    expect(result.stdout.split('\n').filter((line) => line.includes('must be a number'))).toHaveLength(20);
    expect(result.stdout).toContain('  … and 10 more (all of them with --json)');
    const json = await runCli(['check', 'bad.xlsx', '--json', '--today', TODAY], { cwd: dir });
    expect((JSON.parse(json.stdout) as { problems: unknown[] }).problems).toHaveLength(30);
  });

  it('refuses ids that differ only in case in one line, writing nothing', async () => {
    const dir = tempDir('odd-ids');
    await workbook(dir, 'kpis.xlsx', {
      KPIs: [
        ['ID', 'KPI', 'Owner', 'Target'],
        ['abc', 'Revenue', 'Ann', 100],
        ['A*', 'Cost', 'Bob', 50],
        ['ABC', 'Margin', 'Cy', 0.3],
      ],
    });
    for (const [lang, text] of [
      ['en', 'KPI ids "abc" and "ABC" differ only in case'],
      ['zh-HK', 'KPI 編號「abc」與「ABC」只有大小寫不同'],
    ]) {
      const result = await runCli(['init', 'kpis.xlsx', '--lang', lang, '--today', TODAY], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(text);
      expect(listFiles(dir)).toEqual(['kpis.xlsx']);
    }
  });
});

afterAll(removeTempDirs);
