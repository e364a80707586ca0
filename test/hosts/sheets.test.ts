import { COMPANY_LABEL } from '../../src/register/formulas';
import { registerLayout } from '../../src/register/layout';
import { SheetsWorkbook } from '../../src/hosts/sheets/sheetsWorkbook';
import { fromSheetsFormula, toSheetsFormula } from '../../src/hosts/sheets/formulas';
import { parseOffset, ZoneShift } from '../../src/hosts/sheets/zone';
import { buildRegister, type RegisterData } from '../../src/register/build';
import type { Workbook } from '../../src/register/workbook';
import { FakeSpreadsheetApp, type Calculate } from '../gas/fakeSpreadsheetApp';
import { LOCAL_ZONE, formatDate, zoneFor } from '../gas/zones';
import { SAMPLE_CHECKINS, SAMPLE_KPIS } from '../helpers/register-sample';
import { DANGEROUS_TEXT, workbookContract } from './contract';

/**
 * The Google Sheets host against a recording fake of SpreadsheetApp. The fake has no calculation
 * engine, so the contract's formulas get the results Sheets computes for them from this table.
 */
const SHEETS_RESULTS: Record<string, string | number | boolean> = {
  '=A1*2': 42,
  '=IF(A1>20,"big","small")': 'big',
  '=A1>20': true,
  '=NA()': '#N/A',
};
const calculate: Calculate = (formula) => {
  if (!(formula in SHEETS_RESULTS)) throw new Error(`No result for ${formula} in this test.`);
  return SHEETS_RESULTS[formula];
};

const fakes = new WeakMap<Workbook, FakeSpreadsheetApp>();
function open(fake = new FakeSpreadsheetApp({ calculate }), zone?: ZoneShift): SheetsWorkbook {
  const wb = new SheetsWorkbook(fake.api, { zone });
  fakes.set(wb, fake);
  return wb;
}
const fakeOf = (wb: Workbook) => fakes.get(wb)!;

workbookContract(
  'SheetsWorkbook',
  () => open(),
  // Reopening: a new host (a new script execution) over the same spreadsheet.
  async (wb) => open(fakeOf(wb)),
  { inspect: (wb) => fakeOf(wb)._snapshot() },
);

describe('Sheets host: values', () => {
  it('marks text Sheets would read as something else with an apostrophe, and only that text', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    const texts = [...DANGEROUS_TEXT, '007', 'TRUE', '2026-01-01', '1/2', '#N/A', '10%', 'Sales', '提升銷售'];
    wb.write('Sheet1', 1, 1, [texts]);
    await wb.flush();
    const sent = fake.calls.find((call) => call.method === 'setValues')!.args[0] as string[][];
    expect(sent[0].filter((text) => !text.startsWith("'"))).toEqual(['Sales', '提升銷售']);
    const sheet = await wb.readSheet('Sheet1');
    expect(sheet?.values[0]).toEqual(texts);
    expect(sheet?.formulas[0]).toEqual(texts.map(() => null));
  });

  it('writes a block of values and formulas in one setValues, and reads a sheet in one getValues and one getFormulas', async () => {
    const fake = new FakeSpreadsheetApp({ calculate: () => 3 });
    const wb = open(fake);
    const block = Array.from({ length: 2000 }, (_, r) => [
      `K${r}`,
      r,
      { formula: `=B${r + 1}+1`, result: r + 1 },
    ]);
    wb.write('Sheet1', 1, 1, block);
    await wb.flush();
    const before = fake.calls.length;
    const sheet = await wb.readSheet('Sheet1');
    const counts = fake.calls.slice(before).map((call) => `${call.target}.${call.method}`);
    expect(counts.filter((name) => name === 'Range.getValues')).toHaveLength(1);
    expect(counts.filter((name) => name === 'Range.getFormulas')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.method === 'setValues')).toHaveLength(1);
    expect(sheet?.formulas[1999]).toEqual([null, null, '=B2000+1']);
  });

  it('stores the KPI functions under their Sheets names and reads them back under the project names', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    wb.write('Sheet1', 1, 1, [
      [
        { formula: '=KPI.SCORE(A2,B2,,"lower")' },
        { formula: '=kpi.status(KPI.SCORE(A2,B2))' },
        { formula: '=IF(A2="KPI.SCORE(x)",KPI.ROLLUP(C2:C9),"")' },
        { formula: '=MYKPI.SCORE(A2)' },
      ],
    ]);
    await wb.flush();
    expect(fake._sheet('Sheet1')._rows[0].map((cell) => cell?.formula)).toEqual([
      '=KPI_SCORE(A2,B2,,"lower")',
      '=KPI_STATUS(KPI_SCORE(A2,B2))',
      '=IF(A2="KPI.SCORE(x)",KPI_ROLLUP(C2:C9),"")',
      '=MYKPI.SCORE(A2)',
    ]);
    expect((await wb.readSheet('Sheet1'))?.formulas[0]).toEqual([
      '=KPI.SCORE(A2,B2,,"lower")',
      '=KPI.STATUS(KPI.SCORE(A2,B2))',
      '=IF(A2="KPI.SCORE(x)",KPI.ROLLUP(C2:C9),"")',
      '=MYKPI.SCORE(A2)',
    ]);
  });

  it('translates formula names in both directions as inverses', () => {
    const formulas = ['=KPI.NEXTREVIEW(L2,M2)', '=SUM(A1:A3)', '="KPI_SCORE(" & KPI.PACE(A1,B1,C1,D1)'];
    for (const formula of formulas) expect(fromSheetsFormula(toSheetsFormula(formula))).toBe(formula);
    expect(toSheetsFormula('=KPI.FEASIBILITY(B2,C2:N2)')).toBe('=KPI_FEASIBILITY(B2,C2:N2)');
  });
});

describe('Sheets host: time zones', () => {
  const zones = ['Europe/London', 'America/Los_Angeles', 'Asia/Hong_Kong', 'Pacific/Auckland'];

  it.each(zones)(
    'a date shows its own calendar day in a sheet in %s and reads back unchanged',
    async (zone) => {
      const fake = new FakeSpreadsheetApp({ timeZone: zone });
      const wb = open(fake, zoneFor(zone));
      const dates = [
        new Date(2026, 2, 31),
        new Date(2026, 9, 25, 9, 30),
        new Date(1999, 11, 31),
        new Date(2024, 1, 29),
      ];
      wb.write('Sheet1', 1, 1, [dates]);
      await wb.flush();
      // What the sheet shows: the instant stored, seen in the sheet's zone.
      const stored = fake._sheet('Sheet1')._rows[0].map((cell) => cell!.value as Date);
      const shown = stored.map((instant) =>
        new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          dateStyle: 'short',
          timeStyle: 'short',
          hourCycle: 'h23',
        }).format(instant),
      );
      expect(shown).toEqual([
        '2026-03-31, 00:00',
        '2026-10-25, 09:30',
        '1999-12-31, 00:00',
        '2024-02-29, 00:00',
      ]);
      expect((await wb.readSheet('Sheet1'))?.values[0]).toEqual(dates);
    },
  );

  it('asks the sheet zone for its offset once per hour of time, not once per cell', () => {
    let lookups = 0;
    const zone = new ZoneShift(
      'Europe/London',
      LOCAL_ZONE === 'Europe/London' ? 'UTC' : LOCAL_ZONE,
      (d, tz, p) => {
        lookups++;
        return formatDate(d, tz, p);
      },
    );
    for (let i = 0; i < 5000; i++) zone.toSheet(new Date(2026, 0, 1 + (i % 3)));
    expect(lookups).toBeLessThanOrEqual(12);
  });

  it('reads offsets as Utilities.formatDate writes them', () => {
    expect(parseOffset('+0800')).toBe(8 * 3_600_000);
    expect(parseOffset('-0530')).toBe(-(5 * 60 + 30) * 60_000);
    expect(parseOffset('+05:45')).toBe((5 * 60 + 45) * 60_000);
    expect(() => parseOffset('GMT')).toThrow();
  });
});

describe('Sheets host: tables, rules and the user’s place', () => {
  it('makes a table a named range with a filter and banded rows, and grows all three on append', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    wb.addSheet('Check-ins');
    wb.write('Check-ins', 1, 1, [
      ['KPI', 'Actual'],
      ['K1', 10],
    ]);
    wb.addTable({
      name: 'CheckIns',
      range: { sheet: 'Check-ins', row: 1, col: 1, rows: 2, cols: 2 },
      style: 'light',
    });
    await wb.append('Check-ins', [
      ['K2', 20],
      ['K3', 30],
    ]);
    await wb.flush();
    const sheet = fake._sheet('Check-ins');
    const grown = { row: 1, col: 1, rows: 4, cols: 2 };
    expect(sheet._filter?._rect).toEqual(grown);
    expect(sheet._bandings.map((b) => [b._rect, b._theme])).toEqual([[grown, 'LIGHT_GREY']]);
    expect(await wb.tables()).toEqual([{ name: 'CheckIns', range: { sheet: 'Check-ins', ...grown } }]);
  });

  it('leaves a filter the user already has on the sheet in place', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    wb.write('Sheet1', 1, 1, [['a'], ['b']]);
    fake._sheet('Sheet1').getRange(1, 1, 2, 1).createFilter();
    wb.write('Sheet1', 1, 3, [['c'], ['d']]);
    wb.addTable({ name: 'Mine', range: { sheet: 'Sheet1', row: 1, col: 3, rows: 2, cols: 1 } });
    await wb.flush();
    expect(fake._sheet('Sheet1')._filter?._rect).toEqual({ row: 1, col: 1, rows: 2, cols: 1 });
    expect((await wb.tables()).map((t) => t.name)).toEqual(['Mine']);
  });

  it('colours scores green, amber and red only when they are numbers', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    wb.addConditionalFormat(
      { sheet: 'Sheet1', row: 2, col: 4, rows: 9, cols: 1 },
      { kind: 'trafficLights', amberAt: 0.9, greenAt: 1 },
    );
    await wb.flush();
    const formulas = fake
      ._sheet('Sheet1')
      ._rules.map((rule) => (rule._condition as { formula: string }).formula);
    expect(formulas).toEqual([
      '=AND(ISNUMBER(D2),D2>=1)',
      '=AND(ISNUMBER(D2),D2>=0.9,D2<1)',
      '=AND(ISNUMBER(D2),D2<0.9)',
    ]);
    expect(fake._sheet('Sheet1')._rules.map((rule) => rule._background)).toEqual([
      '#C6EFCE',
      '#FFEB9C',
      '#FFC7CE',
    ]);
  });

  it('sets each sheet’s conditional formats in one call at flush', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    for (const text of ['GREEN', 'AMBER', 'RED']) {
      wb.addConditionalFormat(
        { sheet: 'Sheet1', row: 2, col: 2, rows: 9, cols: 1 },
        { kind: 'textEquals', text, fill: '#FFFFFF' },
      );
    }
    expect(fake._counts()['Sheet.setConditionalFormatRules']).toBeUndefined();
    await wb.flush();
    expect(fake._counts()['Sheet.setConditionalFormatRules']).toBe(1);
    expect(fake._sheet('Sheet1')._rules).toHaveLength(3);
  });

  it('brings the user back to the sheet they were on after adding sheets', async () => {
    const fake = new FakeSpreadsheetApp({ sheets: ['Budget', 'Notes'] });
    fake._sheet('Notes').activate();
    const wb = open(fake);
    wb.addSheet('Register');
    wb.addSheet('Dashboard');
    expect(fake.spreadsheet._active._name).toBe('Dashboard'); // Sheets activates what it inserts
    await wb.flush();
    expect(fake.spreadsheet._active._name).toBe('Notes');
  });
});

describe('Sheets host: setting up a register', () => {
  const TODAY = new Date(2026, 3, 15);
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
    const fake = new FakeSpreadsheetApp();
    await buildRegister(open(fake), uniform(count), { lang: 'en', today: TODAY });
    return { counts: fake._counts(), total: fake.calls.length, fake };
  };

  it('makes as many SpreadsheetApp calls for 5,000 KPIs as for 10', async () => {
    const small = await calls(10);
    const large = await calls(5000);
    expect(large.counts).toEqual(small.counts);
    expect(large.total).toBe(small.total);
    // And the calls that move data are whole ranges: a handful, not one per cell.
    expect(large.counts['Range.setValues']).toBeLessThan(40);
    const registerRows = large.fake._sheet('Register').getLastRow();
    expect(registerRows).toBeGreaterThan(5000);
  }, 120_000);

  it('builds the sample register with native formulas, SMARTCHECK once for its column, dropdowns, lights and frozen headers', async () => {
    const fake = new FakeSpreadsheetApp();
    const report = await buildRegister(
      open(fake),
      { kpis: SAMPLE_KPIS, checkIns: SAMPLE_CHECKINS },
      { lang: 'en', today: TODAY },
    );
    expect(report.portable).toBe(true);
    const register = fake._sheet(report.sheets.register);
    const formulas = register._rows
      .flatMap((line) => (line ?? []).map((cell) => cell?.formula))
      .filter(Boolean) as string[];
    const layout = registerLayout(report.sheets.register, SAMPLE_KPIS.length);
    // The only custom function: SMARTCHECK over the whole column, in the first data row, Sheets' name.
    expect(formulas.filter((f) => /KPI_/.test(f))).toEqual([
      // name & description, target, unit, deadline, parent (or the company level), baseline
      '=ARRAYFORMULA(KPI_SMARTCHECK(TRIM(B2:B&" "&C2:C),Q2:Q,O2:O,W2:W,' +
        `IF((G2:G="")*(E2:E=${JSON.stringify(COMPANY_LABEL)}),E2:E,G2:G),P2:P))`,
    ]);
    expect(register._cell(layout.firstRow, layout.columns.smart)?.formula).toMatch(
      /^=ARRAYFORMULA\(KPI_SMARTCHECK\(/,
    );
    for (let row = layout.firstRow + 1; row < layout.firstRow + SAMPLE_KPIS.length; row++) {
      const cell = register._cell(row, layout.columns.smart);
      expect(cell?.formula).toBeUndefined();
      expect(cell?.value ?? '').toBe(''); // empty, for the array result to overflow into
    }
    expect(formulas.some((f) => /KPI\./.test(f))).toBe(false);
    expect(fake._customFunctionExecutions()).toBe(1);
    expect(register._frozenRows).toBeGreaterThan(0);
    const snapshot = register._snapshot();
    expect(snapshot.validations.length).toBeGreaterThan(0);
    expect(snapshot.conditionalFormats.some((cf) => cf.format.kind === 'trafficLights')).toBe(true);
    expect(fake.spreadsheet._named.map((named) => named._name)).toEqual([report.table]);
  });
});

describe('Sheets host: custom-function executions', () => {
  const TODAY = new Date(2026, 3, 15);
  const many = (count: number): RegisterData => ({
    kpis: Array.from({ length: count }, (_, i) => ({
      ...SAMPLE_KPIS[i % SAMPLE_KPIS.length],
      id: `K-${i}`,
      parent_id: i % 10 === 0 ? undefined : `K-${i - (i % 10)}`,
    })),
    checkIns: [],
  });

  it('costs one execution for a register of 100 KPIs and for one of 1,000 (per-row KPI formulas cost four per KPI)', async () => {
    const executions = async (count: number, portable?: boolean) => {
      const fake = new FakeSpreadsheetApp();
      await buildRegister(open(fake), many(count), { lang: 'en', today: TODAY, portable });
      return fake._customFunctionExecutions();
    };
    expect(await executions(100)).toBe(1);
    expect(await executions(1000)).toBe(1);
    // What a register written the Excel way would cost in Sheets: every cell its own execution.
    expect(await executions(100, false)).toBeGreaterThanOrEqual(4 * 100);
  }, 60_000);

  it('shows #REF! when a value sits where the array would overflow, as Sheets does (the fake is strict)', () => {
    const fake = new FakeSpreadsheetApp({
      calculate: (formula) => (formula === '=KPI_SCORE(A1:A3,B1:B3)' ? [[1], [0.5], [0.2]] : ''),
    });
    const sheet = fake._sheet('Sheet1');
    sheet.getRange(1, 3).setValues([['=KPI_SCORE(A1:A3,B1:B3)']]);
    expect(sheet.getRange(1, 3, 3, 1).getValues()).toEqual([[1], [0.5], [0.2]]);
    expect(sheet.getLastRow()).toBe(3);
    sheet.getRange(3, 3).setValues([['typed over']]);
    expect(sheet.getRange(1, 3, 3, 1).getValues()).toEqual([['#REF!'], [''], ['typed over']]);
  });
});

describe('Sheets host: the user’s filter', () => {
  it('keeps every column’s criteria (and the rows they hide) when a table grows', async () => {
    const fake = new FakeSpreadsheetApp();
    const wb = open(fake);
    wb.addSheet('Check-ins');
    wb.write('Check-ins', 1, 1, [
      ['KPI', 'Status', 'Owner'],
      ['K1', 'GREEN', 'Wong'],
      ['K2', 'RED', 'Chan'],
    ]);
    wb.addTable({ name: 'CheckIns', range: { sheet: 'Check-ins', row: 1, col: 1, rows: 3, cols: 3 } });
    await wb.flush();
    // The user filters out RED statuses and Chan's rows in Sheets.
    const sheet = fake._sheet('Check-ins');
    const filter = sheet.getFilter()!;
    filter.setColumnFilterCriteria(2, fake.newFilterCriteria().setHiddenValues(['RED']).build());
    filter.setColumnFilterCriteria(3, fake.newFilterCriteria().setHiddenValues(['Chan']).build());
    expect(sheet.isRowHiddenByFilter(3)).toBe(true);

    await wb.append('Check-ins', [
      ['K3', 'RED', 'Lee'],
      ['K4', 'AMBER', 'Chan'],
      ['K5', 'GREEN', 'Lee'],
    ]);
    await wb.flush();
    const grown = sheet.getFilter()!;
    expect(grown.getRange().getNumRows()).toBe(6);
    expect(grown.getColumnFilterCriteria(1)).toBeNull();
    expect(grown.getColumnFilterCriteria(2)?.getHiddenValues()).toEqual(['RED']);
    expect(grown.getColumnFilterCriteria(3)?.getHiddenValues()).toEqual(['Chan']);
    expect([2, 3, 4, 5, 6].map((row) => sheet.isRowHiddenByFilter(row))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});
