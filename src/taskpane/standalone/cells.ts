import { isDateFormat } from '../../hosts/excel/cells';
import type { SheetSnapshot, SnapshotCell, SnapshotValue } from '../../hosts/memory';
import type { CellStyle, ConditionalFormat } from '../../register/workbook';

/**
 * How the preview shows a cell: its text (by number format, roughly as Excel would), its own style, and
 * what its conditional formats make of it (fills, the traffic-light icon). Plain functions, so the rules
 * are tested without a browser.
 */

export type Light = 'green' | 'amber' | 'red';

export interface ShownCell {
  text: string;
  style: CellStyle;
  light?: Light;
  numeric: boolean;
}

const grouped = (value: number, decimals: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Digits after the decimal point in a number format such as `0.0%` or `#,##0.00`. */
function decimalsOf(format: string): number {
  const match = /\.([0#]+)/.exec(format);
  return match ? match[1].replace(/#/g, '').length : 0;
}

export function formatValue(value: SnapshotValue, numFmt: string | undefined): string {
  if (value === null) return '';
  if (typeof value === 'object') {
    const [day, time] = value.date.split('T');
    return numFmt && /h/i.test(numFmt) && time ? `${day} ${time.slice(0, 5)}` : day;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  // A date cell holds a date; a number left in one is a serial no date can be (0, negative, past
  // 9999-12-31), which Excel shows as ####.
  if (isDateFormat(numFmt)) return '####';
  const format = numFmt ?? '';
  if (format.includes('%')) return `${grouped(value * 100, decimalsOf(format))}%`;
  const prefix = /"([^"]*)"/.exec(format)?.[1] ?? '';
  if (format.includes('#,##0'))
    return `${prefix}${grouped(value, decimalsOf(format.replace(/#+(?=$|;)/, '')))}`;
  if (/^0+$/.test(format)) return String(Math.round(value));
  return String(Number(value.toPrecision(10)));
}

function contains(range: { row: number; col: number; rows: number; cols: number }, row: number, col: number) {
  return row >= range.row && row < range.row + range.rows && col >= range.col && col < range.col + range.cols;
}

function applies(format: ConditionalFormat, value: SnapshotValue): boolean {
  if (format.kind === 'textEquals') return typeof value === 'string' && value === format.text;
  if (format.kind === 'number') {
    if (typeof value !== 'number') return false;
    if (format.operator === 'lessThan') return value < format.value;
    if (format.operator === 'greaterThanOrEqual') return value >= format.value;
    return value >= format.value && value <= (format.value2 ?? format.value);
  }
  return false;
}

export function showCell(sheet: SheetSnapshot, row: number, col: number): ShownCell {
  const cell: SnapshotCell | null | undefined = sheet.cells[row - 1]?.[col - 1];
  const value = cell?.value ?? null;
  const style: CellStyle = { ...(cell?.style ?? {}) };
  let light: Light | undefined;
  for (const { range, format } of sheet.conditionalFormats) {
    if (!contains(range, row, col)) continue;
    if (format.kind === 'trafficLights') {
      if (typeof value === 'number')
        light = value >= format.greenAt ? 'green' : value >= format.amberAt ? 'amber' : 'red';
    } else if (applies(format, value)) {
      style.fill = format.fill;
      if (format.fontColor) style.fontColor = format.fontColor;
    }
  }
  return {
    text: formatValue(value, cell?.numFmt),
    style,
    light,
    numeric: typeof value === 'number' || (typeof value === 'object' && value !== null),
  };
}
