import { columnLetter } from './workbook';
import { COMPANY_LABEL } from './formulas';
import type { RegisterLayout } from './layout';
import type { FieldKey } from '../core/fields';

/**
 * Formulas written once for a whole column, in the register's first data row, for hosts that run every
 * cell calling a custom function as an execution of its own (Google Sheets: "Each time a custom function
 * is used in a spreadsheet, Sheets makes a separate call to the Apps Script server … consider modifying
 * the function so that it accepts a range as input … then returns a two-dimensional array that can
 * overflow into the appropriate cells", developers.google.com/apps-script/guides/sheets/functions,
 * "Optimization"). The references are open-ended (`B5:B`), so a KPI appended below is computed too; the
 * cells under the formula stay empty for its result to overflow into ("the values overflow into adjacent
 * cells as long as those cells are empty", same page, "Return values").
 *
 * The register uses one: SMARTCHECK, which has no native equivalent. The other computed columns are
 * native formulas in such hosts (the portable dialect), which cost no execution at all (docs/sheets.md).
 */

/** `B5:B`: a field's cells from the first data row to the bottom of the sheet. */
const down = (layout: RegisterLayout, key: FieldKey): string => {
  const letter = columnLetter(layout.columns[key]);
  return `${letter}${layout.firstRow}:${letter}`;
};

/**
 * SMARTCHECK over every row: the text is each row's name and description (as `smartText` joins them),
 * and the Relevant test's subject is the parent, or the level for a company KPI (`relevantTo`).
 * ARRAYFORMULA "enables … the use of non-array functions with arrays" (Google's ARRAYFORMULA help), so
 * `&`, TRIM and IF work cell by cell and the custom function gets whole columns, as it gets any range
 * argument ("a two-dimensional array of the cells' values", the custom-function guide, Arguments). AND
 * does not work cell by cell (it folds an array into one value), so "both" is a product of the two tests.
 * Blank rows give blank text, which SMARTCHECK answers with a blank. Not yet run against Sheets itself:
 * the fake computes this formula through the same adapter (test/gas/sheetsCalculator.ts).
 */
export function smartColumnFormula(layout: RegisterLayout): string {
  const col = (key: FieldKey) => down(layout, key);
  const relevant = `IF((${col('parent_id')}="")*(${col('level')}=${JSON.stringify(COMPANY_LABEL)}),${col('level')},${col('parent_id')})`;
  return (
    `=ARRAYFORMULA(KPI.SMARTCHECK(TRIM(${col('name')}&" "&${col('description')}),` +
    `${col('target')},${col('unit')},${col('deadline')},${relevant},${col('baseline')}))`
  );
}

/** An open-ended range reference (`B5:B`, `$B$5:$B`) outside string literals: a formula over a column. */
export function isColumnFormula(formula: string | null | undefined): boolean {
  if (!formula) return false;
  const code = formula.replace(/"(?:[^"]|"")*"?/g, '""');
  return /(^|[^A-Za-z0-9_$])\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}(?![A-Za-z0-9_$(])/.test(code);
}
