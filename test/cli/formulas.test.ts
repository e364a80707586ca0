import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileWorkbook } from '../../src/hosts/file';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { buildRegister } from '../../src/register/build';
import { demoRegister } from '../../src/register/demo';
import { excelShapedXlsx } from '../helpers/excel-shaped';
import { entryText, zipEntries } from '../helpers/zip-entries';
import { buildCli, FIXTURES, runCli, removeTempDirs, tempDir } from './cli-helpers';

/** Issue 8 item 1 through the command: Excel's stored form read by `check`, and `--formulas kpi|portable`. */

const TODAY = '2026-05-15';
const data = demoRegister({ lang: 'en', today: new Date(2026, 4, 15) });

const sheetsXml = (file: string) => {
  const parts = zipEntries(readFileSync(file));
  return [...parts.keys()]
    .filter((name) => name.startsWith('xl/worksheets/sheet'))
    .map((name) => entryText(parts, name))
    .join('');
};
const workbookXml = (file: string) => entryText(zipEntries(readFileSync(file)), 'xl/workbook.xml');

describe('kpi-register and the formulas in a file', () => {
  let dir: string;

  beforeAll(() => {
    buildCli();
    dir = tempDir('formulas');
  }, 240_000);
  afterAll(removeTempDirs);

  it('checks a register saved by Excel (_xldudf_KPI_… with cached results) as it checks our own', async () => {
    const memory = new MemoryWorkbook();
    await buildRegister(memory, data, { lang: 'en', today: new Date(2026, 4, 15) });
    writeFileSync(path.join(dir, 'saved-by-excel.xlsx'), await excelShapedXlsx(memory));
    expect(sheetsXml(path.join(dir, 'saved-by-excel.xlsx'))).toMatch(
      /<f t="shared" ref="S2:S\d+" si="\d+">_xldudf_KPI_SCORE\(R2,Q2,P2,N2\)<\/f><v>/,
    );
    const ours = FileWorkbook.create();
    await buildRegister(ours, data, { lang: 'en', today: new Date(2026, 4, 15) });
    await ours.save(path.join(dir, 'ours.xlsx'));

    const fromExcel = await runCli(['check', 'saved-by-excel.xlsx', '--today', TODAY, '--json'], {
      cwd: dir,
    });
    const fromOurs = await runCli(['check', 'ours.xlsx', '--today', TODAY, '--json'], { cwd: dir });
    expect(fromExcel.stderr).toBe('');
    expect(fromExcel.code).toBe(1);
    const report = JSON.parse(fromExcel.stdout);
    expect(report.kpis).toBe(data.kpis.length);
    expect(report.problems).toEqual([]);
    expect(report.findings.map((f: { rule: string }) => f.rule).length).toBeGreaterThan(0);
    expect({ ...report, file: '' }).toEqual({ ...JSON.parse(fromOurs.stdout), file: '' });
  });

  it('writes the KPI dialect in the stored form by default and with --formulas kpi', async () => {
    for (const args of [[], ['--formulas', 'kpi'], ['--formulas', 'KPI']]) {
      const result = await runCli(['demo', '-o', 'kpi.xlsx', '--force', '--today', TODAY, ...args], {
        cwd: dir,
      });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const xml = sheetsXml(path.join(dir, 'kpi.xlsx'));
      expect(xml).toContain('_xldudf_KPI_SCORE(');
      expect(xml).not.toMatch(/<f>[^<]*KPI\.[A-Z]+\(/);
      expect(workbookXml(path.join(dir, 'kpi.xlsx'))).toContain('<calcPr calcId="191029"/>');
    }
  }, 60_000);

  it('writes native formulas with --formulas portable and its alias --portable, for init too', async () => {
    const runs = [
      ['demo', '-o', 'portable.xlsx', '--formulas', 'portable'],
      ['demo', '-o', 'portable.xlsx', '--portable'],
      ['init', path.join(FIXTURES, 'finance-kpis-en.xlsx'), '-o', 'portable.xlsx', '--formulas', 'portable'],
    ];
    for (const args of runs) {
      const result = await runCli([...args, '--force', '--today', TODAY], { cwd: dir });
      expect(result.code).toBe(0);
      const xml = sheetsXml(path.join(dir, 'portable.xlsx'));
      expect(xml).not.toMatch(/_xldudf_|KPI\.[A-Z]+\(/);
      expect(xml).toContain('<f>');
      expect(workbookXml(path.join(dir, 'portable.xlsx'))).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    }
    const init = await runCli(
      ['init', path.join(FIXTURES, 'finance-kpis-en.xlsx'), '-o', 'kpi-init.xlsx', '--today', TODAY],
      { cwd: dir },
    );
    expect(init.code).toBe(0);
    expect(sheetsXml(path.join(dir, 'kpi-init.xlsx'))).toContain('_xldudf_KPI_SCORE(');
  }, 60_000);

  it('refuses an unknown --formulas value, or one that contradicts --portable, in one line, in both languages', async () => {
    const bad = await runCli(['demo', '--formulas', 'excel', '--today', TODAY], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kpi-register: Unknown formulas "excel": use kpi or portable.\n');
    const zh = await runCli(['init', 'x.xlsx', '--formulas', 'excel', '--lang', 'zh-HK'], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim().split('\n')).toHaveLength(1);
    expect(zh.stderr).toContain('不明公式類型「excel」：請用 kpi 或 portable。');
    const both = await runCli(['demo', '--formulas', 'kpi', '--portable'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--portable and --formulas kpi disagree');
    const missing = await runCli(['demo', '--formulas'], { cwd: dir });
    expect(missing.code).toBe(2);
  });
});
