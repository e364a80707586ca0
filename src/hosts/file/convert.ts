import type { Workbook as ExcelWorkbook } from 'exceljs';
import { MemoryWorkbook } from '../memory/memory-workbook';
import { replaySnapshot } from '../memory/snapshot';
import { parseA1 } from './a1';
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

/**
 * Merged areas by sheet name, as A1 ranges. The Workbook port has no merges (the register never merges),
 * so the browser's Open → Download carries the user's own merges beside the in-memory workbook.
 */
export type MergedAreas = ReadonlyMap<string, readonly string[]>;

/** The merged areas of every sheet of an exceljs workbook. */
export function mergedAreasOf(excel: ExcelWorkbook): Map<string, string[]> {
  const merges = new Map<string, string[]>();
  for (const ws of excel.worksheets) {
    const areas = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges);
    if (areas.length > 0)
      merges.set(
        ws.name,
        areas.map((area) => area.range),
      );
  }
  return merges;
}

/** .xlsx bytes → in-memory workbook and the merged areas of its sheets (see MergedAreas). */
export async function memoryFromXlsxWithMerges(
  bytes: Uint8Array | ArrayBuffer,
  source?: string,
): Promise<{ workbook: MemoryWorkbook; merges: MergedAreas }> {
  await checkZipLimits(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), source ?? 'The file');
  const file = await XlsxWorkbook.fromBuffer(bytes, source);
  const merges = mergedAreasOf(file.excel);
  return { workbook: await MemoryWorkbook.fromSnapshot(file.inspect()), merges };
}

/**
 * Merges `areas` again on the sheets that still have their name, where doing so hides no value: only the
 * top-left cell of a merged area shows, so an area whose other cells now hold something is left unmerged.
 */
function restoreMerges(excel: ExcelWorkbook, areas: MergedAreas): void {
  for (const [name, ranges] of areas) {
    const ws = excel.getWorksheet(name);
    if (!ws) continue;
    for (const range of ranges) {
      const rect = parseA1(range);
      if (!rect) continue;
      const lastRow = Math.min(rect.row + rect.rows - 1, ws.rowCount);
      const lastCol = Math.min(rect.col + rect.cols - 1, ws.columnCount);
      let hides = false;
      for (let r = rect.row; r <= lastRow && !hides; r++) {
        for (let c = rect.col; c <= lastCol && !hides; c++) {
          if (r === rect.row && c === rect.col) continue;
          const value = ws.findCell(r, c)?.value;
          hides = value !== null && value !== undefined && value !== '';
        }
      }
      if (hides) continue;
      try {
        ws.mergeCells(range);
      } catch {
        // overlaps an area merged already (a table the register added cannot be merged over either)
      }
    }
  }
}

/** In-memory workbook → .xlsx bytes, with the user's merged areas when given (see MergedAreas). */
export async function memoryToXlsx(workbook: MemoryWorkbook, merges?: MergedAreas): Promise<Uint8Array> {
  const file = XlsxWorkbook.create();
  await replaySnapshot(workbook.inspect(), file);
  if (merges) restoreMerges(file.excel, merges);
  return file.toBuffer();
}
