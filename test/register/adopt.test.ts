import {
  adoptWorkbook,
  findCycle,
  isAdoptError,
  type AdoptOptions,
  type AdoptResult,
} from '../../src/register/adopt';
import type { CellValue, SheetData, Workbook } from '../../src/register/workbook';

/** Just the reads adoption uses: adoption must never write to the user's workbook. */
function sheetsOnly(
  sheets: { name: string; values: CellValue[][]; formulas?: (string | null)[][] }[],
): Workbook {
  const data: SheetData[] = sheets.map((sheet) => ({
    name: sheet.name,
    values: sheet.values,
    formulas: sheet.formulas ?? sheet.values.map((row) => row.map(() => null)),
  }));
  const refuse = () => {
    throw new Error('adoption wrote to the workbook');
  };
  return {
    sheets: async () =>
      data.map((sheet) => ({
        name: sheet.name,
        rows: sheet.values.length,
        cols: Math.max(0, ...sheet.values.map((row) => row.length)),
      })),
    readSheet: async (name) => data.find((sheet) => sheet.name === name),
    readSheets: async (names) => names.map((name) => data.find((sheet) => sheet.name === name)),
    tables: async () => [],
    addSheet: refuse,
    write: refuse,
    append: refuse,
    setNumberFormat: refuse,
    setStyle: refuse,
    setColumnWidths: refuse,
    freeze: refuse,
    addTable: refuse,
    setValidationList: refuse,
    addConditionalFormat: refuse,
    groupRows: refuse,
    flush: async () => undefined,
  };
}

const TODAY = new Date(2026, 4, 15);
let counter = 0;
const options = {
  lang: 'en' as const,
  today: TODAY,
  newId: () => `KPI-TEST${String(++counter).padStart(4, '0')}`,
};

async function adopt(values: CellValue[][], extra: Partial<AdoptOptions> = {}) {
  return adoptWorkbook(sheetsOnly([{ name: 'KPIs', values }]), { ...options, ...extra });
}

async function adoptError(values: CellValue[][]): Promise<string> {
  try {
    await adopt(values);
  } catch (error) {
    if (isAdoptError(error)) return `${error.code}: ${error.text('en')}`;
    throw error;
  }
  throw new Error('adopted without an error');
}

function defaultsOf(result: AdoptResult, field: string): string[] {
  return result.defaults
    .filter((entry) => entry.field === field)
    .map((entry) => `${entry.text} ${entry.rows}`);
}

describe('adopting an ordinary KPI list', () => {
  it('finds the header row under a title, maps the columns and keeps the rest', async () => {
    const result = await adopt([
      ['Sales KPIs 2026', null, null, null, null],
      [null, null, null, null, null],
      ['KPI', 'Owner', 'Target', 'Actual (YTD)', 'Comments'],
      ['New customers per month', 'Chan Wing Yan', 120, 96, 'from the CRM'],
      ['Average order value', 'Chan Wing Yan', 950, 905, null],
    ]);
    expect(result.sheet).toBe('KPIs');
    expect(result.headerRow).toBe(3);
    expect(result.columns.map((column) => [column.col, column.header, column.field])).toEqual([
      [1, 'KPI', 'name'],
      [2, 'Owner', 'owner'],
      [3, 'Target', 'target'],
      [4, 'Actual (YTD)', 'actual'],
      [5, 'Comments', undefined],
    ]);
    expect(result.rows).toEqual([4, 5]);
    expect(result.kpis.map((kpi) => [kpi.name, kpi.owner, kpi.target, kpi.actual])).toEqual([
      ['New customers per month', 'Chan Wing Yan', 120, 96],
      ['Average order value', 'Chan Wing Yan', 950, 905],
    ]);
    expect(result.extraColumns).toEqual([{ header: 'Comments', values: ['from the CRM', null] }]);
    expect(result.problems).toEqual([]);
    // The sheet's actuals start the check-in history.
    expect(result.checkIns.map((checkIn) => [checkIn.kpi_id, checkIn.actual, checkIn.period_end])).toEqual([
      [result.kpis[0].id, 96, TODAY],
      [result.kpis[1].id, 905, TODAY],
    ]);
  });

  it('reports every default it fills in, with the rows it applies to', async () => {
    const result = await adopt([
      ['KPI', 'Owner', 'Dept', 'Baseline', 'Target', 'Unit'],
      ['Average handling time', null, null, 360, 300, 's'],
      ['Gross margin', 'Ng Hoi Yan', 'Finance', 0.38, 0.41, '%'],
      ['Reduce receivable days', 'Ng Hoi Yan', 'Finance', null, 50, 'days'],
    ]);
    expect(result.kpis.map((kpi) => kpi.id)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^KPI-TEST/)]),
    );
    expect(defaultsOf(result, 'id')).toEqual(['KPI-… (generated) 2,3,4']);
    expect(defaultsOf(result, 'owner')).toEqual(['(unassigned) (no owner given) 2']);
    expect(defaultsOf(result, 'level')).toEqual([
      'company (no parent and no department) 2',
      'department (has a department) 3,4',
    ]);
    expect(result.kpis.map((kpi) => [kpi.level, kpi.type, kpi.cadence])).toEqual([
      ['company', 'strategic', 'quarterly'],
      ['department', 'functional', 'monthly'],
      ['department', 'functional', 'monthly'],
    ]);
    expect(result.kpis.map((kpi) => kpi.polarity)).toEqual(['lower', 'higher', 'lower']);
    expect(defaultsOf(result, 'polarity')).toEqual([
      'lower (target below baseline) 2',
      'higher (target above baseline) 3',
      'lower (from the word "Reduce") 4',
    ]);
    expect(result.kpis.map((kpi) => kpi.form)).toEqual(['average', 'ratio', 'average']);
    for (const field of ['timing', 'role', 'framework', 'type', 'cadence']) {
      expect(defaultsOf(result, field).flatMap((line) => line.split(' ').at(-1)?.split(','))).toHaveLength(3);
    }
  });

  it('carries a department merged down its block, and reports it', async () => {
    const result = await adopt([
      ['KPI', 'Dept', 'Target'],
      ['Gross margin', 'Finance', 0.41],
      ['Receivable days', null, 50],
      ['Cash conversion cycle', null, 60],
      ['Supplier on-time delivery', 'Procurement', 0.95],
      [null, null, null],
      ['Revenue growth', null, 0.12],
    ]);
    expect(result.kpis.map((kpi) => kpi.department)).toEqual([
      'Finance',
      'Finance',
      'Finance',
      'Procurement',
      undefined,
    ]);
    expect(defaultsOf(result, 'department')).toEqual([
      'Finance (blank: as the row above, as in merged cells) 3,4',
    ]);
  });

  it('infers the form and direction from units and words', async () => {
    const result = await adopt([
      ['KPI', 'Target', 'Unit'],
      ['Cash conversion cycle', 60, 'days'],
      ['Budget variance of operating expenses', 0.02, '%'],
      ['Revenue growth (year on year)', 0.12, '%'],
      ['Orders shipped', 10500, 'orders'],
      ['減少客戶投訴宗數', 80, '宗'],
    ]);
    expect(result.kpis.map((kpi) => [kpi.form, kpi.polarity])).toEqual([
      ['average', 'higher'],
      ['ratio', 'closer'],
      ['change', 'higher'],
      ['count', 'higher'],
      ['count', 'lower'],
    ]);
  });

  it('prefers the numbers over the words for the direction', async () => {
    // A cost *reduction rate* rising from 0% to 4% is higher-is-better.
    const result = await adopt([
      ['KPI', 'Baseline', 'Target'],
      ['Procurement cost reduction rate', 0, 0.04],
    ]);
    expect(result.kpis[0].polarity).toBe('higher');
  });

  it('reads finance spellings of numbers and dates', async () => {
    const result = await adopt([
      ['KPI', 'Target', 'Actual', 'Unit', 'Deadline'],
      ['Cost savings', '4%', '2.5%', null, '31/12/2026'],
      ['Order value', 'HK$1,200', '1,150 港元', 'HKD', '2026年6月30日'],
      ['Conversion', 18, 15, '%', '2026-09-30'],
      ['Margin', 0.4, '-', '%', new Date(Date.UTC(2026, 11, 31))],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.kpis.map((kpi) => [kpi.target, kpi.actual, kpi.unit, kpi.deadline])).toEqual([
      [0.04, 0.025, '%', new Date(2026, 11, 31)],
      [1200, 1150, 'HKD', new Date(2026, 5, 30)],
      [0.18, 0.15, '%', new Date(2026, 8, 30)],
      [0.4, undefined, '%', new Date(2026, 11, 31)],
    ]);
    expect(defaultsOf(result, 'unit')).toEqual(['% (the numbers are written with %) 2']);
    expect(defaultsOf(result, 'target')).toEqual(['÷ 100 (read as percentage points) 4']);
  });

  it('adopts rows with unreadable cells, leaving those cells blank and reporting them by row', async () => {
    const result = await adopt(
      [
        ['指標名稱', '負責人', '目標', '實際', '截止日期', '類型'],
        ['每月新增客戶數', '陳詠欣', 120, 96, '2026-12-31', null],
        ['招聘到職天數', '李美玲', '待定', null, null, null],
        [null, '李美玲', 0.9, 0.8, null, null],
        ['員工離職率', '李美玲', 0.12, 0.15, '下年', null],
        ['首次解決率', '張兆倫', 0.78, 0.74, null, '重要'],
        [null, null, null, null, null, null],
        ['總計', null, { formula: 'x' } as unknown as CellValue, null, null, null],
      ],
      { lang: 'zh-HK' },
    );
    expect(result.sheetLang).toBe('zh-HK');
    expect(result.kpis.map((kpi) => kpi.name)).toEqual([
      '每月新增客戶數',
      '招聘到職天數',
      '員工離職率',
      '首次解決率',
    ]);
    expect(result.kpis.map((kpi) => [kpi.target, kpi.deadline, kpi.type])).toEqual([
      [120, new Date(2026, 11, 31), 'strategic'],
      [undefined, undefined, 'strategic'],
      [0.12, undefined, 'strategic'],
      [0.78, undefined, 'strategic'],
    ]);
    expect(result.problems.map((problem) => [problem.row, problem.code, problem.reason])).toEqual([
      [4, 'noName', '沒有指標名稱'],
      [8, 'totals', '這是合計行，不是 KPI'],
    ]);
    expect(result.blanks.map((problem) => [problem.row, problem.code, problem.reason])).toEqual([
      [3, 'notNumber', '目標「待定」不是數字：留空'],
      [5, 'notDate', '截止日期「下年」不是日期：留空'],
      [6, 'unknownWord', '類型「重要」不是以下之一：戰略性、營運性、功能性；當作留空'],
    ]);
  });

  it('tells a totals row from a KPI whose name starts with "Total"', async () => {
    const values: CellValue[][] = [
      ['KPI', 'Owner', 'Target'],
      ['Total revenue of Hong Kong shops', 'Wong Ka Ming', 5e7],
      ['Total', null, 5e7],
      ['Sub-total of targets', null, 5e7],
    ];
    const formulas = values.map((row) => row.map(() => null as string | null));
    formulas[3][2] = 'SUM(C2:C3)';
    const result = await adoptWorkbook(sheetsOnly([{ name: 'KPIs', values, formulas }]), options);
    expect(result.kpis.map((kpi) => kpi.name)).toEqual(['Total revenue of Hong Kong shops']);
    expect(result.problems.map((problem) => [problem.row, problem.code])).toEqual([
      [3, 'totals'],
      [4, 'totals'],
    ]);
  });

  it('keeps the sheet’s ids, links parents given by id or by name, and infers the level', async () => {
    const result = await adopt([
      ['ID', 'KPI', 'Parent', 'Dept', 'Owner'],
      ['C1', 'Revenue growth', null, null, 'Wong Ka Ming'],
      ['S1', 'New customers', 'C1', 'Sales', 'Chan Wing Yan'],
      [null, 'Visits by Ho Ka Lok', 'New customers', null, 'Ho Ka Lok'],
    ]);
    const [company, sales, visits] = result.kpis;
    expect([company.id, sales.id]).toEqual(['C1', 'S1']);
    expect(sales.parent_id).toBe('C1');
    expect(visits.parent_id).toBe('S1');
    // Sales is carried down (as merged cells are), and the level follows the cascade.
    expect(result.kpis.map((kpi) => [kpi.level, kpi.department])).toEqual([
      ['company', undefined],
      ['department', 'Sales'],
      ['team', 'Sales'],
    ]);
    expect(defaultsOf(result, 'level')).toEqual([
      'company (no parent and no department) 2',
      'department (one level below its parent) 3',
      'team (one level below its parent) 4',
    ]);
    expect(defaultsOf(result, 'parent_id')).toHaveLength(1);
  });

  it('refuses duplicate ids, a missing parent and a cascade cycle', async () => {
    expect(
      await adoptError([
        ['ID', 'KPI', 'Target'],
        ['A', 'One', 1],
        ['A', 'Two', 2],
      ]),
    ).toBe('duplicateIds: Duplicate KPI id "A" on rows 2, 3: each KPI needs its own id.');
    expect(
      await adoptError([
        ['ID', 'KPI', 'Parent', 'Target'],
        ['A', 'One', 'Z', 1],
      ]),
    ).toBe('missingParent: Row 2: parent "Z" is not the id or name of any KPI in the sheet.');
    expect(
      await adoptError([
        ['ID', 'KPI', 'Parent', 'Target'],
        ['A', 'One', 'C', 1],
        ['B', 'Two', 'A', 1],
        ['C', 'Three', 'B', 1],
      ]),
    ).toMatch(/^cycle: .*\(A → C → B → A\)/);
  });

  it('refuses a workbook with no KPI list, no data, no such sheet or no readable rows', async () => {
    const budget = [
      ['Line item', 'Q1', 'Q2'],
      ['Rent', 1, 2],
    ];
    await expect(adopt(budget)).rejects.toMatchObject({ code: 'noKpiSheet' });
    await expect(adoptWorkbook(sheetsOnly([{ name: 'Empty', values: [] }]), options)).rejects.toMatchObject({
      code: 'emptyWorkbook',
    });
    await expect(adopt([['KPI', 'Target']], { sheet: 'Nope' })).rejects.toMatchObject({
      code: 'sheetNotFound',
    });
    await expect(
      adopt([
        ['KPI', 'Target'],
        [null, 1],
      ]),
    ).rejects.toMatchObject({ code: 'noKpis' });
    await expect(
      adoptWorkbook(
        sheetsOnly([
          { name: 'My list', values: [['ID', 'KPI', 'Target', 'Score', 'Status', 'SMART', 'Next review']] },
        ]),
        options,
      ),
    ).rejects.toMatchObject({ code: 'alreadyRegister', params: { sheet: 'My list' } });
  });

  it('adopts the named sheet when told which one', async () => {
    const list = [
      ['KPI', 'Target'],
      ['Sales', 1],
    ];
    const workbook = sheetsOnly([
      { name: 'Big', values: [['KPI', 'Owner', 'Target', 'Actual'], ...Array(5).fill(['x', 'y', 1, 1])] },
      { name: 'Small list', values: list },
    ]);
    expect((await adoptWorkbook(workbook, options)).sheet).toBe('Big');
    expect((await adoptWorkbook(workbook, { ...options, sheet: 'small LIST' })).sheet).toBe('Small list');
  });
});

describe('adopting odd workbooks (issue 9)', () => {
  it('keeps every named KPI: TBC, N/A, -, 待定, —, n.a. leave their field blank, each reported', async () => {
    const result = await adopt([
      ['KPI', 'Owner', 'Baseline', 'Target', 'Actual', 'Deadline'],
      ['Revenue', 'Ann', 50, 100, 'TBC', '2026-12-31'],
      ['Cost', 'Bob', 'N/A', 100, '-', 'TBC'],
      ['NPS', 'Cy', '待定', 'n.a.', '—', '2026-12-31'],
      [null, 'Cy', 1, 2, 3, null],
    ]);
    expect(result.kpis.map((kpi) => [kpi.name, kpi.baseline, kpi.target, kpi.actual])).toEqual([
      ['Revenue', 50, 100, undefined],
      ['Cost', undefined, 100, undefined],
      ['NPS', undefined, undefined, undefined],
    ]);
    expect(result.kpis[1].deadline).toBeUndefined();
    expect(result.checkIns).toEqual([]);
    expect(result.blanks.map((blank) => `row ${blank.row}: ${blank.reason}`)).toEqual([
      'row 2: Actual "TBC" is not a number: left blank',
      'row 3: Baseline "N/A" is not a number: left blank',
      'row 3: Actual "-" is not a number: left blank',
      'row 3: Deadline "TBC" is not a date: left blank',
      'row 4: Baseline "待定" is not a number: left blank',
      'row 4: Target "n.a." is not a number: left blank',
      'row 4: Actual "—" is not a number: left blank',
    ]);
    // Only the row without a name is not adopted.
    expect(result.problems.map((problem) => [problem.row, problem.code])).toEqual([[5, 'noName']]);
  });

  it('says which cells are formulas the file holds no result for, in both languages', async () => {
    const values: CellValue[][] = [
      ['KPI', 'Owner', 'Target', 'Actual'],
      ['Revenue', 'Ann', null, 80],
      [null, 'Bob', 1, 2],
    ];
    const formulas = values.map((row) => row.map(() => null as string | null));
    formulas[1][2] = '=B9*2';
    formulas[2][0] = '=UPPER(B3)';
    const workbook = sheetsOnly([{ name: 'KPIs', values, formulas }]);
    const en = await adoptWorkbook(workbook, options);
    expect(en.kpis.map((kpi) => [kpi.name, kpi.target, kpi.actual])).toEqual([['Revenue', undefined, 80]]);
    expect(en.blanks.map((blank) => `row ${blank.row}: ${blank.reason}`)).toEqual([
      'row 2: Target is a formula with no saved result (the file was saved without calculating): left blank — open and save it in Excel first',
    ]);
    expect(en.problems.map((problem) => [problem.row, problem.code, problem.field])).toEqual([
      [3, 'noNameResult', 'name'],
    ]);
    expect(en.problems[0].reason).toBe(
      'KPI is a formula with no saved result (the file was saved without calculating) — open and save it in Excel first',
    );
    const zh = await adoptWorkbook(workbook, { ...options, lang: 'zh-HK' });
    expect(zh.blanks[0].reason).toBe(
      '目標是沒有已儲存結果的公式（檔案儲存時未經計算）：留空 — 請先用 Excel 開啟並儲存',
    );
  });

  it('takes a formula without a value for "" in a calculated file: only a file with no results is reported', async () => {
    const values: CellValue[][] = [
      ['KPI', 'Owner', 'Target', 'Actual'],
      ['Revenue', 'Ann', null, 80],
      ['Cost', 'Bob', 12, 2],
    ];
    const formulas = values.map((row) => row.map(() => null as string | null));
    formulas[1][2] = '=IF(D2>100,D2,"")';
    formulas[2][2] = '=6*2';
    const result = await adoptWorkbook(sheetsOnly([{ name: 'KPIs', values, formulas }]), options);
    expect(result.kpis.map((kpi) => [kpi.name, kpi.target])).toEqual([
      ['Revenue', undefined],
      ['Cost', 12],
    ]);
    expect(result.blanks).toEqual([]);
  });

  it('gives each kind of finding one summary text, whatever the value', async () => {
    const result = await adopt([
      ['No.', 'KPI', 'Owner', 'Actual'],
      [1, 'Revenue', 'Ann', 'TBC'],
      [2, 'Cost', 'Bob', '待定'],
      ...Array.from({ length: 50 }, (_, i): CellValue[] => [3 + i, null, null, null]),
    ]);
    expect(new Set(result.blanks.map((blank) => blank.summary))).toEqual(
      new Set(['Actual is not a number: left blank']),
    );
    expect(result.problems).toHaveLength(50);
    expect(new Set(result.problems.map((problem) => problem.summary))).toEqual(new Set(['no KPI name']));
  });

  it('adopts a KPI list whose sheet is called Register, and refuses a built register by its columns', async () => {
    const list = [
      ['KPI', 'Owner', 'Target'],
      ['Revenue', 'Ann', 100],
    ];
    const result = await adoptWorkbook(sheetsOnly([{ name: 'Register', values: list }]), options);
    expect(result.sheet).toBe('Register');
    expect(result.kpis.map((kpi) => kpi.name)).toEqual(['Revenue']);
    const built = ['編號', '指標名稱', '目標', '達成率', '狀態', 'SMART 檢查', '下次檢討'];
    await expect(
      adoptWorkbook(sheetsOnly([{ name: 'Notes', values: [['x'], built] }]), options),
    ).rejects.toMatchObject({ code: 'alreadyRegister', params: { sheet: 'Notes' } });
  });

  it('refuses ids that differ only in case, which spreadsheet lookups cannot tell apart', async () => {
    const error = await adoptError([
      ['ID', 'KPI', 'Owner'],
      ['abc', 'Revenue', 'Ann'],
      ['A*', 'Cost', 'Bob'],
      ['ABC', 'Margin', 'Cy'],
    ]);
    expect(error).toBe(
      'caseIds: KPI ids "abc" and "ABC" differ only in case: spreadsheet lookups cannot tell them apart, so give one of them another id.',
    );
    try {
      await adopt(
        [
          ['ID', 'KPI', 'Owner'],
          ['kpi-1', 'Revenue', 'Ann'],
          ['KPI-1', 'Cost', 'Bob'],
        ],
        { lang: 'zh-HK' },
      );
      throw new Error('not refused');
    } catch (caught) {
      expect(isAdoptError(caught) && caught.text('zh-HK')).toBe(
        'KPI 編號「kpi-1」與「KPI-1」只有大小寫不同：試算表查找無法分辨，請把其中一個改用另一編號。',
      );
    }
  });
});

describe('finding a cycle in the cascade', () => {
  it('finds a self-reference and a longer loop, and nothing in a tree', () => {
    expect(findCycle([{ id: 'A', parent_id: 'A' }])).toEqual(['A', 'A']);
    expect(
      findCycle([
        { id: 'R', parent_id: undefined },
        { id: 'A', parent_id: 'R' },
        { id: 'B', parent_id: 'A' },
      ]),
    ).toBeUndefined();
    expect(
      findCycle([
        { id: 'X', parent_id: 'B' },
        { id: 'A', parent_id: 'B' },
        { id: 'B', parent_id: 'A' },
      ]),
    ).toEqual(['B', 'A', 'B']);
  });
});
