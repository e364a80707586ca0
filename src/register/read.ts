import { parseNumericText } from '../core/coerce';
import { serialToLocalDate, startOfLocalDay } from '../core/calendar';
import { formatIsoDate, parseIsoDate } from '../core/dates';
import {
  CHECKIN_FIELDS,
  CHECKIN_HEADERS,
  FIELD_HEADERS,
  REGISTER_FIELDS,
  findKpiSheet,
  header,
  matchCheckInHeader,
  matchSheetName,
  normaliseHeader,
  enumLabel,
  parseEnum,
  type CheckInKey,
  type EnumKey,
  type FieldKey,
  type InputKey,
} from '../core/fields';
import { format, type Catalog, type Lang } from '../core/i18n';
import { checkInSchema, kpiSchema, type CheckIn, type Kpi } from '../core/model';
import type { CellValue, SheetData, Workbook } from './workbook';

/**
 * Reads a register back: finds the Register and Check-ins sheets by their headers (in either language,
 * wherever the sheets are and whatever they are called), parses each row with the field catalogue and
 * the model's schemas, and reports every row it cannot read by sheet, row number and reason. Nothing is
 * dropped silently. `check` and the task pane read registers through this.
 */

export interface ReadProblem {
  /** 1-based sheet row (0 when the problem is not about one row, e.g. no register found). */
  row: number;
  message: string;
  sheet?: string;
}

export interface ReadResult {
  kpis: Kpi[];
  checkIns: CheckIn[];
  lang: Lang;
  problems: ReadProblem[];
  /** Where the register was found; `undefined` when the workbook has none. */
  sheets: { register?: string; checkIns?: string };
  /** The register sheet has the columns only a built register has (see isRegisterHeader), not just a KPI list. */
  built?: boolean;
}

/**
 * The columns only a register built by this add-in has: its id and its computed columns. A register is
 * told by them, not by its sheet's name (a user's own KPI list may be called "Register"), in either language.
 */
export const BUILT_COLUMNS: readonly FieldKey[] = ['id', 'score', 'status', 'smart', 'next_review'];
const BUILT_HEADERS = BUILT_COLUMNS.map(
  (key) => new Set([normaliseHeader(FIELD_HEADERS.en[key]), normaliseHeader(FIELD_HEADERS['zh-HK'][key])]),
);

/** True when a header row holds every one of the built register's own column headers. */
export function isRegisterHeader(row: readonly CellValue[]): boolean {
  const texts = new Set(row.filter((cell): cell is string => typeof cell === 'string').map(normaliseHeader));
  return BUILT_HEADERS.every((spellings) => [...spellings].some((text) => texts.has(text)));
}

/** The 0-based header row of a built register among a sheet's first rows, or -1. */
export function registerHeaderIndex(values: readonly (readonly CellValue[])[]): number {
  const rows = Math.min(HEADER_ROWS, values.length);
  for (let index = 0; index < rows; index++) if (isRegisterHeader(values[index])) return index;
  return -1;
}

const HEADER_ROWS = 10;

const BUILT_CHECKIN_HEADERS = CHECKIN_FIELDS.map(
  (field) =>
    new Set([
      normaliseHeader(CHECKIN_HEADERS.en[field.key]),
      normaliseHeader(CHECKIN_HEADERS['zh-HK'][field.key]),
    ]),
);

/** True when a header row holds every header of the built Check-ins sheet (a user's log may share a few). */
export function isBuiltCheckInHeader(row: readonly CellValue[]): boolean {
  const texts = new Set(row.filter((cell): cell is string => typeof cell === 'string').map(normaliseHeader));
  return BUILT_CHECKIN_HEADERS.every((spellings) => [...spellings].some((text) => texts.has(text)));
}

type MessageKey =
  | 'noRegister'
  | 'required'
  | 'notNumber'
  | 'notDate'
  | 'unknownWord'
  | 'invalid'
  | 'negative'
  | 'duplicate'
  | 'caseOnly';

const MESSAGES: Catalog<MessageKey> = {
  en: {
    noRegister: 'No KPI register found: no sheet has a KPI column beside a target, actual or owner column.',
    required: '{field} is missing.',
    notNumber: '{field} must be a number, not "{value}".',
    notDate: '{field} must be a date, not "{value}".',
    unknownWord: '{field} "{value}" is not one of: {choices}.',
    invalid: '{field} is not valid.',
    negative: '{field} must not be negative.',
    duplicate: 'ID {value} is already used in row {row}.',
    caseOnly:
      'ID {value} differs from ID {other} in row {row} only in case: spreadsheet lookups cannot tell them apart, so give one of them another ID.',
  },
  'zh-HK': {
    noRegister: '找不到 KPI 登記冊:沒有工作表同時有指標欄及目標、實際或負責人欄。',
    required: '欠缺{field}。',
    notNumber: '{field}必須是數字,而不是「{value}」。',
    notDate: '{field}必須是日期,而不是「{value}」。',
    unknownWord: '{field}「{value}」不是以下其中之一:{choices}。',
    invalid: '{field}無效。',
    negative: '{field}不可以是負數。',
    duplicate: '編號 {value} 已用於第 {row} 行。',
    caseOnly:
      '編號 {value} 與第 {row} 行的編號 {other} 只有大小寫不同：試算表查找無法分辨，請把其中一個改用另一編號。',
  },
};

export async function readRegister(wb: Workbook): Promise<ReadResult> {
  const names = (await wb.sheets()).map((sheet) => sheet.name);
  const sheets = (await wb.readSheets(names)).filter((sheet): sheet is SheetData => sheet !== undefined);
  const register = findRegister(sheets);
  if (!register) {
    const lang = sheets.some((sheet) => /[\u3400-\u9fff]/.test(sheet.name)) ? 'zh-HK' : 'en';
    return {
      kpis: [],
      checkIns: [],
      lang,
      problems: [{ row: 0, message: MESSAGES[lang].noRegister }],
      sheets: {},
    };
  }
  const lang = headerLanguage(register.header);
  const problems: ReadProblem[] = [];
  const kpis = readKpis(register, lang, problems);
  const checkInSheet = findCheckIns(sheets);
  const checkIns = checkInSheet ? readCheckIns(checkInSheet, lang, problems) : [];
  return {
    kpis,
    checkIns,
    lang,
    problems,
    sheets: { register: register.sheet.name, checkIns: checkInSheet?.sheet.name },
    built: register.built,
  };
}

interface Found {
  sheet: SheetData;
  headerIndex: number;
  header: CellValue[];
  built?: boolean;
}

/** Our own sheet names may carry a suffix the builder added (`Register (2)`). */
const baseName = (name: string) => name.replace(/\s*\(\d+\)$/, '');

function findRegister(sheets: readonly SheetData[]): Found | undefined {
  // A built register first, by its columns: a user's KPI list named "Register" must not be taken for it.
  for (const sheet of sheets) {
    const headerIndex = registerHeaderIndex(sheet.values);
    if (headerIndex >= 0) return { sheet, headerIndex, header: sheet.values[headerIndex] ?? [], built: true };
  }
  const scalarRows = (sheet: SheetData) => ({ name: sheet.name, rows: sheet.values });
  const named = sheets.filter((sheet) => matchSheetName(baseName(sheet.name)) === 'register');
  const match = findKpiSheet(named.map(scalarRows)) ?? findKpiSheet(sheets.map(scalarRows));
  if (!match) return undefined;
  const sheet = sheets.find((s) => s.name === match.sheet) as SheetData;
  return { sheet, headerIndex: match.headerIndex, header: sheet.values[match.headerIndex] ?? [] };
}

function findCheckIns(sheets: readonly SheetData[]): Found | undefined {
  // The built Check-ins sheet first, by its full set of headers: a user's own log called "Check-ins" may
  // have a KPI ID, a period and an actual too (issue 9).
  for (const sheet of sheets) {
    const rows = Math.min(HEADER_ROWS, sheet.values.length);
    for (let index = 0; index < rows; index++) {
      if (isBuiltCheckInHeader(sheet.values[index]))
        return { sheet, headerIndex: index, header: sheet.values[index] };
    }
  }
  const ordered = [
    ...sheets.filter((sheet) => matchSheetName(baseName(sheet.name)) === 'checkins'),
    ...sheets.filter((sheet) => matchSheetName(baseName(sheet.name)) !== 'checkins'),
  ];
  for (const sheet of ordered) {
    for (let index = 0; index < Math.min(10, sheet.values.length); index++) {
      const keys = new Set(
        sheet.values[index].map((cell) => (typeof cell === 'string' ? matchCheckInHeader(cell) : undefined)),
      );
      if (keys.has('kpi_id') && keys.has('period_end') && keys.has('actual')) {
        return { sheet, headerIndex: index, header: sheet.values[index] };
      }
    }
  }
  return undefined;
}

/** The language whose exact headers the row uses most (English on a tie). */
function headerLanguage(row: readonly CellValue[]): Lang {
  const texts = new Set(row.filter((cell): cell is string => typeof cell === 'string').map(normaliseHeader));
  const hits = (lang: Lang) =>
    REGISTER_FIELDS.filter((field) => texts.has(normaliseHeader(FIELD_HEADERS[lang][field.key]))).length;
  return hits('zh-HK') > hits('en') ? 'zh-HK' : 'en';
}

/** Register columns by our exact headers (either language) first, then by the adoption aliases. */
function registerColumns(row: readonly CellValue[]): Partial<Record<InputKey, number>> {
  const columns: Partial<Record<InputKey, number>> = {};
  const inputs = REGISTER_FIELDS.filter((field) => field.kind !== 'computed');
  row.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const text = normaliseHeader(cell);
    for (const field of inputs) {
      const key = field.key as InputKey;
      if (columns[key] !== undefined) continue;
      if (
        text === normaliseHeader(FIELD_HEADERS.en[key]) ||
        text === normaliseHeader(FIELD_HEADERS['zh-HK'][key])
      ) {
        columns[key] = index;
      }
    }
  });
  const adopted = findKpiSheet([{ name: '', rows: [row as CellValue[]] }])?.mapping ?? {};
  for (const [key, index] of Object.entries(adopted) as [InputKey, number][]) {
    if (columns[key] === undefined && !Object.values(columns).includes(index)) columns[key] = index;
  }
  return columns;
}

const isBlankCell = (cell: CellValue | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

type Reader = (cell: CellValue) => unknown;

class CellProblem extends Error {
  constructor(
    readonly key: MessageKey,
    readonly value: string,
    readonly choices?: string,
  ) {
    super(key);
  }
}

const shown = (cell: CellValue) => (cell instanceof Date ? formatIsoDate(cell) : String(cell)).slice(0, 40);

function readText(cell: CellValue): string {
  if (cell instanceof Date) return formatIsoDate(cell);
  return String(cell);
}

const readId = (cell: CellValue) => readText(cell).trim();

function readNumber(cell: CellValue): number {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  const parsed = typeof cell === 'string' ? parseNumericText(cell) : undefined;
  if (parsed === undefined) throw new CellProblem('notNumber', shown(cell));
  return parsed;
}

/** A calendar date (local midnight), from a Date, a serial number or ISO text. */
function readDay(cell: CellValue): Date {
  return startOfLocalDay(readMoment(cell));
}

/** A date with its time of day kept (entered at). */
function readMoment(cell: CellValue): Date {
  if (cell instanceof Date && !Number.isNaN(cell.getTime())) return new Date(cell.getTime());
  if (typeof cell === 'number') {
    // A bare number: a 1900-system serial, its fraction the time of day (a wall clock: no time zone).
    const moment = serialToLocalDate(cell, 1900);
    if (moment) return moment;
  }
  const parsed = typeof cell === 'string' ? parseIsoDate(cell) : undefined;
  if (!parsed) throw new CellProblem('notDate', shown(cell));
  return parsed;
}

/** A register repeats a handful of labels thousands of times: each distinct text is parsed once. */
function enumParser(field: EnumKey): (text: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (text) => {
    if (!seen.has(text)) seen.set(text, parseEnum(field, text));
    return seen.get(text);
  };
}

function readEnum(field: EnumKey, lang: Lang): Reader {
  const parse = enumParser(field);
  return (cell) => {
    const value = parse(readText(cell));
    if (value === undefined) {
      const values = REGISTER_FIELDS.find((f) => f.key === field)?.values ?? [];
      throw new CellProblem(
        'unknownWord',
        shown(cell),
        values.map((v) => enumLabel(field, v, lang)).join(', '),
      );
    }
    return value;
  };
}

function kpiReader(key: InputKey, lang: Lang): Reader {
  const field = REGISTER_FIELDS.find((f) => f.key === key);
  if (key === 'id' || key === 'parent_id' || key === 'volume_id') return readId;
  switch (field?.kind) {
    case 'enum':
      return readEnum(key as EnumKey, lang);
    case 'number':
    case 'percent-or-number':
      return readNumber;
    case 'date':
      return readDay;
    default:
      return readText;
  }
}

function describe(problem: MessageKey, lang: Lang, params: Record<string, string | number>): string {
  return format(MESSAGES[lang][problem], params);
}

/** Reads one row into a record of fields; cell problems are collected as messages. */
function readRow<K extends string>(
  row: readonly CellValue[],
  columns: Partial<Record<K, number>>,
  readerOf: (key: K) => Reader,
  headerOf: (key: K) => string,
  lang: Lang,
  messages: string[],
  failed: Set<string>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, index] of Object.entries(columns) as [K, number][]) {
    const cell = row[index];
    if (isBlankCell(cell)) continue;
    try {
      record[key] = readerOf(key)(cell as CellValue);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      failed.add(key);
      messages.push(
        describe(error.key, lang, { field: headerOf(key), value: error.value, choices: error.choices ?? '' }),
      );
    }
  }
  return record;
}

/** Zod's complaints in the workbook's language, one per field. */
function schemaMessages(
  issues: readonly { path: PropertyKey[]; code: string }[],
  headerOf: (key: string) => string,
  lang: Lang,
  record: Record<string, unknown>,
  failed: ReadonlySet<string>,
): string[] {
  const seen = new Set<string>(failed);
  const out: string[] = [];
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    const kind: MessageKey =
      record[key] === undefined ? 'required' : issue.code === 'too_small' ? 'negative' : 'invalid';
    out.push(describe(kind, lang, { field: headerOf(key) }));
  }
  return out;
}

function readKpis(found: Found, lang: Lang, problems: ReadProblem[]): Kpi[] {
  const columns = registerColumns(found.header);
  const headerOf = (key: string) => header(key as InputKey, lang);
  // One reader per column (enumerated ones remember what they parsed).
  const readers = new Map((Object.keys(columns) as InputKey[]).map((key) => [key, kpiReader(key, lang)]));
  const readerOf = (key: InputKey) => readers.get(key) as Reader;
  const kpis: Kpi[] = [];
  const firstRowOf = new Map<string, number>();
  const firstOfFolded = new Map<string, { id: string; row: number }>();
  found.sheet.values.forEach((row, index) => {
    if (index <= found.headerIndex) return;
    if (Object.values(columns).every((col) => isBlankCell(row[col as number]))) return;
    const sheetRow = index + 1;
    const messages: string[] = [];
    const failed = new Set<string>();
    const record = readRow(row, columns, readerOf, headerOf, lang, messages, failed);
    const parsed = kpiSchema.safeParse(record);
    if (!parsed.success)
      messages.push(...schemaMessages(parsed.error.issues, headerOf, lang, record, failed));
    if (parsed.success && messages.length === 0) {
      const earlier = firstRowOf.get(parsed.data.id);
      if (earlier !== undefined)
        messages.push(describe('duplicate', lang, { value: parsed.data.id, row: earlier }));
      else {
        firstRowOf.set(parsed.data.id, sheetRow);
        kpis.push(parsed.data);
        // Kept, but reported: the cascade sheets' MATCH would show one of the two KPIs for both.
        const folded = parsed.data.id.toLowerCase();
        const other = firstOfFolded.get(folded);
        if (!other) firstOfFolded.set(folded, { id: parsed.data.id, row: sheetRow });
        else {
          const message = describe('caseOnly', lang, {
            value: parsed.data.id,
            other: other.id,
            row: other.row,
          });
          problems.push({ sheet: found.sheet.name, row: sheetRow, message });
        }
        return;
      }
    }
    problems.push({ sheet: found.sheet.name, row: sheetRow, message: dedupe(messages).join(' ') });
  });
  return kpis;
}

function readCheckIns(found: Found, lang: Lang, problems: ReadProblem[]): CheckIn[] {
  const columns: Partial<Record<CheckInKey, number>> = {};
  found.header.forEach((cell, index) => {
    const key = typeof cell === 'string' ? matchCheckInHeader(cell) : undefined;
    if (key && columns[key] === undefined) columns[key] = index;
  });
  const readerOf = (key: CheckInKey): Reader => {
    const field = CHECKIN_FIELDS.find((f) => f.key === key);
    if (key === 'kpi_id') return readId;
    if (key === 'entered_at') return readMoment;
    if (field?.kind === 'date') return readDay;
    if (field?.kind === 'percent-or-number') return readNumber;
    return readText;
  };
  const headerOf = (key: string) => CHECKIN_HEADERS[lang][key as CheckInKey];
  const checkIns: CheckIn[] = [];
  found.sheet.values.forEach((row, index) => {
    if (index <= found.headerIndex) return;
    if (Object.values(columns).every((col) => isBlankCell(row[col as number]))) return;
    const messages: string[] = [];
    const failed = new Set<string>();
    const record = readRow(row, columns, readerOf, headerOf, lang, messages, failed);
    const parsed = checkInSchema.safeParse(record);
    if (!parsed.success)
      messages.push(...schemaMessages(parsed.error.issues, headerOf, lang, record, failed));
    if (parsed.success && messages.length === 0) checkIns.push(parsed.data);
    else problems.push({ sheet: found.sheet.name, row: index + 1, message: dedupe(messages).join(' ') });
  });
  return checkIns;
}

const dedupe = (messages: readonly string[]) => [...new Set(messages)];
