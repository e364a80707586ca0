import { z } from 'zod';
import { dropdownValues, enumLabel, REGISTER_FIELDS, type EnumKey, type FieldKey } from '../core/fields';
import { kpiSchema, type Kpi } from '../core/model';
import { isColumnFormula, smartColumnFormula } from '../register/column-formulas';
import { cached, computeRow } from '../register/computed';
import { formulas, rowRefs, type Dialect } from '../register/formulas';
import { newKpiId } from '../register/ids';
import type { RegisterLayout } from '../register/layout';
import { COLORS, DATE_FORMAT, SCORE_FORMAT, valueFormat, WEIGHT_FORMAT } from '../register/style';
import type { RangeRef, Workbook, WriteCell } from '../register/workbook';
import { indexRegister, readRanges, type RegisterIndex } from './registerIndex';
import type { AddedKpi, KpiDraft } from './types';
import { ActionWorkbook } from './view';

/** A new KPI as the wizard sends it: the model's schema without the fields the register fills in. */
export const kpiDraftSchema = kpiSchema.omit({ id: true, actual: true, last_review: true });

export class DraftError extends Error {}

export interface AddKpiOptions {
  /** The formula dialect for a register that has no formula yet to copy it from. */
  dialect?: Dialect;
  newId?: () => string;
}

/**
 * The cells of one Register row, exactly as the builder writes them (formulas with cached results). In a
 * register whose SMART column is one array formula (`smartColumn`, Google Sheets) the row's SMART cell
 * stays empty for that formula's result, except in the first data row, which holds the formula.
 */
export function registerRowCells(
  kpi: Kpi,
  layout: RegisterLayout,
  row: number,
  dialect: Dialect,
  smartColumn = false,
): WriteCell[] {
  const set = formulas(dialect);
  const portable = dialect === 'portable';
  const refs = rowRefs(layout, row);
  const values = computeRow(kpi, undefined);
  const smart = set.smart(refs);
  const computed: Partial<Record<FieldKey, WriteCell>> = {
    score: { formula: set.score(refs), result: cached(values.score, portable) },
    status: { formula: set.status(refs), result: cached(values.status, portable) },
    smart: smartColumn
      ? row === layout.firstRow
        ? { formula: smartColumnFormula(layout), result: cached(values.smart, true) }
        : null
      : smart
        ? { formula: smart, result: cached(values.smart, portable) }
        : cached(values.smart, true),
    next_review: { formula: set.nextReview(refs), result: cached(values.nextReview, portable, 'date') },
  };
  return REGISTER_FIELDS.map((field): WriteCell => {
    if (field.kind === 'computed') return computed[field.key] ?? null;
    const value = kpi[field.key as keyof Kpi];
    if (value === undefined) return null;
    if (field.kind === 'enum') return enumLabel(field.key as EnumKey, String(value), 'both');
    return value;
  });
}

/** The row's formats, dropdowns and lights: what the builder gives each row, for this one row. */
function formatRow(wb: Workbook, kpi: Kpi, layout: RegisterLayout, row: number): void {
  const cell = (key: FieldKey, cols = 1): RangeRef => ({
    sheet: layout.sheet,
    row,
    col: layout.columns[key],
    rows: 1,
    cols,
  });
  for (const field of REGISTER_FIELDS) {
    if (field.kind === 'computed') wb.setStyle(cell(field.key), { fill: COLORS.computed });
    if (field.kind === 'date' || field.output === 'date') wb.setNumberFormat(cell(field.key), DATE_FORMAT);
    if (field.kind === 'enum')
      wb.setValidationList(cell(field.key), dropdownValues(field.key as EnumKey), true);
  }
  for (const key of ['baseline', 'target', 'actual'] as const)
    wb.setNumberFormat(cell(key), valueFormat(kpi.unit));
  wb.setNumberFormat(cell('weight'), WEIGHT_FORMAT);
  wb.setNumberFormat(cell('score'), SCORE_FORMAT);
  wb.setStyle(cell('smart'), { wrap: true });
  wb.setValidationList(cell('department'), dropdownValues('department'), false);
  const [amberAt, greenAt] = kpi.framework === 'OKR' ? [0.4, 0.7] : [0.9, 1];
  wb.addConditionalFormat(cell('score'), { kind: 'trafficLights', amberAt, greenAt });
  for (const code of ['GREEN', 'AMBER', 'RED'] as const) {
    wb.addConditionalFormat(cell('status'), { kind: 'textEquals', text: code, ...COLORS.status[code] });
  }
  for (const timing of ['leading', 'lagging'] as const) {
    wb.addConditionalFormat(cell('timing'), {
      kind: 'textEquals',
      text: enumLabel('timing', timing, 'both'),
      ...COLORS.timing[timing],
    });
  }
}

/** Whether the register's SMART column is one array formula in its first data row (column-formulas.ts). */
async function smartIsColumnFormula(view: ActionWorkbook, register: RegisterIndex): Promise<boolean> {
  const col = register.columns.smart;
  if (col === undefined || register.lastRow <= register.headerRow) return false;
  const [first] = await readRanges(view, [
    { sheet: register.sheet, row: register.headerRow + 1, col, rows: 1, cols: 1, formulas: true },
  ]);
  return isColumnFormula(first?.formulas[0]?.[0]);
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'kpi'}: ${issue.message}`).join('; ');
}

/**
 * Adds one KPI: validates the draft, generates its id and appends ONE new row to the Register (never
 * writing over an existing row). The row carries the register's formulas, so its score, status, SMART
 * verdict and next review compute in the sheet, and the Dashboard's whole-column counts include it.
 */
export async function addKpi(wb: Workbook, draft: KpiDraft, options: AddKpiOptions = {}): Promise<AddedKpi> {
  const parsed = kpiDraftSchema.safeParse(draft);
  if (!parsed.success) throw new DraftError(`The KPI is not complete: ${describeIssues(parsed.error)}`);
  const view = wb instanceof ActionWorkbook ? wb : new ActionWorkbook(wb);
  const register = await indexRegister(view);
  const { layout } = register;
  if (!layout) {
    throw new DraftError(
      `The columns of "${register.sheet}" are not in the register's order any more, so a new row cannot be written safely.`,
    );
  }
  if (parsed.data.parent_id && !register.rowOf.has(parsed.data.parent_id)) {
    throw new DraftError(`The parent KPI ${parsed.data.parent_id} is not in the register.`);
  }
  const newId = options.newId ?? newKpiId;
  let id = newId();
  while (register.rowOf.has(id)) id = newId();
  const kpi: Kpi = { ...parsed.data, id };
  const dialect = register.dialect ?? options.dialect ?? 'kpi';
  const smartColumn = dialect === 'portable' && (await smartIsColumnFormula(view, register));
  const cells = (at: number) => [registerRowCells(kpi, layout, at, dialect, smartColumn)];

  // The row after the last used one; in a register set up empty that is the table's placeholder row
  // (which, with a SMART column formula, is used: it holds that formula, and the first KPI goes there).
  let row = register.lastRow + 1;
  if (smartColumn && register.rowOf.size === 0 && register.lastRow === layout.firstRow) {
    row = layout.firstRow;
    view.write(layout.sheet, row, 1, cells(row));
  } else {
    const appended = await view.append(layout.sheet, cells(row));
    if (appended !== row) {
      // The sheet grew since it was read: the new row is ours alone, so its formulas are rewritten in place.
      row = appended;
      view.write(layout.sheet, row, 1, cells(row));
    }
  }
  formatRow(view, kpi, layout, row);
  await view.flush();
  return { id, range: { sheet: layout.sheet, row, col: 1, rows: 1, cols: register.width || layout.cols } };
}
