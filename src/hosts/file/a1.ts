import { columnLetter } from '../../register/workbook';
import type { Rect } from '../memory/rects';

/** `B2` or `B2:K9` for a rectangle (no sheet, no `$`). */
export function a1(rect: Rect): string {
  const first = `${columnLetter(rect.col)}${rect.row}`;
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${columnLetter(rect.col + rect.cols - 1)}${rect.row + rect.rows - 1}`;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses `B2`, `$B$2:$K$9` (no sheet); undefined for anything else (whole columns, names…). */
export function parseA1(text: string): Rect | undefined {
  const [from, to = from, extra] = text.trim().split(':');
  if (extra !== undefined) return undefined;
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) return undefined;
  const [r1, c1, r2, c2] = [Number(a[2]), columnNumber(a[1]), Number(b[2]), columnNumber(b[1])];
  if (!r1 || !r2) return undefined;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** Splits `'My sheet'!$A$1:$A$9` into sheet name and range text. */
export function splitSheetRef(ref: string): { sheet?: string; range: string } {
  const match = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref.trim());
  if (!match) return { range: ref.trim() };
  return { sheet: match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2], range: match[3] };
}
