import { parseNumericText } from '../core/coerce';
import {
  calendarDay,
  formatDay,
  localDate,
  serialToWallClock,
  startOfLocalDay,
  wallClockOf,
} from '../core/calendar';
import { parseIsoDate } from '../core/dates';
import {
  enumLabel,
  FIELD_HEADERS,
  findKpiSheet,
  INPUT_KEYS,
  normaliseLabel,
  parseEnum,
  type EnumKey,
  type EnumValueOf,
  type InputKey,
  type KpiSheetMatch,
} from '../core/fields';
import { format, hasChinese, type Catalog, type Lang } from '../core/i18n';
import type { Cadence, CheckIn, Form, Kpi, KpiType, Level, Polarity } from '../core/model';
import { newKpiId } from './ids';
import { registerHeaderIndex } from './read';
import { columnLetter, type CellValue, type SheetData, type Workbook } from './workbook';

/**
 * Adopting an ordinary workbook: find the sheet that lists KPIs, map its columns to register fields and
 * turn each row into a KPI. Fields the sheet does not have get sensible defaults, and every default is
 * reported; rows that cannot be read are reported by row number with the reason. Nothing is dropped
 * without a word, and the user's sheets are only read, never written.
 */

export interface AdoptOptions {
  /** Language of the reported texts. */
  lang: Lang;
  /** Adopt this sheet instead of looking for the KPI list. */
  sheet?: string;
  /** The date actuals are recorded at (the check-in's period end). */
  today: Date;
  newId?: () => string;
}

export interface AdoptedColumn {
  /** 1-based column in the user's sheet. */
  col: number;
  header: string;
  /** The register field it fills; `undefined` when the column is kept as it is. */
  field?: InputKey;
}

/** One default applied to some rows: the field, the value it got and why. */
export interface AdoptDefault {
  field: InputKey;
  value: string;
  reason: DefaultReason;
  /** Sheet rows (1-based). */
  rows: number[];
  /** `value (reason)` in the requested language. */
  text: string;
}

export interface AdoptProblem {
  row: number;
  code: ProblemCode;
  reason: string;
  /** The field a cell problem is about (none for a row that is not a KPI). */
  field?: InputKey;
  /** The reason without the cell's value: one line can stand for many rows of the same kind. */
  summary: string;
}

export interface AdoptResult {
  sheet: string;
  headerRow: number;
  columns: AdoptedColumn[];
  kpis: Kpi[];
  /** The sheet row each KPI came from. */
  rows: number[];
  /** One check-in per reported actual, so the register's history starts with what the sheet said. */
  checkIns: CheckIn[];
  /** The user's unmapped columns, one value per KPI: the register keeps them beside its own. */
  extraColumns: { header: string; values: CellValue[] }[];
  defaults: AdoptDefault[];
  /** Rows not adopted (no KPI name, a totals line). */
  problems: AdoptProblem[];
  /** Cells of adopted rows that could not be read (TBC, N/A, a formula never calculated): left blank. */
  blanks: AdoptProblem[];
  /** The language the sheet's headers are written in (the register follows it unless told otherwise). */
  sheetLang: Lang;
}

export type AdoptErrorCode =
  | 'noKpiSheet'
  | 'sheetNotFound'
  | 'emptyWorkbook'
  | 'alreadyRegister'
  | 'noKpis'
  | 'duplicateIds'
  | 'caseIds'
  | 'cycle'
  | 'missingParent'
  | 'missingVolume';

type ProblemCode =
  'noName' | 'totals' | 'notNumber' | 'notDate' | 'unknownWord' | 'noResult' | 'noNameResult';
/** A cell problem's text without its value, for a line that stands for many rows. */
type SummaryKey = 'notNumberAll' | 'notDateAll' | 'unknownWordAll';
type DefaultReason =
  | 'generated'
  | 'unassigned'
  | 'hasDepartment'
  | 'belowParent'
  | 'topLevel'
  | 'fromLevel'
  | 'fromType'
  | 'assumedLagging'
  | 'fromUnit'
  | 'fromName'
  | 'assumed'
  | 'targetBelowBaseline'
  | 'targetAboveBaseline'
  | 'fromWords'
  | 'percentInNumbers'
  | 'percentPoints'
  | 'linkedByName'
  | 'sameAsAbove';

type AdoptTextKey =
  | AdoptErrorCode
  | ProblemCode
  | SummaryKey
  | DefaultReason
  | 'unassignedOwner'
  | 'checkInNote'
  | 'column'
  | 'manyRows';

export const ADOPT_TEXT: Catalog<AdoptTextKey> = {
  en: {
    noKpiSheet:
      'No sheet looks like a KPI list: it needs a header row with a KPI name column and a Target, Actual or Owner column.',
    sheetNotFound: 'There is no sheet "{sheet}".',
    emptyWorkbook: 'The workbook has no data: there is nothing to adopt.',
    alreadyRegister: 'This workbook is already a KPI register (it has a "{sheet}" sheet).',
    noKpis: 'Sheet "{sheet}" has headers on row {row} but no KPI rows that can be read.',
    duplicateIds: 'Duplicate KPI id "{id}" on rows {rows}: each KPI needs its own id.',
    cycle: 'The cascade goes round in a circle ({ids}): a KPI cannot align to itself through its children.',
    missingParent: 'Row {row}: parent "{parent}" is not the id or name of any KPI in the sheet.',
    missingVolume: 'Row {row}: volume KPI "{volume}" is not the id or name of any KPI in the sheet.',
    noName: 'no KPI name',
    totals: 'a totals row, not a KPI',
    notNumber: '{field} "{value}" is not a number: left blank',
    notDate: '{field} "{value}" is not a date: left blank',
    unknownWord: '{field} "{value}" is not one of: {choices}; read as blank',
    noResult:
      '{field} is a formula with no saved result (the file was saved without calculating): left blank — open and save it in Excel first',
    noNameResult:
      '{field} is a formula with no saved result (the file was saved without calculating) — open and save it in Excel first',
    notNumberAll: '{field} is not a number: left blank',
    notDateAll: '{field} is not a date: left blank',
    unknownWordAll: '{field} is not one of: {choices}; read as blank',
    caseIds:
      'KPI ids "{id}" and "{other}" differ only in case: spreadsheet lookups cannot tell them apart, so give one of them another id.',
    generated: 'generated',
    unassigned: 'no owner given',
    hasDepartment: 'has a department',
    belowParent: 'one level below its parent',
    topLevel: 'no parent and no department',
    fromLevel: 'from the level',
    fromType: 'from the type',
    assumedLagging: 'assumed: a result to check, not a driver',
    fromUnit: 'from the unit',
    fromName: 'from the name',
    assumed: 'assumed',
    targetBelowBaseline: 'target below baseline',
    targetAboveBaseline: 'target above baseline',
    fromWords: 'from the word "{word}"',
    percentInNumbers: 'the numbers are written with %',
    percentPoints: 'read as percentage points',
    linkedByName: 'parent given by name, linked to its id',
    sameAsAbove: 'blank: as the row above, as in merged cells',
    unassignedOwner: '(unassigned)',
    checkInNote: 'Adopted from sheet "{sheet}", row {row}.',
    column: 'Column {letter}',
    manyRows: '{reason} ({count} rows, {first} to {last})',
  },
  'zh-HK': {
    noKpiSheet: '沒有工作表像 KPI 清單：需要一行標題，包括指標名稱一欄，以及目標、實際或負責人其中一欄。',
    sheetNotFound: '沒有名為「{sheet}」的工作表。',
    emptyWorkbook: '活頁簿沒有任何資料，無從轉換。',
    alreadyRegister: '此活頁簿已經是 KPI 登記冊（已有「{sheet}」工作表）。',
    noKpis: '工作表「{sheet}」第 {row} 行有標題，但沒有可讀取的 KPI 行。',
    duplicateIds: 'KPI 編號「{id}」在第 {rows} 行重複：每個 KPI 須有獨立編號。',
    cycle: '指標層級形成循環（{ids}）：KPI 不能經由其下級指標對齊回自己。',
    missingParent: '第 {row} 行：上級指標「{parent}」不是表中任何 KPI 的編號或名稱。',
    missingVolume: '第 {row} 行：數量指標「{volume}」不是表中任何 KPI 的編號或名稱。',
    noName: '沒有指標名稱',
    totals: '這是合計行，不是 KPI',
    notNumber: '{field}「{value}」不是數字：留空',
    notDate: '{field}「{value}」不是日期：留空',
    unknownWord: '{field}「{value}」不是以下之一：{choices}；當作留空',
    noResult: '{field}是沒有已儲存結果的公式（檔案儲存時未經計算）：留空 — 請先用 Excel 開啟並儲存',
    noNameResult: '{field}是沒有已儲存結果的公式（檔案儲存時未經計算）— 請先用 Excel 開啟並儲存',
    notNumberAll: '{field}不是數字：留空',
    notDateAll: '{field}不是日期：留空',
    unknownWordAll: '{field}不是以下之一：{choices}；當作留空',
    caseIds: 'KPI 編號「{id}」與「{other}」只有大小寫不同：試算表查找無法分辨，請把其中一個改用另一編號。',
    generated: '系統產生',
    unassigned: '沒有填寫負責人',
    hasDepartment: '有部門',
    belowParent: '比上級指標低一個層級',
    topLevel: '沒有上級指標亦沒有部門',
    fromLevel: '按層級',
    fromType: '按類型',
    assumedLagging: '假設為需檢視的成果，而非驅動因素',
    fromUnit: '按單位',
    fromName: '按名稱',
    assumed: '假設',
    targetBelowBaseline: '目標低於基準',
    targetAboveBaseline: '目標高於基準',
    fromWords: '按「{word}」一詞',
    percentInNumbers: '數字以 % 表示',
    percentPoints: '視作百分點',
    linkedByName: '上級指標以名稱填寫，已連結至其編號',
    sameAsAbove: '留空：沿用上一行，如合併儲存格',
    unassignedOwner: '（未指定）',
    checkInNote: '轉換自工作表「{sheet}」第 {row} 行。',
    column: '第 {letter} 欄',
    manyRows: '{reason}（共 {count} 行，第 {first} 至 {last} 行）',
  },
};

/**
 * Findings as a list a person can read: one entry per row for a kind found on a few rows, one entry for
 * a kind found on many (a template numbered down to row 50,000 is one line, not 49,997).
 */
export function summariseFindings(
  findings: readonly AdoptProblem[],
  lang: Lang,
  shownOneByOne = 5,
): { row: number; reason: string }[] {
  const kinds = new Map<string, AdoptProblem[]>();
  for (const finding of findings) {
    const kind = kinds.get(finding.summary);
    if (kind) kind.push(finding);
    else kinds.set(finding.summary, [finding]);
  }
  const out: { row: number; reason: string }[] = [];
  for (const [summary, kind] of kinds) {
    if (kind.length <= shownOneByOne) {
      for (const finding of kind) out.push({ row: finding.row, reason: finding.reason });
      continue;
    }
    const [first, last] = [kind[0].row, kind[kind.length - 1].row];
    const reason = format(ADOPT_TEXT[lang].manyRows, { reason: summary, count: kind.length, first, last });
    out.push({ row: first, reason });
  }
  return out.sort((a, b) => a.row - b.row);
}

export class AdoptError extends Error {
  constructor(
    readonly code: AdoptErrorCode,
    readonly params: Readonly<Record<string, string | number>>,
  ) {
    super(format(ADOPT_TEXT.en[code], params));
    this.name = 'AdoptError';
  }

  text(lang: Lang): string {
    return format(ADOPT_TEXT[lang][this.code], this.params);
  }
}

export function isAdoptError(error: unknown): error is AdoptError {
  return error instanceof AdoptError;
}

// --- reading cells ---------------------------------------------------------------------------------

/** Placeholders finance sheets use for "nothing here". TBC/待定 are not among them: they are unreadable. */
const PLACEHOLDER = /^(-+|–|—|n\/?a|不適用)$/i;

function isEmpty(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === 'string' && (value.trim() === '' || PLACEHOLDER.test(value.trim()));
}

/** Nothing at all in the cell (a placeholder such as "-" or "N/A" is something: it is reported). */
function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function text(value: CellValue | undefined): string | undefined {
  if (isEmpty(value)) return undefined;
  if (value instanceof Date) return formatDate(value);
  return String(value).trim();
}

const CURRENCY = /^(hk\$|us\$|\$|hkd|usd|rmb|港元|港幣)\s*|\s*(hkd|usd|rmb|港元|港幣|元)$/gi;

/** A number as a finance sheet writes it: 1,200 · 18% · HK$1,200 · 1200 港元. */
function readNumber(value: CellValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseNumericText(value.trim().replace(CURRENCY, ''));
  return undefined;
}

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const YEAR_FIRST = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$/;

/**
 * Dates as cells hold them, as serial numbers, or as text: ISO, Hong Kong's day-first d/m/yyyy, 2026年6月30日.
 * Undefined (unreadable: the caller leaves the field blank and says so) for text that is no date and for a
 * serial no date cell can show (0, negative, past 9999-12-31), which hosts pass on as a plain number.
 */
function readDate(value: CellValue): Date | undefined {
  if (value instanceof Date) {
    // The port's Dates show their wall clock in their local fields (workbook.ts): the day is those fields'.
    return Number.isNaN(value.getTime()) ? undefined : startOfLocalDay(value);
  }
  if (typeof value === 'number') {
    // A bare number in a date column: a 1900-system serial (hosts turn date-formatted cells into Dates).
    const clock = serialToWallClock(value, 1900);
    return clock && localDate({ ...clock, time: 0 });
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const iso = parseIsoDate(trimmed);
  if (iso) return iso;
  const dayFirst = DAY_FIRST.exec(trimmed);
  if (dayFirst) return calendarDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = YEAR_FIRST.exec(trimmed);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  return undefined;
}

function calendarDate(year: number, month: number, day: number): Date | undefined {
  const clock = calendarDay(year, month, day);
  return clock && localDate(clock);
}

const formatDate = (date: Date): string => formatDay(wallClockOf(date));

// --- inferring what the sheet does not say -------------------------------------------------------------

/** Words that say less is better. Numbers (target below baseline) take precedence over words. */
const LOWER_WORDS =
  /\b(reduce|reduced|reducing|decrease|decreasing|lower|lowering|cut|cutting|minimi[sz]e|shorten|fewer)\b|減少|降低|縮短|減低|下降|越低越好/i;
const CHANGE_WORDS = /\b(growth|change|yoy|mom|increase|increment)\b|增長|成長|增幅|變化|按年|按月/i;
const AVERAGE_WORDS = /\b(average|avg|mean|per)\b|平均|每名|每個|每宗|每張/i;
const RATIO_WORDS = /\b(rate|ratio|margin|share|percentage|conversion)\b|率|比例|比率|佔有|百分比/i;
const CLOSER_WORDS = /\b(variance|deviation)\b|±|偏差|差異|誤差/i;
/** Durations are averages (handling time, days to hire), whatever else the name says. */
const TIME_UNIT =
  /^(s|sec|secs|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|秒|分鐘|小時|日|天|週|星期)$/i;

function inferForm(name: string, unit: string | undefined): { form: Form; reason: DefaultReason } {
  if (CHANGE_WORDS.test(name)) return { form: 'change', reason: 'fromName' };
  if (AVERAGE_WORDS.test(name)) return { form: 'average', reason: 'fromName' };
  if (unit !== undefined && TIME_UNIT.test(unit)) return { form: 'average', reason: 'fromUnit' };
  if (unit === '%') return { form: 'ratio', reason: 'fromUnit' };
  if (RATIO_WORDS.test(name)) return { form: 'ratio', reason: 'fromName' };
  return { form: 'count', reason: 'assumed' };
}

function inferPolarity(
  words: string,
  baseline: number | undefined,
  target: number | undefined,
): { polarity: Polarity; reason: DefaultReason; word?: string } {
  if (baseline !== undefined && target !== undefined && baseline !== target) {
    return target < baseline
      ? { polarity: 'lower', reason: 'targetBelowBaseline' }
      : { polarity: 'higher', reason: 'targetAboveBaseline' };
  }
  const closer = CLOSER_WORDS.exec(words);
  if (closer) return { polarity: 'closer', reason: 'fromWords', word: closer[0] };
  const match = LOWER_WORDS.exec(words);
  if (match) return { polarity: 'lower', reason: 'fromWords', word: match[0] };
  return { polarity: 'higher', reason: 'assumed' };
}

const TYPE_OF_LEVEL: Record<Level, KpiType> = {
  company: 'strategic',
  department: 'functional',
  team: 'operational',
  individual: 'operational',
};

/** Strategic KPIs are reviewed quarterly, the rest monthly (the guide: operational weekly or monthly). */
const CADENCE_OF_TYPE: Record<KpiType, Cadence> = {
  strategic: 'quarterly',
  operational: 'monthly',
  functional: 'monthly',
};

/** A totals line: named like one and (unless it says only "Total") computed by a formula. */
const TOTALS_NAME = /^(grand\s+)?(totals?|sub-?totals?|sum|overall)\b|^(合計|總計|小計|總數|總和|總結)/i;

// --- the adoption ------------------------------------------------------------------------------------

export async function adoptWorkbook(workbook: Workbook, options: AdoptOptions): Promise<AdoptResult> {
  const infos = await workbook.sheets();
  if (infos.every((info) => info.rows === 0)) throw new AdoptError('emptyWorkbook', {});
  const all = (await workbook.readSheets(infos.map((info) => info.name))).filter(
    (sheet): sheet is SheetData => sheet !== undefined,
  );
  // A register is told by its own columns, not by a sheet's name: a KPI list called "Register" is adopted.
  const own = all.find((sheet) => registerHeaderIndex(sheet.values) >= 0);
  if (own) throw new AdoptError('alreadyRegister', { sheet: own.name });

  let sheets = all;
  if (options.sheet !== undefined) {
    const wanted = normaliseLabel(options.sheet);
    sheets = all.filter((sheet) => normaliseLabel(sheet.name) === wanted).slice(0, 1);
    if (sheets.length === 0) throw new AdoptError('sheetNotFound', { sheet: options.sheet });
  }
  const match = findKpiSheet(sheets.map((sheet) => ({ name: sheet.name, rows: sheet.values })));
  if (!match) throw new AdoptError('noKpiSheet', {});
  const sheet = sheets.find((candidate) => candidate.name === match.sheet) as SheetData;
  return adoptSheet(sheet, match, options);
}

interface Draft {
  row: number;
  kpi: Kpi;
  /** What the sheet said; the level, type and cadence are inferred once parents are linked. */
  given: { level?: Level; type?: KpiType; cadence?: Cadence };
  parentText?: string;
  volumeText?: string;
  extras: CellValue[];
}

function adoptSheet(sheet: SheetData, match: KpiSheetMatch, options: AdoptOptions): AdoptResult {
  const { lang } = options;
  const t = (key: AdoptTextKey, params: Record<string, string | number> = {}) =>
    format(ADOPT_TEXT[lang][key], params);
  const newId = options.newId ?? newKpiId;
  const headerCells = sheet.values[match.headerIndex] ?? [];
  const headerRow = match.headerIndex + 1;
  const fieldOf = new Map<number, InputKey>();
  for (const [field, index] of Object.entries(match.mapping) as [InputKey, number][])
    fieldOf.set(index, field);

  const dataRows = sheet.values.slice(match.headerIndex + 1);
  const width = dataRows.reduce((widest, row) => Math.max(widest, row.length), headerCells.length);
  const columns: AdoptedColumn[] = [];
  for (let index = 0; index < width; index++) {
    const header = text(headerCells[index] ?? null);
    const field = fieldOf.get(index);
    const hasData = dataRows.some((row) => !isEmpty(row[index] ?? null));
    if (header === undefined && field === undefined && !hasData) continue;
    columns.push({
      col: index + 1,
      header: header ?? t('column', { letter: columnLetter(index + 1) }),
      field,
    });
  }
  const extraIndexes = columns.filter((column) => column.field === undefined).map((column) => column.col - 1);

  const defaults = new Map<string, AdoptDefault>();
  const addDefault = (field: InputKey, value: string, reason: DefaultReason, row: number, word?: string) => {
    const key = `${field}\u0000${value}\u0000${reason}\u0000${word ?? ''}`;
    let entry = defaults.get(key);
    if (!entry) {
      const shown = isEnumField(field) ? enumLabel(field, value, lang) : value;
      const why = t(reason, { word: word ?? '' });
      entry = {
        field,
        value,
        reason,
        rows: [],
        text: lang === 'en' ? `${shown} (${why})` : `${shown}（${why}）`,
      };
      defaults.set(key, entry);
    }
    entry.rows.push(row);
  };
  const problems: AdoptProblem[] = [];
  const blanks: AdoptProblem[] = [];
  const header = (field: InputKey) => FIELD_HEADERS[lang][field];

  const savedWithoutResults = holdsNoFormulaResult(sheet);
  const drafts: Draft[] = [];
  // A department merged down its block is blank below its first row (as Excel reports merged cells):
  // a blank department directly under one carries it on.
  let carried: { row: number; department: string } | undefined;
  dataRows.forEach((cells, offset) => {
    const row = headerRow + 1 + offset;
    if (cells.every((cell) => isEmpty(cell))) return;
    const cell = (field: InputKey): CellValue => {
      const index = match.mapping[field];
      return index === undefined ? null : (cells[index] ?? null);
    };
    let department = text(cell('department'));
    let departmentCarried = false;
    if (department !== undefined) carried = { row, department };
    else if (carried && carried.row === row - 1) {
      department = carried.department;
      departmentCarried = true;
      carried.row = row;
    }
    const formulas = sheet.formulas[headerRow + offset] ?? [];
    // A formula whose file holds no result (saved by a program that does not calculate) reads as blank:
    // say so, rather than adopt a silent blank.
    const uncalculated = new Set<InputKey>();
    if (savedWithoutResults) {
      for (const [field, index] of Object.entries(match.mapping) as [InputKey, number][]) {
        if (isBlank(cells[index]) && formulas[index]) uncalculated.add(field);
      }
    }
    const cellProblem = (code: ProblemCode, field: InputKey, value?: CellValue, choices = '') => {
      const shown = value === undefined ? '' : String(value instanceof Date ? formatDate(value) : value);
      const params = { field: header(field), value: shown.slice(0, 40), choices };
      const summaryKey = code === 'noResult' || code === 'noNameResult' ? code : (`${code}All` as SummaryKey);
      return { row, code, field, reason: t(code, params), summary: t(summaryKey, params) };
    };
    const name = text(cell('name'));
    if (name === undefined) {
      problems.push(
        uncalculated.has('name')
          ? cellProblem('noNameResult', 'name')
          : { row, code: 'noName', reason: t('noName'), summary: t('noName') },
      );
      return;
    }
    if (
      TOTALS_NAME.test(name) &&
      (/^(totals?|合計|總計)$/i.test(name) || formulas.some((formula) => formula))
    ) {
      problems.push({ row, code: 'totals', reason: t('totals'), summary: t('totals') });
      return;
    }
    for (const field of uncalculated) blanks.push(cellProblem('noResult', field));

    // A value that cannot be read (TBC, N/A, 待定, a date-formatted 0) leaves its field blank, reported;
    // the KPI is still adopted, so nothing the user wrote is lost.
    const unreadable = (code: ProblemCode, field: InputKey, value: CellValue, choices?: string) =>
      blanks.push(cellProblem(code, field, value, choices));
    const number = (field: 'baseline' | 'target' | 'actual' | 'weight'): number | undefined => {
      const value = cell(field);
      if (isBlank(value)) return undefined;
      const parsed = readNumber(value);
      if (parsed === undefined) unreadable('notNumber', field, value);
      return parsed;
    };
    const date = (field: 'start' | 'deadline' | 'last_review'): Date | undefined => {
      const value = cell(field);
      if (isBlank(value)) return undefined;
      const parsed: unknown = readDate(value);
      if (parsed instanceof Date) return parsed;
      unreadable('notDate', field, value);
      return undefined;
    };
    function word<F extends EnumKey>(field: F): EnumValueOf[F] | undefined {
      const value = cell(field);
      if (isBlank(value)) return undefined;
      const parsed = parseEnum(field, String(value));
      if (parsed === undefined) unreadable('unknownWord', field, value, enumChoices(field, lang));
      return parsed;
    }

    let baseline = number('baseline');
    let target = number('target');
    let actual = number('actual');
    const weight = number('weight');
    const start = date('start');
    const deadline = date('deadline');
    const lastReview = date('last_review');
    const givenLevel = word('level');
    const givenType = word('type');
    const givenTiming = word('timing');
    const givenForm = word('form');
    const givenPolarity = word('polarity');
    const givenRole = word('role');
    const givenFramework = word('framework');
    const givenCadence = word('cadence');

    const description = text(cell('description'));
    if (departmentCarried) addDefault('department', department as string, 'sameAsAbove', row);
    const parentText = text(cell('parent_id'));
    let unit = text(cell('unit'));
    if (unit === undefined && [cell('baseline'), cell('target'), cell('actual')].some(isPercentText)) {
      unit = '%';
      addDefault('unit', '%', 'percentInNumbers', row);
    }
    if (unit === '%') {
      // "12" in a % column means 12%, as the functions take percentages as fractions.
      const scale = (field: 'baseline' | 'target' | 'actual', value: number | undefined) => {
        if (value === undefined || Math.abs(value) <= 1.5 || isPercentText(cell(field))) return value;
        addDefault(field, '÷ 100', 'percentPoints', row);
        return value / 100;
      };
      baseline = scale('baseline', baseline);
      target = scale('target', target);
      actual = scale('actual', actual);
    }

    let owner = text(cell('owner'));
    if (owner === undefined) {
      owner = t('unassignedOwner');
      addDefault('owner', owner, 'unassigned', row);
    }
    const timing = givenTiming ?? 'lagging';
    if (!givenTiming) addDefault('timing', timing, 'assumedLagging', row);
    let form = givenForm;
    if (!form) {
      const inferred = inferForm(name, unit);
      form = inferred.form;
      addDefault('form', form, inferred.reason, row);
    }
    let polarity = givenPolarity;
    if (!polarity) {
      const inferred = inferPolarity(`${name} ${description ?? ''}`, baseline, target);
      polarity = inferred.polarity;
      addDefault('polarity', polarity, inferred.reason, row, inferred.word);
    }
    const role = givenRole ?? 'core';
    if (!givenRole) addDefault('role', role, 'assumed', row);
    const framework = givenFramework ?? 'KPI';
    if (!givenFramework) addDefault('framework', framework, 'assumed', row);

    drafts.push({
      row,
      given: { level: givenLevel, type: givenType, cadence: givenCadence },
      parentText,
      volumeText: text(cell('volume_id')),
      extras: extraIndexes.map((index) => cells[index] ?? null),
      kpi: {
        id: text(cell('id')) ?? '',
        name,
        description,
        owner,
        // Placeholders until the cascade is linked (see inferLevels).
        level: 'company',
        department,
        type: 'strategic',
        timing,
        form,
        unit,
        polarity,
        baseline,
        target,
        actual,
        weight,
        role,
        framework,
        start,
        deadline,
        cadence: 'quarterly',
        last_review: lastReview,
      },
    });
  });

  if (drafts.length === 0) throw new AdoptError('noKpis', { sheet: sheet.name, row: headerRow });
  assignIds(drafts, newId, (row) => addDefault('id', 'KPI-…', 'generated', row));
  linkCascade(drafts, (row) => addDefault('parent_id', '→', 'linkedByName', row));
  for (const { draft, level, reason } of inferLevels(drafts)) {
    draft.kpi.level = level;
    if (reason) addDefault('level', level, reason, draft.row);
    draft.kpi.type = draft.given.type ?? TYPE_OF_LEVEL[level];
    if (!draft.given.type) addDefault('type', draft.kpi.type, 'fromLevel', draft.row);
    draft.kpi.cadence = draft.given.cadence ?? CADENCE_OF_TYPE[draft.kpi.type];
    if (!draft.given.cadence) addDefault('cadence', draft.kpi.cadence, 'fromType', draft.row);
  }

  const kpis = drafts.map((draft) => draft.kpi);
  const checkIns: CheckIn[] = [];
  for (const draft of drafts) {
    if (draft.kpi.actual === undefined) continue;
    checkIns.push({
      kpi_id: draft.kpi.id,
      period_end: options.today,
      actual: draft.kpi.actual,
      note: t('checkInNote', { sheet: sheet.name, row: draft.row }),
      entered_at: options.today,
    });
  }
  const extraColumns = extraIndexes.map((index, position) => ({
    header: (columns.find((column) => column.col === index + 1) as AdoptedColumn).header,
    values: drafts.map((draft) => draft.extras[position]),
  }));

  const mappedHeaders = columns.filter((column) => column.field !== undefined).map((column) => column.header);
  const chinese = mappedHeaders.filter(hasChinese).length;
  return {
    sheet: sheet.name,
    headerRow,
    columns,
    kpis,
    rows: drafts.map((draft) => draft.row),
    checkIns,
    extraColumns,
    defaults: [...defaults.values()].sort(
      (a, b) => INPUT_KEYS.indexOf(a.field) - INPUT_KEYS.indexOf(b.field) || a.rows[0] - b.rows[0],
    ),
    problems: problems.sort((a, b) => a.row - b.row),
    blanks: blanks.sort((a, b) => a.row - b.row),
    sheetLang: chinese * 2 > mappedHeaders.length ? 'zh-HK' : 'en',
  };
}

/**
 * True when the sheet has formulas and not one of them has a result: the file was saved by a program that
 * does not calculate. Cell by cell a missing result cannot be told from a formula that gives "" (exceljs
 * reads Excel's `<v></v>` as no value at all), so the sheet as a whole decides: a calculated file has results.
 */
function holdsNoFormulaResult(sheet: SheetData): boolean {
  let formulas = 0;
  for (let r = 0; r < sheet.formulas.length; r++) {
    const line = sheet.formulas[r];
    for (let c = 0; c < line.length; c++) {
      if (!line[c]) continue;
      if (!isBlank(sheet.values[r]?.[c] ?? null)) return false;
      formulas++;
    }
  }
  return formulas > 0;
}

function isEnumField(field: InputKey): field is EnumKey {
  return ['level', 'type', 'timing', 'form', 'polarity', 'role', 'framework', 'cadence'].includes(field);
}

function isPercentText(value: CellValue): boolean {
  return typeof value === 'string' && value.trim().endsWith('%');
}

function enumChoices(field: EnumKey, lang: Lang): string {
  const values: Record<EnumKey, readonly string[]> = {
    level: ['company', 'department', 'team', 'individual'],
    type: ['strategic', 'operational', 'functional'],
    timing: ['leading', 'lagging'],
    form: ['count', 'ratio', 'average', 'change'],
    polarity: ['higher', 'lower', 'closer'],
    role: ['core', 'monitor'],
    framework: ['KPI', 'OKR'],
    cadence: ['weekly', 'biweekly', 'monthly', 'quarterly', 'semiannual', 'annual'],
  };
  return values[field].map((value) => enumLabel(field, value, lang)).join(lang === 'en' ? ', ' : '、');
}

const BELOW: Record<Level, Level> = {
  company: 'department',
  department: 'team',
  team: 'individual',
  individual: 'individual',
};

/**
 * The level the sheet gives, else one below the parent's (a department KPI under a company KPI, a team
 * KPI under a department's), else department when a department is named, else company. Parents first.
 */
function inferLevels(drafts: readonly Draft[]): { draft: Draft; level: Level; reason?: DefaultReason }[] {
  const byId = new Map(drafts.map((draft) => [draft.kpi.id, draft]));
  const levels = new Map<Draft, Level>();
  const levelOf = (draft: Draft): Level => {
    let level = levels.get(draft);
    if (level) return level;
    const parent = draft.kpi.parent_id === undefined ? undefined : byId.get(draft.kpi.parent_id);
    // The cascade has no cycles here (linkCascade refused them), so this recursion ends.
    level =
      draft.given.level ??
      (parent ? BELOW[levelOf(parent)] : draft.kpi.department ? 'department' : 'company');
    levels.set(draft, level);
    return level;
  };
  return drafts.map((draft) => {
    const level = levelOf(draft);
    if (draft.given.level) return { draft, level };
    const reason: DefaultReason = draft.kpi.parent_id
      ? 'belowParent'
      : draft.kpi.department
        ? 'hasDepartment'
        : 'topLevel';
    return { draft, level, reason };
  });
}

/** Keeps the sheet's own ids (which must be unique) and generates the missing ones. */
function assignIds(drafts: Draft[], newId: () => string, generated: (row: number) => void): void {
  const rowsOf = new Map<string, number[]>();
  for (const draft of drafts) {
    if (draft.kpi.id === '') continue;
    const rows = rowsOf.get(draft.kpi.id) ?? [];
    rows.push(draft.row);
    rowsOf.set(draft.kpi.id, rows);
  }
  for (const [id, rows] of rowsOf) {
    if (rows.length > 1) throw new AdoptError('duplicateIds', { id, rows: rows.join(', ') });
  }
  const clash = caseOnlyClash(rowsOf.keys());
  if (clash) throw new AdoptError('caseIds', { id: clash[0], other: clash[1] });
  const folded = new Set([...rowsOf.keys()].map((id) => id.toLowerCase()));
  for (const draft of drafts) {
    if (draft.kpi.id !== '') continue;
    let id = newId();
    while (folded.has(id.toLowerCase())) id = newId();
    folded.add(id.toLowerCase());
    draft.kpi.id = id;
    generated(draft.row);
  }
}

/**
 * Two ids that differ only in case (`abc`, `ABC`): MATCH and COUNTIFS ignore case in Excel, LibreOffice
 * and Google Sheets, so the cascade sheets' lookups would show one KPI's values for the other.
 */
export function caseOnlyClash(ids: Iterable<string>): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const id of ids) {
    const key = id.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && other !== id) return [other, id];
    seen.set(key, id);
  }
  return undefined;
}

/**
 * Resolves parent and volume references, given as an id or (as people do) a KPI's name, and refuses a
 * reference to nothing or a cascade that goes round in a circle: the register could not roll them up.
 */
function linkCascade(drafts: Draft[], linkedByName: (row: number) => void): void {
  const byId = new Map(drafts.map((draft) => [draft.kpi.id, draft.kpi.id]));
  const byName = new Map<string, string | null>();
  for (const draft of drafts) {
    const key = normaliseLabel(draft.kpi.name);
    // Two KPIs with the same name cannot be told apart: a reference to that name resolves to neither.
    byName.set(key, byName.has(key) ? null : draft.kpi.id);
  }
  const resolve = (reference: string): { id: string; byName: boolean } | undefined => {
    const id = byId.get(reference);
    if (id !== undefined) return { id, byName: false };
    const named = byName.get(normaliseLabel(reference));
    return named ? { id: named, byName: true } : undefined;
  };
  for (const draft of drafts) {
    if (draft.parentText !== undefined) {
      const parent = resolve(draft.parentText);
      if (!parent) throw new AdoptError('missingParent', { row: draft.row, parent: draft.parentText });
      draft.kpi.parent_id = parent.id;
      if (parent.byName) linkedByName(draft.row);
    }
    if (draft.volumeText !== undefined) {
      const volume = resolve(draft.volumeText);
      if (!volume) throw new AdoptError('missingVolume', { row: draft.row, volume: draft.volumeText });
      draft.kpi.volume_id = volume.id;
    }
  }
  const cycle = findCycle(drafts.map((draft) => draft.kpi));
  if (cycle) throw new AdoptError('cycle', { ids: cycle.join(' → ') });
}

/** The first cycle in the parent links, as ids from a KPI back to itself; `undefined` when there is none. */
export function findCycle(kpis: readonly Pick<Kpi, 'id' | 'parent_id'>[]): string[] | undefined {
  const parentOf = new Map(kpis.map((kpi) => [kpi.id, kpi.parent_id]));
  const done = new Set<string>();
  for (const kpi of kpis) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = kpi.id;
    while (current !== undefined && !done.has(current) && parentOf.has(current)) {
      if (onPath.has(current)) return [...path.slice(onPath.get(current)), current];
      onPath.set(current, path.length);
      path.push(current);
      current = parentOf.get(current);
    }
    for (const id of path) done.add(id);
  }
  return undefined;
}
