import type { MemoryWorkbook } from '../../hosts/memory';
import type { MergedAreas } from '../../hosts/file/convert';

/**
 * Open and Download .xlsx in the browser. exceljs is large, so it is loaded only when the user opens or
 * downloads a file: a separate chunk the task pane's first paint never waits for.
 */
const converters = () => import(/* webpackChunkName: "xlsx" */ '../../hosts/file/convert');

/**
 * The merged areas of each opened workbook's sheets. The in-memory workbook has no merges (the Workbook
 * port has none), so they travel beside it and are merged again on Download: the user's sheets come back
 * as they were opened.
 */
const mergesOf = new WeakMap<MemoryWorkbook, MergedAreas>();

export async function openXlsx(file: File): Promise<MemoryWorkbook> {
  const { memoryFromXlsxWithMerges } = await converters();
  const { workbook, merges } = await memoryFromXlsxWithMerges(await file.arrayBuffer(), file.name);
  mergesOf.set(workbook, merges);
  return workbook;
}

/** The .xlsx file Download saves: the workbook, with the merged areas it was opened with. */
export async function xlsxBytes(workbook: MemoryWorkbook): Promise<Uint8Array> {
  const { memoryToXlsx } = await converters();
  return memoryToXlsx(workbook, mergesOf.get(workbook));
}

export async function downloadXlsx(workbook: MemoryWorkbook, fileName: string): Promise<void> {
  const bytes = await xlsxBytes(workbook);
  const blob = new Blob([bytes as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, or the download may not start.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
