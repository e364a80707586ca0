import { REGISTER_FIELDS, type FieldKey } from '../core/fields';
import { columnLetter, quoteSheet, type RangeRef } from './workbook';

/**
 * Where things are on the Register sheet: one header row, one row per KPI, the catalogue's fields in
 * order from column A, then the user's own (unmapped) columns. Formulas are built from this layout,
 * never from hard-coded column letters, so reordering the catalogue cannot break a formula.
 */
export interface RegisterLayout {
  sheet: string;
  headerRow: number;
  firstRow: number;
  /** Number of KPI rows (the table still spans one row when there are none). */
  rows: number;
  /** 1-based column of each field. */
  columns: Readonly<Record<FieldKey, number>>;
  /** 1-based column of the first extra (user) column. */
  extraCol: number;
  extraCols: number;
  /** Total columns: the catalogue's plus the extras. */
  cols: number;
}

export function registerLayout(sheet: string, kpiCount: number, extraCount = 0): RegisterLayout {
  const columns = {} as Record<FieldKey, number>;
  REGISTER_FIELDS.forEach((field, index) => (columns[field.key] = index + 1));
  const fields = REGISTER_FIELDS.length;
  return {
    sheet,
    headerRow: 1,
    firstRow: 2,
    rows: kpiCount,
    columns,
    extraCol: fields + 1,
    extraCols: extraCount,
    cols: fields + extraCount,
  };
}

/** Sheet row of the i-th KPI (0-based). */
export const kpiRow = (layout: RegisterLayout, index: number): number => layout.firstRow + index;

/** `Q5`: a relative reference to one field of one row (formulas on the Register itself). */
export function cellRef(layout: RegisterLayout, key: FieldKey, row: number): string {
  return `${columnLetter(layout.columns[key])}${row}`;
}

/** `Register!$Q:$Q`: a whole field column, for lookups and counts from other sheets (rows may be added). */
export function fieldColumn(layout: RegisterLayout, key: FieldKey): string {
  const letter = columnLetter(layout.columns[key]);
  return `${quoteSheet(layout.sheet)}!$${letter}:$${letter}`;
}

/** The data cells of one or more adjacent fields (at least one row, so the range is never empty). */
export function fieldRange(layout: RegisterLayout, key: FieldKey, cols = 1): RangeRef {
  return {
    sheet: layout.sheet,
    row: layout.firstRow,
    col: layout.columns[key],
    rows: Math.max(1, layout.rows),
    cols,
  };
}

/** A block of rows [first, first + rows) of one field. */
export function fieldRows(
  layout: RegisterLayout,
  key: FieldKey,
  first: number,
  rows: number,
  cols = 1,
): RangeRef {
  return { sheet: layout.sheet, row: first, col: layout.columns[key], rows, cols };
}

/** The whole table: header and data rows (at least one), catalogue and extra columns. */
export function tableRange(layout: RegisterLayout): RangeRef {
  return {
    sheet: layout.sheet,
    row: layout.headerRow,
    col: 1,
    rows: 1 + Math.max(1, layout.rows),
    cols: layout.cols,
  };
}

/**
 * Maximal runs of consecutive items that share a key, as [first index, count, key]: per-row formats
 * (number format by unit, icon thresholds by framework) are written once per run, not once per row.
 */
export function runs<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
): { start: number; count: number; key: K }[] {
  const out: { start: number; count: number; key: K }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const last = out[out.length - 1];
    if (last && last.key === key) last.count++;
    else out.push({ start: index, count: 1, key });
  });
  return out;
}

/** Excel's rules for sheet names: at most 31 characters, none of `: \ / ? * [ ]`, no quote at either end. */
const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;
/** Excel reserves this name for its change-tracking sheet. */
const RESERVED = new Set(['history']);

/**
 * Hands out sheet names that clash with no existing sheet nor with one handed out before (compared
 * case-insensitively, as Excel does): `Register`, then `Register (2)`, `Register (3)`, … The builder only
 * ever writes to sheets named by it, so a user's sheet is never touched.
 */
export function sheetNamer(existing: readonly string[]): (wanted: string) => string {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  return (wanted) => {
    const base =
      wanted
        .replace(FORBIDDEN, '-')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, '')
        .slice(0, MAX_SHEET_NAME)
        .trim() || 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
      const key = name.toLowerCase();
      if (!taken.has(key) && !RESERVED.has(key)) {
        taken.add(key);
        return name;
      }
    }
  };
}
