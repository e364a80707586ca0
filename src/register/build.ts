import {
  CHECKIN_FIELDS,
  CHECKIN_HEADERS,
  REGISTER_FIELDS,
  dropdownValues,
  enumLabel,
  header,
  sheetName,
  type EnumKey,
  type FieldDef,
  type FieldKey,
} from '../core/fields';
import { checkHealth, RULE_TITLES } from '../core/health';
import type { Lang } from '../core/i18n';
import { STATUSES, type CheckIn, type Kpi, type Status } from '../core/model';
import { buildCascadeSheets, type CascadeRow } from './cascade-sheets';
import { cached, computeRow, latestActuals, type RowValues } from './computed';
import { buildDashboard, type DashboardFinding } from './dashboard';
import { smartColumnFormula } from './column-formulas';
import { formulas, rowRefs } from './formulas';
import { checkSheetRows, fitTableColumnName, fitText, MAX_TABLE_COLUMN_NAME } from './limits';
import {
  fieldRange,
  fieldRows,
  kpiRow,
  registerLayout,
  runs,
  sheetNamer,
  tableRange,
  type RegisterLayout,
} from './layout';
import {
  COLORS,
  DATE_FORMAT,
  DATETIME_FORMAT,
  SCORE_FORMAT,
  WEIGHT_FORMAT,
  textWidth,
  valueFormat,
} from './style';
import type { CellValue, RangeRef, Workbook, WriteCell } from './workbook';

export interface RegisterData {
  kpis: Kpi[];
  checkIns: CheckIn[];
  /** The user's unmapped columns, kept at the right of the Register table: one value per KPI, in order. */
  extraColumns?: { header: string; values: CellValue[] }[];
}

export interface BuildOptions {
  lang: Lang;
  /**
   * Native formulas only (no KPI.* functions): the workbook computes in any spreadsheet. Defaults to the
   * host's preference: a host with `customFunctionsPerColumn` (Google Sheets) gets native formulas.
   */
  portable?: boolean;
  /** The day the cached results are computed for (overdue reviews); today when omitted. */
  today?: Date;
  onProgress?: (stage: BuildStage, done: number, total: number) => void;
}

export type BuildStage = 'register' | 'check-ins' | 'cascade' | 'dashboard' | 'saving';

export interface BuildReport {
  lang: Lang;
  portable: boolean;
  /** The names the sheets got (a name already taken gets a suffix such as ` (2)`). */
  sheets: { register: string; checkIns: string; dashboard: string; cascade: string[] };
  /** The Register table's name. */
  table: string;
  kpis: number;
  checkIns: number;
  /** Register health findings listed on the Dashboard. */
  findings: number;
}

const STAGES: readonly BuildStage[] = ['register', 'check-ins', 'cascade', 'dashboard', 'saving'];

/**
 * Turns a workbook into a KPI register by adding sheets: Dashboard, Register, Check-ins and the cascade
 * sheets (Company, one per department, Individuals). It never writes to a sheet it did not create, and
 * writes in bulk: a fixed number of port calls per sheet and column group, whatever the number of KPIs
 * (per-row formats are written once per run of rows that share them).
 */
export async function buildRegister(
  wb: Workbook,
  data: RegisterData,
  opts: BuildOptions,
): Promise<BuildReport> {
  const { lang } = opts;
  const portable = opts.portable ?? wb.customFunctionsPerColumn === true;
  // SMARTCHECK as one array formula over its column (column-formulas.ts), where the host asks for it.
  const smartColumn = portable && wb.customFunctionsPerColumn === true;
  const progress = (stage: BuildStage) => opts.onProgress?.(stage, STAGES.indexOf(stage), STAGES.length);
  const [existingSheets, existingTables] = await Promise.all([wb.sheets(), wb.tables()]);
  const name = sheetNamer(existingSheets.map((sheet) => sheet.name));
  const sheets = {
    dashboard: name(sheetName('dashboard', lang)),
    register: name(sheetName('register', lang)),
    checkIns: name(sheetName('checkins', lang)),
  };
  const table = uniqueTableName(
    'KPIRegister',
    existingTables.map((t) => t.name),
  );

  // A sheet past Excel's last row is refused before any work (Register: header + KPIs; Check-ins: header + rows).
  checkSheetRows('register', 1 + data.kpis.length);
  checkSheetRows('checkIns', 1 + data.checkIns.length);

  progress('register');
  wb.addSheet(sheets.dashboard);
  const actuals = latestActuals(data.checkIns);
  const rows = data.kpis.map((kpi) => {
    const actual = actuals.has(kpi.id) ? actuals.get(kpi.id) : kpi.actual;
    return { kpi, actual, values: computeRow(kpi, actual) };
  });
  const extras = extraHeaders(data.extraColumns ?? [], lang);
  const layout = registerLayout(sheets.register, rows.length, extras.length);
  wb.addSheet(sheets.register);
  writeRegister(wb, layout, rows, data.extraColumns ?? [], extras, lang, portable, table, smartColumn);

  progress('check-ins');
  wb.addSheet(sheets.checkIns);
  writeCheckIns(wb, sheets.checkIns, data.checkIns, data.kpis, lang);

  progress('cascade');
  const cascadeRows: CascadeRow[] = rows.map(({ kpi, values }) => ({
    kpi,
    score: portable ? cached(values.score, true) : values.score,
    status: portable ? cached(values.status, true) : values.status,
  }));
  const cascade = buildCascadeSheets(wb, { layout, rows: cascadeRows, lang, portable, name });

  progress('dashboard');
  const today = opts.today ?? new Date();
  const findings = buildDashboard(wb, {
    sheet: sheets.dashboard,
    layout,
    kpis: data.kpis,
    values: rows.map((row) => row.values),
    findings: healthFindings(rows, data.checkIns, lang, today),
    lang,
    today,
  });

  progress('saving');
  await wb.flush();
  opts.onProgress?.('saving', STAGES.length, STAGES.length);
  return {
    lang,
    portable,
    sheets: { ...sheets, cascade },
    table,
    kpis: data.kpis.length,
    checkIns: data.checkIns.length,
    findings,
  };
}

interface RegisterRow {
  kpi: Kpi;
  actual: number | undefined;
  values: RowValues;
}

function writeRegister(
  wb: Workbook,
  layout: RegisterLayout,
  rows: readonly RegisterRow[],
  extraColumns: readonly { values: CellValue[] }[],
  extraHeaders: readonly string[],
  lang: Lang,
  portable: boolean,
  table: string,
  smartColumn = false,
): void {
  const set = formulas(portable ? 'portable' : 'kpi');
  // The column formula sits in the first data row; the cells under it stay empty for its result.
  const smartOf = (index: number, result: CellValue): WriteCell =>
    index > 0 ? null : { formula: smartColumnFormula(layout), result };
  const headerRow: WriteCell[] = [
    ...REGISTER_FIELDS.map((field) => header(field.key, lang)),
    ...extraHeaders,
  ];
  const body: WriteCell[][] = rows.map(({ kpi, actual, values }, index) => {
    const refs = rowRefs(layout, kpiRow(layout, index));
    const smartFormula = set.smart(refs);
    const computed: Record<'score' | 'status' | 'smart' | 'next_review', WriteCell> = {
      score: { formula: set.score(refs), result: cached(values.score, portable) },
      status: { formula: set.status(refs), result: cached(values.status, portable) },
      smart: smartColumn
        ? smartOf(index, cached(values.smart, true))
        : smartFormula
          ? { formula: smartFormula, result: cached(values.smart, portable) }
          : cached(values.smart, true),
      next_review: { formula: set.nextReview(refs), result: cached(values.nextReview, portable, 'date') },
    };
    const cells = REGISTER_FIELDS.map((field): WriteCell => {
      if (field.kind === 'computed') return computed[field.key as keyof typeof computed];
      if (field.key === 'actual') return actual ?? null;
      return inputCell(field, kpi);
    });
    for (const column of extraColumns) cells.push(column.values[index] ?? null);
    return cells;
  });
  // The table needs one data row even when there are no KPIs yet.
  if (body.length === 0) {
    body.push(headerRow.map(() => null));
    if (smartColumn) body[0][layout.columns.smart - 1] = smartOf(0, null);
  }
  wb.write(layout.sheet, layout.headerRow, 1, [headerRow, ...body]);

  const all = (key: FieldKey, cols = 1): RangeRef => fieldRange(layout, key, cols);
  wb.addTable({ name: table, range: tableRange(layout), style: 'medium' });
  wb.setStyle(
    { sheet: layout.sheet, row: layout.headerRow, col: 1, rows: 1, cols: layout.cols },
    { bold: true, fill: COLORS.header, fontColor: COLORS.headerText },
  );
  wb.freeze(layout.sheet, layout.headerRow, layout.columns.name);
  // Headers do not wrap (no host sizes rows to wrapped text), so a column is at least as wide as its header.
  wb.setColumnWidths(layout.sheet, 1, [
    ...REGISTER_FIELDS.map((field) => Math.max(field.width, textWidth(header(field.key, lang)) + 2)),
    ...extraHeaders.map((text) => Math.min(40, Math.max(12, textWidth(text) + 2))),
  ]);

  // Computed columns are set apart so nobody types over a formula.
  for (const group of runs(REGISTER_FIELDS, (field) => field.kind === 'computed')) {
    if (!group.key) continue;
    wb.setStyle(all(REGISTER_FIELDS[group.start].key, group.count), { fill: COLORS.computed });
  }

  // Number formats: fixed per column, and by unit for the baseline, target and actual (one call per run of rows).
  const valueCols = numberBlock(layout);
  for (const run of runs(rows, (row) => valueFormat(row.kpi.unit))) {
    wb.setNumberFormat(
      fieldRows(layout, valueCols.first, kpiRow(layout, run.start), run.count, valueCols.cols),
      run.key,
    );
  }
  wb.setNumberFormat(all('weight'), WEIGHT_FORMAT);
  wb.setNumberFormat(all('score'), SCORE_FORMAT);
  for (const field of REGISTER_FIELDS) {
    if (field.kind === 'date' || field.output === 'date') wb.setNumberFormat(all(field.key), DATE_FORMAT);
  }

  // Dropdowns: bilingual labels; strict for the closed lists, a suggestion for departments.
  for (const field of REGISTER_FIELDS) {
    if (field.kind === 'enum')
      wb.setValidationList(all(field.key), dropdownValues(field.key as EnumKey), true);
  }
  wb.setValidationList(all('department'), dropdownValues('department'), false);

  // Status lights: icons on the score by each run of rows' framework, fills on the status text.
  for (const run of runs(rows, (row) => row.kpi.framework)) {
    const [amberAt, greenAt] = run.key === 'OKR' ? [0.4, 0.7] : [0.9, 1];
    wb.addConditionalFormat(fieldRows(layout, 'score', kpiRow(layout, run.start), run.count), {
      kind: 'trafficLights',
      amberAt,
      greenAt,
    });
  }
  for (const code of ['GREEN', 'AMBER', 'RED'] as const) {
    wb.addConditionalFormat(all('status'), { kind: 'textEquals', text: code, ...COLORS.status[code] });
  }
  // Leading and lagging KPIs told apart at a glance: the timing column is the flag, with its own fills.
  for (const timing of ['leading', 'lagging'] as const) {
    wb.addConditionalFormat(all('timing'), {
      kind: 'textEquals',
      text: enumLabel('timing', timing, 'both'),
      ...COLORS.timing[timing],
    });
  }
}

/** The adjacent baseline/target/actual columns, formatted together by the KPI's unit. */
function numberBlock(layout: RegisterLayout): { first: FieldKey; cols: number } {
  const keys: FieldKey[] = ['baseline', 'target', 'actual'];
  const cols = keys.map((key) => layout.columns[key]).sort((a, b) => a - b);
  const adjacent = cols.every((col, i) => i === 0 || col === cols[i - 1] + 1);
  if (!adjacent) throw new Error('The field catalogue must keep baseline, target and actual side by side.');
  const first = keys.find((key) => layout.columns[key] === cols[0]) as FieldKey;
  return { first, cols: cols.length };
}

function inputCell(field: FieldDef, kpi: Kpi): WriteCell {
  const value = kpi[field.key as keyof Kpi];
  if (value === undefined) return null;
  if (field.kind === 'enum') return enumLabel(field.key as EnumKey, String(value), 'both');
  return value;
}

/**
 * The user's column headers, made unique against the register's own headers and each other (a table
 * needs unique headers; a user's own "Status" column must not be mistaken for ours).
 */
function extraHeaders(columns: readonly { header: string }[], lang: Lang): string[] {
  const taken = new Set<string>();
  for (const l of ['en', 'zh-HK'] as const)
    for (const field of REGISTER_FIELDS) taken.add(header(field.key, l).toLowerCase());
  return columns.map((column, index) => {
    const base = column.header.trim() || (lang === 'en' ? `Column ${index + 1}` : `欄 ${index + 1}`);
    // A table column's name (and so its header) is at most 255 characters, numbered repeats included.
    let text = fitTableColumnName(base);
    for (let n = 2; taken.has(text.toLowerCase()); n++)
      text = `${fitText(base, MAX_TABLE_COLUMN_NAME - ` (${n})`.length)} (${n})`;
    taken.add(text.toLowerCase());
    return text;
  });
}

/** Check-ins sorted by the KPI's place in the register, then by period (unknown KPIs last, by id). */
export function sortCheckIns(checkIns: readonly CheckIn[], kpis: readonly Kpi[]): CheckIn[] {
  const order = new Map(kpis.map((kpi, index) => [kpi.id, index]));
  return [...checkIns].sort((a, b) => {
    const ia = order.get(a.kpi_id) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b.kpi_id) ?? Number.MAX_SAFE_INTEGER;
    if (ia !== ib) return ia - ib;
    if (a.kpi_id !== b.kpi_id) return a.kpi_id < b.kpi_id ? -1 : 1;
    return a.period_end.getTime() - b.period_end.getTime();
  });
}

function writeCheckIns(
  wb: Workbook,
  sheet: string,
  checkIns: readonly CheckIn[],
  kpis: readonly Kpi[],
  lang: Lang,
) {
  const sorted = sortCheckIns(checkIns, kpis);
  const headers = CHECKIN_FIELDS.map((field) => CHECKIN_HEADERS[lang][field.key]);
  const body = sorted.map((checkIn) => CHECKIN_FIELDS.map((field) => checkIn[field.key] ?? null));
  wb.write(sheet, 1, 1, [headers, ...body]);
  const column = (key: (typeof CHECKIN_FIELDS)[number]['key']) =>
    CHECKIN_FIELDS.findIndex((f) => f.key === key) + 1;
  const rows = Math.max(1, sorted.length);
  const range = (key: (typeof CHECKIN_FIELDS)[number]['key']): RangeRef => ({
    sheet,
    row: 2,
    col: column(key),
    rows,
    cols: 1,
  });
  wb.setStyle(
    { sheet, row: 1, col: 1, rows: 1, cols: headers.length },
    { bold: true, fill: COLORS.header, fontColor: COLORS.headerText },
  );
  wb.freeze(sheet, 1, 0);
  wb.setColumnWidths(
    sheet,
    1,
    CHECKIN_FIELDS.map((field, i) => Math.max(field.width, textWidth(headers[i]) + 2)),
  );
  wb.setNumberFormat(range('period_end'), DATE_FORMAT);
  wb.setNumberFormat(range('entered_at'), DATETIME_FORMAT);
  const units = new Map(kpis.map((kpi) => [kpi.id, kpi.unit]));
  for (const run of runs(sorted, (checkIn) => valueFormat(units.get(checkIn.kpi_id)))) {
    wb.setNumberFormat({ ...range('actual'), row: 2 + run.start, rows: run.count }, run.key);
  }
}

/** The health findings for the KPIs as the register shows them (latest actual, computed columns). */
function healthFindings(
  rows: readonly RegisterRow[],
  checkIns: readonly CheckIn[],
  lang: Lang,
  today: Date,
): DashboardFinding[] {
  const computed = new Map(
    rows.map(({ kpi, values }) => [
      kpi.id,
      {
        score: typeof values.score === 'number' ? values.score : undefined,
        status: (STATUSES as readonly unknown[]).includes(values.status)
          ? (values.status as Status)
          : undefined,
        smart: typeof values.smart === 'string' ? values.smart : undefined,
      },
    ]),
  );
  const kpis = rows.map(({ kpi, actual }) => ({ ...kpi, actual }));
  return checkHealth({ kpis, computed, checkIns, today }).map((finding) => ({
    rule: RULE_TITLES[lang][finding.rule],
    ids: finding.kpiIds,
    message: finding.message[lang],
    fix: finding.fix[lang],
  }));
}

function uniqueTableName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  let name = base;
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${base}${n}`;
  return name;
}
