/** Rectangle arithmetic on 1-based cell ranges (validations must never overlap in an .xlsx file). */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const lastRow = (r: Rect) => r.row + r.rows - 1;
const lastCol = (r: Rect) => r.col + r.cols - 1;

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row <= lastRow(r) && col >= r.col && col <= lastCol(r);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row <= lastRow(b) && b.row <= lastRow(a) && a.col <= lastCol(b) && b.col <= lastCol(a);
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    lastRow(inner) <= lastRow(outer) &&
    inner.col >= outer.col &&
    lastCol(inner) <= lastCol(outer)
  );
}

/** `a` minus `b`: at most four rectangles (bands above and below, then left and right of the overlap). */
export function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(lastRow(a), lastRow(b));
  if (a.row < top) out.push({ row: a.row, col: a.col, rows: top - a.row, cols: a.cols });
  if (lastRow(a) > bottom) out.push({ row: bottom + 1, col: a.col, rows: lastRow(a) - bottom, cols: a.cols });
  const rows = bottom - top + 1;
  if (a.col < b.col) out.push({ row: top, col: a.col, rows, cols: b.col - a.col });
  if (lastCol(a) > lastCol(b))
    out.push({ row: top, col: lastCol(b) + 1, rows, cols: lastCol(a) - lastCol(b) });
  return out;
}
