import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { WorkbookInputError } from '../../src/hosts/memory/checks';
import { subtract, type Rect } from '../../src/hosts/memory/rects';
import {
  cellOf,
  fromSnapshotValue,
  sheetOf,
  toSnapshotValue,
  type WorkbookSnapshot,
} from '../../src/hosts/memory/snapshot';
import { memoryFromXlsx, memoryToXlsx } from '../../src/hosts/file/convert';
import type { Workbook } from '../../src/register/workbook';
import { workbookContract } from './contract';

const asMemory = (wb: Workbook) => wb as MemoryWorkbook;

// Reopening through JSON proves the snapshot carries everything a workbook holds.
workbookContract(
  'MemoryWorkbook',
  () => new MemoryWorkbook(),
  async (wb) =>
    MemoryWorkbook.fromSnapshot(JSON.parse(JSON.stringify(asMemory(wb).inspect())) as WorkbookSnapshot),
  { inspect: (wb) => asMemory(wb).inspect() },
);

// Reopening through real .xlsx bytes is the browser's Download / Open round trip.
workbookContract(
  'MemoryWorkbook via .xlsx',
  () => new MemoryWorkbook(),
  async (wb) => memoryFromXlsx(await memoryToXlsx(asMemory(wb))),
  { inspect: (wb) => asMemory(wb).inspect() },
);

describe('MemoryWorkbook', () => {
  it('rejects sheet names Excel would reject', () => {
    const wb = new MemoryWorkbook();
    for (const bad of ['', '   ', 'a/b', 'a:b', 'x'.repeat(32), "'quoted'", 'History', 'what?', '[1]'])
      expect(() => wb.addSheet(bad)).toThrow(WorkbookInputError);
    expect(() => wb.addSheet('x'.repeat(31))).not.toThrow();
  });

  it('rejects table names that are not names, and tables that overlap', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    wb.write('S', 1, 1, [['a', 'b', 'c']]);
    for (const bad of ['1st', 'my table', 'A1', 'R1C1', 'R', ''])
      expect(() =>
        wb.addTable({ name: bad, range: { sheet: 'S', row: 1, col: 1, rows: 2, cols: 3 } }),
      ).toThrow(WorkbookInputError);
    wb.addTable({ name: 'Kpis', range: { sheet: 'S', row: 1, col: 1, rows: 2, cols: 3 } });
    expect(() =>
      wb.addTable({ name: 'Other', range: { sheet: 'S', row: 2, col: 3, rows: 2, cols: 2 } }),
    ).toThrow(/overlap/);
  });

  it('names blank and repeated table headers as Excel does', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    wb.write('S', 1, 1, [['Owner', null, 'owner', 2026]]);
    wb.addTable({ name: 'T', range: { sheet: 'S', row: 1, col: 1, rows: 3, cols: 4 } });
    expect((await wb.readSheet('S'))?.values[0]).toEqual(['Owner', 'Column2', 'owner2', '2026']);
  });

  it('refuses values a cell cannot hold, leaving the sheet untouched', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    expect(() => wb.write('S', 1, 1, [[1, NaN]])).toThrow(WorkbookInputError);
    expect(() => wb.write('S', 1, 1, [[new Date('nope')]])).toThrow(WorkbookInputError);
    expect(() => wb.write('S', 1, 1, [[{ formula: '' }]])).toThrow(WorkbookInputError);
    expect(() => wb.write('S', 0, 1, [[1]])).toThrow(WorkbookInputError);
    expect(() => wb.write('S', 1_048_576, 1, [[1], [2]])).toThrow(WorkbookInputError);
    expect(() => wb.setStyle({ sheet: 'S', row: 1, col: 1, rows: 1, cols: 1 }, { fill: 'red' })).toThrow(
      /#RRGGBB/,
    );
    expect((await wb.sheets())[0]).toEqual({ name: 'S', rows: 0, cols: 0 });
  });

  it('keeps the stored value apart from the caller (dates are copied in and out)', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    const date = new Date(2026, 0, 1);
    wb.write('S', 1, 1, [[date]]);
    date.setFullYear(1990);
    const read = (await wb.readSheet('S'))!.values[0][0] as Date;
    expect(read.getFullYear()).toBe(2026);
    read.setFullYear(1980);
    expect(((await wb.readSheet('S'))!.values[0][0] as Date).getFullYear()).toBe(2026);
  });

  it('gives a date without a number format an ISO one, keeping a format already set', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S');
    wb.setNumberFormat({ sheet: 'S', row: 1, col: 2, rows: 1, cols: 1 }, 'd mmm yyyy');
    wb.write('S', 1, 1, [[new Date(2026, 2, 31), new Date(2026, 2, 31), new Date(2026, 2, 31, 14, 5)]]);
    const sheet = sheetOf(wb.inspect(), 'S');
    expect([1, 2, 3].map((c) => cellOf(sheet, 1, c)?.numFmt)).toEqual([
      'yyyy-mm-dd',
      'd mmm yyyy',
      'yyyy-mm-dd hh:mm',
    ]);
  });

  it('inspects to plain JSON a preview can render: values, formats and fills', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [
      ['Score', 'Due'],
      [{ formula: '=KPI.SCORE(1,2)', result: 0.5 }, new Date(2026, 2, 31)],
    ]);
    wb.setNumberFormat({ sheet: 'Register', row: 2, col: 1, rows: 1, cols: 1 }, '0%');
    wb.setStyle({ sheet: 'Register', row: 1, col: 1, rows: 1, cols: 2 }, { fill: '#1f4e78', bold: true });
    const snapshot = wb.inspect();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.sheets[0].cells).toEqual([
      [
        { value: 'Score', style: { fill: '#1F4E78', bold: true } },
        { value: 'Due', style: { fill: '#1F4E78', bold: true } },
      ],
      [
        { value: 0.5, formula: '=KPI.SCORE(1,2)', numFmt: '0%' },
        { value: { date: '2026-03-31' }, numFmt: 'yyyy-mm-dd' },
      ],
    ]);
  });

  it('snapshot dates keep their wall-clock fields through JSON', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1900, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true }),
        (date) => {
          const back = fromSnapshotValue(JSON.parse(JSON.stringify(toSnapshotValue(date)))) as Date;
          expect(back.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('rectangle subtraction covers exactly the cells outside the cut', () => {
    const rect = fc.record({
      row: fc.integer({ min: 1, max: 8 }),
      col: fc.integer({ min: 1, max: 8 }),
      rows: fc.integer({ min: 1, max: 6 }),
      cols: fc.integer({ min: 1, max: 6 }),
    });
    const cells = (r: Rect) =>
      Array.from(
        { length: r.rows * r.cols },
        (_, i) => `${r.row + Math.floor(i / r.cols)},${r.col + (i % r.cols)}`,
      );
    fc.assert(
      fc.property(rect, rect, (a, b) => {
        const cut = new Set(cells(b));
        const pieces = subtract(a, b).flatMap(cells);
        expect(new Set(pieces).size).toBe(pieces.length); // no overlap between pieces
        expect(pieces.sort()).toEqual(
          cells(a)
            .filter((cell) => !cut.has(cell))
            .sort(),
        );
      }),
    );
  });

  it('uses no Node API, so the browser can run it', () => {
    const dir = join(__dirname, '../../src/hosts/memory');
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect({
        file,
        nodeImports: source.match(/from '(node:|fs|path|os|crypto)[^']*'|\bBuffer\b|\bprocess\./g),
      }).toEqual({
        file,
        nodeImports: null,
      });
      expect({ file, importsExceljs: /from 'exceljs'/.test(source) }).toEqual({
        file,
        importsExceljs: false,
      });
    }
  });
});
