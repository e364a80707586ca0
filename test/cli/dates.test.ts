import { copyFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { convertWithSoffice, describeWithSoffice } from '../helpers/soffice';
import { sheetPart, storedNumber, xlsxParts } from '../helpers/xlsx-parts';
import { buildCli, removeTempDirs, runCli, tempDir } from './cli-helpers';

/**
 * Dates through `kpi-register init` and `check`, as a user runs them: the workbook's own date system
 * (1904 for an old Mac workbook), no dependence on the machine's time zone, and date-formatted serials
 * no date can be (0, negative, past 9999) adopted as blanks and reported.
 */

const TODAY = '2026-06-30';

beforeAll(() => buildCli(), 240_000);
afterAll(() => removeTempDirs());

/** A user's KPI list, made with exceljs: deadlines as date-formatted cells (a Date is its UTC wall clock). */
async function kpiList(file: string, deadlines: (Date | number)[], date1904 = false): Promise<void> {
  const excel = new ExcelWorkbook();
  if (date1904) excel.properties.date1904 = true;
  const ws = excel.addWorksheet('KPIs');
  ws.addRow(['ID', 'KPI', 'Unit', 'Baseline', 'Target', 'Start', 'Deadline', 'Owner', 'Last review']);
  deadlines.forEach((deadline, i) => {
    const row = ws.addRow([
      `K${i + 1}`,
      `Invoices paid on time ${i + 1}`,
      '%',
      80,
      95,
      null,
      deadline,
      'Finance',
    ]);
    row.getCell(6).value = new Date(Date.UTC(2026, 0, 1, 6, 0)); // 2026-01-01 06:00
    row.getCell(6).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(7).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(9).value = new Date(Date.UTC(2026, 0, 15, 23, 30)); // 2026-01-15 23:30: next review 2026-04-15
    row.getCell(9).numFmt = 'yyyy-mm-dd hh:mm';
  });
  await excel.xlsx.writeFile(file);
}

/** The Register's column letters by header, read with exceljs. */
async function registerColumns(file: string): Promise<Map<string, string>> {
  const excel = new ExcelWorkbook();
  await excel.xlsx.readFile(file);
  const columns = new Map<string, string>();
  excel
    .getWorksheet('Register')!
    .getRow(1)
    .eachCell((cell) => columns.set(String(cell.value), cell.address.replace(/\d+$/, '')));
  return columns;
}

/** Stored numbers of a Register column, rows 2…, straight from the file's XML. */
function storedColumn(file: string, letter: string, rows: number): (number | undefined)[] {
  const xml = sheetPart(xlsxParts(readFileSync(file)), 'Register');
  return Array.from({ length: rows }, (_, i) => storedNumber(xml, `${letter}${i + 2}`));
}

describe('a workbook in the 1904 date system', () => {
  let dir: string;
  let output: string;

  beforeAll(async () => {
    dir = tempDir('dates-1904');
    await kpiList(path.join(dir, 'kpis.xlsx'), [new Date(Date.UTC(2026, 11, 31))], true);
    const result = await runCli(['init', 'kpis.xlsx', '-o', 'register.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    output = path.join(dir, 'register.xlsx');
  }, 120_000);

  it('keeps its date system and gets 1904 serials in the Register', async () => {
    const parts = xlsxParts(readFileSync(output));
    expect(parts.get('xl/workbook.xml')).toMatch(/<workbookPr [^>]*date1904="1"/);
    const columns = await registerColumns(output);
    // 2026-12-31 is serial 44925 in the 1904 system (46387 in the 1900 system would show 2031-01-01).
    expect(storedColumn(output, columns.get('Deadline')!, 1)).toEqual([44925]);
    expect(storedColumn(output, columns.get('Start')!, 1)).toEqual([44925 - 364]);
  });

  it('is read back by check with the same days', async () => {
    const result = await runCli(['check', 'register.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    // Quarterly from the last review of 2026-01-15; read as 1900 serials it would be four years earlier.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('quarterly review on 2026-04-15');
  });

  describeWithSoffice('read by LibreOffice', (soffice) => {
    it('shows the deadline as 2026-12-31', async () => {
      // All sheets, one CSV each (the 12th option, -1: LibreOffice 7.2 and later), values as shown. The
      // files are named register-<sheet>.csv, not the register.csv the helper looks for.
      await convertWithSoffice(soffice, output, {
        to: 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        outDir: path.join(dir, 'csv'),
      }).catch((error: unknown) => {
        if (!String(error).includes('did not produce register.csv')) throw error;
      });
      const lines = readFileSync(path.join(dir, 'csv', 'register-Register.csv'), 'utf8').split('\n');
      const header = lines[0].split(',');
      const row = lines[1].split(',');
      expect(row[header.indexOf('Deadline')]).toBe('2026-12-31');
      expect(row[header.indexOf('Start')]).toBe('2026-01-01');
    }, 120_000);
  });
});

describe("the machine's time zone", () => {
  const ZONES = ['UTC', 'Asia/Hong_Kong', 'America/Los_Angeles', 'Pacific/Kiritimati', 'America/Sao_Paulo'];

  it('changes no calendar day, in init or in check', async () => {
    const source = tempDir('dates-zones');
    const input = path.join(source, 'kpis.xlsx');
    // 06:00 is the day before in UTC seen from Hong Kong; 20:00 the day after seen from Los Angeles.
    await kpiList(input, [
      new Date(Date.UTC(2026, 0, 1, 6, 0)),
      new Date(Date.UTC(2026, 2, 31, 20, 0)),
      new Date(Date.UTC(2026, 11, 31, 23, 59)),
    ]);
    const runs = [];
    for (const zone of ZONES) {
      const dir = tempDir('dates-zone');
      copyFileSync(input, path.join(dir, 'kpis.xlsx'));
      const env = { TZ: zone };
      const init = await runCli(['init', 'kpis.xlsx', '-o', 'register.xlsx', '--today', TODAY], {
        cwd: dir,
        env,
      });
      expect(init.code).toBe(0);
      const check = await runCli(['check', 'register.xlsx', '--today', TODAY], { cwd: dir, env });
      const output = path.join(dir, 'register.xlsx');
      const columns = await registerColumns(output);
      const stored = (header: string) => storedColumn(output, columns.get(header)!, 3);
      runs.push({
        zone,
        init: init.stdout,
        check: [check.code, check.stdout, check.stderr],
        start: stored('Start'),
        deadline: stored('Deadline'),
      });
    }
    // The deadlines' days, whatever the zone: 2026-01-01, 2026-03-31, 2026-12-31 (1900 serials).
    expect(runs[0].deadline).toEqual([46023, 46112, 46387]);
    expect(runs[0].start).toEqual([46023, 46023, 46023]);
    expect(String(runs[0].check[1]).replace(/\s+/g, ' ')).toContain('quarterly review on 2026-04-15');
    for (const run of runs.slice(1)) expect({ ...run, zone: runs[0].zone }).toEqual(runs[0]);
  }, 240_000);
});

describe('date-formatted serials no date can be', () => {
  it('are adopted as blank deadlines, each reported, and no #NUM! is written', async () => {
    const dir = tempDir('dates-unreadable');
    await kpiList(path.join(dir, 'kpis.xlsx'), [0, -3, 3_000_000, 46387]);
    const result = await runCli(['init', 'kpis.xlsx', '-o', 'register.xlsx', '--today', TODAY], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('row 2: Deadline "0" is not a date: left blank');
    expect(result.stdout).toContain('row 3: Deadline "-3" is not a date: left blank');
    expect(result.stdout).toContain('row 4: Deadline "3000000" is not a date: left blank');
    expect(result.stdout).toContain('4 KPIs');
    const output = path.join(dir, 'register.xlsx');
    const columns = await registerColumns(output);
    expect(storedColumn(output, columns.get('Deadline')!, 4)).toEqual([
      undefined,
      undefined,
      undefined,
      46387,
    ]);
    const parts = xlsxParts(readFileSync(output));
    for (const [name, xml] of parts)
      if (name.startsWith('xl/worksheets/')) expect(xml).not.toContain('#NUM!');
  }, 120_000);
});
