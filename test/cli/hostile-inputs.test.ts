import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { zipEntries } from '../helpers/zip-entries';
import { readStoredZip, writeZip } from '../../src/hosts/file/zip';
import { buildCli, listFiles, removeTempDirs, runCli, tempDir, type RunResult } from './cli-helpers';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'shared', 'ooxml-schemas');

/** Exit 0, 1 or 2; at most one line on stderr, never a stack trace. */
function expectOneLine(result: RunResult, code: number, expected?: RegExp): string {
  expect(result.code).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines.length).toBeLessThanOrEqual(1);
  if (expected) expect(lines[0]).toMatch(expected);
  expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  return lines[0] ?? '';
}

async function kpiList(file: string, header: string[] = [], extra: string[] = []): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('KPIs');
  sheet.addRow(['ID', 'KPI', 'Target', ...header]);
  sheet.addRow(['K1', 'Monthly new customers in Hong Kong', 120, ...extra]);
  sheet.addRow(['K2', 'Revenue growth', 0.1, ...extra]);
  await workbook.xlsx.writeFile(file);
}

describe('kpi-register on hostile inputs and outputs', () => {
  let dir: string;
  let input: Buffer;

  beforeAll(async () => {
    buildCli();
    dir = tempDir('hostile');
    await kpiList(path.join(dir, 'in.xlsx'));
    input = readFileSync(path.join(dir, 'in.xlsx'));
  }, 240_000);

  it("refuses -o through a link to the input's folder, even with --force", async () => {
    const sub = tempDir('link');
    writeFileSync(path.join(sub, 'in.xlsx'), input);
    symlinkSync(sub, path.join(sub, 'alias'));
    const before = listFiles(sub);
    const result = await runCli(['init', 'in.xlsx', '-o', 'alias/in.xlsx', '--force'], { cwd: sub });
    expectOneLine(result, 2, /alias\/in\.xlsx is the input .*in\.xlsx under another name/);
    expect(readFileSync(path.join(sub, 'in.xlsx')).equals(input)).toBe(true);
    expect(listFiles(sub)).toEqual(before);
    // A link to the input file itself, too.
    symlinkSync(path.join(sub, 'in.xlsx'), path.join(sub, 'same.xlsx'));
    const linked = await runCli(['init', 'in.xlsx', '-o', 'same.xlsx', '--force'], { cwd: sub });
    expectOneLine(linked, 2, /same\.xlsx is the input/);
    expect(readFileSync(path.join(sub, 'in.xlsx')).equals(input)).toBe(true);
  });

  it('calls an output linked to /dev/full what it is, not a folder', async () => {
    const sub = tempDir('devfull');
    writeFileSync(path.join(sub, 'in.xlsx'), input);
    symlinkSync('/dev/full', path.join(sub, 'out.xlsx'));
    const result = await runCli(['init', 'in.xlsx', '-o', 'out.xlsx', '--force'], { cwd: sub });
    const line = expectOneLine(result, 2, /Cannot write out\.xlsx: it is not an ordinary file/);
    expect(line).not.toMatch(/folder/);
    expect(readFileSync(path.join(sub, 'in.xlsx')).equals(input)).toBe(true);
    const chinese = await runCli(['init', 'in.xlsx', '-o', 'out.xlsx', '--force', '--lang', 'zh-HK'], {
      cwd: sub,
    });
    expectOneLine(chinese, 2, /無法寫入 out\.xlsx：這不是一般檔案/);
  });

  it('says what to do with a workbook exceljs cannot read, instead of its raw complaint', async () => {
    // A sheet whose root element has a namespace prefix (<x:worksheet>, as some generators write it):
    // exceljs finds no worksheet and fails with "Cannot set properties of undefined (setting 'sheetNo')".
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('KPIs').addRows([
      ['ID', 'KPI'],
      ['K1', 'Revenue'],
    ]);
    const stored = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as never);
    const entries = readStoredZip(new Uint8Array(stored as ArrayBuffer)).map((entry) =>
      entry.name === 'xl/worksheets/sheet1.xml'
        ? {
            name: entry.name,
            data: Buffer.from(
              entry.data
                .toString('utf8')
                .replace(
                  /<worksheet /,
                  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
                )
                .replace('</worksheet>', '</x:worksheet>'),
            ),
          }
        : entry,
    );
    writeFileSync(path.join(dir, 'prefixed.xlsx'), writeZip(entries, 6));
    const before = listFiles(dir);
    for (const command of ['init', 'check']) {
      const result = await runCli([command, 'prefixed.xlsx'], { cwd: dir });
      const line = expectOneLine(result, 2, /prefixed\.xlsx could not be read as an \.xlsx workbook/);
      expect(line).toMatch(/open it in Excel and save it again as \.xlsx\.$/);
    }
    expect(listFiles(dir)).toEqual(before);
  });

  it("escapes a header's line break in the table as Excel does, and cuts a 32,767-character header", async () => {
    const sub = tempDir('headers');
    const long = 'L'.repeat(32_767);
    await kpiList(path.join(sub, 'in.xlsx'), ['Notes\nfor 2026', long], ['note', 'x']);
    const result = await runCli(['init', 'in.xlsx', '-o', 'out.xlsx'], { cwd: sub });
    expectOneLine(result, 0);
    const parts = zipEntries(readFileSync(path.join(sub, 'out.xlsx')));
    const tables = [...parts.keys()].filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name));
    expect(tables).toHaveLength(1);
    const xml = parts.get(tables[0])!.toString('utf8');
    expect(xml).toContain('name="Notes_x000a_for 2026"');
    expect(xml).not.toMatch(/name="Notes\n/);
    const names = [...xml.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(255);
    expect(names).toContain(`${'L'.repeat(254)}…`);

    // exceljs reads it back: the header cells are what the table's names say (line break, cut mark).
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path.join(sub, 'out.xlsx'));
    const register = back.worksheets.find(
      (ws) => Object.keys((ws as unknown as { tables: object }).tables).length > 0,
    )!;
    const header = (register.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('Notes\nfor 2026');
    expect(header).toContain(`${'L'.repeat(254)}…`);
    const decoded = names.map((n) =>
      n.replace(/_x([0-9a-f]{4})_/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    );
    expect(header.slice(0, decoded.length)).toEqual(decoded);

    // xmllint: well-formed and valid against ECMA-376's SpreadsheetML schema.
    if (spawnSync('xmllint', ['--version']).error) {
      if (process.env.CI === 'true') throw new Error('xmllint is required in CI');
      return;
    }
    const file = path.join(sub, 'table.xml');
    writeFileSync(file, xml);
    const lint = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'sml.xsd'), file], {
      encoding: 'utf8',
    });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
  }, 60_000);

  it("keeps a header's Windows line break (CR LF) in its cell, so the cell still equals its table column", async () => {
    // Excel stores a carriage return in text as `_x000D_` (ST_Xstring); exceljs writes this text as is
    // and reads it back as a CR, as it reads Excel's own files. A raw CR in an XML text node is turned
    // into a line feed by every XML parser, so the header cell must carry it as `&#13;`.
    const sub = tempDir('crlf');
    await kpiList(path.join(sub, 'in.xlsx'), ['Comments_x000D_\nline 2'], ['x']);
    const result = await runCli(['init', 'in.xlsx', '-o', 'out.xlsx'], { cwd: sub });
    expectOneLine(result, 0);
    const parts = zipEntries(readFileSync(path.join(sub, 'out.xlsx')));
    const table = [...parts.keys()].find((name) => /^xl\/tables\/table\d+\.xml$/.test(name))!;
    expect(parts.get(table)!.toString('utf8')).toContain('name="Comments_x000d__x000a_line 2"');

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path.join(sub, 'out.xlsx'));
    const register = back.worksheets.find(
      (ws) => Object.keys((ws as unknown as { tables: object }).tables).length > 0,
    )!;
    const header = (register.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain('Comments\r\nline 2');
  }, 60_000);

  it("prints a header's line break as ↵ in the column mapping, so the table keeps one line per column", async () => {
    const sub = tempDir('mapping');
    await kpiList(path.join(sub, 'in.xlsx'), ['Notes\nfor 2026', 'Comments_x000D_\nline 2'], ['a', 'b']);
    const result = await runCli(['init', 'in.xlsx', '-o', 'out.xlsx'], { cwd: sub });
    expectOneLine(result, 0);
    const lines = result.stdout.split('\n');
    expect(lines.find((line) => line.includes('Notes'))).toMatch(/^ {2}D +Notes↵for 2026 +→/);
    expect(lines.find((line) => line.includes('Comments'))).toMatch(/^ {2}E +Comments↵line 2 +→/);
    expect(lines.some((line) => /^(for 2026|line 2)/.test(line))).toBe(false);
  }, 60_000);
});

afterAll(removeTempDirs);
