import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, FIXTURES, listFiles, runCli, removeTempDirs, tempDir } from './cli-helpers';

/** A KPI list with the given rows under an ID / KPI / Parent / Target header. */
async function kpiList(file: string, rows: (string | number | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('KPIs').addRows([['ID', 'KPI', 'Parent', 'Target'], ...rows]);
  await workbook.xlsx.writeFile(file);
}

/**
 * An encrypted .xlsx is an OLE2 compound file holding an "EncryptedPackage" stream; this is the
 * beginning of one (the signature and the stream name), which is what tells it apart from a real .xls.
 */
function encryptedWorkbook(file: string): void {
  const signature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  writeFileSync(file, Buffer.concat([signature, Buffer.alloc(504), name, Buffer.alloc(512)]));
}

describe('kpi-register on bad input', () => {
  let dir: string;

  beforeAll(async () => {
    buildCli();
    dir = tempDir('bad');
    writeFileSync(path.join(dir, 'notes.xlsx'), 'These are my KPI notes, typed in a text editor.\n');
    writeFileSync(path.join(dir, 'zero.xlsx'), '');
    encryptedWorkbook(path.join(dir, 'locked.xlsx'));
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    await empty.xlsx.writeFile(path.join(dir, 'empty.xlsx'));
    const budget = new ExcelJS.Workbook();
    budget.addWorksheet('Budget').addRows([
      ['Line item', 'Q1', 'Q2'],
      ['Rent', 1_800_000, 1_800_000],
    ]);
    await budget.xlsx.writeFile(path.join(dir, 'budget.xlsx'));
    await kpiList(path.join(dir, 'duplicate.xlsx'), [
      ['FIN-1', 'Gross margin', null, 0.41],
      ['FIN-1', 'Receivable days', null, 50],
    ]);
    await kpiList(path.join(dir, 'cycle.xlsx'), [
      ['A', 'Revenue growth', 'C', 0.12],
      ['B', 'New customers', 'A', 120],
      ['C', 'Visits', 'B', 300],
    ]);
    await kpiList(path.join(dir, 'orphan.xlsx'), [
      ['A', 'Revenue growth', null, 0.12],
      ['B', 'New customers', 'Sales plan 2026', 120],
    ]);
    mkdirSync(path.join(dir, 'folder.xlsx'));
  }, 240_000);

  // Each case: the arguments, and what the one line on stderr must say.
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['init', 'missing.xlsx'], /^kpi-register: File not found: missing\.xlsx$/],
    ['a folder', ['check', 'folder.xlsx'], /folder\.xlsx is a folder, not a workbook file\./],
    ['a text file named .xlsx', ['init', 'notes.xlsx'], /notes\.xlsx is not an \.xlsx workbook/],
    ['an empty file', ['init', 'zero.xlsx'], /zero\.xlsx is empty \(0 bytes\)/],
    ['a password-protected workbook', ['init', 'locked.xlsx'], /locked\.xlsx is password-protected/],
    ['an empty workbook', ['init', 'empty.xlsx'], /The workbook has no data/],
    ['no sheet that lists KPIs', ['init', 'budget.xlsx'], /No sheet looks like a KPI list/],
    ['duplicate ids', ['init', 'duplicate.xlsx'], /Duplicate KPI id "FIN-1" on rows 2, 3/],
    ['a cascade cycle', ['init', 'cycle.xlsx'], /goes round in a circle \(A → C → B → A\)/],
    [
      'a missing parent',
      ['init', 'orphan.xlsx'],
      /Row 3: parent "Sales plan 2026" is not the id or name of any KPI/,
    ],
    [
      'a sheet that does not exist',
      ['init', 'duplicate.xlsx', '--sheet', 'Nope'],
      /There is no sheet "Nope"/,
    ],
    [
      'an output folder that does not exist',
      ['demo', '-o', 'nowhere/demo.xlsx'],
      /Cannot write nowhere\/demo\.xlsx: the folder .* does not exist/,
    ],
    [
      'an output given by an absolute path outside the current folder (shown as typed, not as ../..)',
      ['demo', '-o', '/nowhere-kpi-qa/demo.xlsx'],
      /^kpi-register: Cannot write \/nowhere-kpi-qa\/demo\.xlsx: the folder \/nowhere-kpi-qa does not exist/,
    ],
    [
      'an output name longer than the file system allows',
      ['demo', '-o', `${'x'.repeat(300)}.xlsx`],
      /^kpi-register: Cannot write x{300}\.xlsx: the file name is too long; choose a shorter one with -o\.$/,
    ],
    [
      'an output inside a file, as if it were a folder',
      ['demo', '-o', 'budget.xlsx/demo.xlsx'],
      /^kpi-register: Cannot write budget\.xlsx\/demo\.xlsx: .*budget\.xlsx is a file, not a folder; choose another file with -o\.$/,
    ],
    [
      'an output that is a folder',
      ['demo', '-o', 'folder.xlsx', '--force'],
      /Cannot write folder\.xlsx: it is a folder/,
    ],
    [
      'an output that would replace the input',
      ['init', 'budget.xlsx', '-o', 'budget.xlsx', '--force'],
      /would replace the input budget\.xlsx/,
    ],
    [
      'checking a workbook that is not a register',
      ['check', 'budget.xlsx'],
      /budget\.xlsx is not a KPI register/,
    ],
    ['an unknown option', ['demo', '--colour'], /Unknown option --colour\./],
    ['a missing argument', ['init'], /Missing argument workbook\./],
    ['an unknown command', ['export'], /Unknown command export/],
    ['an unknown language', ['demo', '--lang', 'fr'], /Unknown language "fr": use en or zh-HK\./],
    ['a date that is not one', ['demo', '--today', '2026-02-30'], /"2026-02-30" is not a date/],
  ];

  it.each(cases)('%s: one line on stderr, exit 2, nothing written', async (_case, args, expected) => {
    const before = listFiles(dir);
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kpi-register: /);
    expect(lines[0]).toMatch(expected);
    expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/);
    expect(result.stdout).toBe('');
    expect(listFiles(dir)).toEqual(before);
  });

  it('says it in Chinese for a Chinese locale', async () => {
    const result = await runCli(['init', 'cycle.xlsx'], { cwd: dir, env: { LANG: 'zh_HK.UTF-8' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'kpi-register: 指標層級形成循環（A → C → B → A）：KPI 不能經由其下級指標對齊回自己。\n',
    );
    const missing = await runCli(['check', 'missing.xlsx', '--lang', 'zh-HK'], { cwd: dir });
    expect(missing.stderr).toBe('kpi-register: 找不到檔案：missing.xlsx\n');
  });

  it('leaves no file behind when the input is bad after the output was checked', async () => {
    const sub = tempDir('bad-out');
    writeFileSync(path.join(sub, 'notes.xlsx'), 'not a workbook');
    const result = await runCli(['init', 'notes.xlsx', '-o', 'out.xlsx'], { cwd: sub });
    expect(result.code).toBe(2);
    expect(listFiles(sub)).toEqual(['notes.xlsx']);
  });

  it('shows help in the chosen language and exits 0', async () => {
    const english = await runCli(['--help'], { cwd: dir });
    expect(english.code).toBe(0);
    expect(english.stdout).toContain('Usage: kpi-register');
    expect(english.stdout).toMatch(/demo \[options\]\s+write a sample register/);
    const chinese = await runCli(['init', '--help', '--lang', 'zh-HK'], { cwd: dir });
    expect(chinese.code).toBe(0);
    expect(chinese.stdout).toContain('用法： kpi-register init');
    expect(chinese.stdout).toContain('列出 KPI 的活頁簿');
  });

  it('checks the fixtures only as registers: an ordinary workbook is refused', async () => {
    const result = await runCli(['check', path.join(FIXTURES, 'finance-kpis-en.xlsx'), '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "is not a KPI register (no sheet has the register's columns): run kpi-register init on it first.",
    );
  });
});

afterAll(removeTempDirs);
