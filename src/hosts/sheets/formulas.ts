/**
 * The register writes its formulas with the project's function names (`=KPI.SCORE(…)`, as Excel has
 * them). A Sheets custom function cannot contain a dot, so Sheets knows the same functions as
 * `KPI_SCORE(…)`. The Sheets host renames them on the way in and back on the way out, so the rest of
 * the register (which reads its own formulas to learn their dialect) never sees the difference.
 * Only names outside string literals are touched: user text quoted in a formula stays as it is.
 */
export const KPI_FUNCTIONS = [
  'SCORE',
  'STATUS',
  'ROLLUP',
  'CHANGE',
  'PACE',
  'FEASIBILITY',
  'SMARTCHECK',
  'NEXTREVIEW',
] as const;

const NAMES = KPI_FUNCTIONS.join('|');
const DOTTED = new RegExp(`(^|[^A-Za-z0-9_.])KPI\\.(${NAMES})(?=\\s*\\()`, 'gi');
const UNDERSCORED = new RegExp(`(^|[^A-Za-z0-9_.])KPI_(${NAMES})(?=\\s*\\()`, 'gi');
/** A formula's string literals (`"…"`, with `""` for a quote inside). */
const STRING_LITERAL = /("(?:[^"]|"")*"?)/;

function outsideStrings(formula: string, rename: (code: string) => string): string {
  return formula
    .split(STRING_LITERAL)
    .map((part, i) => (i % 2 === 1 ? part : rename(part)))
    .join('');
}

/** `=KPI.SCORE(A2,B2)` → `=KPI_SCORE(A2,B2)`. */
export function toSheetsFormula(formula: string): string {
  return outsideStrings(formula, (code) =>
    code.replace(DOTTED, (_all, before: string, name: string) => `${before}KPI_${name.toUpperCase()}`),
  );
}

/** `=KPI_SCORE(A2,B2)` → `=KPI.SCORE(A2,B2)`. */
export function fromSheetsFormula(formula: string): string {
  return outsideStrings(formula, (code) =>
    code.replace(UNDERSCORED, (_all, before: string, name: string) => `${before}KPI.${name.toUpperCase()}`),
  );
}
