import { fitCellText } from '../../register/limits';
import { isFormulaCell, type CellValue, type SheetData, type WriteCell } from '../../register/workbook';
import { fromSheetsFormula, toSheetsFormula } from './formulas';
import type { ZoneShift } from './zone';

/**
 * Cells between the port and SpreadsheetApp. `Range.setValues` reads a string the way Sheets reads
 * typing: `=…` (and `+…`, `-…`) becomes a formula, `007` a number, `TRUE` a boolean, `2026-01-01` a date.
 * A leading apostrophe is Sheets' own "take this as text" mark: it is not part of the value, so
 * `getValues` returns the text without it. Every string Sheets could read as something else gets one
 * (including a string that starts with an apostrophe, so that apostrophe survives), which keeps user
 * text exactly as given in one `setValues` call, with no per-cell number formats.
 */
const PARSED_BY_SHEETS = /^\s*[=+\-@'#]|\d|^\s*(true|false)\s*$/i;

/** What to send to setValues for one cell (`''` clears it). */
export function toSheetsInput(cell: WriteCell, zone: ZoneShift): string | number | boolean | Date {
  if (cell === null || cell === undefined) return '';
  if (isFormulaCell(cell))
    return toSheetsFormula(cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`);
  if (cell instanceof Date) return zone.toSheet(cell);
  // Excel's 32,767 characters a cell (Sheets allows 50,000): cut as every host cuts them, so a register
  // moved between Sheets and Excel keeps the same text (limits.ts).
  if (typeof cell === 'string') {
    const text = fitCellText(cell);
    return PARSED_BY_SHEETS.test(text) ? `'${text}` : text;
  }
  return cell;
}

/**
 * The port's SheetData from a sheet's data range (which always starts at A1): `''` is blank unless the
 * cell has a formula, dates come back as local wall-clock dates, formulas with the project's names.
 */
export function toSheetData(
  name: string,
  values: readonly (readonly unknown[])[],
  formulas: readonly (readonly string[])[],
  zone: ZoneShift,
): SheetData {
  const outValues: CellValue[][] = [];
  const outFormulas: (string | null)[][] = [];
  values.forEach((line, r) => {
    const valueRow: CellValue[] = new Array(line.length);
    const formulaRow: (string | null)[] = new Array(line.length);
    line.forEach((raw, c) => {
      const formula = formulas[r]?.[c];
      const isFormula = typeof formula === 'string' && formula !== '';
      formulaRow[c] = isFormula ? fromSheetsFormula(formula) : null;
      valueRow[c] = fromSheetsValue(raw, isFormula, zone);
    });
    outValues.push(valueRow);
    outFormulas.push(formulaRow);
  });
  // An empty sheet's data range is A1 holding nothing: the port calls that no data at all.
  if (outValues.length === 1 && outValues[0].length === 1 && outValues[0][0] === null && !outFormulas[0][0]) {
    return { name, values: [], formulas: [] };
  }
  return { name, values: outValues, formulas: outFormulas };
}

function fromSheetsValue(raw: unknown, isFormula: boolean, zone: ZoneShift): CellValue {
  if (raw === '' || raw === null || raw === undefined) return isFormula ? '' : null;
  if (raw instanceof Date) return zone.toLocal(raw);
  if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  return String(raw);
}
