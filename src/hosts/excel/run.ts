import { rangeAddress, type RangeRef, type Workbook } from '../../register/workbook';
import { ExcelWorkbook } from './excelWorkbook';

/**
 * The only place the add-in opens `Excel.run`: one per user action, so an action's reads and writes
 * share one request context and its queued writes go out in as few round trips as they fit in.
 * Whatever the action leaves queued is flushed before the context closes.
 */
export function runInExcel<T>(action: (workbook: Workbook) => Promise<T>): Promise<T> {
  return Excel.run(async (context) => {
    const workbook = new ExcelWorkbook(context);
    const result = await action(workbook);
    await workbook.flush();
    return result;
  });
}

/** Shows a range to the user: activates its sheet and selects it (one round trip). */
export function selectInExcel(range: RangeRef): Promise<void> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(range.sheet);
    sheet.activate();
    sheet.getRange(rangeAddress(range, false)).select();
    await context.sync();
  });
}
