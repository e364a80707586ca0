import { FIELD_HEADERS, findKpiSheet, type InputKey } from '../core/fields';
import type { Lang } from '../core/i18n';
import { adoptWorkbook, summariseFindings, type AdoptResult } from '../register/adopt';
import { buildRegister, type BuildReport } from '../register/build';
import { demoRegister } from '../register/demo';
import type { CellValue, SheetData, Workbook } from '../register/workbook';
import type { AdoptionPreview, SetUpOptions, WorkbookStatus } from './types';
import { NotARegisterError, openRegister } from './register';
import { ActionWorkbook } from './view';

const asView = (wb: Workbook) => (wb instanceof ActionWorkbook ? wb : new ActionWorkbook(wb));

/** Is this workbook a register, a workbook with a KPI sheet to adopt, or neither? */
export async function status(wb: Workbook): Promise<WorkbookStatus> {
  const view = asView(wb);
  const register = await openRegister(view).catch((error: unknown) => {
    if (error instanceof NotARegisterError) return undefined;
    throw error;
  });
  if (register) {
    const { read } = register;
    return {
      kind: 'register',
      lang: read.lang,
      kpis: read.kpis.length,
      checkIns: read.checkIns.length,
      owners: [...new Set(read.kpis.map((kpi) => kpi.owner))].sort(),
      problems: read.problems.map((problem) =>
        problem.row > 0
          ? `${problem.sheet ?? ''} ${problem.row}: ${problem.message}`.trim()
          : problem.message,
      ),
    };
  }
  const names = (await view.sheets()).map((sheet) => sheet.name);
  const sheets = (await view.readSheets(names)).filter((sheet): sheet is SheetData => !!sheet);
  const match = findKpiSheet(sheets.map((sheet) => ({ name: sheet.name, rows: sheet.values })));
  return match ? { kind: 'adoptable', sheet: match.sheet } : { kind: 'blank' };
}

export interface SetUpDefaults {
  /** Native formulas only: the standalone page's workbook must compute in any spreadsheet it is opened in. */
  portable?: boolean;
}

/** Builds a new register (empty, or the sample one) beside the user's sheets. */
export function setUpRegister(
  wb: Workbook,
  options: SetUpOptions,
  defaults: SetUpDefaults = {},
): Promise<BuildReport> {
  const today = options.today ?? new Date();
  const data = options.sample ? demoRegister({ lang: options.lang, today }) : { kpis: [], checkIns: [] };
  return buildRegister(wb, data, {
    lang: options.lang,
    today,
    portable: defaults.portable,
    onProgress: options.onProgress,
  });
}

const SAMPLES = 3;

/** The column mapping adoption would use, with sample values, before anything is written. */
export async function previewAdoption(wb: Workbook, lang: Lang, today: Date): Promise<AdoptionPreview> {
  const view = asView(wb);
  const result = await adoptWorkbook(view, { lang, today });
  const sheet = (await view.readSheet(result.sheet)) as SheetData;
  return toPreview(result, sheet, lang);
}

function toPreview(result: AdoptResult, sheet: SheetData, lang: Lang): AdoptionPreview {
  const body = sheet.values.slice(result.headerRow);
  return {
    sheet: result.sheet,
    headerRow: result.headerRow,
    columns: result.columns.map((column) => ({
      col: column.col,
      header: column.header,
      field: column.field,
      samples: body
        .map((row) => row[column.col - 1] ?? null)
        .filter((value) => value !== null && value !== '')
        .slice(0, SAMPLES),
    })),
    kpiCount: result.kpis.length,
    problems: summariseFindings(result.problems, lang),
    problemRows: result.problems.length,
    blanks: summariseFindings(result.blanks, lang),
    defaults: result.defaults.map((entry) => `${FIELD_HEADERS[lang][entry.field]}: ${entry.text}`),
    sheetLang: result.sheetLang,
  };
}

/** Appended to a kept column's header so that header recognition leaves it alone; removed afterwards. */
const KEPT = ' ¦ kept as it is';

/**
 * The sheet as the user corrected its mapping: each mapped column's header becomes the register's own
 * header for its field, and a kept column's header is made unrecognisable, so adoption reads exactly the
 * mapping the user confirmed. Only what adoption reads is changed; the workbook is not written.
 */
function remapped(view: ActionWorkbook, preview: AdoptionPreview): Workbook {
  const headerIndex = preview.headerRow - 1;
  const fields = new Map(preview.columns.map((column) => [column.col, column.field]));
  const relabel = (sheet: SheetData): SheetData => {
    const values = sheet.values.map((row) => [...row]);
    const header = values[headerIndex] ?? [];
    for (const column of preview.columns) {
      const field: InputKey | undefined = fields.get(column.col);
      const original = header[column.col - 1];
      header[column.col - 1] = field
        ? FIELD_HEADERS.en[field]
        : original === null || original === ''
          ? original
          : `${String(original)}${KEPT}`;
    }
    // Recognised headers the user did not list (columns adoption skipped) are kept as they are too.
    header.forEach((cell: CellValue, index) => {
      if (!fields.has(index + 1) && typeof cell === 'string' && cell !== '') header[index] = `${cell}${KEPT}`;
    });
    values[headerIndex] = header;
    return { ...sheet, values };
  };
  return Object.assign(Object.create(view) as ActionWorkbook, {
    readSheets: async (names: readonly string[]) =>
      (await view.readSheets(names)).map((sheet) =>
        sheet && sheet.name === preview.sheet ? relabel(sheet) : sheet,
      ),
    readSheet: async (name: string) => {
      const sheet = await view.readSheet(name);
      return sheet && sheet.name === preview.sheet ? relabel(sheet) : sheet;
    },
  });
}

/** Adopts the sheet with the mapping the user confirmed, and builds the register from it. */
export async function adopt(
  wb: Workbook,
  preview: AdoptionPreview,
  options: SetUpOptions,
  defaults: SetUpDefaults = {},
): Promise<BuildReport> {
  const view = asView(wb);
  const today = options.today ?? new Date();
  const result = await adoptWorkbook(remapped(view, preview), {
    lang: options.lang,
    today,
    sheet: preview.sheet,
  });
  const extraColumns = result.extraColumns.map((column) => ({
    ...column,
    header: column.header.endsWith(KEPT) ? column.header.slice(0, -KEPT.length) : column.header,
  }));
  return buildRegister(
    view,
    { kpis: result.kpis, checkIns: result.checkIns, extraColumns },
    { lang: options.lang, today, portable: defaults.portable, onProgress: options.onProgress },
  );
}
