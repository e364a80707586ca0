import {
  toSnapshotValue,
  type ConditionalFormatSnapshot,
  type SheetSnapshot,
  type SnapshotCell,
  type ValidationSnapshot,
  type WorkbookSnapshot,
} from '../../src/hosts/memory';
import { fromSerial, isDateFormat } from '../../src/hosts/excel/cells';
import type { CellStyle, ConditionalFormat, RangeRef } from '../../src/register/workbook';
import { parseRect, type FakeConditionalFormat, type FakeExcel, type FakeSheet } from './excel-fake';

/**
 * What the Office.js fake holds, as the shared contract's snapshot: the contract's formatting checks then
 * read back what the Excel host asked Excel to do (number formats, styles, widths, freezes, dropdowns,
 * conditional formats, row groups), translated back from Office.js terms.
 */
const HORIZONTAL: Record<string, CellStyle['horizontal']> = {
  Left: 'left',
  Center: 'center',
  Right: 'right',
};

function rangeOf(address: string): RangeRef {
  const rect = parseRect(address);
  return { sheet: rect.sheet ?? '', row: rect.row, col: rect.col, rows: rect.rows, cols: rect.cols };
}

const number = (formula: string | undefined) => Number(String(formula ?? '').replace(/^=/, ''));

function conditional(record: FakeConditionalFormat): ConditionalFormat | undefined {
  if (record.type === 'IconSet' && record.iconStyle === 'ThreeTrafficLights1') {
    const [, amber, green] = (record.criteria ?? []) as { formula?: string }[];
    return { kind: 'trafficLights', amberAt: number(amber?.formula), greenAt: number(green?.formula) };
  }
  if (record.type !== 'CellValue' || !record.rule || !record.fill) return undefined;
  const colors = { fill: record.fill, ...(record.fontColor ? { fontColor: record.fontColor } : {}) };
  const { operator, formula1, formula2 } = record.rule;
  const text = /^="((?:[^"]|"")*)"$/.exec(formula1);
  if (operator === 'EqualTo' && text)
    return { kind: 'textEquals', text: text[1].replace(/""/g, '"'), ...colors };
  const operators = {
    LessThan: 'lessThan',
    GreaterThanOrEqual: 'greaterThanOrEqual',
    Between: 'between',
  } as const;
  const kind = operators[operator as keyof typeof operators];
  if (!kind) return undefined;
  return {
    kind: 'number',
    operator: kind,
    value: number(formula1),
    ...(kind === 'between' ? { value2: number(formula2) } : {}),
    ...colors,
  };
}

/** A dropdown's values: inline (`a,b,c`) or a column of the hidden lists sheet (`=KPI_Lists!$A$1:$A$60`). */
function listValues(excel: FakeExcel, source: string): string[] {
  if (!source.startsWith('=')) return source.split(',');
  const rect = parseRect(source.slice(1));
  const sheet = excel.sheet(rect.sheet ?? '');
  return Array.from({ length: rect.rows }, (_, i) =>
    String(sheet.cells.get(`${rect.row + i},${rect.col}`)?.value ?? ''),
  );
}

function sheetSnapshot(excel: FakeExcel, sheet: FakeSheet): SheetSnapshot {
  const used = excel.usedRect(sheet, true);
  const rows = used ? used.row + used.rows - 1 : 0;
  const cols = used ? used.col + used.cols - 1 : 0;
  const cells: (SnapshotCell | null)[][] = [];
  const at = (row: number, col: number): SnapshotCell => {
    cells[row - 1] ??= [];
    cells[row - 1][col - 1] ??= { value: null };
    return cells[row - 1][col - 1] as SnapshotCell;
  };
  for (const [key, cell] of sheet.cells) {
    const [row, col] = key.split(',').map(Number);
    const target = at(row, col);
    const value = cell.value === '' ? null : cell.value;
    target.value = toSnapshotValue(
      typeof value === 'number' && isDateFormat(cell.numberFormat) ? fromSerial(value) : value,
    );
    if (cell.formula) target.formula = cell.formula;
    if (cell.numberFormat && cell.numberFormat !== '@') target.numFmt = cell.numberFormat;
  }
  for (const { address, props } of sheet.styles) {
    const rect = parseRect(address);
    const style: CellStyle = {};
    if (props.horizontal !== undefined) style.horizontal = HORIZONTAL[String(props.horizontal)];
    for (const key of ['bold', 'italic', 'fill', 'fontColor', 'wrap'] as const) {
      if (props[key] !== undefined) (style as Record<string, unknown>)[key] = props[key];
    }
    for (let r = rect.row; r < rect.row + rect.rows; r++)
      for (let c = rect.col; c < rect.col + rect.cols; c++) at(r, c).style = { ...at(r, c).style, ...style };
  }
  const widths: (number | null)[] = [];
  for (const [col, points] of sheet.columnWidths) widths[col - 1] = (points / 0.75 - 5) / 7;
  const validations: ValidationSnapshot[] = sheet.validations.map((v) => ({
    range: rangeOf(v.address),
    values: listValues(excel, v.source),
    strict: v.style === 'Stop',
  }));
  const conditionalFormats: ConditionalFormatSnapshot[] = sheet.conditionalFormats.flatMap((record) => {
    const format = conditional(record);
    return format ? [{ range: rangeOf(record.address), format }] : [];
  });
  return {
    name: sheet.name,
    rows,
    cols,
    cells: Array.from({ length: cells.length }, (_, r) => cells[r] ?? []),
    columnWidths: Array.from({ length: widths.length }, (_, c) => widths[c] ?? null),
    frozen: sheet.frozen,
    groupedRows: sheet.groups.map((g) => ({ ...g })),
    validations,
    conditionalFormats,
  };
}

export function inspectExcel(excel: FakeExcel): WorkbookSnapshot {
  return {
    sheets: excel.sheets
      .filter((sheet) => sheet.visibility !== 'Hidden')
      .map((sheet) => sheetSnapshot(excel, sheet)),
    tables: excel.tables.map((t) => ({
      name: t.name,
      range: { sheet: t.sheet, row: t.row, col: t.col, rows: t.rows, cols: t.cols },
      ...(t.style.startsWith('TableStyleLight')
        ? { style: 'light' as const }
        : t.style.startsWith('TableStyleMedium')
          ? { style: 'medium' as const }
          : {}),
    })),
  };
}
