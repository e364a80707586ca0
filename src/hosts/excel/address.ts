import type { RangeRef } from '../../register/workbook';

/** The 1-based column number of `A1`-style column letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const ADDRESS = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i;

/**
 * Parses an address as Excel returns it (`Sheet1!A1:D10`, `'My KPIs'!B2`) into a RangeRef.
 * `sheet` falls back to `defaultSheet` when the address has no sheet part.
 */
export function parseAddress(address: string, defaultSheet = ''): RangeRef {
  const match = ADDRESS.exec(address.trim());
  if (!match) throw new Error(`Not a cell address: ${address}`);
  const sheet = match[1] !== undefined ? match[1].replace(/''/g, "'") : (match[2] ?? defaultSheet);
  const col = columnNumber(match[3]);
  const row = Number(match[4]);
  const lastCol = match[5] ? columnNumber(match[5]) : col;
  const lastRow = match[6] ? Number(match[6]) : row;
  return {
    sheet,
    row: Math.min(row, lastRow),
    col: Math.min(col, lastCol),
    rows: Math.abs(lastRow - row) + 1,
    cols: Math.abs(lastCol - col) + 1,
  };
}
