import { OfficeMockObject } from 'office-addin-mock';
import { runInExcel, selectInExcel } from '../../src/hosts/excel/run';
import { FakeExcel } from './excel-fake';

/**
 * The thin edge where Office.js meets the add-in: the `Excel` namespace is office-addin-mock's, whose
 * `run` hands the action a request context (the strict fake's, so reads and writes behave).
 */
let excel: FakeExcel;
let runs = 0;

beforeEach(() => {
  excel = new FakeExcel();
  excel.addSheet('Register');
  runs = 0;
  const mock = new OfficeMockObject({
    run: async (action: (context: Excel.RequestContext) => Promise<unknown>) => {
      runs++;
      return action(excel.context);
    },
  });
  // Enums are attached after the mock is built (office-addin-mock would turn them into mocks).
  Object.assign(mock, { ConditionalFormatType: { iconSet: 'IconSet', cellValue: 'CellValue' } });
  (globalThis as { Excel?: unknown }).Excel = mock;
});

afterAll(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

describe('runInExcel', () => {
  it('runs one user action in one Excel.run and flushes what it left queued', async () => {
    const result = await runInExcel(async (wb) => {
      wb.write('Register', 1, 1, [['id', 'name']]);
      return (await wb.sheets()).map((sheet) => sheet.name);
    });
    expect(result).toEqual(['Register']);
    expect(runs).toBe(1);
    expect(excel.cell('Register', 'B1')?.value).toBe('name');
  });

  it('writes nothing when the action fails', async () => {
    await expect(
      runInExcel(async (wb) => {
        wb.write('Register', 1, 1, [['half-done']]);
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect(excel.cell('Register', 'A1')).toBeUndefined();
  });
});

describe('selectInExcel', () => {
  it("activates the row's sheet and selects the row, in one round trip", async () => {
    excel.addSheet('Dashboard');
    await selectInExcel({ sheet: 'Register', row: 5, col: 1, rows: 1, cols: 30 });
    expect(excel.active).toBe('Register');
    expect(excel.selected).toBe('Register!A5:AD5');
    expect(excel.syncs).toBe(1);
  });
});
