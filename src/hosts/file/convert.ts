import type { Workbook as ExcelWorkbook } from 'exceljs';
import { MemoryWorkbook } from '../memory/memory-workbook';
import { replaySnapshot } from '../memory/snapshot';
import { XlsxWorkbook } from './xlsx-workbook';
import { checkZipLimits } from './zip-limits';

/**
 * Moves a workbook between the in-memory host and exceljs (the browser's "Open .xlsx" and "Download
 * .xlsx"). Both go through a WorkbookSnapshot, so only what the port can express travels: values,
 * formulas with cached results, number formats, port styles, widths, freezes, row groups, tables, list
 * dropdowns and the port's conditional formats. Charts, images, comments and other rules are left behind.
 * This module imports exceljs, so a browser page can load it lazily.
 */
export async function toExcelJs(workbook: MemoryWorkbook): Promise<ExcelWorkbook> {
  const file = XlsxWorkbook.create();
  await replaySnapshot(workbook.inspect(), file);
  return file.toExcelJs();
}

/** Note: shared formulas in `excel` are rewritten as plain formulas (what they compute is unchanged). */
export async function fromExcelJs(excel: ExcelWorkbook): Promise<MemoryWorkbook> {
  return MemoryWorkbook.fromSnapshot(new XlsxWorkbook(excel).inspect());
}

/** .xlsx bytes → in-memory workbook; throws WorkbookOpenError for files that are not workbooks. */
export async function memoryFromXlsx(
  bytes: Uint8Array | ArrayBuffer,
  source?: string,
): Promise<MemoryWorkbook> {
  // Zip bombs and sheets past Excel's last row are refused before exceljs inflates anything.
  await checkZipLimits(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), source ?? 'The file');
  return MemoryWorkbook.fromSnapshot((await XlsxWorkbook.fromBuffer(bytes, source)).inspect());
}

/** In-memory workbook → .xlsx bytes. */
export async function memoryToXlsx(workbook: MemoryWorkbook): Promise<Uint8Array> {
  const file = XlsxWorkbook.create();
  await replaySnapshot(workbook.inspect(), file);
  return file.toBuffer();
}
