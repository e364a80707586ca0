import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, FIXTURES, listFiles, runCli, removeTempDirs, tempDir } from './cli-helpers';

const TODAY = '2026-05-15';

/**
 * Everything a user could see of a sheet: each cell's value, formula, style and note, the merges,
 * column widths, row heights and the frozen panes. init must leave all of it exactly as it was.
 */
async function fingerprint(file: string, sheets: readonly string[]): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const result: Record<string, unknown> = {};
  for (const name of sheets) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name} in ${file}`);
    const cells: Record<string, unknown> = {};
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells[cell.address] = {
          value: cell.value,
          formula: cell.formula,
          style: cell.style,
          note: cell.note,
        };
      }),
    );
    result[name] = {
      cells,
      merges: [...(sheet.model.merges ?? [])].sort(),
      widths: sheet.columns.map((column) => column.width),
      heights: sheet.getRows(1, sheet.rowCount)?.map((row) => row.height),
      views: sheet.views,
    };
  }
  return result;
}

async function sheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => sheet.name);
}

async function registerRows(file: string, sheet: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: unknown[][] = [];
  workbook.getWorksheet(sheet)?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('kpi-register init', () => {
  beforeAll(() => buildCli(), 240_000);

  it('adopts the English finance workbook: prints the mapping, keeps the user’s sheets cell for cell', async () => {
    const dir = tempDir('init-en');
    copyFileSync(path.join(FIXTURES, 'finance-kpis-en.xlsx'), path.join(dir, 'finance-kpis-en.xlsx'));
    const before = await fingerprint(path.join(dir, 'finance-kpis-en.xlsx'), ['KPIs FY2026', 'Budget']);
    // The fingerprint sees what matters: formulas, comments, merges, styles.
    expect(before).toMatchObject({
      Budget: { cells: { F2: { formula: 'SUM(B2:E2)' }, B6: { formula: 'SUM(B2:B5)' } } },
      'KPIs FY2026': {
        cells: {
          A6: { note: 'DSO = receivables / revenue × days. Source: ledger.' },
          A3: { style: { font: { bold: true } } },
        },
        merges: expect.arrayContaining(['A1:J1', 'C4:C7']),
      },
    });

    const result = await runCli(['init', 'finance-kpis-en.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'Sheet "KPIs FY2026", headers on row 3:',
        'A KPI → KPI [name]',
        'C Dept → Department [department]',
        'F Actual (YTD) → Actual [actual]',
        'I Notes → kept as is',
        'J Reviewed by → kept as is',
        'ID: KPI-… (generated), rows 4–12',
        'Department: Finance (blank: as the row above, as in merged cells), rows 5–7',
        'row 13: a totals row, not a KPI',
      ]),
    );
    expect(result.stdout).toContain('Wrote finance-kpis-en.register.xlsx: 9 KPIs');

    // A new file beside the input; the input itself is untouched.
    expect(listFiles(dir)).toEqual(['finance-kpis-en.register.xlsx', 'finance-kpis-en.xlsx']);
    const output = path.join(dir, 'finance-kpis-en.register.xlsx');
    expect(await fingerprint(path.join(dir, 'finance-kpis-en.xlsx'), ['KPIs FY2026', 'Budget'])).toEqual(
      before,
    );
    expect(await fingerprint(output, ['KPIs FY2026', 'Budget'])).toEqual(before);
    expect((await sheetNames(output)).slice(0, 4)).toEqual([
      'KPIs FY2026',
      'Budget',
      'Dashboard',
      'Register',
    ]);

    // Nine KPI rows, the user's own columns kept at the right, text that looks like a formula kept as text.
    const rows = await registerRows(output, 'Register');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(expect.arrayContaining(['Notes', 'Reviewed by']));
    expect(rows.slice(1).map((row) => row[1])).toContain('=Cost per invoice processed');
    expect(rows.flat()).toContain('Chase invoices over 45 days');
  });

  it('adopts the Chinese workbook, reports its unreadable rows, and builds a Chinese register', async () => {
    const dir = tempDir('init-zh');
    copyFileSync(path.join(FIXTURES, 'finance-kpis-zh-HK.xlsx'), path.join(dir, 'kpis.xlsx'));
    const before = await fingerprint(path.join(dir, 'kpis.xlsx'), ['說明', '關鍵績效指標', '預算']);
    const result = await runCli(['init', 'kpis.xlsx', '-o', 'register.xlsx', '--today', TODAY], {
      cwd: dir,
      env: { LANG: 'zh_HK.UTF-8' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        '工作表「關鍵績效指標」，標題在第 3 行：',
        'A 指標名稱 → 指標名稱 [name]',
        'E 目標 → 目標 [target]',
        'I 備註 → 原樣保留',
        '第 10 行：目標「待定」不是數字：留空',
        '第 11 行：沒有指標名稱',
      ]),
    );
    expect(result.stdout).toContain('已寫入 register.xlsx：8 個 KPI（未能轉換的行：1）');
    const output = path.join(dir, 'register.xlsx');
    expect(await fingerprint(output, ['說明', '關鍵績效指標', '預算'])).toEqual(before);
    expect(await sheetNames(output)).toEqual(expect.arrayContaining(['KPI 登記冊', '進度記錄', '儀表板']));
    expect(listFiles(dir)).toEqual(['kpis.xlsx', 'register.xlsx']);
  });

  it('adopts the sheet named with --sheet, in the language --lang asks for', async () => {
    const dir = tempDir('init-sheet');
    copyFileSync(path.join(FIXTURES, 'finance-kpis-zh-HK.xlsx'), path.join(dir, 'kpis.xlsx'));
    const result = await runCli(
      ['init', 'kpis.xlsx', '--sheet', '關鍵績效指標', '--lang', 'en', '--today', TODAY],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('row 10: Target "待定" is not a number: left blank');
    expect(await sheetNames(path.join(dir, 'kpis.register.xlsx'))).toContain('Register');
  });
});

afterAll(removeTempDirs);
