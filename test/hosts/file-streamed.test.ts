import { inflateRawSync } from 'node:zlib';
import { Workbook as ExcelWorkbook, ValueType } from 'exceljs';
import { FileWorkbook } from '../../src/hosts/file/file-workbook';
import { buildRegister } from '../../src/register/build';
import { demoRegister } from '../../src/register/demo';
import { SAMPLE_CHECKINS, SAMPLE_KPIS } from '../helpers/register-sample';
import { DANGEROUS_TEXT } from './contract';

/**
 * The sheets the register creates are written by the file host itself, not by exceljs (see sheet-xml).
 * Whatever the port put on them must come back from the file: everything `inspect()` sees before saving
 * is what a reopened file shows, and exceljs reads the file as a spreadsheet program would.
 */

const reopen = async (wb: FileWorkbook) => FileWorkbook.fromBuffer(await wb.toBuffer());
const today = new Date(2026, 5, 15);

function partNames(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const names: string[] = [];
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = buf.readUInt16LE(p + 28);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return names;
}

function part(bytes: Uint8Array, name: string): string {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = buf.readUInt16LE(p + 28);
    if (buf.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + buf.readUInt32LE(p + 20));
      return (buf.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return '';
}

describe('FileWorkbook — sheets the register created round-trip through the file', () => {
  it.each([
    ['the demo register (en, KPI functions)', 'en', false],
    ['the demo register (zh-HK, portable)', 'zh-HK', true],
  ] as const)('%s: the reopened file holds exactly what was built', async (_label, lang, portable) => {
    const wb = FileWorkbook.create();
    await buildRegister(wb, demoRegister({ lang, today }), { lang, portable, today });
    const before = wb.inspect();
    const after = (await reopen(wb)).inspect();
    expect(after).toEqual(before);
    // Not trivially equal: the register carries every kind of content the writer handles.
    const sheets = before.sheets;
    expect(before.tables.length).toBeGreaterThan(0);
    expect(sheets.some((s) => s.validations.length > 0)).toBe(true);
    expect(sheets.some((s) => s.conditionalFormats.some((cf) => cf.format.kind === 'trafficLights'))).toBe(
      true,
    );
    expect(sheets.some((s) => s.groupedRows.length > 0)).toBe(true);
    expect(sheets.some((s) => s.frozen.rows > 0)).toBe(true);
    expect(sheets.some((s) => s.cells.some((line) => line.some((cell) => cell?.formula)))).toBe(true);
    expect(sheets.some((s) => s.cells.some((line) => line.some((cell) => cell?.style)))).toBe(true);
    expect(sheets.some((s) => s.cells.some((line) => line.some((cell) => cell?.numFmt)))).toBe(true);
  });

  it('the edge-case register round-trips too', async () => {
    const wb = FileWorkbook.create();
    const data = { kpis: SAMPLE_KPIS.map((k) => ({ ...k })), checkIns: [...SAMPLE_CHECKINS] };
    await buildRegister(wb, data, { lang: 'en', portable: true, today });
    const before = wb.inspect();
    expect((await reopen(wb)).inspect()).toEqual(before);
  });

  it('keeps every kind of value, formula result, format and style', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('Mixed');
    const when = new Date(2026, 2, 31, 9, 30);
    wb.write('Mixed', 1, 1, [
      ['text', ' padded ', 'a & <b> "c"', 3.25, -0, true, false, new Date(2026, 2, 31), when],
      [
        { formula: '=1+1', result: 2 },
        { formula: '="a"&"b"', result: 'ab' },
        { formula: '=1=1', result: true },
        { formula: '=1/0', result: '#DIV/0!' },
        { formula: '=NA()', result: '#N/A' },
        { formula: '=TODAY()', result: new Date(2026, 5, 15) },
        { formula: '=A1' },
        DANGEROUS_TEXT[0],
        '中文 文字',
      ],
    ]);
    wb.setNumberFormat({ sheet: 'Mixed', row: 1, col: 4, rows: 1, cols: 1 }, '"HK$"#,##0.00');
    wb.setNumberFormat({ sheet: 'Mixed', row: 1, col: 5, rows: 1, cols: 1 }, '0.0%');
    wb.setStyle({ sheet: 'Mixed', row: 1, col: 1, rows: 1, cols: 3 }, { bold: true, fill: '#D9E1F2' });
    wb.setStyle({ sheet: 'Mixed', row: 2, col: 1, rows: 1, cols: 2 }, { italic: true, fontColor: '#C00000' });
    wb.setStyle({ sheet: 'Mixed', row: 2, col: 3, rows: 1, cols: 1 }, { wrap: true, horizontal: 'center' });
    wb.setStyle({ sheet: 'Mixed', row: 4, col: 2, rows: 1, cols: 1 }, { horizontal: 'right' }); // formatting only
    wb.setColumnWidths('Mixed', 2, [30, 0, 12.5]);
    wb.freeze('Mixed', 0, 1);
    wb.groupRows('Mixed', 2, 3);
    wb.setValidationList({ sheet: 'Mixed', row: 5, col: 1, rows: 3, cols: 2 }, ['Yes', 'No'], true);
    wb.setValidationList({ sheet: 'Mixed', row: 5, col: 2, rows: 1, cols: 1 }, ['a,b', 'c "d"', ' e'], false);
    wb.addConditionalFormat(
      { sheet: 'Mixed', row: 1, col: 4, rows: 2, cols: 1 },
      { kind: 'number', operator: 'between', value: 1, value2: 5, fill: '#FFEB9C', fontColor: '#9C5700' },
    );
    wb.addConditionalFormat(
      { sheet: 'Mixed', row: 1, col: 4, rows: 2, cols: 1 },
      { kind: 'number', operator: 'greaterThanOrEqual', value: 5, fill: '#C6EFCE' },
    );
    wb.addConditionalFormat(
      { sheet: 'Mixed', row: 1, col: 1, rows: 2, cols: 1 },
      { kind: 'textEquals', text: 'say "hi" & <go>', fill: '#FFC7CE', fontColor: '#9C0006' },
    );
    wb.addConditionalFormat(
      { sheet: 'Mixed', row: 1, col: 5, rows: 2, cols: 1 },
      { kind: 'trafficLights', amberAt: 0.5, greenAt: 0.75 },
    );
    wb.addSheet('Tables');
    wb.write('Tables', 1, 1, [
      ['Name', 'Value', null],
      ['x', 1, null],
    ]);
    wb.addTable({
      name: 'Light',
      range: { sheet: 'Tables', row: 1, col: 1, rows: 2, cols: 3 },
      style: 'light',
    });
    wb.write('Tables', 1, 6, [['Only header']]);
    wb.addTable({ name: 'Second', range: { sheet: 'Tables', row: 1, col: 6, rows: 1, cols: 1 } });
    await wb.append('Tables', [['y', 2, 'more']]);

    const before = wb.inspect();
    const bytes = await wb.toBuffer();
    expect((await FileWorkbook.fromBuffer(bytes)).inspect()).toEqual(before);

    // exceljs itself (as any reader) sees text as text, never as a formula, and the formulas' results.
    const excel = new ExcelWorkbook();
    await excel.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = excel.getWorksheet('Mixed')!;
    expect(ws.getCell('H2').type).toBe(ValueType.String);
    expect(ws.getCell('H2').value).toBe(DANGEROUS_TEXT[0]);
    expect(ws.getCell('B1').value).toBe(' padded ');
    expect(ws.getCell('C1').value).toBe('a & <b> "c"');
    expect(ws.getCell('B2').result).toBe('ab');
    expect(ws.getCell('C2').result).toBe(true);
    expect(ws.getCell('D2').result).toEqual({ error: '#DIV/0!' });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    const tables = excel.getWorksheet('Tables')!;
    expect(Object.keys((tables as unknown as { tables: object }).tables).sort()).toEqual(['Light', 'Second']);
  });

  it("leaves the user's own sheets to exceljs and numbers the register's tables after theirs", async () => {
    const own = new ExcelWorkbook();
    const ws = own.addWorksheet('Mine');
    ws.getCell('A1').value = 'Name';
    ws.getCell('B1').value = 'Amount';
    ws.getCell('A2').value = 'rent';
    ws.getCell('B2').value = 1200;
    ws.getCell('B2').numFmt = '#,##0';
    ws.getCell('A1').font = { bold: true, color: { argb: 'FF112233' } };
    ws.addTable({
      name: 'Budget',
      ref: 'A1',
      columns: [{ name: 'Name' }, { name: 'Amount' }],
      rows: [['rent', 1200]],
    });
    ws.mergeCells('D1:E1');
    ws.getCell('D1').value = 'merged';
    const wb = await FileWorkbook.fromBuffer((await own.xlsx.writeBuffer()) as ArrayBuffer);
    await buildRegister(wb, demoRegister({ lang: 'en', today }), { lang: 'en', portable: true, today });
    const before = wb.inspect();
    const bytes = await wb.toBuffer();
    expect((await FileWorkbook.fromBuffer(bytes)).inspect()).toEqual(before);

    const names = partNames(bytes);
    const tableParts = names.filter((n) => /^xl\/tables\/.+\.xml$/.test(n));
    const ids = tableParts.map((n) => /<table [^>]*\bid="(\d+)"/.exec(part(bytes, n))?.[1]);
    expect(new Set(ids).size).toBe(tableParts.length);
    expect(tableParts.length).toBe(before.tables.length);
    const types = part(bytes, '[Content_Types].xml');
    for (const name of tableParts) expect(types).toContain(`PartName="/${name}"`);
    // The user's merged cells survive (exceljs wrote that sheet).
    const excel = new ExcelWorkbook();
    await excel.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(excel.getWorksheet('Mine')!.getCell('E1').isMerged).toBe(true);
    expect(excel.worksheets.map((s) => s.name)[0]).toBe('Mine');
  });
});
