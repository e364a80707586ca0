import { dateToSerial } from '../../src/core/dates';
import { isKpiError } from '../../src/core/errors';
import {
  CHECKIN_HEADERS,
  FIELD_HEADERS,
  REGISTER_FIELDS,
  SHEET_NAMES,
  dropdownValues,
  enumLabel,
  type FieldKey,
} from '../../src/core/fields';
import { LANGS, type Lang } from '../../src/core/i18n';
import { MemoryWorkbook, cellOf, sheetOf, validationOf, type WorkbookSnapshot } from '../../src/hosts/memory';
import { buildRegister, type BuildOptions, type RegisterData } from '../../src/register/build';
import { registerLayout } from '../../src/register/layout';
import { textWidth } from '../../src/register/style';
import type { CellValue, Workbook } from '../../src/register/workbook';
import { RegisterEvaluator, expectedCache } from '../helpers/register-eval';
import { SAMPLE_CHECKINS, SAMPLE_KPIS } from '../helpers/register-sample';

const TODAY = new Date(2026, 3, 15);
const sample = (): RegisterData => ({
  kpis: SAMPLE_KPIS.map((kpi) => ({ ...kpi })),
  checkIns: SAMPLE_CHECKINS.map((c) => ({ ...c })),
});

async function build(data: RegisterData, options: Partial<BuildOptions> = {}, wb = new MemoryWorkbook()) {
  const report = await buildRegister(wb, data, { lang: 'en', today: TODAY, ...options });
  return { wb, report, snapshot: wb.inspect() };
}

const col = (key: FieldKey) => REGISTER_FIELDS.findIndex((field) => field.key === key) + 1;

function value(snapshot: WorkbookSnapshot, sheet: string, row: number, column: number): CellValue {
  // A blank formula result is stored as an empty cell value (null).
  const v = cellOf(sheetOf(snapshot, sheet), row, column)?.value ?? null;
  if (v === '') return null;
  return v !== null && typeof v === 'object' ? new Date(`${v.date}T00:00:00`) : v;
}

/** Every formula cell on every sheet, with its sheet. */
function formulaCells(snapshot: WorkbookSnapshot) {
  return snapshot.sheets.flatMap((sheet) =>
    sheet.cells.flatMap((line, r) =>
      line.flatMap((cell, c) =>
        cell?.formula ? [{ sheet: sheet.name, row: r + 1, col: c + 1, formula: cell.formula, cell }] : [],
      ),
    ),
  );
}

describe('buildRegister (memory host)', () => {
  it.each(LANGS)('adds the register sheets with headers in %s', async (lang: Lang) => {
    const { report, snapshot } = await build(sample(), { lang });
    const names = SHEET_NAMES[lang];
    expect(report.sheets).toEqual({
      dashboard: names.dashboard,
      register: names.register,
      checkIns: names.checkins,
      cascade: [
        names.company,
        'Sales',
        'Customer Service',
        'Operations-Logistics',
        'Online Store & Co',
        names.individuals,
      ],
    });
    expect(snapshot.sheets.map((s) => s.name)).toEqual([
      names.dashboard,
      names.register,
      names.checkins,
      ...report.sheets.cascade,
    ]);
    const register = sheetOf(snapshot, names.register)!;
    expect(register.cells[0].map((cell) => cell?.value)).toEqual(
      REGISTER_FIELDS.map((f) => FIELD_HEADERS[lang][f.key]),
    );
    const checkIns = sheetOf(snapshot, names.checkins)!;
    expect(checkIns.cells[0].map((cell) => cell?.value)).toEqual(Object.values(CHECKIN_HEADERS[lang]));
    expect(register.frozen).toEqual({ rows: 1, cols: col('name') });
    // Headers do not wrap, so every column is at least as wide as its header (CJK characters count twice).
    REGISTER_FIELDS.forEach((field, i) => {
      const text = FIELD_HEADERS[lang][field.key];
      expect(register.columnWidths[i]).toBeGreaterThanOrEqual(textWidth(text));
    });
    expect(snapshot.tables).toEqual([
      expect.objectContaining({
        name: 'KPIRegister',
        range: {
          sheet: names.register,
          row: 1,
          col: 1,
          rows: SAMPLE_KPIS.length + 1,
          cols: REGISTER_FIELDS.length,
        },
      }),
    ]);
    expect(report).toMatchObject({
      kpis: SAMPLE_KPIS.length,
      checkIns: SAMPLE_CHECKINS.length,
      portable: false,
    });
  });

  it('writes input columns as plain values, enums as bilingual dropdown labels, actual from the latest check-in', async () => {
    const { snapshot } = await build(sample());
    const at = (row: number, key: FieldKey) => value(snapshot, 'Register', row, col(key));
    const conv = SAMPLE_KPIS.findIndex((kpi) => kpi.id === 'SA-CONV') + 2;
    expect(at(conv, 'id')).toBe('SA-CONV');
    expect(at(conv, 'polarity')).toBe('higher · 越高越好');
    expect(at(conv, 'timing')).toBe('leading · 領先指標');
    expect(at(conv, 'baseline')).toBe(0.12);
    expect(at(conv, 'actual')).toBe(0.165); // the March check-in, not the January one listed last
    expect(at(conv, 'deadline')).toEqual(new Date(2026, 11, 31));
    const unreported = SAMPLE_KPIS.findIndex((kpi) => kpi.id === 'SA-NEW') + 2;
    expect(at(unreported, 'actual')).toBeNull();
    expect(at(unreported, 'score')).toBeNull();
    expect(at(unreported, 'status')).toBeNull();
    for (let row = 2; row <= SAMPLE_KPIS.length + 1; row++) {
      for (const field of REGISTER_FIELDS) {
        const cell = cellOf(sheetOf(snapshot, 'Register'), row, col(field.key));
        expect(Boolean(cell?.formula)).toBe(field.kind === 'computed');
      }
    }
  });

  it('gives every formula a cached result equal to what the core computes from the cells it reads', async () => {
    const { snapshot } = await build(sample());
    const evaluator = new RegisterEvaluator(snapshot, TODAY);
    const cells = formulaCells(snapshot);
    expect(cells.length).toBeGreaterThan(SAMPLE_KPIS.length * 4);
    for (const { sheet, formula, row, col: c } of cells) {
      const computed = evaluator.evaluate(sheet, formula);
      const cachedValue = value(snapshot, sheet, row, c);
      const where = `${sheet}!R${row}C${c} ${formula.slice(0, 60)}`;
      if (typeof computed === 'number' && cachedValue instanceof Date) {
        expect([where, dateToSerial(cachedValue)]).toEqual([where, computed]);
      } else if (typeof computed === 'number') {
        expect([where, typeof cachedValue]).toEqual([where, 'number']);
        expect(Math.abs((cachedValue as number) - computed)).toBeLessThan(1e-12);
      } else {
        expect([where, cachedValue]).toEqual([where, expectedCache(computed)]);
      }
    }
  });

  it('computes the scores the worked examples promise', async () => {
    const { snapshot } = await build(sample());
    const scoreOf = (id: string) =>
      value(snapshot, 'Register', SAMPLE_KPIS.findIndex((k) => k.id === id) + 2, col('score'));
    const statusOf = (id: string) =>
      value(snapshot, 'Register', SAMPLE_KPIS.findIndex((k) => k.id === id) + 2, col('status'));
    expect(scoreOf('SA-CONV')).toBeCloseTo(0.75, 12); // 12% → 16.5% of the way to 18%
    expect(scoreOf('CS-AHT')).toBeCloseTo(0.5, 12); // 360 s → 330 s towards 300 s
    expect(statusOf('CS-AHT')).toBe('AMBER'); // OKR: amber from 0.4
    expect(scoreOf('SA-REV')).toBeCloseTo(1.05, 12);
    expect(statusOf('SA-REV')).toBe('GREEN');
    expect(scoreOf('CS-DEF')).toBeCloseTo(0.75, 12); // lower is better: 2 − 5/4
    expect(scoreOf('CO-NPS')).toBeCloseTo(0.92, 12); // closer: 1 − |46 − 50| / 50
    expect(scoreOf('OPS-FLAT')).toBe('#DIV/0!');
    expect(scoreOf('FIN-LOSS')).toBe('#NUM!');
    expect(statusOf('FIN-LOSS')).toBe('#NUM!');
  });

  it('writes only native formulas in portable mode, and the same values with errors as blanks', async () => {
    const kpiMode = (await build(sample())).snapshot;
    const portable = (await build(sample(), { portable: true })).snapshot;
    const formulas = formulaCells(portable);
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.filter((f) => /KPI\./.test(f.formula))).toEqual([]);
    const smart = sheetOf(portable, 'Register')!;
    for (let row = 2; row <= SAMPLE_KPIS.length + 1; row++) {
      const cell = cellOf(smart, row, col('smart'))!;
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(value(kpiMode, 'Register', row, col('smart')));
    }
    // Roll-ups differ on purpose: a child whose score is an error is skipped as blank in portable mode.
    for (const { sheet, row, col: c, formula } of formulaCells(kpiMode)) {
      if (formula.startsWith('=KPI.ROLLUP')) continue;
      const expected = value(kpiMode, sheet, row, c);
      const isError = typeof expected === 'string' && expected.startsWith('#');
      expect([sheet, row, c, value(portable, sheet, row, c)]).toEqual([
        sheet,
        row,
        c,
        isError ? null : expected,
      ]);
    }
  });

  it('skips a child whose score is an error when rolling up in portable mode', async () => {
    const { snapshot } = await build(sample(), { portable: true });
    const company = sheetOf(snapshot, 'Company')!;
    expect(cellOf(company, 2, 10)?.formula).toMatch(/^=IF\(COUNT\(H3:H7\)=0,"",.*SUMPRODUCT/);
    // SA-CONV 0.75 × 0.5 and SA-REV 1.05 × 0.3; SA-NEW, OPS-FLAT and FIN-LOSS have no score.
    expect(cellOf(company, 2, 10)?.value).toBeCloseTo((0.75 * 0.5 + 1.05 * 0.3) / 0.8, 12);
  });

  it('keeps text that looks like a formula as text, everywhere', async () => {
    const { snapshot } = await build(sample());
    const dangerous = [
      '=HYPERLINK("http://evil.example","click")',
      '+1 call me; -- not a formula; @SUM(A1)',
      '-Defects per thousand orders',
      '@Lee',
      '=1+1 is not a formula',
    ];
    const found: string[] = [];
    for (const sheet of snapshot.sheets) {
      for (const line of sheet.cells) {
        for (const cell of line) {
          if (
            typeof cell?.value === 'string' &&
            dangerous.some((text) => (cell.value as string).includes(text))
          ) {
            expect(cell.formula).toBeUndefined();
            found.push(cell.value);
          }
        }
      }
    }
    for (const text of dangerous) expect(found.some((v) => v.includes(text))).toBe(true);
  });

  it('never touches the user’s sheets and picks unique names on a clash', async () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [
      ['My old list', 42],
      ['=not a formula', new Date(2026, 0, 1)],
    ]);
    wb.setValidationList({ sheet: 'Register', row: 1, col: 3, rows: 5, cols: 1 }, ['a', 'b']);
    wb.addSheet('dashboard');
    wb.write('dashboard', 1, 1, [['mine']]);
    wb.addTable({ name: 'KPIRegister', range: { sheet: 'dashboard', row: 3, col: 1, rows: 2, cols: 1 } });
    const before = JSON.stringify(wb.inspect().sheets);
    const { report, snapshot } = await build(sample(), {}, wb);
    expect(report.sheets.register).toBe('Register (2)');
    expect(report.sheets.dashboard).toBe('Dashboard (2)');
    expect(report.table).toBe('KPIRegister2');
    expect(JSON.stringify(snapshot.sheets.slice(0, 2))).toBe(before);
    // Built twice: every sheet of the second build is new.
    const again = await buildRegister(wb, sample(), { lang: 'en', today: TODAY });
    expect(again.sheets.register).toBe('Register (3)');
    expect(again.sheets.cascade[0]).toBe('Company (2)');
    expect(new Set(wb.inspect().sheets.map((s) => s.name.toLowerCase())).size).toBe(
      wb.inspect().sheets.length,
    );
  });

  it('sorts check-ins by KPI (register order) then period, as plain values', async () => {
    const { snapshot } = await build(sample());
    const sheet = sheetOf(snapshot, 'Check-ins')!;
    const rows = sheet.cells.slice(1).map((line) => [line[0]?.value, line[1]?.value]);
    const order = new Map(SAMPLE_KPIS.map((kpi, i) => [kpi.id, i]));
    const keys = rows.map(
      ([id, date]) => [order.get(id as string), (date as { date: string }).date] as const,
    );
    const sorted = [...keys].sort((a, b) => a[0]! - b[0]! || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
    expect(rows).toHaveLength(SAMPLE_CHECKINS.length);
    expect(sheet.cells.flat().some((cell) => cell?.formula)).toBe(false);
  });

  it('adds dropdowns, status lights, the leading/lagging flag and number formats by unit', async () => {
    const { snapshot } = await build(sample());
    const register = sheetOf(snapshot, 'Register')!;
    for (const field of REGISTER_FIELDS.filter((f) => f.kind === 'enum')) {
      const list = validationOf(register, 3, col(field.key));
      expect([field.key, list?.values, list?.strict]).toEqual([
        field.key,
        dropdownValues(field.key as never),
        true,
      ]);
    }
    expect(validationOf(register, 2, col('department'))?.strict).toBe(false);
    const formats = register.conditionalFormats;
    const lights = formats.filter((f) => f.format.kind === 'trafficLights');
    // One rule per run of rows of the same framework, each with that framework's thresholds.
    for (let i = 0; i < SAMPLE_KPIS.length; i++) {
      const row = i + 2;
      const rule = lights.find((f) => f.range.row <= row && row < f.range.row + f.range.rows);
      expect(rule?.range.col).toBe(col('score'));
      expect(rule?.format).toEqual(
        SAMPLE_KPIS[i].framework === 'OKR'
          ? { kind: 'trafficLights', amberAt: 0.4, greenAt: 0.7 }
          : { kind: 'trafficLights', amberAt: 0.9, greenAt: 1 },
      );
    }
    const texts = formats.filter((f) => f.format.kind === 'textEquals');
    expect(
      texts.filter((f) => f.range.col === col('status')).map((f) => (f.format as { text: string }).text),
    ).toEqual(['GREEN', 'AMBER', 'RED']);
    expect(
      texts.filter((f) => f.range.col === col('timing')).map((f) => (f.format as { text: string }).text),
    ).toEqual([enumLabel('timing', 'leading', 'both'), enumLabel('timing', 'lagging', 'both')]);
    const numFmt = (id: string) =>
      cellOf(register, SAMPLE_KPIS.findIndex((k) => k.id === id) + 2, col('target'))?.numFmt;
    expect(numFmt('SA-CONV')).toBe('0.0%');
    expect(numFmt('SA-REV')).toBe('"HK$"#,##0');
    expect(numFmt('FIN-LOSS')).toBe('"HK$"#,##0');
    expect(numFmt('CS-AHT')).toBe('#,##0.##');
    expect(cellOf(register, 2, col('deadline'))?.numFmt).toBe('yyyy-mm-dd');
    expect(cellOf(register, 2, col('next_review'))?.numFmt).toBe('yyyy-mm-dd');
  });

  it('lists each level beside its parent and rolls children up with the register weights', async () => {
    const { snapshot } = await build(sample());
    const company = sheetOf(snapshot, 'Company')!;
    const ids = company.cells.slice(1).map((line) => line[0]?.value);
    // CO-REV then its five children, CO-NPS then its one child.
    expect(ids).toEqual([
      'CO-REV',
      'SA-CONV',
      'SA-REV',
      'SA-NEW',
      'OPS-FLAT',
      'FIN-LOSS',
      'CO-NPS',
      'CS-AHT',
    ]);
    expect(company.groupedRows).toEqual([
      { first: 3, last: 7 },
      { first: 9, last: 9 },
    ]);
    const rollup = cellOf(company, 2, 10)!;
    expect(rollup.formula).toBe('=KPI.ROLLUP(H3:H7,G3:G7)');
    // SA-NEW has no score and is skipped; OPS-FLAT's #DIV/0! score makes the whole roll-up an error.
    expect(rollup.value).toBe('#DIV/0!');
    const service = sheetOf(snapshot, 'Customer Service')!;
    expect(service.cells.slice(1).map((line) => line[0]?.value)).toEqual([
      'CS-AHT',
      'CS-DEF',
      'IND-YIP',
      'CS-DEF',
    ]);
    expect(cellOf(service, 2, 5)?.value).toBe('CO-NPS');
    expect(cellOf(service, 2, 6)?.value).toBe('Net promoter score of retail customers');
    const individuals = sheetOf(snapshot, 'Individuals')!;
    expect(individuals.cells.slice(1).map((line) => line[1]?.value)).toEqual([
      'Ho Ka Lok',
      'Store visits booked by Ho Ka Lok',
      'Quotes sent by Ho Ka Lok',
      'Yip Sze Wing',
      'Tickets closed by Yip Sze Wing',
    ]);
    expect(cellOf(individuals, 2, 10)?.formula).toBe('=KPI.ROLLUP(H3:H4)');
    expect(cellOf(individuals, 2, 10)?.value).toBeCloseTo((44 / 40 + 15 / 25) / 2, 12);
    expect(individuals.groupedRows).toEqual([
      { first: 3, last: 4 },
      { first: 6, last: 6 },
    ]);
  });

  it('shows status counts, overdue reviews and health findings on the Dashboard, in zh-HK', async () => {
    const { snapshot } = await build(sample(), { lang: 'zh-HK' });
    const dash = sheetOf(snapshot, '儀表板')!;
    const rows = dash.cells.map((line) => line.map((cell) => (cell ? cell.value : null)));
    const levelRow = rows.findIndex((line) => line[0] === '公司');
    // Company: CO-REV (0.67, RED) and CO-NPS (0.92, OKR → GREEN).
    expect(rows[levelRow].slice(0, 6)).toEqual(['公司', 1, 0, 1, 0, 2]);
    const overdue = rows.find((line) => line[0] === '逾期未檢討')!;
    // Reviewed 2026-01-31 weekly / biweekly / quarterly, 2025-02-28 annually, 2026-02-27 weekly; today 2026-04-15.
    expect(overdue[1]).toBe(5);
    const header = rows.findIndex((line) => line[0] === '規則');
    expect(header).toBeGreaterThan(levelRow);
    // Three lines per finding: rule and ids, the finding, what to do.
    const lines = rows.slice(header + 1);
    expect(lines.length % 3).toBe(0);
    const findings = Array.from({ length: lines.length / 3 }, (_, i) => lines.slice(3 * i, 3 * i + 3));
    expect(findings.length).toBeGreaterThan(0);
    const overdueFinding = findings.find(
      ([head]) => head[0] === '檢討逾期' && String(head[1]).includes('SA-REV'),
    );
    expect(overdueFinding).toBeDefined();
    for (const [, message, fix] of findings) {
      expect(/[\u3400-\u9fff]/.test(String(message[1]))).toBe(true);
      expect(String(fix[1])).toMatch(/^建議做法:\S/);
    }
  });

  it('writes in bulk: the number of port calls does not grow with the number of KPIs', async () => {
    const uniform = (count: number): RegisterData => ({
      kpis: Array.from({ length: count }, (_, i) => ({
        ...SAMPLE_KPIS[2],
        id: `K-${i}`,
        parent_id: undefined,
        level: 'company' as const,
        department: undefined,
      })),
      checkIns: Array.from({ length: count }, (_, i) => ({ ...SAMPLE_CHECKINS[0], kpi_id: `K-${i}` })),
    });
    const calls = async (count: number) => {
      const counts = new Map<string, number>();
      const wb = new MemoryWorkbook();
      const counting = new Proxy(wb, {
        get(target, key, receiver) {
          const original = Reflect.get(target, key, receiver);
          if (typeof original !== 'function') return original;
          return (...args: unknown[]) => {
            counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
            return original.apply(target, args);
          };
        },
      }) as Workbook;
      await buildRegister(counting, uniform(count), { lang: 'en', today: TODAY });
      return Object.fromEntries(counts);
    };
    expect(await calls(300)).toEqual(await calls(5));
  });

  it('keeps the user’s unmapped columns at the right of the table with unique headers', async () => {
    const data = sample();
    data.extraColumns = [
      { header: 'Status', values: data.kpis.map((_, i) => (i === 0 ? '=SUM(1)' : `note ${i}`)) },
      { header: 'Budget code', values: data.kpis.map((_, i) => 1000 + i) },
    ];
    const { snapshot } = await build(data);
    const layout = registerLayout('Register', data.kpis.length, 2);
    const register = sheetOf(snapshot, 'Register')!;
    expect(cellOf(register, 1, layout.extraCol)?.value).toBe('Status (2)');
    expect(cellOf(register, 1, layout.extraCol + 1)?.value).toBe('Budget code');
    expect(cellOf(register, 2, layout.extraCol)).toEqual(expect.objectContaining({ value: '=SUM(1)' }));
    expect(cellOf(register, 2, layout.extraCol)?.formula).toBeUndefined();
    expect(cellOf(register, 3, layout.extraCol + 1)?.value).toBe(1001);
    expect(snapshot.tables[0].range.cols).toBe(REGISTER_FIELDS.length + 2);
  });

  it('builds an empty register with a one-row table and reports progress', async () => {
    const stages: string[] = [];
    const { snapshot, report } = await build(
      { kpis: [], checkIns: [] },
      { onProgress: (stage, done, total) => stages.push(`${stage} ${done}/${total}`) },
    );
    expect(report.sheets.cascade).toEqual(['Company']);
    expect(snapshot.tables[0].range.rows).toBe(2);
    expect(stages[0]).toBe('register 0/5');
    expect(stages[stages.length - 1]).toBe('saving 5/5');
    expect(isKpiError(value(snapshot, 'Register', 2, 1))).toBe(false);
  });
});
