import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import { FakeExcel, type FakeExcelOptions } from './excel-fake';

/**
 * What Excel answers to a read that is too big, besides the two payload codes: `GeneralException` (Excel
 * on the web's "An internal error has occurred" for an oversized response), `RangeExceedsLimit` (more
 * than 5,000,000 cells in one read) and, on some builds, `values` that come back `null` instead of an
 * error (sources in src/hosts/excel/payload.ts). The Excel host must then read the same cells again in
 * smaller blocks, but only a batch that reads: a batch that writes is never sent twice.
 */

const ROWS = 120;
const COLS = 12;
const rows = Array.from({ length: ROWS }, (_, r) =>
  Array.from({ length: COLS }, (_, c) =>
    c === 0 ? `KPI-${r}` : c === 1 ? `門市 ${r} 轉換率` : r * COLS + c,
  ),
);

/** A document with one sheet of ROWS × COLS cells, written through the host as the add-in would. */
async function documentWith(options: FakeExcelOptions): Promise<FakeExcel> {
  const excel = new FakeExcel(options);
  excel.addSheet('Register');
  const writer = new ExcelWorkbook(excel.context, { payloadBudget: (options.payloadLimit ?? 4e6) / 2 });
  writer.write('Register', 1, 1, rows);
  await writer.flush();
  return excel;
}

/** The batches of one action (a fresh ExcelWorkbook, as one Excel.run). */
async function action<T>(excel: FakeExcel, run: (wb: ExcelWorkbook) => Promise<T>) {
  const first = excel.batches.length;
  const result = await run(new ExcelWorkbook(excel.context));
  return { result, batches: excel.batches.slice(first) };
}

const LIMITS: [string, FakeExcelOptions, string | undefined][] = [
  [
    'an oversized response answered with GeneralException',
    { payloadLimit: 8_000, oversizedResponse: 'GeneralException' },
    'GeneralException',
  ],
  [
    'a read of more cells than the read limit (RangeExceedsLimit)',
    { readCellLimit: 500 },
    'RangeExceedsLimit',
  ],
  [
    'a read of more cells than the read limit answered with null values',
    { readCellLimit: 500, overReadLimit: 'null' },
    undefined,
  ],
];

describe.each(LIMITS)('Excel host: %s', (_name, options, code) => {
  it('readSheet reads the sheet again in smaller blocks and returns every cell', async () => {
    const excel = await documentWith(options);
    const { result, batches } = await action(excel, (wb) => wb.readSheet('Register'));
    expect(result?.values).toEqual(rows);
    // The whole-sheet read failed (or came back empty) once; the blocks that followed did not fail.
    expect(batches.filter((b) => b.failed).map((b) => b.failed)).toEqual(
      code ? expect.arrayContaining([code]) : [],
    );
    expect(batches.at(-1)?.failed).toBeUndefined();
    expect(batches.length).toBeLessThan(20);
  });

  it('readRanges reads the blocks again in smaller pieces and returns every cell', async () => {
    const excel = await documentWith(options);
    const wanted = [
      { sheet: 'Register', row: 1, col: 1, rows: ROWS, cols: COLS },
      { sheet: 'Register', row: 2, col: 2, rows: 3, cols: 1, formulas: false },
    ];
    const { result } = await action(excel, async (wb) => {
      await wb.readSheet('Register'); // sheet names known, as in the task pane's actions
      return wb.readRanges(wanted);
    });
    expect(result[0].values).toEqual(rows);
    expect(result[1].values).toEqual([[rows[1][1]], [rows[2][1]], [rows[3][1]]]);
  });
});

describe('Excel host: what is never retried', () => {
  it('a batch that writes fails once, with its own error, and is not sent again', async () => {
    const excel = await documentWith({});
    const before = excel.batches.length;
    const wb = new ExcelWorkbook(excel.context);
    wb.write('Register', ROWS + 1, 1, [['KPI-new', 'new', 1]]);
    excel.failNextSync('GeneralException');
    await expect(wb.flush()).rejects.toMatchObject({ code: 'GeneralException' });
    const sent = excel.batches.slice(before);
    expect(sent.filter((b) => b.commands.includes('range.values'))).toHaveLength(1);
    expect(sent.map((b) => b.failed)).toEqual(['GeneralException']);
  });

  it('a read that carries queued writes fails with its error, and the writes are not sent twice', async () => {
    const excel = await documentWith({ payloadLimit: 8_000, oversizedResponse: 'GeneralException' });
    const before = excel.batches.length;
    const wb = new ExcelWorkbook(excel.context);
    wb.write('Register', ROWS + 1, 1, [['KPI-new', 'new', 1]]);
    excel.failNextSync('GeneralException');
    await expect(wb.readSheet('Register')).rejects.toMatchObject({ code: 'GeneralException' });
    const writes = excel.batches.slice(before).filter((b) => b.commands.includes('range.values'));
    expect(writes).toHaveLength(1);
    expect(writes[0].failed).toBe('GeneralException');
  });

  it('any other error of a read is the caller’s, after one round trip', async () => {
    const excel = await documentWith({});
    const wb = new ExcelWorkbook(excel.context);
    await wb.readSheet('Register');
    const before = excel.batches.length;
    excel.failNextSync('ItemNotFound');
    await expect(wb.readSheet('Register')).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(excel.batches.length - before).toBe(1);
  });

  it('a read that still fails one row at a time gives up with Excel’s error', async () => {
    // One row of 12 cells is over a 10-cell read limit: no block is small enough.
    const excel = await documentWith({ readCellLimit: 10 });
    await expect(new ExcelWorkbook(excel.context).readSheet('Register')).rejects.toMatchObject({
      code: 'RangeExceedsLimit',
    });
  });
});
