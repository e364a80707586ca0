import path from 'path';
import ExcelJS from 'exceljs';
import {
  CHECKIN_FIELDS,
  CHECKIN_HEADERS,
  DEPARTMENTS,
  FIELD_HEADERS,
  FIELD_KEYS,
  INPUT_KEYS,
  LABEL_SEPARATOR,
  REGISTER_FIELDS,
  SHEET_NAMES,
  departmentKey,
  dropdownValues,
  enumLabel,
  enumValues,
  fieldDef,
  findKpiSheet,
  mapColumns,
  matchCheckInHeader,
  matchHeader,
  matchSheetName,
  parseEnum,
  type LabelField,
} from '../../src/core/fields';
import { LANGS } from '../../src/core/i18n';
import { kpiSchema } from '../../src/core/model';
import { CADENCE, FRAMEWORK, POLARITY, lookupWord, type Vocabulary } from '../../src/core/words';

const LABEL_FIELDS: LabelField[] = [
  'level',
  'type',
  'timing',
  'form',
  'polarity',
  'role',
  'framework',
  'cadence',
  'department',
];

describe('register column catalogue', () => {
  it('has every input field of a KPI exactly once, plus the computed columns', () => {
    expect([...INPUT_KEYS].sort()).toEqual(Object.keys(kpiSchema.shape).sort());
    expect(new Set(FIELD_KEYS).size).toBe(FIELD_KEYS.length);
    expect(REGISTER_FIELDS.filter((f) => f.kind === 'computed').map((f) => f.key)).toEqual([
      'score',
      'status',
      'smart',
      'next_review',
    ]);
  });

  it('marks as required exactly the fields the model requires', () => {
    const required = Object.entries(kpiSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([key]) => key)
      .sort();
    expect(
      REGISTER_FIELDS.filter((f) => f.required)
        .map((f) => f.key)
        .sort(),
    ).toEqual(required);
  });

  it('lists the model enum values for each enum field', () => {
    for (const field of REGISTER_FIELDS.filter((f) => f.kind === 'enum')) {
      const schema = kpiSchema.shape[field.key as keyof typeof kpiSchema.shape];
      for (const value of field.values ?? []) expect(schema.safeParse(value).success).toBe(true);
      expect(schema.safeParse('nonsense').success).toBe(false);
    }
  });

  it('gives the timing column its own flag format so leading and lagging are told apart', () => {
    expect(fieldDef('timing').format).toBe('flag');
  });

  it('uses the headers a Hong Kong finance team expects in both languages', () => {
    expect(FIELD_HEADERS.en.name).toBe('KPI');
    expect(FIELD_HEADERS['zh-HK'].name).toBe('指標名稱');
    expect(FIELD_HEADERS['zh-HK'].owner).toBe('負責人');
    expect(FIELD_HEADERS['zh-HK'].target).toBe('目標');
    expect(FIELD_HEADERS['zh-HK'].actual).toBe('實際');
    for (const lang of LANGS) {
      const headers = FIELD_KEYS.map((key) => FIELD_HEADERS[lang][key].toLowerCase());
      expect(new Set(headers).size).toBe(headers.length);
    }
  });

  it('has a positive width for every column', () => {
    for (const field of [...REGISTER_FIELDS, ...CHECKIN_FIELDS]) expect(field.width).toBeGreaterThan(0);
  });

  it('names the Check-ins columns and sheets in both languages, within Excel limits', () => {
    expect(CHECKIN_FIELDS.map((f) => f.key)).toEqual([
      'kpi_id',
      'period_end',
      'actual',
      'note',
      'entered_by',
      'entered_at',
    ]);
    expect(CHECKIN_HEADERS['zh-HK'].actual).toBe('實際');
    expect(SHEET_NAMES.en.register).toBe('Register');
    expect(SHEET_NAMES['zh-HK'].register).toBe('KPI 登記冊');
    for (const lang of LANGS) {
      for (const name of Object.values(SHEET_NAMES[lang])) {
        expect(name.length).toBeLessThanOrEqual(31);
        expect(name).not.toMatch(/[:\\/?*[\]]/);
      }
    }
  });

  it('recognises our sheet names in either language', () => {
    expect(matchSheetName('Check-ins')).toBe('checkins');
    expect(matchSheetName('進度記錄')).toBe('checkins');
    expect(matchSheetName(' kpi 登記冊 ')).toBe('register');
    expect(matchSheetName('Sheet1')).toBeUndefined();
  });
});

describe('enumerated values', () => {
  it('labels values in each language and in both', () => {
    expect(enumLabel('polarity', 'higher', 'en')).toBe('higher');
    expect(enumLabel('polarity', 'higher', 'zh-HK')).toBe('越高越好');
    expect(enumLabel('polarity', 'higher', 'both')).toBe('higher · 越高越好');
    expect(enumLabel('role', 'monitor', 'zh-HK')).toBe('監控指標');
    expect(() => enumLabel('polarity', 'sideways', 'en')).toThrow();
  });

  it('offers bilingual dropdowns that are unique and free of commas (Excel list validation splits on them)', () => {
    for (const field of LABEL_FIELDS) {
      const values = dropdownValues(field);
      expect(values).toHaveLength(enumValues(field).length);
      expect(new Set(values).size).toBe(values.length);
      for (const label of values) {
        expect(label).toContain(LABEL_SEPARATOR);
        expect(label).not.toMatch(/[,,]/);
      }
    }
  });

  it('parses every key, label and bilingual label back to the key', () => {
    for (const field of LABEL_FIELDS) {
      for (const value of enumValues(field)) {
        const spellings = [
          value,
          enumLabel(field, value, 'en'),
          enumLabel(field, value, 'zh-HK'),
          enumLabel(field, value, 'both'),
          enumLabel(field, value, 'both').toUpperCase(),
          `${enumLabel(field, value, 'zh-HK')} · ${enumLabel(field, value, 'en')}`,
          `  ${enumLabel(field, value, 'en')} / ${enumLabel(field, value, 'zh-HK')} `,
          `${enumLabel(field, value, 'zh-HK')} (${enumLabel(field, value, 'en')})`,
        ];
        for (const text of spellings)
          expect([field, text, parseEnum(field, text)]).toEqual([field, text, value]);
      }
    }
  });

  it('accepts the worksheet-function words for polarity, framework and cadence', () => {
    for (const [field, vocabulary] of [
      ['polarity', POLARITY],
      ['framework', FRAMEWORK],
      ['cadence', CADENCE],
    ] as const) {
      for (const [key, words] of Object.entries(vocabulary)) {
        for (const word of words) expect(parseEnum(field, word)).toBe(key);
      }
    }
    expect(parseEnum('polarity', 'Down')).toBe('lower');
    expect(parseEnum('cadence', 'Fortnightly')).toBe('biweekly');
    expect(parseEnum('cadence', '每周')).toBe('weekly');
  });

  it('reads full-width and aliased spellings from adopted workbooks', () => {
    expect(parseEnum('framework', 'OKR')).toBe('OKR');
    expect(parseEnum('timing', 'Lag')).toBe('lagging');
    expect(parseEnum('type', '策略性')).toBe('strategic');
    expect(parseEnum('form', 'Percentage')).toBe('ratio');
  });

  it('lets the worksheet functions reject a contradictory bilingual label', () => {
    expect(lookupWord(POLARITY, 'higher · 越低越好')).toBeUndefined();
    expect(lookupWord(POLARITY, 'higher · nonsense')).toBeUndefined();
  });

  it('rejects blank, unknown and self-contradicting text', () => {
    expect(parseEnum('polarity', '')).toBeUndefined();
    expect(parseEnum('polarity', 'sideways')).toBeUndefined();
    expect(parseEnum('polarity', 'higher · 越低越好')).toBeUndefined();
    expect(parseEnum('level', 'higher')).toBeUndefined();
  });

  it('gives the worksheet functions dropdown cells they can read (formulas reference these cells)', () => {
    const vocabularies: [LabelField, Vocabulary<string>][] = [
      ['polarity', POLARITY],
      ['framework', FRAMEWORK],
      ['cadence', CADENCE],
    ];
    for (const [field, vocabulary] of vocabularies) {
      for (const value of enumValues(field)) {
        expect(lookupWord(vocabulary, enumLabel(field, value, 'en'))).toBe(value);
        expect(lookupWord(vocabulary, enumLabel(field, value, 'zh-HK'))).toBe(value);
        expect(lookupWord(vocabulary, enumLabel(field, value, 'both'))).toBe(value);
      }
    }
  });

  it('groups departments by meaning, not spelling', () => {
    expect(departmentKey('Sales')).toBe('sales');
    expect(departmentKey('sales · 銷售')).toBe('sales');
    expect(departmentKey('銷售')).toBe('sales');
    expect(departmentKey('Human Resources')).toBe('HR');
    expect(departmentKey(' Treasury ')).toBe('treasury');
    expect(departmentKey('  ')).toBeUndefined();
    expect(DEPARTMENTS).toContain('operations/logistics');
    expect(departmentKey('operations/logistics · 營運/物流')).toBe('operations/logistics');
  });
});

describe('header recognition', () => {
  it.each([
    ['KPI', 'name'],
    ['KPI name', 'name'],
    ['Indicator', 'name'],
    ['Metric', 'name'],
    ['指標', 'name'],
    ['指標名稱', 'name'],
    ['關鍵績效指標', 'name'],
    ['KPI 名稱', 'name'],
    ['Target', 'target'],
    ['Goal', 'target'],
    ['目標', 'target'],
    ['目標值', 'target'],
    ['Target (HK$)', 'target'],
    ['ＴＡＲＧＥＴ（％）', 'target'],
    ['FY2026 Target', 'target'],
    ['2026年目標', 'target'],
    ['Budget', 'target'],
    ['Owner', 'owner'],
    ['Responsible', 'owner'],
    ['Person in charge', 'owner'],
    ['負責人', 'owner'],
    ['Actual', 'actual'],
    ['Current', 'actual'],
    ['YTD actual', 'actual'],
    ['Actual (%)', 'actual'],
    ['實際', 'actual'],
    ['實際值', 'actual'],
    ['累計實際', 'actual'],
    ['Baseline', 'baseline'],
    ['基準', 'baseline'],
    ['Unit', 'unit'],
    ['單位', 'unit'],
    ['Department', 'department'],
    ['Dept.', 'department'],
    ['部門', 'department'],
    ['Deadline', 'deadline'],
    ['Due date', 'deadline'],
    ['Target date', 'deadline'],
    ['截止日期', 'deadline'],
    ['Weight', 'weight'],
    ['Weight (%)', 'weight'],
    ['權重', 'weight'],
    ['Parent', 'parent_id'],
    ['Aligned to', 'parent_id'],
    ['上級指標', 'parent_id'],
    ['Frequency', 'cadence'],
    ['Review frequency', 'cadence'],
    ['檢討頻率', 'cadence'],
    ['Direction', 'polarity'],
    ['Polarity', 'polarity'],
    ['方向', 'polarity'],
    ['Leading / Lagging', 'timing'],
    ['KPI ID', 'id'],
    ['Last reviewed', 'last_review'],
    ['  description\n', 'description'],
  ])('maps %j to %s', (text, key) => {
    expect(matchHeader(text)).toBe(key);
  });

  it('maps the register’s own headers back in both languages', () => {
    for (const lang of LANGS) {
      for (const key of INPUT_KEYS) expect(matchHeader(FIELD_HEADERS[lang][key])).toBe(key);
    }
    expect(matchCheckInHeader('Period end')).toBe('period_end');
    expect(matchCheckInHeader('輸入人')).toBe('entered_by');
    expect(matchCheckInHeader('Whatever')).toBeUndefined();
  });

  it('leaves computed and unknown columns unmapped rather than guessing', () => {
    for (const text of ['Status', 'Score', 'Achievement %x', 'Comments', '備註', '', '2026', 'No.']) {
      expect([text, matchHeader(text)]).toEqual([text, undefined]);
    }
  });

  it('maps a header row: leftmost wins, repeats and unknown columns are kept as unmapped', () => {
    const result = mapColumns(['KPI', 'Owner', 'Target', 'Actual', 'Comments', 'Current', null, 42]);
    expect(result.mapping).toEqual({ name: 0, owner: 1, target: 2, actual: 3 });
    expect(result.unmapped).toEqual([4, 5, 7]);
    expect(result.score).toBeGreaterThan(0);
  });

  it('scores a row without a name column, or with a name column only, as no KPI list', () => {
    expect(mapColumns(['Owner', 'Target', 'Actual']).score).toBe(0);
    expect(mapColumns(['KPI', 'Description']).score).toBe(0);
    expect(mapColumns(['指標', '負責人']).score).toBeGreaterThan(0);
  });
});

describe('finding the KPI sheet', () => {
  const notes = { name: 'Notes', rows: [['Quarterly review notes'], ['Target', 'was', 'missed']] };
  const budget = {
    name: 'Budget',
    rows: [
      ['Line', 'Budget', 'Actual'],
      ['Rent', 100, 90],
    ],
  };
  const kpis = {
    name: '2026 KPI',
    rows: [
      ['ABC Ltd — KPI list 2026'],
      [],
      ['編號', '指標', '負責人', '目標 (HK$)', '實際', '備註'],
      ['K1', '每月新增客戶數', '陳大文', 120, 95, ''],
      ['K2', '首輪解決率', '李小明', 0.8, 0.82, 'ok'],
      ['', '', '', '', '', ''],
    ],
  };

  it('picks the sheet and header row that list KPIs, below a title', () => {
    const found = findKpiSheet([notes, budget, kpis]);
    expect(found).toMatchObject({ sheet: '2026 KPI', headerIndex: 2, dataRows: 2 });
    expect(found?.mapping).toEqual({ id: 0, name: 1, owner: 2, target: 3, actual: 4 });
    expect(found?.unmapped).toEqual([5]);
  });

  it('prefers the richer header, then the longer list', () => {
    const short = {
      name: 'A',
      rows: [
        ['KPI', 'Target'],
        ['Sales', 1],
      ],
    };
    const long = {
      name: 'B',
      rows: [
        ['KPI', 'Target'],
        ['Sales', 1],
        ['Margin', 2],
      ],
    };
    expect(findKpiSheet([short, long])?.sheet).toBe('B');
    const rich = {
      name: 'C',
      rows: [
        ['KPI', 'Target', 'Owner'],
        ['Sales', 1, 'Amy'],
      ],
    };
    expect(findKpiSheet([long, rich])?.sheet).toBe('C');
  });

  it('looks for the header only in the first ten rows', () => {
    const rows: (string | number | null)[][] = Array.from({ length: 10 }, () => [null]);
    rows.push(['KPI', 'Target'], ['Sales', 1]);
    expect(findKpiSheet([{ name: 'Deep', rows }])).toBeUndefined();
  });

  it('returns undefined when no sheet looks like a KPI list', () => {
    expect(findKpiSheet([notes, budget])).toBeUndefined();
    expect(findKpiSheet([])).toBeUndefined();
    expect(findKpiSheet([{ name: 'Empty', rows: [] }])).toBeUndefined();
  });
});

describe('finding the KPI sheet in the finance fixtures', () => {
  async function readRows(file: string) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(__dirname, '../fixtures', file));
    return workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      rows: sheet
        .getSheetValues()
        .map((row) =>
          Array.isArray(row)
            ? row.slice(1).map((cell) => (typeof cell === 'object' && !(cell instanceof Date) ? null : cell))
            : [],
        ),
    }));
  }

  it.each([
    ['finance-kpis-en.xlsx', 'KPIs FY2026'],
    ['finance-kpis-zh-HK.xlsx', '關鍵績效指標'],
  ])('finds the KPI list in %s and maps its columns', async (file, sheet) => {
    const found = findKpiSheet(await readRows(file));
    expect(found?.sheet).toBe(sheet);
    expect(found?.mapping).toEqual({
      name: 0,
      owner: 1,
      department: 2,
      baseline: 3,
      target: 4,
      actual: 5,
      unit: 6,
      deadline: 7,
    });
    expect(found?.dataRows).toBeGreaterThan(3);
  });
});
