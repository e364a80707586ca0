import { KpiError } from '../../src/core/errors';
import { fromExcel, invoke, toExcel } from '../../src/functions/adapter';
import { ErrorCode, FakeExcelError } from './excel-runtime';

/**
 * The Excel ↔ core value adapter on its own, for the values the worked examples do not reach:
 * linked data types, error cells in both shapes Excel uses, and results that are not finite.
 */
beforeAll(() => {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeExcelError, ErrorCode };
});
afterAll(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

describe('fromExcel', () => {
  it('passes numbers, text, booleans and blanks through unchanged, blank staying blank', () => {
    expect(fromExcel([[1, 'a', true, null, '']])).toEqual([[1, 'a', true, null, '']]);
    expect(fromExcel(null)).toBeNull();
    expect(fromExcel(undefined)).toBeUndefined();
  });

  it('reads a linked data type or formatted number by its basic value', () => {
    expect(fromExcel([[{ type: 'FormattedNumber', basicValue: 0.18, numberFormat: '0%' }]])).toEqual([
      [0.18],
    ]);
    expect(fromExcel([[{ type: 'Entity', text: 'Hong Kong', basicValue: 'Hong Kong' }]])).toEqual([
      ['Hong Kong'],
    ]);
  });

  it('turns error cells into core errors, whichever shape Excel passes them in', () => {
    const [[asError, asCellValue, unsupported]] = fromExcel([
      [
        new FakeExcelError('#DIV/0!', 'from A1'),
        { type: 'Error', errorType: 'NotAvailable', basicValue: '#N/A' },
        new FakeExcelError('#SPILL!'),
      ],
    ]) as KpiError[][];
    expect(asError).toEqual(new KpiError('#DIV/0!', 'from A1'));
    expect(asCellValue.code).toBe('#N/A');
    expect(unsupported.code).toBe('#VALUE!');
    expect(unsupported.message).toContain('#SPILL!');
  });

  it('rejects an object it does not understand with #VALUE! rather than guessing', () => {
    const [[value]] = fromExcel([[{ some: 'object' }]]) as KpiError[][];
    expect(value.code).toBe('#VALUE!');
  });
});

describe('toExcel and invoke', () => {
  it('returns a single value as a 1×1 array and a range cell by cell', () => {
    expect(toExcel(0.5)).toEqual([[0.5]]);
    expect(
      toExcel([
        ['GREEN', ''],
        [1, 2],
      ]),
    ).toEqual([
      ['GREEN', ''],
      [1, 2],
    ]);
  });

  it('maps every core error code to the CustomFunctions.ErrorCode with its message', () => {
    const codes = ['#VALUE!', '#DIV/0!', '#NUM!', '#N/A'] as const;
    const [row] = toExcel([codes.map((code) => new KpiError(code, `because ${code}`))]);
    expect(row).toEqual(codes.map((code) => new FakeExcelError(code, `because ${code}`)));
  });

  it('never lets NaN or Infinity reach a cell', () => {
    const [[nan, infinite]] = toExcel([[NaN, Infinity]]) as FakeExcelError[][];
    expect(nan.code).toBe('#NUM!');
    expect(infinite.code).toBe('#NUM!');
  });

  it('shows an unexpected exception as #VALUE! with its reason instead of throwing', () => {
    const [[cell]] = invoke(() => {
      throw new Error('boom');
    }) as FakeExcelError[][];
    expect(cell).toBeInstanceOf(FakeExcelError);
    expect(cell.code).toBe('#VALUE!');
    expect(cell.message).toContain('boom');
  });
});
