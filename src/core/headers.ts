import { CHECKIN_HEADERS, FIELD_HEADERS, normaliseLabel, type CheckInKey, type InputKey } from './fields';
import type { Scalar } from './values';

/**
 * Header recognition for adopting an ordinary workbook: finance teams title the same column many ways,
 * in English or Chinese, with units and periods attached ("Target (HK$)", "2026 年目標", "YTD actual").
 * Only input fields are recognised: a user's own "Status" or "Achievement %" column is kept as an
 * unmapped column rather than overwritten by a computed one.
 */

/** Spellings per field, beside the register's own headers in both languages (added below). */
const ALIASES: Readonly<Record<InputKey, readonly string[]>> = {
  id: ['id', 'kpi id', 'kpi code', 'code', 'ref', 'ref no', 'reference', '編號', '指標編號', '代號', '代碼'],
  name: [
    'kpi',
    'kpis',
    'kpi name',
    'kpi title',
    'name',
    'indicator',
    'indicator name',
    'metric',
    'metric name',
    'measure',
    'performance indicator',
    'key performance indicator',
    'key result',
    'key results',
    'kr',
    '指標',
    '指標名稱',
    '關鍵績效指標',
    '績效指標',
    '衡量指標',
    '關鍵結果',
    'kpi名稱',
    '名稱',
    '項目',
  ],
  description: [
    'description',
    'definition',
    'details',
    'formula',
    'calculation',
    '描述',
    '說明',
    '定義',
    '指標定義',
    '計算方法',
  ],
  owner: [
    'owner',
    'kpi owner',
    'responsible',
    'responsible person',
    'responsibility',
    'person in charge',
    'pic',
    'accountable',
    'assignee',
    'assigned to',
    '負責人',
    '負責',
    '責任人',
    '擁有者',
    '跟進人',
    '負責同事',
  ],
  level: ['level', 'tier', 'kpi level', '層級', '級別', '層面'],
  department: [
    'department',
    'dept',
    'division',
    'team',
    'function',
    'business unit',
    'bu',
    '部門',
    '組別',
    '團隊',
    '事業部',
  ],
  parent_id: [
    'parent',
    'parent kpi',
    'parent id',
    'aligned to',
    'aligns to',
    'supports',
    'objective',
    'parent objective',
    '上級指標',
    '上級目標',
    '對應目標',
    '所屬目標',
    '對齊目標',
  ],
  type: ['type', 'kpi type', 'category', '類型', '類別', '種類', '指標類型'],
  timing: [
    'leading lagging',
    'leading or lagging',
    'lead lag',
    'timing',
    'indicator type',
    '領先 落後',
    '領先或落後',
    '指標性質',
  ],
  form: ['form', 'calculation type', 'measure type', 'kpi form', '形式', '計算方式', '指標形式'],
  unit: ['unit', 'units', 'uom', 'unit of measure', '單位', '計量單位'],
  polarity: ['polarity', 'direction', 'better if', 'good direction', 'trend', '方向', '極性', '趨勢'],
  baseline: [
    'baseline',
    'base',
    'starting point',
    'last year',
    'ly',
    'prior year',
    '基準',
    '基準值',
    '基線',
    '去年',
    '起點',
  ],
  target: [
    'target',
    'targets',
    'goal',
    'target value',
    'plan',
    'budget',
    '目標',
    '目標值',
    '預算',
    '指標目標',
  ],
  actual: [
    'actual',
    'actuals',
    'current',
    'actual to date',
    'result',
    'results',
    'achieved',
    'achievement',
    '實際',
    '實際值',
    '實績',
    '現況',
    '實際數字',
    '實際達成',
    '結果',
  ],
  weight: ['weight', 'weighting', 'weightage', '權重', '比重'],
  role: ['role', 'core monitor', 'core or monitor', '角色', '核心 監控'],
  framework: ['framework', 'kpi okr', 'method', '框架'],
  start: ['start', 'start date', 'from', 'begin', 'period start', '開始', '開始日期', '起始日期'],
  deadline: [
    'deadline',
    'due',
    'due date',
    'end date',
    'target date',
    'by',
    'period end',
    '截止日期',
    '期限',
    '完成日期',
    '到期日',
    '截止',
  ],
  cadence: [
    'cadence',
    'frequency',
    'review frequency',
    'review cadence',
    'review cycle',
    'reporting frequency',
    '檢討頻率',
    '頻率',
    '檢視頻率',
    '覆核頻率',
    '匯報頻率',
  ],
  last_review: [
    'last review',
    'last reviewed',
    'reviewed on',
    'review date',
    'last review date',
    '上次檢討',
    '上次檢討日期',
    '最近檢討',
  ],
  volume_id: ['volume kpi', 'volume kpi id', 'volume', 'ratio of', '數量指標', '數量指標編號', '基數指標'],
};

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';

/**
 * Reduces a header to its core words: full-width to ASCII, lower case, bracketed notes and units dropped
 * ("(HK$)", "(%)", "[2026]"), punctuation to spaces, and no spaces next to Chinese characters.
 */
export function normaliseHeader(text: string): string {
  return normaliseLabel(text)
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, ' ')
    .replace(/hk\$|us\$|\$|%|‰|#|\*/g, ' ')
    .replace(/[_\-–—:;,.、/\\|'"?!’“”‘]/g, ' ')
    .replace(new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, 'g'), '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Periods and currencies that decorate a header without changing the field ("FY2026 target", "2026年目標"). */
const DECORATION = [
  /\b(ytd|mtd|qtd|fy|q[1-4]|h[1-4]|hkd|usd|rmb|cny|total|annual|monthly|kpi)\b/g,
  /\d{2,4}年(度)?|第?[一二三四1-4]季(度)?|年初至今|累計|全年|本年度|年度|本季|本月|港元|港幣/g,
  /\b(fy)?\d{2,4}\b|\d+/g,
];

function stripDecoration(normalised: string): string {
  return DECORATION.reduce((text, pattern) => text.replace(pattern, ' '), normalised)
    .replace(/\s+/g, ' ')
    .trim();
}

// Built on first use: fields.ts re-exports this module, so its catalogues may not exist yet at load time.
let lookup: ReadonlyMap<string, InputKey> | undefined;

function spellings(): ReadonlyMap<string, InputKey> {
  if (lookup) return lookup;
  const map = new Map<string, InputKey>();
  const add = (spelling: string, key: InputKey) => {
    const normalised = normaliseHeader(spelling);
    if (normalised !== '' && !map.has(normalised)) map.set(normalised, key);
  };
  // The register's own headers first, so a register built in either language maps back exactly.
  for (const lang of ['en', 'zh-HK'] as const) {
    for (const key of Object.keys(ALIASES) as InputKey[]) add(FIELD_HEADERS[lang][key], key);
  }
  for (const key of Object.keys(ALIASES) as InputKey[]) for (const alias of ALIASES[key]) add(alias, key);
  lookup = map;
  return map;
}

/** The input field a column header names, or `undefined` when it is not recognised. */
export function matchHeader(text: string): InputKey | undefined {
  const normalised = normaliseHeader(text);
  if (normalised === '') return undefined;
  const exact = spellings().get(normalised);
  if (exact) return exact;
  const stripped = stripDecoration(normalised);
  return stripped === '' ? undefined : spellings().get(stripped);
}

export interface ColumnMapping {
  /** Field → 0-based column index; a field appears at most once (the leftmost column wins). */
  mapping: Partial<Record<InputKey, number>>;
  /** 0-based indexes of non-blank header cells that map to no field (or repeat a mapped one): kept as they are. */
  unmapped: number[];
  /** How much the row looks like a KPI list header; 0 unless it has a name column and target, actual or owner. */
  score: number;
}

/** The columns that make a list a KPI list weigh more than the rest. */
const FIELD_WEIGHT: Partial<Record<InputKey, number>> = { name: 4, target: 3, actual: 3, owner: 2 };

export function mapColumns(headers: readonly Scalar[]): ColumnMapping {
  const mapping: Partial<Record<InputKey, number>> = {};
  const unmapped: number[] = [];
  headers.forEach((cell, index) => {
    if (cell === null || cell === undefined || String(cell).trim() === '') return;
    const key = typeof cell === 'string' ? matchHeader(cell) : undefined;
    if (key !== undefined && mapping[key] === undefined) mapping[key] = index;
    else unmapped.push(index);
  });
  const keys = Object.keys(mapping) as InputKey[];
  const isKpiList =
    mapping.name !== undefined &&
    (mapping.target !== undefined || mapping.actual !== undefined || mapping.owner !== undefined);
  const score = isKpiList ? keys.reduce((sum, key) => sum + (FIELD_WEIGHT[key] ?? 1), 0) : 0;
  return { mapping, unmapped, score };
}

export interface KpiSheetMatch extends ColumnMapping {
  sheet: string;
  /** 0-based index of the header row in the rows given (row `headerIndex + 1` in the sheet when rows start at row 1). */
  headerIndex: number;
  /** Rows below the header whose name cell is not blank. */
  dataRows: number;
}

/** Header rows are looked for among a sheet's first rows only (titles and notes often sit above them). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * Picks the sheet, and the header row within its first rows, that best looks like a KPI list: the
 * highest header score, then the most named rows, then the earliest sheet and row. `undefined` when no
 * sheet has a name-like column beside a target, actual or owner column.
 */
export function findKpiSheet(
  sheets: readonly { name: string; rows: readonly (readonly Scalar[])[] }[],
): KpiSheetMatch | undefined {
  let best: KpiSheetMatch | undefined;
  for (const sheet of sheets) {
    const last = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
    for (let headerIndex = 0; headerIndex < last; headerIndex++) {
      const columns = mapColumns(sheet.rows[headerIndex] ?? []);
      if (columns.score === 0) continue;
      const nameCol = columns.mapping.name as number;
      const dataRows = sheet.rows
        .slice(headerIndex + 1)
        .filter(
          (row) => row[nameCol] !== null && row[nameCol] !== undefined && String(row[nameCol]).trim() !== '',
        ).length;
      const candidate = { sheet: sheet.name, headerIndex, dataRows, ...columns };
      if (
        !best ||
        candidate.score > best.score ||
        (candidate.score === best.score && dataRows > best.dataRows)
      ) {
        best = candidate;
      }
    }
  }
  return best;
}

/** The Check-ins sheet's own headers, in either language, back to their keys (to read a register). */
export function matchCheckInHeader(text: string): CheckInKey | undefined {
  const wanted = normaliseHeader(text);
  for (const lang of ['en', 'zh-HK'] as const) {
    const headers = CHECKIN_HEADERS[lang];
    for (const key of Object.keys(headers) as CheckInKey[]) {
      if (normaliseHeader(headers[key]) === wanted) return key;
    }
  }
  return undefined;
}
