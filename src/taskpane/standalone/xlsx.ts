import type { MemoryWorkbook } from '../../hosts/memory';

/**
 * Open and Download .xlsx in the browser. exceljs is large, so it is loaded only when the user opens or
 * downloads a file: a separate chunk the task pane's first paint never waits for.
 */
const converters = () => import(/* webpackChunkName: "xlsx" */ '../../hosts/file/convert');

export async function openXlsx(file: File): Promise<MemoryWorkbook> {
  const { memoryFromXlsx } = await converters();
  return memoryFromXlsx(await file.arrayBuffer(), file.name);
}

export async function downloadXlsx(workbook: MemoryWorkbook, fileName: string): Promise<void> {
  const { memoryToXlsx } = await converters();
  const bytes = await memoryToXlsx(workbook);
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
