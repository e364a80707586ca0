import { CustomFunctions } from '../../src/gas/customFunctions';
import { toSheetsFormula } from '../../src/hosts/sheets/formulas';
import { ZoneShift } from '../../src/hosts/sheets/zone';
import { smartColumnFormula } from '../../src/register/column-formulas';
import { COMPANY_LABEL, smartText } from '../../src/register/formulas';
import { registerLayout } from '../../src/register/layout';
import type { Calculate, FakeSheet, FakeSpreadsheetApp } from './fakeSpreadsheetApp';

/**
 * What Sheets computes for the register's SMART column formula, for the fake: the formula's arguments
 * worked out column by column down to the bottom of the sheet's grid (TRIM of name and description, the
 * parent or the company level), handed in one call to the very adapter Code.js runs (KPI_SMARTCHECK, which
 * ends its result at the last non-blank row). Every other formula reads as blank: the fake has no engine.
 */
export function sheetsCalculator(fake: () => FakeSpreadsheetApp, gridRows = 1000): Calculate {
  const functions = new CustomFunctions(() => new ZoneShift('', '', () => '+0000'));
  return (formula, at) => {
    if (!/KPI_/.test(formula)) return '';
    const layout = registerLayout(at.sheet, 0);
    const expected = toSheetsFormula(smartColumnFormula({ ...layout, firstRow: at.row }));
    if (formula !== expected) throw new Error(`The fake does not compute ${formula}`);
    const sheet: FakeSheet = fake()._sheet(at.sheet);
    const bottom = Math.max(gridRows, sheet._rows.length);
    const raw = (row: number, key: keyof typeof layout.columns) => {
      const value = sheet._cell(row, layout.columns[key])?.value;
      return value === undefined ? '' : value;
    };
    const column = (read: (row: number) => unknown) =>
      Array.from({ length: bottom - at.row + 1 }, (_, i) => [read(at.row + i)]);
    const result = functions.KPI_SMARTCHECK(
      column((row) => smartText(String(raw(row, 'name')), String(raw(row, 'description')))),
      column((row) => raw(row, 'target')),
      column((row) => raw(row, 'unit')),
      column((row) => raw(row, 'deadline')),
      column((row) => {
        const parent = raw(row, 'parent_id');
        const level = raw(row, 'level');
        return parent === '' && String(level).toLowerCase() === COMPANY_LABEL.toLowerCase() ? level : parent;
      }),
      column((row) => raw(row, 'baseline')),
    );
    return Array.isArray(result) ? result : [[result]];
  };
}
