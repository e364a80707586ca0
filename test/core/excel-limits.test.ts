import { FileWorkbook } from '../../src/hosts/file';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { toExcelInput } from '../../src/hosts/excel/cells';
import { toSheetsInput } from '../../src/hosts/sheets/cells';
import { buildRegister } from '../../src/register/build';
import {
  CUT_MARK,
  EXCEL_MAX_ROWS,
  escapeXstring,
  fitCriterion,
  fitText,
  MAX_CELL_TEXT,
  MAX_CRITERION,
  RowLimitError,
  unescapeXstring,
} from '../../src/register/limits';
import type { SheetData, Workbook } from '../../src/register/workbook';
import { kpi } from './health.fixtures';

const TODAY = new Date(2026, 5, 15);

describe('Excel text limits (one module for every host)', () => {
  it('cuts text with a visible mark, never inside a surrogate pair', () => {
    expect(fitText('abcdef', 6)).toBe('abcdef');
    expect(fitText('abcdefg', 6)).toBe(`abcde${CUT_MARK}`);
    const emoji = `${'a'.repeat(4)}😀😀`;
    const cut = fitText(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe(`aaaa${CUT_MARK}`);
  });

  it('cuts a COUNTIFS criterion to 255 characters ending in a wildcard that is not escaped', () => {
    const long = `=${'a'.repeat(300)}`;
    expect(fitCriterion(long)).toHaveLength(MAX_CRITERION);
    expect(fitCriterion(long).endsWith('a*')).toBe(true);
    // `~*` is an escaped asterisk: cutting between `~` and `*` would escape the wildcard instead.
    const tilde = `=${'b'.repeat(252)}~*cc`;
    expect(fitCriterion(tilde)).toBe(`=${'b'.repeat(252)}*`);
    expect(fitCriterion('=short')).toBe('=short');
  });

  it('escapes ST_Xstring as Excel does, and reads it back', () => {
    expect(escapeXstring('Target\n2026')).toBe('Target_x000a_2026');
    expect(escapeXstring('a\r\nb\tc')).toBe('a_x000d__x000a_b_x0009_c');
    expect(escapeXstring('_x0041_ and _y')).toBe('_x005f_x0041_ and _y');
    for (const text of ['Target\n2026', '_x0041_', 'plain', 'a\r\n\tb_x000a_']) {
      expect(unescapeXstring(escapeXstring(text))).toBe(text);
    }
  });

  it('every host cuts a cell of more than 32,767 characters the same way', async () => {
    const long = 'x'.repeat(MAX_CELL_TEXT + 75);
    const expected = `${'x'.repeat(MAX_CELL_TEXT - 1)}${CUT_MARK}`;
    expect(toExcelInput(long)).toBe(expected);
    expect(toSheetsInput(long, { toSheet: (d: Date) => d, toLocal: (d: Date) => d } as never)).toBe(expected);
    for (const wb of [new MemoryWorkbook(), FileWorkbook.create()]) {
      wb.addSheet('S');
      wb.write('S', 1, 1, [[long]]);
      expect((await wb.readSheet('S'))?.values[0][0]).toBe(expected);
    }
  });

  it('cuts table column names to 255 characters, and the header cell agrees', async () => {
    for (const wb of [new MemoryWorkbook(), FileWorkbook.create()]) {
      wb.addSheet('S');
      wb.write('S', 1, 1, [['y'.repeat(MAX_CELL_TEXT), 'y'.repeat(MAX_CELL_TEXT)]]);
      wb.addTable({ name: 'T', range: { sheet: 'S', row: 1, col: 1, rows: 2, cols: 2 } });
      const header = (await wb.readSheet('S'))!.values[0];
      expect(header[0]).toBe(`${'y'.repeat(254)}${CUT_MARK}`);
      expect(header[1]).toBe(`${'y'.repeat(253)}${CUT_MARK}2`);
    }
  });
});

describe('the Dashboard within Excel limits', () => {
  /** Six hundred core KPIs of one owner, with long ids: the focus finding names them all. */
  const crowd = () =>
    Array.from({ length: 600 }, (_, i) =>
      kpi({
        id: `KPI-${String(i).padStart(4, '0')}-${'z'.repeat(50)}`,
        role: 'core',
        parent_id: undefined,
        level: 'company',
      }),
    );

  async function dashboard(kpis: ReturnType<typeof crowd>): Promise<SheetData> {
    const wb = new MemoryWorkbook();
    const report = await buildRegister(wb, { kpis, checkIns: [] }, { lang: 'en', today: TODAY });
    return (await wb.readSheet(report.sheets.dashboard))!;
  }

  it('cuts a finding of more than 32,767 characters with a visible mark', async () => {
    const sheet = await dashboard(crowd());
    const texts = sheet.values.flat().filter((v): v is string => typeof v === 'string');
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(texts.some((t) => t.length === MAX_CELL_TEXT && t.endsWith(CUT_MARK))).toBe(true);
  });

  it('keeps each COUNTIFS criterion within 255 characters for a long department name', async () => {
    const department = `Department of ${'very '.repeat(60)}long names`;
    expect(department.length).toBeGreaterThan(300);
    const sheet = await dashboard([
      kpi({ id: 'A', department }),
      kpi({ id: 'C1', level: 'company', parent_id: undefined }),
    ]);
    const literals = sheet.formulas
      .flat()
      .filter((f): f is string => typeof f === 'string' && f.includes('COUNTIFS'))
      .flatMap((f) => f.match(/"(?:[^"]|"")*"/g) ?? [])
      .map((literal) => literal.slice(1, -1).replace(/""/g, '"'));
    expect(literals.length).toBeGreaterThan(0);
    expect(Math.max(...literals.map((l) => l.length))).toBeLessThanOrEqual(MAX_CRITERION);
    expect(literals.some((l) => l.endsWith('*') && l.startsWith('=Department of very'))).toBe(true);
  });

  it("refuses a register past Excel's last row before writing anything", async () => {
    const wb = new MemoryWorkbook();
    const kpis = new Array(EXCEL_MAX_ROWS).fill(kpi({ id: 'K' }));
    await expect(
      buildRegister(wb, { kpis, checkIns: [] }, { lang: 'en', today: TODAY }),
    ).rejects.toBeInstanceOf(RowLimitError);
    expect(await wb.sheets()).toEqual([]);
  });
});

describe('the Dashboard past a million rows of findings', () => {
  it('lists as many findings as fit above row 1,048,576 and says how many more', async () => {
    const { buildDashboard } = await import('../../src/register/dashboard');
    const { registerLayout } = await import('../../src/register/layout');
    let written: unknown[][] = [];
    // Only what is written matters here: every other call of the port does nothing.
    const wb = new Proxy({} as Workbook, {
      get: (_target, key) =>
        key === 'write'
          ? (_sheet: string, _row: number, _col: number, cells: unknown[][]) => (written = cells)
          : () => undefined,
    });
    const finding = { rule: 'SMART', ids: ['K1'], message: 'not SMART', fix: 'rewrite it' };
    const findings = new Array(360_000).fill(finding);
    const listed = buildDashboard(wb, {
      sheet: 'Dashboard',
      layout: registerLayout('Register', 1),
      kpis: [kpi({ id: 'K1' })],
      values: [{ score: 1, status: 'GREEN', smart: '', nextReview: '' } as never],
      findings,
      lang: 'en',
      today: TODAY,
    });
    expect(listed).toBe(360_000);
    expect(written.length).toBeLessThanOrEqual(EXCEL_MAX_ROWS);
    const last = written[written.length - 1];
    expect(last[1]).toMatch(/^… and \d+ more findings: run kpi-register check for the full list\.$/);
    const shown = written.filter((row) => row[0] === 'SMART').length;
    expect(String(last[1])).toContain(`and ${360_000 - shown} more`);
  }, 60_000);
});
