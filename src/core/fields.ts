import type { Catalog, Lang } from './i18n';
import {
  CADENCES,
  FORMS,
  FRAMEWORKS,
  KPI_TYPES,
  LEVELS,
  POLARITIES,
  ROLES,
  TIMINGS,
  type Cadence,
  type CheckIn,
  type Form,
  type Framework,
  type Kpi,
  type KpiType,
  type Level,
  type Polarity,
  type Role,
  type Timing,
} from './model';
import { CADENCE, FRAMEWORK, POLARITY, type Vocabulary } from './words';

/**
 * The register's column catalogue: which columns the Register and Check-ins sheets have, in order, with
 * bilingual headers, widths and dropdown labels. Keys are canonical and never change; only headers and
 * labels follow the workbook's language. Header recognition for adopting a workbook is in `headers.ts`.
 */

export type InputKey = keyof Kpi;
export type ComputedKey = 'score' | 'status' | 'smart' | 'next_review';
export type FieldKey = InputKey | ComputedKey;
export type EnumKey = 'level' | 'type' | 'timing' | 'form' | 'polarity' | 'role' | 'framework' | 'cadence';

/**
 * `percent-or-number`: a number shown as a percentage when the KPI's unit is `%` (18% is stored as 0.18,
 * as in the worksheet functions). `computed`: a worksheet formula; `output` says what it returns.
 */
export type FieldKind = 'text' | 'number' | 'percent-or-number' | 'date' | 'enum' | 'computed';

export interface FieldDef {
  readonly key: FieldKey;
  readonly kind: FieldKind;
  /** Column width in characters. */
  readonly width: number;
  /** The register cannot hold a KPI without it (mirrors `kpiSchema`). */
  readonly required?: boolean;
  /** For `enum` fields: the canonical values, in dropdown order. */
  readonly values?: readonly string[];
  /** For `computed` fields: what the formula returns (decides the number format). */
  readonly output?: 'score' | 'status' | 'text' | 'date';
  /**
   * `flag`: the column gets its own fill per value so that leading and lagging KPIs are told apart at a
   * glance. The timing column is that flag; a separate computed flag column would only repeat it.
   */
  readonly format?: 'flag';
  /** For free-text fields with usual values (department): a non-strict dropdown. */
  readonly suggestions?: readonly string[];
}

const enumField = (key: EnumKey, values: readonly string[], width: number, format?: 'flag'): FieldDef => ({
  key,
  kind: 'enum',
  width,
  required: true,
  values,
  ...(format ? { format } : {}),
});

/** The usual departments (the guide's examples); users may type their own. */
export const DEPARTMENTS = [
  'sales',
  'marketing',
  'customer service',
  'operations/logistics',
  'finance',
  'HR',
  'procurement',
  'manufacturing',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/**
 * Register columns in order: who and what first, then the cascade, the kind of KPI, the numbers with
 * their computed score and status beside them, then time and review.
 */
export const REGISTER_FIELDS: readonly FieldDef[] = [
  { key: 'id', kind: 'text', width: 10, required: true },
  { key: 'name', kind: 'text', width: 36, required: true },
  { key: 'description', kind: 'text', width: 40 },
  { key: 'owner', kind: 'text', width: 16, required: true },
  enumField('level', LEVELS, 18),
  { key: 'department', kind: 'text', width: 22, suggestions: DEPARTMENTS },
  { key: 'parent_id', kind: 'text', width: 12 },
  { key: 'weight', kind: 'percent-or-number', width: 9 },
  enumField('type', KPI_TYPES, 18),
  enumField('timing', TIMINGS, 14, 'flag'),
  enumField('form', FORMS, 14),
  enumField('role', ROLES, 16),
  enumField('framework', FRAMEWORKS, 20),
  enumField('polarity', POLARITIES, 18),
  { key: 'unit', kind: 'text', width: 10 },
  { key: 'baseline', kind: 'percent-or-number', width: 11 },
  { key: 'target', kind: 'percent-or-number', width: 11 },
  { key: 'actual', kind: 'percent-or-number', width: 11 },
  { key: 'score', kind: 'computed', width: 10, output: 'score' },
  { key: 'status', kind: 'computed', width: 10, output: 'status' },
  { key: 'smart', kind: 'computed', width: 34, output: 'text' },
  { key: 'start', kind: 'date', width: 12 },
  { key: 'deadline', kind: 'date', width: 12 },
  enumField('cadence', CADENCES, 18),
  { key: 'last_review', kind: 'date', width: 12 },
  { key: 'next_review', kind: 'computed', width: 12, output: 'date' },
  { key: 'volume_id', kind: 'text', width: 12 },
];

export const FIELD_KEYS: readonly FieldKey[] = REGISTER_FIELDS.map((field) => field.key);
export const INPUT_KEYS = REGISTER_FIELDS.filter((f) => f.kind !== 'computed').map((f) => f.key as InputKey);

export function fieldDef(key: FieldKey): FieldDef {
  const def = REGISTER_FIELDS.find((field) => field.key === key);
  if (!def) throw new Error(`Unknown register field ${key}`);
  return def;
}

export const FIELD_HEADERS: Catalog<FieldKey> = {
  en: {
    id: 'ID',
    name: 'KPI',
    description: 'Description',
    owner: 'Owner',
    level: 'Level',
    department: 'Department',
    parent_id: 'Parent ID',
    weight: 'Weight',
    type: 'Type',
    timing: 'Leading/lagging',
    form: 'Form',
    role: 'Role',
    framework: 'Framework',
    polarity: 'Direction',
    unit: 'Unit',
    baseline: 'Baseline',
    target: 'Target',
    actual: 'Actual',
    score: 'Score',
    status: 'Status',
    smart: 'SMART',
    start: 'Start',
    deadline: 'Deadline',
    cadence: 'Review cadence',
    last_review: 'Last review',
    next_review: 'Next review',
    volume_id: 'Volume KPI ID',
  },
  'zh-HK': {
    id: '編號',
    name: '指標名稱',
    description: '描述',
    owner: '負責人',
    level: '層級',
    department: '部門',
    parent_id: '上級指標編號',
    weight: '權重',
    type: '類型',
    timing: '領先/落後',
    form: '形式',
    role: '角色',
    framework: '框架',
    polarity: '方向',
    unit: '單位',
    baseline: '基準',
    target: '目標',
    actual: '實際',
    score: '達成率',
    status: '狀態',
    smart: 'SMART 檢查',
    start: '開始日期',
    deadline: '截止日期',
    cadence: '檢討頻率',
    last_review: '上次檢討',
    next_review: '下次檢討',
    volume_id: '數量指標編號',
  },
};

/** One line per field for header notes and data-validation prompts. */
export const FIELD_HELP: Catalog<FieldKey> = {
  en: {
    id: 'Stable id, generated; never a row number.',
    name: 'What is measured, for whom or where.',
    description: 'Definition: how it is calculated and from which data.',
    owner: 'The person responsible.',
    level: 'Company, department, team or individual.',
    department: 'Sales, marketing, customer service, … or your own.',
    parent_id: 'ID of the KPI or objective this one aligns to (blank only at company level).',
    weight: "Share of the parent's roll-up; siblings add up to 100%.",
    type: 'Strategic, operational or functional.',
    timing: 'Leading (drives the result) or lagging (the result).',
    form: 'Count, ratio, average or change.',
    role: 'Core (counts towards focus) or monitor (watched, not chased).',
    framework: 'KPI aims at 100%; OKR counts 60–70% as a good result.',
    polarity: 'Higher, lower or closer to target is better.',
    unit: '%, HKD, customers, s, …',
    baseline: 'Where it started (the level before this target).',
    target: 'The number to reach.',
    actual: 'Latest reported value (from Check-ins); blank until reported.',
    score: '1 means the target is met.',
    status: 'GREEN, AMBER or RED by the framework.',
    smart: 'SMART criteria met, with the reasons for any that fail.',
    start: 'When the target period starts.',
    deadline: 'When the target must be met.',
    cadence: 'How often the KPI is reviewed.',
    last_review: 'Date of the last review.',
    next_review: 'Last review plus the cadence.',
    volume_id: 'For a ratio KPI: the ID of the count KPI it is a ratio of.',
  },
  'zh-HK': {
    id: '系統產生的固定編號,並非行號。',
    name: '衡量甚麼、針對誰或在哪裡。',
    description: '定義:如何計算、用哪些數據。',
    owner: '負責的同事。',
    level: '公司、部門、團隊或個人。',
    department: '銷售、行銷、客服……或自訂部門。',
    parent_id: '此指標對齊的上級指標或目標的編號(只有公司層級可留空)。',
    weight: '在上級指標匯總中所佔比重;同級合計 100%。',
    type: '戰略性、營運性或功能性。',
    timing: '領先指標(驅動成果)或落後指標(成果本身)。',
    form: '數量型、比率型、平均型或變化型。',
    role: '核心指標(計入焦點)或監控指標(只作監察)。',
    framework: 'KPI 以 100% 為目標;OKR 達成 60–70% 已屬理想。',
    polarity: '越高越好、越低越好或越接近目標越好。',
    unit: '%、港元、客戶數、秒……',
    baseline: '起點(訂立目標前的水平)。',
    target: '要達到的數字。',
    actual: '最新匯報的數值(來自進度記錄);未匯報時留空。',
    score: '1 代表達標。',
    status: '按框架顯示 GREEN、AMBER 或 RED。',
    smart: '符合多少項 SMART 準則,及未符合的原因。',
    start: '目標期開始日期。',
    deadline: '必須達標的日期。',
    cadence: '多久檢討一次。',
    last_review: '上次檢討日期。',
    next_review: '上次檢討日期加檢討頻率。',
    volume_id: '比率型指標:其所屬數量型指標的編號。',
  },
};

export type CheckInKey = keyof CheckIn;
export interface CheckInFieldDef {
  readonly key: CheckInKey;
  readonly kind: 'text' | 'percent-or-number' | 'date';
  readonly width: number;
  readonly required?: boolean;
}

export const CHECKIN_FIELDS: readonly CheckInFieldDef[] = [
  { key: 'kpi_id', kind: 'text', width: 10, required: true },
  { key: 'period_end', kind: 'date', width: 12, required: true },
  { key: 'actual', kind: 'percent-or-number', width: 12, required: true },
  { key: 'note', kind: 'text', width: 40 },
  { key: 'entered_by', kind: 'text', width: 16 },
  { key: 'entered_at', kind: 'date', width: 18 },
];

export const CHECKIN_HEADERS: Catalog<CheckInKey> = {
  en: {
    kpi_id: 'KPI ID',
    period_end: 'Period end',
    actual: 'Actual',
    note: 'Note',
    entered_by: 'Entered by',
    entered_at: 'Entered at',
  },
  'zh-HK': {
    kpi_id: '指標編號',
    period_end: '期末日期',
    actual: '實際',
    note: '備註',
    entered_by: '輸入人',
    entered_at: '輸入時間',
  },
};

export type SheetKey = 'register' | 'checkins' | 'company' | 'dashboard' | 'individuals' | 'lists';

/** Sheet names (Excel allows at most 31 characters and none of `:\/?*[]`). `lists` holds dropdown lists, hidden. */
export const SHEET_NAMES: Catalog<SheetKey> = {
  en: {
    register: 'Register',
    checkins: 'Check-ins',
    company: 'Company',
    dashboard: 'Dashboard',
    individuals: 'Individuals',
    lists: 'Lists',
  },
  'zh-HK': {
    register: 'KPI 登記冊',
    checkins: '進度記錄',
    company: '公司',
    dashboard: '儀表板',
    individuals: '個人',
    lists: '清單',
  },
};

export function header(key: FieldKey, lang: Lang): string {
  return FIELD_HEADERS[lang][key];
}

export function sheetName(key: SheetKey, lang: Lang): string {
  return SHEET_NAMES[lang][key];
}

/** Which of our sheets a name is, in either language (a register may have been built in the other one). */
export function matchSheetName(name: string): SheetKey | undefined {
  const wanted = normaliseLabel(name);
  for (const lang of ['en', 'zh-HK'] as const) {
    for (const key of Object.keys(SHEET_NAMES[lang]) as SheetKey[]) {
      if (normaliseLabel(SHEET_NAMES[lang][key]) === wanted) return key;
    }
  }
  return undefined;
}

// --- enumerated values ----------------------------------------------------------------------------

type EnumLabelKey =
  | `level.${(typeof LEVELS)[number]}`
  | `type.${(typeof KPI_TYPES)[number]}`
  | `timing.${(typeof TIMINGS)[number]}`
  | `form.${(typeof FORMS)[number]}`
  | `polarity.${(typeof POLARITIES)[number]}`
  | `role.${(typeof ROLES)[number]}`
  | `framework.${(typeof FRAMEWORKS)[number]}`
  | `cadence.${(typeof CADENCES)[number]}`
  | `department.${Department}`;

/**
 * Display labels. The English label of polarity, framework and cadence is the canonical key and the
 * Chinese one a word from `words.ts`, so that the worksheet functions read the cells these dropdowns fill.
 */
export const ENUM_LABELS: Catalog<EnumLabelKey> = {
  en: {
    'level.company': 'company',
    'level.department': 'department',
    'level.team': 'team',
    'level.individual': 'individual',
    'type.strategic': 'strategic',
    'type.operational': 'operational',
    'type.functional': 'functional',
    'timing.leading': 'leading',
    'timing.lagging': 'lagging',
    'form.count': 'count',
    'form.ratio': 'ratio',
    'form.average': 'average',
    'form.change': 'change',
    'polarity.higher': 'higher',
    'polarity.lower': 'lower',
    'polarity.closer': 'closer',
    'role.core': 'core',
    'role.monitor': 'monitor',
    'framework.KPI': 'KPI',
    'framework.OKR': 'OKR',
    'cadence.weekly': 'weekly',
    'cadence.biweekly': 'biweekly',
    'cadence.monthly': 'monthly',
    'cadence.quarterly': 'quarterly',
    'cadence.semiannual': 'semiannual',
    'cadence.annual': 'annual',
    'department.sales': 'sales',
    'department.marketing': 'marketing',
    'department.customer service': 'customer service',
    'department.operations/logistics': 'operations/logistics',
    'department.finance': 'finance',
    'department.HR': 'HR',
    'department.procurement': 'procurement',
    'department.manufacturing': 'manufacturing',
  },
  'zh-HK': {
    'level.company': '公司',
    'level.department': '部門',
    'level.team': '團隊',
    'level.individual': '個人',
    'type.strategic': '戰略性',
    'type.operational': '營運性',
    'type.functional': '功能性',
    'timing.leading': '領先指標',
    'timing.lagging': '落後指標',
    'form.count': '數量型',
    'form.ratio': '比率型',
    'form.average': '平均型',
    'form.change': '變化型',
    'polarity.higher': '越高越好',
    'polarity.lower': '越低越好',
    'polarity.closer': '越接近越好',
    'role.core': '核心指標',
    'role.monitor': '監控指標',
    'framework.KPI': '關鍵績效指標',
    'framework.OKR': '目標與關鍵結果',
    'cadence.weekly': '每週',
    'cadence.biweekly': '每兩週',
    'cadence.monthly': '每月',
    'cadence.quarterly': '每季',
    'cadence.semiannual': '每半年',
    'cadence.annual': '每年',
    'department.sales': '銷售',
    'department.marketing': '行銷',
    'department.customer service': '客服',
    'department.operations/logistics': '營運/物流',
    'department.finance': '財務',
    'department.HR': '人資',
    'department.procurement': '採購',
    'department.manufacturing': '生產製造',
  },
};

/** Separates the two halves of a bilingual label; `words.ts` splits on it too. */
export const LABEL_SEPARATOR = ' · ';

export type LabelField = EnumKey | 'department';

/** The canonical value type of each labelled field. */
export interface EnumValueOf {
  level: Level;
  type: KpiType;
  timing: Timing;
  form: Form;
  polarity: Polarity;
  role: Role;
  framework: Framework;
  cadence: Cadence;
  department: Department;
}

const ENUM_VALUES: Readonly<Record<LabelField, readonly string[]>> = {
  level: LEVELS,
  type: KPI_TYPES,
  timing: TIMINGS,
  form: FORMS,
  polarity: POLARITIES,
  role: ROLES,
  framework: FRAMEWORKS,
  cadence: CADENCES,
  department: DEPARTMENTS,
};

/** Extra words people write in these columns (adopted workbooks use their own). */
const EXTRA_WORDS: Readonly<Record<LabelField, Vocabulary<string>>> = {
  level: {
    company: ['corporate', 'company-wide', 'organisation', 'organization', '公司級', '企業'],
    department: ['dept', 'division', '部門級'],
    team: ['group', '團隊級', '小組', '組別'],
    individual: ['personal', 'employee', 'staff', 'person', '個人級', '員工'],
  },
  type: {
    strategic: ['strategy', '戰略', '策略', '策略性', '策略型', '戰略型'],
    operational: ['operations', 'operating', '營運', '營運型', '運營'],
    functional: ['function', 'departmental', '功能', '功能型', '部門功能性'],
  },
  timing: {
    leading: ['lead', 'leading indicator', '領先', '先行指標'],
    lagging: ['lag', 'lagging indicator', '落後', '滯後指標'],
  },
  form: {
    count: ['number', 'quantity', 'volume', 'total', '數量', '計數'],
    ratio: ['rate', 'percentage', 'proportion', '比率', '比例', '百分比'],
    average: ['mean', 'avg', '平均', '平均值'],
    change: ['growth', 'rate of change', 'delta', '變化', '增長率', '成長率'],
  },
  polarity: POLARITY,
  role: {
    core: ['primary', 'key', '核心'],
    monitor: ['monitoring', 'watch', 'secondary', '監控', '監察', '監察指標'],
  },
  framework: FRAMEWORK,
  cadence: CADENCE,
  department: {
    sales: ['sales department', 'business development', '銷售部', '業務', '營業'],
    marketing: ['marketing department', '市場推廣', '市場部', '行銷部'],
    'customer service': ['cs', 'customer support', 'support', '客戶服務', '客服部'],
    'operations/logistics': ['operations', 'logistics', 'ops', '營運', '物流', '營運部', '物流部'],
    finance: ['accounting', 'accounts', '財務部', '會計'],
    HR: ['human resources', 'people', '人力資源', '人事', '人事部'],
    procurement: ['purchasing', 'sourcing', '採購部'],
    manufacturing: ['production', 'factory', '生產', '製造', '生產部'],
  },
};

function labelKey(field: LabelField, value: string): EnumLabelKey {
  return `${field}.${value}` as EnumLabelKey;
}

export function enumValues(field: LabelField): readonly string[] {
  return ENUM_VALUES[field];
}

/**
 * The label of an enumerated value: `en`, `zh-HK`, or `both`, the bilingual dropdown label
 * (`higher · 越高越好`). Dropdowns always use `both`, English first, whatever the workbook's language, so a
 * register reads in either language and switching language never invalidates a cell.
 */
export function enumLabel(field: LabelField, value: string, lang: Lang | 'both'): string {
  const key = labelKey(field, value);
  if (!(key in ENUM_LABELS.en)) throw new Error(`Unknown ${field} value ${value}`);
  if (lang !== 'both') return ENUM_LABELS[lang][key];
  return `${ENUM_LABELS.en[key]}${LABEL_SEPARATOR}${ENUM_LABELS['zh-HK'][key]}`;
}

/** The dropdown list of an enumerated field (bilingual labels, in the field's order). */
export function dropdownValues(field: LabelField): string[] {
  return ENUM_VALUES[field].map((value) => enumLabel(field, value, 'both'));
}

/** Full-width forms to ASCII, lower case, single spaces: how people's spellings are compared. */
export function normaliseLabel(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

function wordsOf(field: LabelField, value: string): string[] {
  const key = labelKey(field, value);
  return [value, ENUM_LABELS.en[key], ENUM_LABELS['zh-HK'][key], ...(EXTRA_WORDS[field][value] ?? [])];
}

/** Every word of a field, normalised, to its value: built once per field (registers repeat few words). */
const wordIndexes = new Map<LabelField, Map<string, string>>();

function wordIndex(field: LabelField): Map<string, string> {
  let index = wordIndexes.get(field);
  if (!index) {
    index = new Map();
    for (const value of ENUM_VALUES[field]) {
      for (const word of wordsOf(field, value)) {
        const key = normaliseLabel(word);
        if (!index.has(key)) index.set(key, value);
      }
    }
    wordIndexes.set(field, index);
  }
  return index;
}

function lookupSingle(field: LabelField, text: string): string | undefined {
  const wanted = normaliseLabel(text);
  return wanted === '' ? undefined : wordIndex(field).get(wanted);
}

/**
 * Reads an enumerated cell back to its canonical value: the key, either label, the bilingual label in
 * either order, or a known alias, case-insensitive. Returns `undefined` for blank or unknown text.
 */
export function parseEnum<F extends LabelField>(field: F, text: string): EnumValueOf[F] | undefined {
  let cache = parsedCache.get(field);
  if (!cache) parsedCache.set(field, (cache = new Map()));
  if (cache.has(text)) return cache.get(text) as EnumValueOf[F] | undefined;
  const found =
    lookupSingle(field, text) ??
    // A bilingual label (`higher · 越高越好`), or one typed as `higher / 越高越好` or `越高越好 (higher)`.
    lookupParts(field, text, /[·・|]/) ??
    lookupParts(field, text, /[·・|/()]/);
  // A register holds a handful of distinct labels in thousands of cells; keep the cache bounded anyway.
  if (cache.size > 10_000) cache.clear();
  cache.set(text, found);
  return found as EnumValueOf[F] | undefined;
}

const parsedCache = new Map<LabelField, Map<string, string | undefined>>();

/** The value every part of the text names, when there are several parts and they all agree. */
function lookupParts(field: LabelField, text: string, separators: RegExp): string | undefined {
  const parts = normaliseLabel(text)
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length < 2) return undefined;
  const keys = new Set(parts.map((part) => lookupSingle(field, part)));
  const [only] = keys;
  return keys.size === 1 ? only : undefined;
}

/**
 * The key two department cells are grouped by: a known department whatever its spelling, otherwise
 * the trimmed, case-folded text. Blank gives `undefined`.
 */
export function departmentKey(text: string | undefined): string | undefined {
  if (text === undefined || normaliseLabel(text) === '') return undefined;
  return parseEnum('department', text) ?? normaliseLabel(text);
}

export {
  findKpiSheet,
  mapColumns,
  matchCheckInHeader,
  matchHeader,
  normaliseHeader,
  type ColumnMapping,
  type KpiSheetMatch,
} from './headers';
