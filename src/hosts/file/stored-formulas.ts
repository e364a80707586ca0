/**
 * How Excel stores a JavaScript custom function's call in a file: `KPI.SCORE(` becomes
 * `_xldudf_KPI_SCORE(` (the `_xldudf_` prefix, the namespace dot turned into an underscore). A formula
 * that reaches the file as plain `KPI.SCORE(` is not bound to the add-in on load and never calculates
 * (OfficeDev/Excel-Custom-Functions#108, where the Excel engineer explains the prefix; office-js #5611,
 * #2568, #6655 show the stored form in real files). The file host translates at its boundary: it writes
 * the stored form and reads it back as `KPI.SCORE(`, so the register only ever sees `=KPI.NAME(`.
 * Names are matched case-insensitively and written in capitals; quoted text (string literals and quoted
 * sheet names) is never touched.
 */

const NAME = '[A-Za-z][A-Za-z0-9_]*';
/** Not part of a longer name or reference before it (`MYKPI.SCORE(`, `[2]!_xldudf_…` stay as they are). */
const BEFORE = '(^|[^A-Za-z0-9_.!\\]])';
const DOTTED = new RegExp(`${BEFORE}KPI\\.(${NAME})(?=\\s*\\()`, 'gi');
const STORED = new RegExp(`${BEFORE}_xldudf_KPI_(${NAME})(?=\\s*\\()`, 'gi');
/** A formula's quoted parts: `"…"` string literals (`""` inside) and `'…'` sheet names (`''` inside). */
const QUOTED = /("(?:[^"]|"")*"?|'(?:[^']|'')*'?)/;

function outsideQuotes(formula: string, rename: (code: string) => string): string {
  return formula
    .split(QUOTED)
    .map((part, i) => (i % 2 === 1 ? part : rename(part)))
    .join('');
}

/** `=KPI.SCORE(A2,B2)` → `=_xldudf_KPI_SCORE(A2,B2)` (with or without the leading `=`). */
export function toStoredFormula(formula: string): string {
  if (!/kpi\./i.test(formula)) return formula;
  return outsideQuotes(formula, (code) =>
    code.replace(
      DOTTED,
      (_all, before: string, name: string) => `${before}_xldudf_KPI_${name.toUpperCase()}`,
    ),
  );
}

/** `=_xldudf_KPI_SCORE(A2,B2)` → `=KPI.SCORE(A2,B2)`; a formula already in that form is unchanged. */
export function fromStoredFormula(formula: string): string {
  if (!/_xldudf_kpi_/i.test(formula)) return formula;
  return outsideQuotes(formula, (code) =>
    code.replace(STORED, (_all, before: string, name: string) => `${before}KPI.${name.toUpperCase()}`),
  );
}

/** Whether a formula (as stored in the file) calls a KPI.* function, outside quoted text. */
export function hasStoredKpiCall(formula: string): boolean {
  if (!/_xldudf_kpi_/i.test(formula)) return false;
  let found = false;
  outsideQuotes(formula, (code) => {
    if (new RegExp(STORED.source, 'i').test(code)) found = true;
    return code;
  });
  return found;
}
