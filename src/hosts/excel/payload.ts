/**
 * Excel on the web rejects a request or a response larger than 5 MB. Writes are therefore cut into
 * row blocks whose estimated JSON size stays well under that, and blocks are grouped into as few
 * `context.sync()` calls as the budget allows.
 */

/** What one sync may carry: 5 MB minus headroom for the envelope and the other queued commands. */
export const DEFAULT_PAYLOAD_BUDGET = 4 * 1024 * 1024;

/** Per-value overhead in the request JSON: separators, quotes and Office's own wrapping. */
const CELL_OVERHEAD = 4;

/**
 * The estimated size in bytes of one value as Office.js serialises it. Non-ASCII characters are counted
 * as six bytes (`\uXXXX`), the worst case, so Chinese text never underestimates.
 */
export function estimateValueBytes(value: unknown): number {
  if (value === null || value === undefined) return CELL_OVERHEAD + 4;
  if (typeof value === 'string') {
    let bytes = CELL_OVERHEAD;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      bytes += code < 0x20 || code === 0x22 || code === 0x5c ? 2 : code < 0x80 ? 1 : 6;
    }
    return bytes;
  }
  if (typeof value === 'number') return CELL_OVERHEAD + String(value).length;
  if (typeof value === 'boolean') return CELL_OVERHEAD + 5;
  return CELL_OVERHEAD + String(value).length;
}

export function estimateRowBytes(row: readonly unknown[]): number {
  let bytes = 2;
  for (const value of row) bytes += estimateValueBytes(value);
  return bytes;
}

/** A run of rows `[start, end)` of a block, small enough for one request. */
export interface RowSlice {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Cuts a block of rows into consecutive slices whose estimated size stays under `budget`.
 * A single row larger than the budget still gets its own slice (Excel is the judge then).
 */
export function sliceRows(
  rows: readonly (readonly unknown[])[],
  budget: number = DEFAULT_PAYLOAD_BUDGET,
): RowSlice[] {
  const slices: RowSlice[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, index) => {
    const size = estimateRowBytes(row);
    if (index > start && bytes + size > budget) {
      slices.push({ start, end: index, bytes });
      start = index;
      bytes = 0;
    }
    bytes += size;
  });
  if (rows.length > start) slices.push({ start, end: rows.length, bytes });
  return slices;
}

/**
 * Cells one range may return to a read, on every platform: "A range is limited to 5,000,000 cells for read
 * operations" (Microsoft Learn, Resource limits and performance optimization for Office Add-ins, "Excel
 * add-ins"; the Excel performance article's "Payload size limit best practices" says the same).
 */
export const MAX_READ_CELLS = 5_000_000;

/**
 * The error codes with which Excel turns down a read because it is too big. A batch that only reads can
 * be sent again in smaller blocks when it fails with one of them:
 * - `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`: Excel on the web's 5 MB limit
 *   (Resource limits…, "Excel add-ins").
 * - `RangeExceedsLimit`: "The cell count in the range has exceeded the maximum supported number"
 *   (Microsoft Learn, Error handling with the application-specific JavaScript APIs, Excel error codes).
 * - `GeneralException`: what Excel on the web also answers to an oversized request or response, "An
 *   internal error has occurred" (office-js #1314 and #1012; office-js-docs #1247 for a read of a large
 *   range). It is generic, so it is retried only for a batch without writes and only down to one row.
 */
export function isOversizedRead(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /^(Request|Response)?PayloadSizeLimitExceeded$|^RangeExceedsLimit$|^GeneralException$/i.test(code)
  );
}

/**
 * Past 5,000,000 cells a read does not always fail: `Range.values` (and the other cell properties) may
 * come back `null` instead (office-js #4783 and #6781; Microsoft's note added to the Excel performance
 * article by office-js-docs-pr #5821: "In some cases, Range.values returns null instead ... read it in
 * multiple smaller batches"). True when a non-empty block came back without its cells.
 */
export function cameBackEmpty(rows: number, cols: number, ...matrices: unknown[]): boolean {
  return rows > 0 && cols > 0 && matrices.some((matrix) => !Array.isArray(matrix));
}

/** The rows of the first block of a sheet read in blocks: half the rows, and never over the cell limit. */
export function firstBlockRows(rows: number, cols: number, maxCells: number = MAX_READ_CELLS): number {
  return Math.max(1, Math.min(Math.ceil(rows / 2), Math.floor(maxCells / Math.max(1, cols))));
}
