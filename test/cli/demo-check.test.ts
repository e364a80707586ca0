import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { demoRegister } from '../../src/register/demo';
import { buildCli, listFiles, runCli, removeTempDirs, tempDir } from './cli-helpers';

const TODAY = '2026-05-15';
const planted = demoRegister({ lang: 'en', today: new Date(2026, 4, 15) }).planted;

async function sheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => sheet.name);
}

describe('kpi-register demo and check', () => {
  let dir: string;
  let demoFile: string;

  beforeAll(async () => {
    buildCli();
    dir = tempDir('demo');
    const result = await runCli(['demo', '--today', TODAY], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    demoFile = path.join(dir, 'kpi-register-demo.xlsx');
  }, 240_000);

  it('writes kpi-register-demo.xlsx in the current folder, which exceljs opens with all its sheets', async () => {
    expect(listFiles(dir)).toEqual(['kpi-register-demo.xlsx']);
    const names = await sheetNames(demoFile);
    for (const name of ['Dashboard', 'Register', 'Check-ins', 'Company', 'Individuals'])
      expect(names).toContain(name);
    for (const department of [
      'Sales',
      'Marketing',
      'Customer Service',
      'Operations',
      'Finance',
      'Human Resources',
      'Procurement',
    ])
      expect(names).toContain(department);
  });

  it('reports the three planted findings and exits 1', async () => {
    const result = await runCli(['check', 'kpi-register-demo.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    // The table wraps long findings: compare the words, not the line breaks.
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('3 findings in 27 KPIs.');
    expect(text).toContain(`${planted.overloadedOwner} owns 7 core KPIs`);
    expect(text).toContain(`${planted.laggingWithoutLeading} "Invoices collected within 45 days`);
    expect(text).toContain(`${planted.ratio} "On-time shipping rate" is green while its volume`);
  });

  it('prints the findings as JSON that parses', async () => {
    const result = await runCli(['check', demoFile, '--json', '--today', TODAY], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.kpis).toBe(27);
    expect(report.problems).toEqual([]);
    expect(
      report.findings.map((finding: { rule: string; kpiIds: string[] }) => [
        finding.rule,
        finding.kpiIds.length,
      ]),
    ).toEqual([
      ['focus', 7],
      ['leading-lagging', 1],
      ['ratio-volume', 2],
    ]);
    expect(report.findings[1].kpiIds).toEqual([planted.laggingWithoutLeading]);
    expect(report.findings[2].kpiIds).toEqual([planted.ratio, planted.volume]);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', title: 'Too many core KPIs' });
    expect(typeof report.findings[0].fix).toBe('string');
  });

  it('exits 0 with "no findings" once the register is healthy', async () => {
    // A register of one company KPI that meets every rule.
    const healthyDir = tempDir('healthy');
    const source = path.join(healthyDir, 'one.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('KPIs').addRows([
      [
        'KPI',
        'Description',
        'Owner',
        'Baseline',
        'Target',
        'Actual',
        'Unit',
        'Deadline',
        'Leading/lagging',
        'Last review',
      ],
      [
        'Hong Kong online revenue',
        'Revenue of the Hong Kong online store each month, from HK$2.0m to HK$2.4m by 31 Dec 2026.',
        'Wong Ka Ming',
        2_000_000,
        2_400_000,
        2_300_000,
        'HKD',
        new Date(Date.UTC(2026, 11, 31)),
        'leading',
        new Date(Date.UTC(2026, 3, 20)),
      ],
    ]);
    await workbook.xlsx.writeFile(source);
    const adopted = await runCli(['init', 'one.xlsx', '--today', TODAY], { cwd: healthyDir });
    expect(adopted.code).toBe(0);
    const result = await runCli(['check', 'one.register.xlsx', '--today', TODAY], { cwd: healthyDir });
    expect(result.stdout).toContain('No findings');
    expect(result.code).toBe(0);
  });

  it('speaks Chinese when asked, or when the locale is Chinese', async () => {
    const zhDir = tempDir('demo-zh');
    const written = await runCli(['demo', '--lang', 'zh-HK', '--today', TODAY], { cwd: zhDir });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('已寫入 kpi-register-demo.xlsx');
    const names = await sheetNames(path.join(zhDir, 'kpi-register-demo.xlsx'));
    expect(names).toEqual(expect.arrayContaining(['KPI 登記冊', '進度記錄', '儀表板', '公司']));

    const checked = await runCli(['check', 'kpi-register-demo.xlsx', '--today', TODAY], {
      cwd: zhDir,
      env: { LANG: 'zh_HK.UTF-8' },
    });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('中發現 3 項問題');
    expect(checked.stdout.replace(/\s+/g, ' ')).toContain('張兆倫 負責 7 個核心指標');
  });

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    const before = readFileSync(demoFile);
    const refused = await runCli(['demo', '--today', TODAY], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'kpi-register: kpi-register-demo.xlsx already exists: use --force to replace it, or -o to choose another file.',
    ]);
    expect(readFileSync(demoFile).equals(before)).toBe(true);

    writeFileSync(path.join(dir, 'old.xlsx'), 'not a workbook');
    const forced = await runCli(['demo', '-o', 'old.xlsx', '--force', '--portable', '--today', TODAY], {
      cwd: dir,
    });
    expect(forced.code).toBe(0);
    expect(await sheetNames(path.join(dir, 'old.xlsx'))).toContain('Register');
    expect(listFiles(dir)).toEqual(['kpi-register-demo.xlsx', 'old.xlsx']);
  });
});

afterAll(removeTempDirs);
