import fc from 'fast-check';
import { dateToSerial } from '../../src/core/dates';
import { CHECKIN_HEADERS, FIELD_HEADERS, REGISTER_FIELDS, type FieldKey } from '../../src/core/fields';
import { LANGS, type Lang } from '../../src/core/i18n';
import {
  CADENCES,
  FORMS,
  FRAMEWORKS,
  KPI_TYPES,
  LEVELS,
  POLARITIES,
  ROLES,
  TIMINGS,
  type CheckIn,
  type Kpi,
} from '../../src/core/model';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { buildRegister } from '../../src/register/build';
import { readRegister } from '../../src/register/read';
import { SAMPLE_CHECKINS, SAMPLE_KPIS, sampleAsRegistered } from '../helpers/register-sample';

const TODAY = new Date(2026, 3, 15);
const col = (key: FieldKey) => REGISTER_FIELDS.findIndex((field) => field.key === key) + 1;
const byId = <T extends { kpi_id: string; period_end: Date }>(a: T, b: T) =>
  a.kpi_id.localeCompare(b.kpi_id) || a.period_end.getTime() - b.period_end.getTime();

async function built(lang: Lang, portable = false) {
  const wb = new MemoryWorkbook();
  const report = await buildRegister(
    wb,
    { kpis: SAMPLE_KPIS.map((k) => ({ ...k })), checkIns: [...SAMPLE_CHECKINS] },
    { lang, today: TODAY, portable },
  );
  return { wb, report };
}

describe('readRegister', () => {
  it.each([
    ['en', false],
    ['zh-HK', false],
    ['en', true],
  ] as const)('round-trips the KPIs and check-ins exactly (%s, portable %s)', async (lang, portable) => {
    const { wb, report } = await built(lang, portable);
    const read = await readRegister(wb);
    expect(read.problems).toEqual([]);
    expect(read.lang).toBe(lang);
    expect(read.sheets).toEqual({ register: report.sheets.register, checkIns: report.sheets.checkIns });
    expect(read.kpis).toEqual(sampleAsRegistered());
    expect([...read.checkIns].sort(byId)).toEqual([...SAMPLE_CHECKINS].sort(byId));
  });

  it('round-trips any valid KPI (property)', async () => {
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && s === s.trim());
    const date = fc
      .date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true })
      .map((d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()));
    const number = fc
      .double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })
      .map((n) => (Object.is(n, -0) ? 0 : n));
    const kpi = fc.record(
      {
        id: text,
        name: text,
        description: text,
        owner: text,
        level: fc.constantFrom(...LEVELS),
        department: text,
        parent_id: text,
        type: fc.constantFrom(...KPI_TYPES),
        timing: fc.constantFrom(...TIMINGS),
        form: fc.constantFrom(...FORMS),
        unit: text,
        polarity: fc.constantFrom(...POLARITIES),
        baseline: number,
        target: number,
        actual: number,
        weight: fc.double({ min: 0, max: 10, noNaN: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
        role: fc.constantFrom(...ROLES),
        framework: fc.constantFrom(...FRAMEWORKS),
        start: date,
        deadline: date,
        cadence: fc.constantFrom(...CADENCES),
        last_review: date,
        volume_id: text,
      },
      {
        requiredKeys: [
          'id',
          'name',
          'owner',
          'level',
          'type',
          'timing',
          'form',
          'polarity',
          'role',
          'framework',
          'cadence',
        ],
      },
    );
    await fc.assert(
      fc.asyncProperty(
        // Ids that differ only in case are reported (issue 9), so the valid registers have none.
        fc.uniqueArray(kpi, { selector: (k) => k.id.toLowerCase(), minLength: 1, maxLength: 6 }),
        fc.constantFrom(...LANGS),
        async (kpis, lang) => {
          const wb = new MemoryWorkbook();
          await buildRegister(wb, { kpis: kpis as Kpi[], checkIns: [] }, { lang, today: TODAY });
          const read = await readRegister(wb);
          expect(read.problems).toEqual([]);
          expect(read.kpis).toEqual(kpis);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports unreadable rows by row number with the reason, and reads the rest', async () => {
    const { wb } = await built('en');
    // Row 3 is the second KPI, row 5 the fourth, and so on.
    wb.write('Register', 3, col('target'), [['lots']]);
    wb.write('Register', 4, col('level'), [['galaxy']]);
    wb.write('Register', 5, col('owner'), [[null]]);
    wb.write('Register', 6, col('deadline'), [['next spring']]);
    wb.write('Register', 7, col('id'), [[SAMPLE_KPIS[0].id]]);
    wb.write('Register', 8, col('weight'), [[-1]]);
    wb.write('Check-ins', 2, 3, [['n/a']]);
    const read = await readRegister(wb);
    expect(read.problems).toEqual([
      { sheet: 'Register', row: 3, message: 'Target must be a number, not "lots".' },
      {
        sheet: 'Register',
        row: 4,
        message: 'Level "galaxy" is not one of: company, department, team, individual.',
      },
      { sheet: 'Register', row: 5, message: 'Owner is missing.' },
      { sheet: 'Register', row: 6, message: 'Deadline must be a date, not "next spring".' },
      { sheet: 'Register', row: 7, message: `ID ${SAMPLE_KPIS[0].id} is already used in row 2.` },
      { sheet: 'Register', row: 8, message: 'Weight must not be negative.' },
      { sheet: 'Check-ins', row: 2, message: 'Actual must be a number, not "n/a".' },
    ]);
    expect(read.kpis.map((k) => k.id)).toEqual(SAMPLE_KPIS.filter((_, i) => i < 1 || i > 6).map((k) => k.id));
    expect(read.checkIns).toHaveLength(SAMPLE_CHECKINS.length - 1);
  });

  it('reports problems in Chinese for a zh-HK register', async () => {
    const { wb, report } = await built('zh-HK');
    wb.write(report.sheets.register, 3, col('target'), [['很多']]);
    const read = await readRegister(wb);
    expect(read.problems).toEqual([
      { sheet: report.sheets.register, row: 3, message: '目標必須是數字,而不是「很多」。' },
    ]);
  });

  it('reports ids that differ only in case, in both languages (issue 9)', async () => {
    for (const lang of LANGS) {
      const { wb, report } = await built(lang);
      wb.write(report.sheets.register, 3, col('id'), [[SAMPLE_KPIS[0].id.toLowerCase()]]);
      const read = await readRegister(wb);
      const text =
        lang === 'en'
          ? `ID ${SAMPLE_KPIS[0].id.toLowerCase()} differs from ID ${SAMPLE_KPIS[0].id} in row 2 only in case: spreadsheet lookups cannot tell them apart, so give one of them another ID.`
          : `編號 ${SAMPLE_KPIS[0].id.toLowerCase()} 與第 2 行的編號 ${SAMPLE_KPIS[0].id} 只有大小寫不同：試算表查找無法分辨，請把其中一個改用另一編號。`;
      expect(read.problems).toEqual([{ sheet: report.sheets.register, row: 3, message: text }]);
      expect(read.kpis).toHaveLength(SAMPLE_KPIS.length);
    }
  });

  it('takes a built register before a KPI list called Register (issue 9)', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [
      ['KPI', 'Owner', 'Target'],
      ['My own list', 'Ann', 5],
    ]);
    const report = await buildRegister(
      wb,
      { kpis: SAMPLE_KPIS.map((k) => ({ ...k })), checkIns: [...SAMPLE_CHECKINS] },
      { lang: 'en', today: TODAY },
    );
    expect(report.sheets.register).toBe('Register (2)');
    const read = await readRegister(wb);
    expect(read.sheets.register).toBe('Register (2)');
    expect(read.built).toBe(true);
    expect(read.kpis).toEqual(sampleAsRegistered());

    const list = new MemoryWorkbook();
    list.addSheet('Register');
    list.write('Register', 1, 1, [
      ['KPI', 'Owner', 'Target'],
      ['My own list', 'Ann', 5],
    ]);
    expect((await readRegister(list)).built).toBeUndefined();
  });

  it('finds the register by its headers, whatever the sheet is called and wherever the columns are', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Notes');
    wb.write('Notes', 1, 1, [['Anything'], ['here']]);
    wb.addSheet('我的指標');
    const keys: FieldKey[] = [
      'owner',
      'name',
      'id',
      'level',
      'type',
      'timing',
      'form',
      'polarity',
      'role',
      'framework',
      'cadence',
      'target',
      'actual',
      'last_review',
    ];
    wb.write('我的指標', 1, 1, [['2026 年 KPI']]);
    wb.write('我的指標', 2, 1, [
      keys.map((key) => FIELD_HEADERS['zh-HK'][key]),
      [
        '陳詠欣',
        '網上轉換率',
        'K1',
        '部門',
        '營運性',
        '領先指標',
        '比率型',
        '越高越好',
        '核心指標',
        'KPI',
        '每月',
        '18%',
        0.15,
        dateToSerial(new Date(2026, 2, 31)),
      ],
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      [
        '陳詠欣',
        '新客戶',
        'K2',
        'department · 部門',
        'operational',
        'leading',
        'count',
        'up',
        'core',
        'okr',
        'monthly',
        '1,200',
        null,
        '2026-03-31',
      ],
    ]);
    wb.addSheet('History log');
    const checkInKeys = ['kpi_id', 'period_end', 'actual'] as const;
    wb.write('History log', 1, 1, [
      checkInKeys.map((key) => CHECKIN_HEADERS.en[key]),
      ['K1', dateToSerial(new Date(2026, 2, 31)) + 0.5, 0.15],
    ]);
    const read = await readRegister(wb);
    expect(read.problems).toEqual([]);
    expect(read.lang).toBe('zh-HK');
    expect(read.sheets).toEqual({ register: '我的指標', checkIns: 'History log' });
    expect(read.kpis).toEqual([
      expect.objectContaining({
        id: 'K1',
        level: 'department',
        polarity: 'higher',
        framework: 'KPI',
        target: 0.18,
        actual: 0.15,
        last_review: new Date(2026, 2, 31),
      }),
      expect.objectContaining({
        id: 'K2',
        level: 'department',
        polarity: 'higher',
        framework: 'OKR',
        target: 1200,
        last_review: new Date(2026, 2, 31),
      }),
    ]);
    expect(read.checkIns).toEqual([{ kpi_id: 'K1', period_end: new Date(2026, 2, 31), actual: 0.15 }]);
  });

  it('says so when the workbook has no register', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Budget');
    wb.write('Budget', 1, 1, [
      ['Item', 'Amount'],
      ['Rent', 1000],
    ]);
    const read = await readRegister(wb);
    expect(read.kpis).toEqual([]);
    expect(read.sheets).toEqual({});
    expect(read.problems).toEqual([{ row: 0, message: expect.stringContaining('No KPI register found') }]);
  });

  it('keeps text cells as text, even when they look like formulas', async () => {
    const { wb } = await built('en');
    const read = await readRegister(wb);
    const aht = read.kpis.find((kpi) => kpi.id === 'CS-AHT')!;
    expect(aht.owner).toBe('=HYPERLINK("http://evil.example","click")');
    expect(aht.description).toBe('+1 call me; -- not a formula; @SUM(A1)');
    const note = read.checkIns.find((c: CheckIn) => c.note)!;
    expect(note.note).toBe('=1+1 is not a formula');
  });
});
