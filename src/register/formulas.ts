import { enumLabel, type FieldKey } from '../core/fields';
import { cellRef, type RegisterLayout } from './layout';
import { portable } from './portable';

/**
 * The register's formulas, in two dialects:
 * - `kpi`: the KPI.* worksheet functions (`=KPI.SCORE(…)`), what finance staff read and audit in Excel
 *   with the add-in;
 * - `portable`: native spreadsheet functions only (IF, MIN, MAX, ABS, SUMPRODUCT, EDATE, …), so the
 *   workbook computes in LibreOffice, in Google Sheets after an import and in Excel without the add-in.
 * Both take cell references built from the layout; neither ever embeds user text in a formula except as
 * a quoted string literal (see `textLiteral`).
 */
export type Dialect = 'kpi' | 'portable';

/** The references one Register row's formulas read, e.g. `{ actual: 'R5', target: 'Q5', … }`. */
export interface RowRefs {
  name: string;
  description: string;
  unit: string;
  polarity: string;
  baseline: string;
  target: string;
  actual: string;
  framework: string;
  deadline: string;
  parent: string;
  level: string;
  lastReview: string;
  cadence: string;
  score: string;
}

export function rowRefs(layout: RegisterLayout, row: number): RowRefs {
  const ref = (key: FieldKey) => cellRef(layout, key, row);
  return {
    name: ref('name'),
    description: ref('description'),
    unit: ref('unit'),
    polarity: ref('polarity'),
    baseline: ref('baseline'),
    target: ref('target'),
    actual: ref('actual'),
    framework: ref('framework'),
    deadline: ref('deadline'),
    parent: ref('parent_id'),
    level: ref('level'),
    lastReview: ref('last_review'),
    cadence: ref('cadence'),
    score: ref('score'),
  };
}

export interface FormulaSet {
  score(refs: RowRefs): string;
  status(refs: RowRefs): string;
  /** `undefined`: the dialect has no formula for it (portable writes the core's text as a value). */
  smart(refs: RowRefs): string | undefined;
  nextReview(refs: RowRefs): string;
  /** Weighted mean of child scores; equal weights without a weights range. */
  rollup(scores: string, weights?: string): string;
}

/**
 * SMARTCHECK reads the name and the description together: the name is often short ("Conversion rate")
 * and the description carries the who, where and by when.
 */
export const smartText = (name: string, description: string | undefined): string =>
  // What the formula's TRIM(name&" "&description) gives: spaces (only spaces) collapsed and trimmed.
  `${name} ${description ?? ''}`.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');

/**
 * What SMARTCHECK's Relevant test aligns a row to: its parent, or for a company-level KPI (the top of the
 * cascade, aligned to the company's strategy itself) its level. Health rule 1 exempts company KPIs from
 * Relevant for the same reason, so the register's SMART column and `check` agree.
 */
export const COMPANY_LABEL = enumLabel('level', 'company', 'both');
export const relevantTo = (parentId: string | undefined, level: string): string =>
  parentId ? parentId : level === 'company' ? COMPANY_LABEL : '';
const relevantRef = (r: RowRefs) =>
  `IF(AND(${r.parent}="",${r.level}=${JSON.stringify(COMPANY_LABEL)}),${r.level},${r.parent})`;

export const kpiFormulas: FormulaSet = {
  score: (r) => `=KPI.SCORE(${r.actual},${r.target},${r.baseline},${r.polarity})`,
  status: (r) => `=KPI.STATUS(${r.score},${r.framework})`,
  smart: (r) =>
    `=KPI.SMARTCHECK(TRIM(${r.name}&" "&${r.description}),${r.target},${r.unit},${r.deadline},${relevantRef(r)},${r.baseline})`,
  nextReview: (r) => `=KPI.NEXTREVIEW(${r.lastReview},${r.cadence})`,
  rollup: (scores, weights) => `=KPI.ROLLUP(${scores}${weights ? `,${weights}` : ''})`,
};

export function formulas(dialect: Dialect): FormulaSet {
  return dialect === 'kpi' ? kpiFormulas : portable;
}

/**
 * Whether a formula calls a KPI.* function, in any case and in either form a reader meets: as the
 * register writes it (`KPI.SCORE(`) or as Excel stores it in a file (`_xldudf_KPI_SCORE(`, see
 * src/hosts/file/stored-formulas.ts). Text inside string literals does not count.
 */
export function callsKpiFunction(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"?/g, '""');
  return /(^|[^A-Za-z0-9_.])(?:_xldudf_KPI_|KPI\.)[A-Za-z][A-Za-z0-9_]*\s*\(/i.test(code);
}

/** The dialect of a register formula (a formula with no KPI.* call is portable). */
export const dialectOf = (formula: string): Dialect => (callsKpiFunction(formula) ? 'kpi' : 'portable');

/** A string literal for a formula: user text can never end the literal and become formula code. */
export function textLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A COUNTIFS criterion that matches exactly this text: `=` first so text starting with `<`, `>` or `=`
 * is not read as a comparison, and `~` before the wildcards `*` and `?` (and `~` itself).
 */
export function exactCriterion(text: string): string {
  return textLiteral(`=${text.replace(/[~*?]/g, (c) => `~${c}`)}`);
}
