import { ExcelWorkbook } from '../../src/hosts/excel/excelWorkbook';
import { parseAddress } from '../../src/hosts/excel/address';
import { sliceRows } from '../../src/hosts/excel/payload';
import { FakeExcel, PAYLOAD_LIMIT } from './excel-fake';

function setup(options: { payloadLimit?: number } = {}) {
  const excel = new FakeExcel(options);
  excel.addSheet('Sheet1');
  const wb = new ExcelWorkbook(excel.context);
  return { excel, wb };
}

describe('Excel host: values', () => {
  it('keeps user text as text, even when Excel would read it as a formula, number, boolean or date', async () => {
    const { excel, wb } = setup();
    const texts = [
      '=SUM(A1:A9)',
      '+852 1234 5678',
      '-5%',
      '@owner',
      '007',
      'TRUE',
      '2026-01-01',
      '1/2',
      'Sales',
    ];
    wb.write('Sheet1', 1, 1, [texts]);
    await wb.flush();
    const sheet = await wb.readSheet('Sheet1');
    expect(sheet?.values[0]).toEqual(texts);
    expect(sheet?.formulas[0]).toEqual(texts.map(() => null));
    // Only the cells that needed it are formatted as Text.
    expect(excel.cell('Sheet1', 'I1')?.numberFormat).toBeUndefined();
    expect(excel.cell('Sheet1', 'A1')?.numberFormat).toBe('@');
  });

  it('writes formulas as formulas and reads back their results', async () => {
    const { wb } = setup();
    wb.write('Sheet1', 2, 2, [[{ formula: '=1+2', result: 3 }, 4, true, null]]);
    await wb.flush();
    const sheet = await wb.readSheet('Sheet1');
    expect(sheet?.values).toEqual([
      [null, null, null, null],
      [null, 3, 4, true],
    ]);
    expect(sheet?.formulas[1]).toEqual([null, '=1+2', null, null]);
  });

  it('stores dates as serial numbers with a date format, and null clears a cell', async () => {
    const { excel, wb } = setup();
    wb.write('Sheet1', 1, 1, [['x', new Date(2026, 0, 31)]]);
    await wb.flush();
    expect(excel.cell('Sheet1', 'B1')).toEqual({ value: 46053, numberFormat: 'yyyy-mm-dd' });
    wb.write('Sheet1', 1, 1, [[null]]);
    await wb.flush();
    expect(excel.cell('Sheet1', 'A1')).toBeUndefined();
  });

  it('lets a read see writes still queued, in the same round trip', async () => {
    const { excel, wb } = setup();
    wb.addSheet('Register');
    wb.write('Register', 1, 1, [['id', 'name']]);
    const before = excel.syncs;
    const sheet = await wb.readSheet('Register');
    expect(sheet?.values).toEqual([['id', 'name']]);
    // One sync carried the writes and the sheet list; one read the data.
    expect(excel.syncs - before).toBe(2);
  });

  it('reads several sheets in two round trips, and a missing sheet as undefined', async () => {
    const { excel, wb } = setup();
    for (const name of ['A', 'B', 'C']) {
      wb.addSheet(name);
      wb.write(name, 1, 1, [[name]]);
    }
    await wb.flush();
    const before = excel.syncs;
    const sheets = await wb.readSheets(['A', 'Nope', 'C', 'B']);
    expect(sheets.map((s) => s?.values[0][0])).toEqual(['A', undefined, 'C', 'B']);
    expect(excel.syncs - before).toBe(2);
    expect(await wb.sheets()).toEqual([
      { name: 'Sheet1', rows: 0, cols: 0 },
      { name: 'A', rows: 1, cols: 1 },
      { name: 'B', rows: 1, cols: 1 },
      { name: 'C', rows: 1, cols: 1 },
    ]);
  });
});

describe('Excel host: round trips and payload', () => {
  it('suspends calculation and screen updating in every batch that writes, in one round trip', async () => {
    const { excel, wb } = setup();
    wb.write('Sheet1', 1, 1, [[1, 2, 3]]);
    wb.setStyle({ sheet: 'Sheet1', row: 1, col: 1, rows: 1, cols: 3 }, { bold: true });
    await wb.flush();
    const writing = excel.batches.filter((b) => b.commands.some((c) => c === 'range.values'));
    expect(writing.length).toBe(1);
    expect(writing.every((b) => b.suspendedCalculation && b.suspendedScreen)).toBe(true);
    expect(excel.syncs).toBe(1);
  });

  it('splits a write bigger than 5 MB into requests under the limit', async () => {
    const { excel, wb } = setup();
    const rows = Array.from({ length: 40000 }, (_, i) => [
      `KPI ${i}`,
      `香港地區線上門市的新客戶轉換率 ${i}`,
      i,
      i / 3,
      'monthly',
      'A fairly long description of what is measured, for whom and where',
    ]);
    wb.write('Sheet1', 1, 1, rows);
    await wb.flush();
    const writes = excel.batches.filter(
      (b) => b.commands.includes('range.values') || b.commands.includes('range.formulas'),
    );
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.max(...excel.batches.map((b) => b.requestBytes))).toBeLessThan(PAYLOAD_LIMIT);
    // Reading it back is over 5 MB too: the host falls back to row blocks and gets every row.
    const sheet = await wb.readSheet('Sheet1');
    expect(sheet?.values.length).toBe(40000);
    expect(sheet?.values[39999]).toEqual(rows[39999]);
  });

  it('estimates Chinese text at its worst-case size so a slice never underestimates', () => {
    const rows = Array.from({ length: 1000 }, () => ['中'.repeat(100)]);
    const slices = sliceRows(rows, 100_000);
    for (const slice of slices) {
      expect(Buffer.byteLength(JSON.stringify(rows.slice(slice.start, slice.end)))).toBeLessThan(100_000);
    }
    expect(slices.map((s) => s.end - s.start).reduce((a, b) => a + b)).toBe(1000);
  });
});

describe('Excel host: append and tables', () => {
  it('appends after the last used row and grows the table that ends there', async () => {
    const { excel, wb } = setup();
    wb.addSheet('Check-ins');
    wb.write('Check-ins', 1, 1, [
      ['kpi_id', 'actual'],
      ['K1', 10],
    ]);
    wb.addTable({
      name: 'CheckIns',
      range: { sheet: 'Check-ins', row: 1, col: 1, rows: 2, cols: 2 },
      style: 'light',
    });
    const first = await wb.append('Check-ins', [
      ['K2', 20],
      ['=K3', 30],
    ]);
    expect(first).toBe(3);
    await wb.flush();
    expect(excel.tables[0]).toMatchObject({ name: 'CheckIns', rows: 4, style: 'TableStyleLight9' });
    expect((await wb.readSheet('Check-ins'))?.values.at(-1)).toEqual(['=K3', 30]);
    expect(await wb.tables()).toEqual([
      { name: 'CheckIns', range: { sheet: 'Check-ins', row: 1, col: 1, rows: 4, cols: 2 }, style: 'light' },
    ]);
    expect(await wb.append('Check-ins', [['K4', 1]])).toBe(5);
  });

  it('adds a table only after the cells under it are written, whatever the call order', async () => {
    const { excel, wb } = setup();
    wb.addTable({ name: 'T', range: { sheet: 'Sheet1', row: 1, col: 1, rows: 2, cols: 2 } });
    wb.write('Sheet1', 1, 1, [
      ['a', 'b'],
      [1, 2],
    ]);
    await wb.flush();
    expect(excel.tables.map((t) => t.name)).toEqual(['T']);
  });
});

describe('Excel host: formats', () => {
  it('turns formats, lists, lights, freezes, widths and groups into Office.js calls', async () => {
    const { excel, wb } = setup();
    const col = (c: number) => ({ sheet: 'Sheet1', row: 2, col: c, rows: 10, cols: 1 });
    wb.write('Sheet1', 1, 1, [['a', 'b', 'c']]);
    wb.setNumberFormat(col(1), '0.0%');
    wb.setValidationList(col(2), ['weekly', 'monthly', '每月'], false);
    wb.addConditionalFormat(col(1), { kind: 'trafficLights', amberAt: 0.9, greenAt: 1 });
    wb.addConditionalFormat(col(3), {
      kind: 'textEquals',
      text: 'RED',
      fill: '#FFC7CE',
      fontColor: '#9C0006',
    });
    wb.addConditionalFormat(col(3), {
      kind: 'number',
      operator: 'between',
      value: 1,
      value2: 2,
      fill: '#FFEB9C',
    });
    wb.freeze('Sheet1', 1, 2);
    wb.setColumnWidths('Sheet1', 2, [10, 20]);
    wb.groupRows('Sheet1', 3, 5);
    await wb.flush();
    const sheet = excel.sheet('Sheet1');
    expect(excel.cell('Sheet1', 'A11')?.numberFormat).toBe('0.0%');
    expect(sheet.validations).toEqual([
      { address: 'Sheet1!B2:B11', source: 'weekly,monthly,每月', style: 'Warning' },
    ]);
    expect(sheet.conditionalFormats[0]).toMatchObject({ type: 'IconSet', iconStyle: 'ThreeTrafficLights1' });
    expect(sheet.conditionalFormats[0].criteria?.slice(1)).toEqual([
      { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=0.9' },
      { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=1' },
    ]);
    expect(sheet.conditionalFormats[1]).toMatchObject({
      rule: { formula1: '="RED"', operator: 'EqualTo' },
      fill: '#FFC7CE',
      fontColor: '#9C0006',
    });
    expect(sheet.conditionalFormats[2].rule).toMatchObject({
      formula1: '=1',
      formula2: '=2',
      operator: 'Between',
    });
    expect(sheet.frozen).toEqual({ rows: 1, cols: 2 });
    expect([...sheet.columnWidths.keys()]).toEqual([2, 3]);
    expect(sheet.columnWidths.get(3)!).toBeGreaterThan(sheet.columnWidths.get(2)!);
    expect(sheet.groups).toEqual([{ first: 3, last: 5 }]);
  });

  it('puts a list too long for Excel, or with commas, on a hidden lists sheet and points the dropdown at it', async () => {
    const { excel, wb } = setup();
    const long = Array.from({ length: 40 }, (_, i) => `Department of Customer Experience ${i + 1}`);
    const range = (col: number) => ({ sheet: 'Sheet1', row: 2, col, rows: 5, cols: 1 });
    wb.write('Sheet1', 1, 1, [['dept', 'city', 'again']]);
    wb.setValidationList(range(1), long, true);
    wb.setValidationList(range(2), ['Hong Kong, Kowloon', 'Macau'], false);
    wb.setValidationList(range(3), long, true);
    await wb.flush();
    const lists = excel.sheet('KPI_Lists');
    expect(lists.visibility).toBe('Hidden');
    expect(excel.sheet('Sheet1').validations.map((v) => v.source)).toEqual([
      '=KPI_Lists!$A$1:$A$40',
      '=KPI_Lists!$B$1:$B$2',
      '=KPI_Lists!$A$1:$A$40',
    ]);
    expect(excel.cell('KPI_Lists', 'A40')?.value).toBe('Department of Customer Experience 40');
    expect(excel.cell('KPI_Lists', 'B1')?.value).toBe('Hong Kong, Kowloon');
    // The lists sheet is the register's, not the user's: it is not listed, and a later list goes beside.
    expect((await wb.sheets()).map((s) => s.name)).toEqual(['Sheet1']);
    const later = new ExcelWorkbook(excel.context);
    later.setValidationList(range(4), [...long, 'One more'], false);
    await later.flush();
    expect(excel.sheet('Sheet1').validations[3].source).toBe('=KPI_Lists!$C$1:$C$41');
  });

  it('reads dates back as dates, with their time of day', async () => {
    const { wb } = setup();
    const morning = new Date(2026, 0, 5, 9, 30);
    wb.write('Sheet1', 1, 1, [[new Date(2026, 2, 31), morning, 46000]]);
    await wb.flush();
    expect((await wb.readSheet('Sheet1'))?.values[0]).toEqual([new Date(2026, 2, 31), morning, 46000]);
  });
});

describe('parseAddress', () => {
  it('reads the addresses Excel returns', () => {
    expect(parseAddress("'My KPIs'!B2:D10")).toEqual({ sheet: 'My KPIs', row: 2, col: 2, rows: 9, cols: 3 });
    expect(parseAddress('Register!$A$1')).toEqual({ sheet: 'Register', row: 1, col: 1, rows: 1, cols: 1 });
    expect(parseAddress("'O''Brien'!AA3:AB4").sheet).toBe("O'Brien");
  });
});
