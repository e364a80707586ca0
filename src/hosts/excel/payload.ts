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
