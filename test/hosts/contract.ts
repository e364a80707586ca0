/**
 * The Workbook contract: what every host (in-memory, .xlsx file, Excel, Google Sheets) must do for the
 * register to work the same everywhere. A host's test file calls `workbookContract` with a factory for an
 * empty workbook and, where the host can, a way to reopen it (e.g. save to .xlsx bytes and load them) and
 * a way to inspect what it holds beyond values (formats, dropdowns, conditional formats…).
 */
import type { CellValue, SheetData, Workbook, WriteCell } from '../../src/register/workbook';
import {
  cellOf,
  outlined,
  sheetOf,
  validationOf,
  type WorkbookSnapshot,
} from '../../src/hosts/memory/snapshot';

export interface ContractHooks {
  /** What the host holds beyond values, as a snapshot; tests of formatting check it when given. */
  inspect?: (workbook: Workbook) => Promise<WorkbookSnapshot> | WorkbookSnapshot;
}

type Make = () => Promise<Workbook> | Workbook;
type Reopen = (workbook: Workbook) => Promise<Workbook>;

/** Fails unless the action (or the flush after it) is refused: hosts may reject at once or at flush. */
async function expectRefused(workbook: Workbook, action: () => unknown): Promise<void> {
  let refused = false;
  try {
    await action();
    await workbook.flush();
  } catch {
    refused = true;
  }
  expect(refused).toBe(true);
}

async function sheetNames(workbook: Workbook): Promise<string[]> {
  return (await workbook.sheets()).map((sheet) => sheet.name);
}

function column(data: SheetData | undefined, col: number): CellValue[] {
  return (data?.values ?? []).map((line) => line[col - 1] ?? null);
}

export const DANGEROUS_TEXT = [
  '=1+1',
  '+852 1234 5678',
  '-5 apples',
  '@sum',
  '=',
  '-',
  "'quoted",
  '=HYPERLINK("x")',
];

/** Sixty department names: far more than the 255 characters an inline dropdown list may hold. */
export const LONG_LIST = Array.from(
  { length: 60 },
  (_, i) => `Department of Customer Experience ${String(i + 1).padStart(2, '0')}`,
);

export function workbookContract(name: string, make: Make, reopen?: Reopen, hooks: ContractHooks = {}): void {
  const views: [string, Reopen][] = [['as written', async (workbook) => workbook]];
  if (reopen) views.push(['after reopening', reopen]);

  describe(`${name} — Workbook contract`, () => {
    describe('sheets and writes', () => {
      it('adds sheets at the end, in order, with their used size', async () => {
        const wb = await make();
        const before = await sheetNames(wb);
        wb.addSheet('Register');
        wb.addSheet('Check-ins');
        wb.write('Register', 1, 1, [
          ['id', 'name'],
          ['K1', 'Sales'],
        ]);
        await wb.flush();
        expect(await sheetNames(wb)).toEqual([...before, 'Register', 'Check-ins']);
        const info = await wb.sheets();
        expect(info.find((s) => s.name === 'Register')).toEqual({ name: 'Register', rows: 2, cols: 2 });
        expect(info.find((s) => s.name === 'Check-ins')).toEqual({ name: 'Check-ins', rows: 0, cols: 0 });
      });

      it('refuses a sheet name that exists, whatever its case', async () => {
        const wb = await make();
        wb.addSheet('Register');
        await wb.flush();
        await expectRefused(wb, () => wb.addSheet('Register'));
        const wb2 = await make();
        wb2.addSheet('Register');
        await wb2.flush();
        await expectRefused(wb2, () => wb2.addSheet('REGISTER'));
      });

      it('refuses writes to a sheet that does not exist, and reads it as undefined', async () => {
        const wb = await make();
        await expectRefused(wb, () => wb.write('Nowhere', 1, 1, [[1]]));
        const wb2 = await make();
        await expect(wb2.readSheet('Nowhere')).resolves.toBeUndefined();
      });

      it('refuses a ragged block', async () => {
        const wb = await make();
        wb.addSheet('S');
        await wb.flush();
        await expectRefused(wb, () => wb.write('S', 1, 1, [[1, 2], [3]]));
      });

      it('shows queued writes to later reads, in order', async () => {
        const wb = await make();
        wb.addSheet('S');
        wb.write('S', 1, 1, [['first']]);
        wb.write('S', 1, 1, [['second']]);
        expect((await wb.readSheet('S'))?.values).toEqual([['second']]);
      });

      it('overwrites only the cells written, and a cleared last row shrinks the used size', async () => {
        const wb = await make();
        wb.addSheet('S');
        wb.write('S', 1, 1, [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ]);
        wb.write('S', 2, 2, [['five', 'six']]);
        await wb.flush();
        expect((await wb.readSheet('S'))?.values).toEqual([
          [1, 2, 3],
          [4, 'five', 'six'],
          [7, 8, 9],
        ]);
        wb.write('S', 3, 1, [[null, '', null]]);
        await wb.flush();
        expect((await wb.sheets()).find((s) => s.name === 'S')).toEqual({ name: 'S', rows: 2, cols: 3 });
      });
    });

    describe('append', () => {
      it('returns the first appended row and never overwrites', async () => {
        const wb = await make();
        wb.addSheet('Log');
        await expect(wb.append('Log', [['a', 1]])).resolves.toBe(1);
        await expect(
          wb.append('Log', [
            ['b', 2],
            ['c', 3],
          ]),
        ).resolves.toBe(2);
        await expect(wb.append('Log', [])).resolves.toBe(4);
        await expect(wb.append('Log', [['d', 4]])).resolves.toBe(4);
        await wb.flush();
        expect((await wb.readSheet('Log'))?.values).toEqual([
          ['a', 1],
          ['b', 2],
          ['c', 3],
          ['d', 4],
        ]);
      });

      it('appends after the last row with content in any column', async () => {
        const wb = await make();
        wb.addSheet('Log');
        wb.write('Log', 1, 1, [['header']]);
        wb.write('Log', 10, 5, [['far']]);
        await expect(wb.append('Log', [['next']])).resolves.toBe(11);
      });

      it('is not moved by formatting alone', async () => {
        const wb = await make();
        wb.addSheet('Log');
        wb.write('Log', 1, 1, [['KPI', 'Actual']]);
        wb.setNumberFormat({ sheet: 'Log', row: 2, col: 2, rows: 200, cols: 1 }, '0.0%');
        wb.setStyle({ sheet: 'Log', row: 2, col: 1, rows: 200, cols: 2 }, { wrap: true });
        await expect(wb.append('Log', [['K1', 0.5]])).resolves.toBe(2);
      });

      it('keeps plain strings as text', async () => {
        const wb = await make();
        wb.addSheet('Log');
        await wb.append('Log', [DANGEROUS_TEXT]);
        await wb.flush();
        const data = await wb.readSheet('Log');
        expect(data?.values).toEqual([DANGEROUS_TEXT]);
        expect(data?.formulas).toEqual([DANGEROUS_TEXT.map(() => null)]);
      });

      it('grows a table that ends where the data ends', async () => {
        const wb = await make();
        wb.addSheet('Check-ins');
        wb.write('Check-ins', 1, 1, [
          ['KPI', 'Period', 'Actual'],
          ['K1', '2026-01', 10],
        ]);
        wb.addTable({ name: 'CheckIns', range: { sheet: 'Check-ins', row: 1, col: 1, rows: 2, cols: 3 } });
        await wb.flush();
        await wb.append('Check-ins', [
          ['K1', '2026-02', 11],
          ['K2', '2026-02', 12],
        ]);
        await wb.flush();
        const table = (await wb.tables()).find((t) => t.name === 'CheckIns');
        expect(table?.range).toEqual({ sheet: 'Check-ins', row: 1, col: 1, rows: 4, cols: 3 });
      });
    });

    describe.each(views)('reading back (%s)', (_label, readBack) => {
      it('round-trips numbers, text, booleans, dates and blanks over the used range from A1', async () => {
        const wb = await make();
        wb.addSheet('Data');
        const march31 = new Date(2026, 2, 31);
        const morning = new Date(2026, 0, 5, 9, 30);
        const block: WriteCell[][] = [
          [0, -1.5, 1234567.891, 1e-7, 42],
          ['text', '  padded  ', '提升銷售 10%', 'emoji 🚦', 'multi\nline'],
          [true, false, null, '', 'after blanks'],
          [march31, morning, new Date(1999, 11, 31), new Date(2024, 1, 29), null],
        ];
        wb.write('Data', 2, 2, block);
        await wb.flush();
        const data = await (await readBack(wb)).readSheet('Data');
        expect(data?.name).toBe('Data');
        expect(data?.values).toEqual([
          [null, null, null, null, null, null],
          [null, 0, -1.5, 1234567.891, 1e-7, 42],
          [null, 'text', '  padded  ', '提升銷售 10%', 'emoji 🚦', 'multi\nline'],
          [null, true, false, null, null, 'after blanks'],
          [null, march31, morning, new Date(1999, 11, 31), new Date(2024, 1, 29), null],
        ]);
        const dates = data!.values[4].slice(1, 3) as Date[];
        expect(
          dates.map((d) => [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]),
        ).toEqual([
          [2026, 2, 31, 0, 0],
          [2026, 0, 5, 9, 30],
        ]);
        expect(data?.formulas.every((line) => line.every((f) => f === null))).toBe(true);
      });

      it('reads formulas back with their formula and cached result', async () => {
        const wb = await make();
        wb.addSheet('Calc');
        wb.write('Calc', 1, 1, [
          [21, { formula: '=A1*2', result: 42 }],
          ['big', { formula: '=IF(A1>20,"big","small")', result: 'big' }],
          [true, { formula: '=A1>20', result: true }],
          [null, { formula: '=NA()', result: '#N/A' }],
        ]);
        await wb.flush();
        const data = await (await readBack(wb)).readSheet('Calc');
        expect(column(data, 2)).toEqual([42, 'big', true, '#N/A']);
        expect(data?.formulas.map((line) => line[1])).toEqual([
          '=A1*2',
          '=IF(A1>20,"big","small")',
          '=A1>20',
          '=NA()',
        ]);
        expect(data?.formulas.map((line) => line[0])).toEqual([null, null, null, null]);
      });

      it('stores text that looks like a formula as that text, never a formula', async () => {
        const wb = await make();
        wb.addSheet('Notes');
        wb.write('Notes', 1, 1, [DANGEROUS_TEXT]);
        await wb.flush();
        const data = await (await readBack(wb)).readSheet('Notes');
        expect(data?.values).toEqual([DANGEROUS_TEXT]);
        expect(data?.formulas).toEqual([DANGEROUS_TEXT.map(() => null)]);
      });

      it('reads several sheets in one call, in the order asked, undefined for a missing one', async () => {
        const wb = await make();
        wb.addSheet('A');
        wb.addSheet('B');
        wb.write('A', 1, 1, [['a']]);
        wb.write('B', 1, 1, [['b', 2]]);
        await wb.flush();
        const [b, missing, a] = await (await readBack(wb)).readSheets(['B', 'Missing', 'A']);
        expect(b?.values).toEqual([['b', 2]]);
        expect(missing).toBeUndefined();
        expect(a?.values).toEqual([['a']]);
      });

      it('handles unicode and quoted sheet names', async () => {
        const wb = await make();
        wb.addSheet('登記冊');
        wb.addSheet("KPI's 2026 (HK)");
        wb.write('登記冊', 1, 1, [['指標', '目標']]);
        wb.write("KPI's 2026 (HK)", 1, 1, [['負責人']]);
        await wb.flush();
        const again = await readBack(wb);
        expect(await sheetNames(again)).toEqual(expect.arrayContaining(['登記冊', "KPI's 2026 (HK)"]));
        expect((await again.readSheet('登記冊'))?.values).toEqual([['指標', '目標']]);
        expect((await again.readSheet("KPI's 2026 (HK)"))?.values).toEqual([['負責人']]);
      });

      it('continues appending after the last row once reopened', async () => {
        const wb = await make();
        wb.addSheet('Log');
        await wb.append('Log', [['a'], ['b'], ['c']]);
        await wb.flush();
        const again = await readBack(wb);
        await expect(again.append('Log', [['d']])).resolves.toBe(4);
        await again.flush();
        expect(column(await again.readSheet('Log'), 1)).toEqual(['a', 'b', 'c', 'd']);
      });

      it('lists tables with their ranges; a header-only table gets one empty body row', async () => {
        const wb = await make();
        wb.addSheet('Register');
        wb.addSheet('Check-ins');
        wb.write('Register', 3, 2, [
          ['id', 'name', 'target'],
          ['K1', 'Sales', 100],
          ['K2', 'Churn', 0.05],
        ]);
        wb.write('Check-ins', 1, 1, [['KPI', 'Actual']]);
        wb.addTable({
          name: 'Register',
          range: { sheet: 'Register', row: 3, col: 2, rows: 3, cols: 3 },
          style: 'medium',
        });
        wb.addTable({ name: 'CheckIns', range: { sheet: 'Check-ins', row: 1, col: 1, rows: 1, cols: 2 } });
        await wb.flush();
        const again = await readBack(wb);
        const tables = await again.tables();
        expect(tables).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              name: 'Register',
              range: { sheet: 'Register', row: 3, col: 2, rows: 3, cols: 3 },
            }),
            expect.objectContaining({
              name: 'CheckIns',
              range: { sheet: 'Check-ins', row: 1, col: 1, rows: 2, cols: 2 },
            }),
          ]),
        );
        expect((await again.readSheet('Register'))?.values[2]).toEqual([null, 'id', 'name', 'target']);
      });

      it('accepts number formats, styles, widths, freezes, dropdowns, conditional formats and row groups', async () => {
        const wb = await make();
        const s = 'Register';
        wb.addSheet(s);
        wb.write(s, 1, 1, [['id', 'status', 'dept', 'score', 'state', 'delta', 'rate']]);
        wb.write(
          s,
          2,
          1,
          Array.from({ length: 9 }, (_, i) => [`K${i}`, 'GREEN', 'Sales', i / 10, 'RED', i - 4, i / 100]),
        );
        wb.setNumberFormat({ sheet: s, row: 2, col: 7, rows: 9, cols: 1 }, '0.0%');
        wb.setNumberFormat({ sheet: s, row: 2, col: 4, rows: 9, cols: 1 }, '"HK$"#,##0');
        wb.setStyle(
          { sheet: s, row: 1, col: 1, rows: 1, cols: 7 },
          { bold: true, fill: '#1F4E78', fontColor: '#FFFFFF', wrap: true },
        );
        wb.setColumnWidths(s, 1, [12, 40]);
        wb.freeze(s, 1, 2);
        wb.setValidationList({ sheet: s, row: 2, col: 2, rows: 9, cols: 1 }, ['GREEN', 'AMBER', 'RED'], true);
        wb.setValidationList({ sheet: s, row: 2, col: 3, rows: 9, cols: 1 }, LONG_LIST, false);
        wb.setValidationList({ sheet: s, row: 2, col: 5, rows: 9, cols: 1 }, ['RED', 'AMBER'], true);
        wb.setValidationList({ sheet: s, row: 5, col: 5, rows: 2, cols: 1 }, ['GREEN'], false);
        wb.addConditionalFormat(
          { sheet: s, row: 2, col: 4, rows: 9, cols: 1 },
          { kind: 'trafficLights', amberAt: 0.7, greenAt: 0.9 },
        );
        wb.addConditionalFormat(
          { sheet: s, row: 2, col: 2, rows: 9, cols: 1 },
          { kind: 'textEquals', text: 'GREEN', fill: '#C6EFCE', fontColor: '#006100' },
        );
        wb.addConditionalFormat(
          { sheet: s, row: 2, col: 6, rows: 9, cols: 1 },
          { kind: 'number', operator: 'lessThan', value: 0, fill: '#FFC7CE' },
        );
        wb.addConditionalFormat(
          { sheet: s, row: 2, col: 6, rows: 9, cols: 1 },
          { kind: 'number', operator: 'between', value: 1, value2: 3, fill: '#FFEB9C' },
        );
        wb.groupRows(s, 3, 5);
        await wb.flush();

        const again = await readBack(wb);
        // Formatting never changes values, never adds a visible sheet, never moves the append point.
        expect(await sheetNames(again)).toEqual(await sheetNames(wb));
        expect((await again.readSheet(s))?.values[1]).toEqual(['K0', 'GREEN', 'Sales', 0, 'RED', -4, 0]);
        expect((await again.sheets()).find((x) => x.name === s)).toEqual({ name: s, rows: 10, cols: 7 });

        if (!hooks.inspect) return;
        const sheet = sheetOf(await hooks.inspect(again), s);
        expect(cellOf(sheet, 5, 7)?.numFmt).toBe('0.0%');
        expect(cellOf(sheet, 5, 4)?.numFmt).toBe('"HK$"#,##0');
        expect(cellOf(sheet, 1, 3)?.style).toEqual(
          expect.objectContaining({ bold: true, fill: '#1F4E78', fontColor: '#FFFFFF', wrap: true }),
        );
        expect(sheet?.columnWidths[0]).toBeCloseTo(12, 0);
        expect(sheet?.columnWidths[1]).toBeCloseTo(40, 0);
        expect(sheet?.frozen).toEqual({ rows: 1, cols: 2 });
        expect(validationOf(sheet, 6, 2)).toEqual(
          expect.objectContaining({ values: ['GREEN', 'AMBER', 'RED'], strict: true }),
        );
        expect(validationOf(sheet, 10, 3)).toEqual(
          expect.objectContaining({ values: LONG_LIST, strict: false }),
        );
        // A later dropdown replaces an earlier one where they overlap, and only there.
        expect(validationOf(sheet, 4, 5)?.values).toEqual(['RED', 'AMBER']);
        expect(validationOf(sheet, 5, 5)).toEqual(
          expect.objectContaining({ values: ['GREEN'], strict: false }),
        );
        expect(validationOf(sheet, 6, 5)?.values).toEqual(['GREEN']);
        expect(validationOf(sheet, 7, 5)?.values).toEqual(['RED', 'AMBER']);
        expect(validationOf(sheet, 1, 2)).toBeUndefined();
        const formats = sheet?.conditionalFormats ?? [];
        const at = (col: number) => ({ sheet: s, row: 2, col, rows: 9, cols: 1 });
        expect(formats).toContainEqual({
          range: at(4),
          format: { kind: 'trafficLights', amberAt: 0.7, greenAt: 0.9 },
        });
        expect(formats).toContainEqual({
          range: at(2),
          format: { kind: 'textEquals', text: 'GREEN', fill: '#C6EFCE', fontColor: '#006100' },
        });
        expect(formats).toContainEqual({
          range: at(6),
          format: { kind: 'number', operator: 'lessThan', value: 0, fill: '#FFC7CE' },
        });
        expect(formats).toContainEqual({
          range: at(6),
          format: { kind: 'number', operator: 'between', value: 1, value2: 3, fill: '#FFEB9C' },
        });
        expect([2, 3, 4, 5, 6].map((row) => outlined(sheet, row))).toEqual([false, true, true, true, false]);
      });

      it('writes and reads a large block in bulk (5,000 rows × 20 columns)', async () => {
        const wb = await make();
        wb.addSheet('Bulk');
        const rows = 5000;
        const block: WriteCell[][] = Array.from({ length: rows }, (_, r) =>
          Array.from({ length: 20 }, (_, c) =>
            c % 4 === 0 ? `K${r}-${c}` : c % 4 === 1 ? r * 20 + c : c % 4 === 2 ? r % 2 === 0 : (r + c) / 8,
          ),
        );
        wb.write('Bulk', 1, 1, block);
        await wb.flush();
        const again = await readBack(wb);
        expect((await again.sheets()).find((s) => s.name === 'Bulk')).toEqual({
          name: 'Bulk',
          rows,
          cols: 20,
        });
        const data = await again.readSheet('Bulk');
        expect(data?.values).toEqual(block);
        await expect(again.append('Bulk', [['next']])).resolves.toBe(rows + 1);
      }, 120_000);
    });

    describe('tables', () => {
      it('refuses a second table with the same name', async () => {
        const wb = await make();
        wb.addSheet('S');
        wb.write('S', 1, 1, [['a', 'b']]);
        wb.write('S', 5, 1, [['c', 'd']]);
        wb.addTable({ name: 'Kpis', range: { sheet: 'S', row: 1, col: 1, rows: 2, cols: 2 } });
        await wb.flush();
        await expectRefused(wb, () =>
          wb.addTable({ name: 'Kpis', range: { sheet: 'S', row: 5, col: 1, rows: 2, cols: 2 } }),
        );
      });
    });
  });
}
