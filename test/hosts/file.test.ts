import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, inflateRawSync } from 'node:zlib';
import { Workbook as ExcelWorkbook, ValueType } from 'exceljs';
import { dateToSerial } from '../../src/core/dates';
import { LANGS } from '../../src/core/i18n';
import { FileWorkbook } from '../../src/hosts/file/file-workbook';
import {
  OPEN_ERRORS,
  SAVE_ERRORS,
  WorkbookOpenError,
  WorkbookSaveError,
  type OpenErrorCode,
} from '../../src/hosts/file/errors';
import { LISTS_SHEET } from '../../src/hosts/file/validations';
import { cellOf, sheetOf } from '../../src/hosts/memory/snapshot';
import type { Workbook } from '../../src/register/workbook';
import { DANGEROUS_TEXT, LONG_LIST, workbookContract } from './contract';

// Lets one test make the final rename fail as a full disk would (node's own exports cannot be spied on).
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual('node:fs/promises');
  return { ...actual, rename: jest.fn(actual.rename) };
});

const asFile = (wb: Workbook) => wb as FileWorkbook;
const reopen = async (wb: Workbook) => FileWorkbook.fromBuffer(await asFile(wb).toBuffer());

workbookContract('FileWorkbook', () => FileWorkbook.create(), reopen, {
  inspect: (wb) => asFile(wb).inspect(),
});

// --- a minimal zip reader and writer, to look at the XML a spreadsheet program reads -------------------

function unzip(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = new Map<string, string>();
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size] = [buf.readUInt16LE(p + 10), buf.readUInt32LE(p + 20)];
    const [nameLength, extraLength, commentLength] = [
      buf.readUInt16LE(p + 28),
      buf.readUInt16LE(p + 30),
      buf.readUInt16LE(p + 32),
    ];
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** A stored (uncompressed) zip of text files. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const [nameBytes, data] = [Buffer.from(name), Buffer.from(text)];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The `<c>` element of one cell in a sheet's XML. */
function cellXml(sheetXml: string, address: string): string {
  return new RegExp(`<c r="${address}"[^>]*?(?:/>|>.*?</c>)`).exec(sheetXml)?.[0] ?? '';
}

/** Sheet XML by sheet name (follows workbook.xml and its relationships). */
function sheetXml(files: Map<string, string>, name: string): string {
  const workbook = files.get('xl/workbook.xml') ?? '';
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = files.get('xl/_rels/workbook.xml.rels') ?? '';
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  return decode(files.get(`xl/${target?.replace(/^\/?xl\//, '')}`) ?? '');
}

/** Only quotes and apostrophes: enough to match formulas in the XML by eye. */
const decode = (xml: string) => xml.replace(/&quot;/g, '"').replace(/&apos;/g, "'");

const unescape = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The text of a string cell: inline (`t="inlineStr"`) or shared (`t="s"`, an index into sharedStrings.xml). */
function cellText(files: Map<string, string>, cell: string): string | undefined {
  if (/ t="inlineStr"/.test(cell)) return unescape(/<is>(.*?)<\/is>/.exec(cell)?.[1] ?? '');
  if (!/ t="s"/.test(cell)) return undefined;
  const items = (files.get('xl/sharedStrings.xml') ?? '').match(/<si>.*?<\/si>/g) ?? [];
  return unescape(items[Number(/<v>(\d+)<\/v>/.exec(cell)?.[1])] ?? '');
}

/** A register-shaped workbook exercising every feature the file must carry. */
function buildRegister(): FileWorkbook {
  const wb = FileWorkbook.create();
  wb.addSheet('Register');
  wb.addSheet('Individuals');
  wb.write('Register', 1, 1, [
    ['id', 'name', 'status', 'score', 'department', 'note'],
    ['K1', 'Sales growth', 'GREEN', { formula: '=D3*2', result: 0.9 }, 'Sales', DANGEROUS_TEXT[0]],
    ['K2', 'Churn', 'RED', 0.45, 'Customer service', DANGEROUS_TEXT[1]],
    ['K3', 'Lead time', 'AMBER', 0.75, 'Operations', DANGEROUS_TEXT[2]],
  ]);
  wb.addTable({
    name: 'Register',
    range: { sheet: 'Register', row: 1, col: 1, rows: 4, cols: 6 },
    style: 'medium',
  });
  wb.setValidationList(
    { sheet: 'Register', row: 2, col: 3, rows: 3, cols: 1 },
    ['GREEN', 'AMBER', 'RED'],
    true,
  );
  wb.setValidationList({ sheet: 'Register', row: 2, col: 5, rows: 3, cols: 1 }, LONG_LIST);
  wb.addConditionalFormat(
    { sheet: 'Register', row: 2, col: 4, rows: 3, cols: 1 },
    { kind: 'trafficLights', amberAt: 0.7, greenAt: 0.9 },
  );
  wb.addConditionalFormat(
    { sheet: 'Register', row: 2, col: 3, rows: 3, cols: 1 },
    { kind: 'textEquals', text: 'GREEN', fill: '#C6EFCE', fontColor: '#006100' },
  );
  wb.addConditionalFormat(
    { sheet: 'Register', row: 2, col: 4, rows: 3, cols: 1 },
    { kind: 'number', operator: 'lessThan', value: 0.5, fill: '#FFC7CE' },
  );
  wb.freeze('Register', 1, 2);
  wb.setColumnWidths('Register', 1, [10, 30]);
  wb.write('Individuals', 1, 1, [['Sales'], ['Ann'], ['Bob'], ['Operations'], ['Cat']]);
  wb.groupRows('Individuals', 2, 3);
  return wb;
}

describe('FileWorkbook — what the saved .xlsx says', () => {
  let files: Map<string, string>;
  let register: string;

  beforeAll(async () => {
    files = unzip(await buildRegister().toBuffer());
    register = sheetXml(files, 'Register');
  });

  it('stores text that looks like a formula as a string cell, with no formula', () => {
    for (const [address, text] of [
      ['F2', DANGEROUS_TEXT[0]],
      ['F3', DANGEROUS_TEXT[1]],
      ['F4', DANGEROUS_TEXT[2]],
    ]) {
      const xml = cellXml(register, address);
      expect(xml).toMatch(/ t="(s|inlineStr)"/);
      expect(xml).not.toMatch(/<f>/);
      expect(cellText(files, xml)).toBe(text);
    }
  });

  it('stores a formula without "=" and with its cached result', () => {
    expect(cellXml(register, 'D2')).toMatch(/<f>D3\*2<\/f><v>0.9<\/v>/);
  });

  it('writes a table whose columns are the header cells', () => {
    const table = files.get('xl/tables/table1.xml') ?? '';
    expect(table).toMatch(/ name="Register"/);
    expect(table).toMatch(/ ref="A1:F4"/);
    expect(table).toMatch(/<autoFilter ref="A1:F4"/);
    expect([...table.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'id',
      'name',
      'status',
      'score',
      'department',
      'note',
    ]);
    expect(table).toMatch(/<tableStyleInfo name="TableStyleMedium2"[^>]*showRowStripes="1"/);
  });

  it('writes a short dropdown inline and a long one as a reference to a hidden lists sheet', () => {
    expect(register).toMatch(
      /<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" sqref="C2:C4"><formula1>"GREEN,AMBER,RED"<\/formula1>/,
    );
    expect(register).toMatch(
      new RegExp(
        `<dataValidation type="list" [^>]*errorStyle="warning" sqref="E2:E4"><formula1>${LISTS_SHEET}!\\$A\\$1:\\$A\\$60</formula1>`,
      ),
    );
    expect(files.get('xl/workbook.xml')).toMatch(
      new RegExp(`<sheet [^>]*name="${LISTS_SHEET}"[^>]*state="hidden"`),
    );
    const lists = sheetXml(files, LISTS_SHEET);
    expect(cellText(files, cellXml(lists, 'A60'))).toBe(LONG_LIST[59]);
  });

  it('writes the traffic-light icon set, the text rule and the number rule as native conditional formats', () => {
    expect(register).toMatch(
      /<conditionalFormatting sqref="D2:D4"><cfRule type="iconSet" priority="\d+"><iconSet iconSet="3TrafficLights1"[^>]*><cfvo type="percent" val="0"\/><cfvo type="num" val="0.7"\/><cfvo type="num" val="0.9"\/><\/iconSet>/,
    );
    expect(register).toMatch(
      /<cfRule type="expression" dxfId="\d+" priority="\d+"><formula>EXACT\(C2,"GREEN"\)<\/formula>/,
    );
    expect(register).toMatch(
      /<cfRule type="cellIs" dxfId="\d+" priority="\d+" operator="lessThan"><formula>0.5<\/formula>/,
    );
    // The rules' fills are real dxf styles.
    expect(files.get('xl/styles.xml')).toMatch(/<dxfs count="2">.*FFC6EFCE.*FFFFC7CE/s);
  });

  it('freezes panes, sets widths and outlines grouped rows under their summary row', () => {
    expect(register).toMatch(
      /<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"\/>/,
    );
    expect(register).toMatch(/<col min="1" max="1" width="10"/);
    const individuals = sheetXml(files, 'Individuals');
    expect(individuals).toMatch(/<outlinePr summaryBelow="0"\/>/);
    expect(individuals).toMatch(/<row r="2"[^>]*outlineLevel="1"/);
    expect(individuals).toMatch(/<row r="3"[^>]*outlineLevel="1"/);
    expect(individuals).not.toMatch(/<row r="4"[^>]*outlineLevel/);
  });
});

describe('FileWorkbook — read back by exceljs directly', () => {
  it('sees string cells, the table, the dropdowns and the icon set', async () => {
    const excel = new ExcelWorkbook();
    await excel.xlsx.load((await buildRegister().toBuffer()) as unknown as ArrayBuffer);
    const ws = excel.getWorksheet('Register')!;
    expect(ws.getCell('F2').type).toBe(ValueType.String);
    expect(ws.getCell('F2').value).toBe('=1+1');
    expect(ws.getCell('D2').formula).toBe('D3*2');
    const table = (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables
      .Register;
    expect(table.table.tableRef).toBe('A1:F4');
    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
    ).dataValidations.model;
    expect(validations.C3.formulae).toEqual(['"GREEN,AMBER,RED"']);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { iconSet?: string }[] }[] })
      .conditionalFormattings;
    expect(cf.find((c) => c.ref === 'D2:D4' && c.rules[0].iconSet === '3TrafficLights1')).toBeDefined();
    expect(excel.getWorksheet(LISTS_SHEET)?.state).toBe('hidden');
  });
});

describe('FileWorkbook — tables stay in step with their cells', () => {
  it('renames table columns when header cells are rewritten, and grows the table on append', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('Check-ins');
    wb.write('Check-ins', 1, 1, [['KPI', 'Actual']]);
    wb.addTable({ name: 'CheckIns', range: { sheet: 'Check-ins', row: 1, col: 1, rows: 1, cols: 2 } });
    wb.write('Check-ins', 1, 1, [['指標', '實際']]);
    await wb.append('Check-ins', [['K1', 10]]);
    await wb.append('Check-ins', [['K2', 20]]);
    const files = unzip(await wb.toBuffer());
    const table = files.get('xl/tables/table1.xml') ?? '';
    expect(table).toMatch(/ ref="A1:B3"/);
    expect([...table.matchAll(/<tableColumn [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '指標',
      '實際',
    ]);
    const again = await reopen(wb);
    expect((await again.readSheet('Check-ins'))?.values).toEqual([
      ['指標', '實際'],
      ['K1', 10],
      ['K2', 20],
    ]);
    await again.append('Check-ins', [['K3', 30]]);
    expect((await again.tables())[0].range.rows).toBe(4);
  });

  it('fills a blank header cell as Excel would, so the table and its cells agree', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('S');
    wb.write('S', 1, 1, [['Owner', null, 'owner']]);
    wb.addTable({ name: 'T', range: { sheet: 'S', row: 1, col: 1, rows: 2, cols: 3 } });
    const again = await reopen(wb);
    expect((await again.readSheet('S'))?.values[0]).toEqual(['Owner', 'Column2', 'owner2']);
  });
});

describe('FileWorkbook — dates are calendar dates in every time zone', () => {
  // Node fixes the time zone at start-up under jest, so each zone runs in a child process.
  const CHILD = `
    require('ts-node').register({ transpileOnly: true });
    const { FileWorkbook } = require('./src/hosts/file/file-workbook');
    (async () => {
      const wb = FileWorkbook.create();
      wb.addSheet('Dates');
      wb.write('Dates', 1, 1, [[new Date(2026, 2, 31), new Date(2026, 0, 5, 9, 30), { formula: '=A1+1', result: new Date(2026, 3, 1) }]]);
      const bytes = await wb.toBuffer();
      const fields = (values) => values.map((d) => [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]);
      const own = (await (await FileWorkbook.fromBuffer(bytes)).readSheet('Dates')).values[0];
      const foreign = (await (await FileWorkbook.fromBuffer(Buffer.from(process.env.KPI_XLSX, 'base64'))).readSheet('Dates')).values[0];
      console.log(JSON.stringify({ offset: new Date(2026, 2, 1).getTimezoneOffset(), bytes: Buffer.from(bytes).toString('base64'), own: fields(own), foreign: fields(foreign) }));
    })().catch((error) => { console.error(error); process.exit(1); });`;

  const expected = [
    [2026, 3, 31, 0, 0],
    [2026, 1, 5, 9, 30],
    [2026, 4, 1, 0, 0],
  ];
  const fields = (values: unknown[]) =>
    (values as Date[]).map((d) => [
      d.getFullYear(),
      d.getMonth() + 1,
      d.getDate(),
      d.getHours(),
      d.getMinutes(),
    ]);

  it.each([
    ['Asia/Hong_Kong', -480],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
  ])(
    'a date written in %s is the same calendar date in the file and when read anywhere',
    async (zone, offset) => {
      // A file written here (the test runs in its own zone) is handed to the child to read.
      const local = FileWorkbook.create();
      local.addSheet('Dates');
      local.write('Dates', 1, 1, [
        [
          new Date(2026, 2, 31),
          new Date(2026, 0, 5, 9, 30),
          { formula: '=A1+1', result: new Date(2026, 3, 1) },
        ],
      ]);
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, TZ: zone, KPI_XLSX: Buffer.from(await local.toBuffer()).toString('base64') },
        maxBuffer: 16 * 1024 * 1024,
      });
      const child = JSON.parse(stdout) as {
        offset: number;
        bytes: string;
        own: number[][];
        foreign: number[][];
      };
      expect(child.offset).toBe(offset); // the zone really applied in the child
      expect(child.own).toEqual(expected);
      expect(child.foreign).toEqual(expected);
      // The serial numbers in the file are the calendar dates' (the core's dateToSerial), not shifted instants.
      const bytes = Buffer.from(child.bytes, 'base64');
      const xml = sheetXml(unzip(bytes), 'Dates');
      const serial = dateToSerial(new Date(2026, 2, 31));
      expect(cellXml(xml, 'A1')).toContain(`<v>${serial}</v>`);
      expect(Number(/<v>([\d.]+)<\/v>/.exec(cellXml(xml, 'B1'))?.[1])).toBeCloseTo(
        dateToSerial(new Date(2026, 0, 5)) + 9.5 / 24,
        8,
      );
      expect(cellXml(xml, 'C1')).toContain(`<v>${serial + 1}</v>`);
      // And read here, in another zone, it is still the same calendar date.
      expect(fields((await (await FileWorkbook.fromBuffer(bytes)).readSheet('Dates'))!.values[0])).toEqual(
        expected,
      );
    },
    60_000,
  );

  it('gives a written date an ISO number format', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('Dates');
    wb.write('Dates', 1, 1, [[new Date(2026, 2, 31), new Date(2026, 2, 31, 14, 5)]]);
    const sheet = sheetOf((await reopen(wb)).inspect(), 'Dates');
    expect(cellOf(sheet, 1, 1)).toEqual({ value: { date: '2026-03-31' }, numFmt: 'yyyy-mm-dd' });
    expect(cellOf(sheet, 1, 2)).toEqual({
      value: { date: '2026-03-31T14:05:00' },
      numFmt: 'yyyy-mm-dd hh:mm',
    });
  });
});

describe('FileWorkbook — opening what users have', () => {
  it('normalises rich text, hyperlinks, errors, shared formulas and merged cells', async () => {
    const excel = new ExcelWorkbook();
    const ws = excel.addWorksheet('Mine');
    ws.getCell('A1').value = { richText: [{ text: 'Grow ', font: { bold: true } }, { text: 'sales' }] };
    ws.getCell('A2').value = { text: 'Guide', hyperlink: 'https://example.com' };
    ws.getCell('A3').value = { error: '#DIV/0!' };
    ws.getCell('A4').value = 'merged';
    ws.mergeCells('A4:B4');
    ws.getCell('C1').value = 1;
    ws.getCell('C2').value = 2;
    ws.getCell('C3').value = 3;
    ws.getCell('D1').value = { formula: 'C1*10', result: 10, shareType: 'shared', ref: 'D1:D3' } as never;
    ws.getCell('D2').value = { sharedFormula: 'D1', result: 20 };
    ws.getCell('D3').value = { sharedFormula: 'D1', result: 30 };
    const wb = await FileWorkbook.fromBuffer(await excel.xlsx.writeBuffer());
    const data = await wb.readSheet('Mine');
    expect(data?.values).toEqual([
      ['Grow sales', null, 1, 10],
      ['Guide', null, 2, 20],
      ['#DIV/0!', null, 3, 30],
      ['merged', null, null, null],
    ]);
    expect(data?.formulas.map((line) => line[3])).toEqual(['=C1*10', '=C2*10', '=C3*10', null]);
    // Replacing the shared formula's first cell must not break the others.
    wb.write('Mine', 1, 4, [[99]]);
    const again = await reopen(wb);
    expect((await again.readSheet('Mine'))?.formulas.map((line) => line[3])).toEqual([
      null,
      '=C2*10',
      '=C3*10',
      null,
    ]);
  });

  it('restyles one cell without restyling others that shared its style', async () => {
    const excel = new ExcelWorkbook();
    const ws = excel.addWorksheet('Mine');
    ['A1', 'A2', 'A3'].forEach((address) => {
      ws.getCell(address).value = 1;
      ws.getCell(address).numFmt = '0.00';
    });
    const wb = await FileWorkbook.fromBuffer(await excel.xlsx.writeBuffer());
    wb.setStyle({ sheet: 'Mine', row: 2, col: 1, rows: 1, cols: 1 }, { bold: true, fill: '#FF0000' });
    wb.setNumberFormat({ sheet: 'Mine', row: 3, col: 1, rows: 1, cols: 1 }, '0%');
    const sheet = sheetOf((await reopen(wb)).inspect(), 'Mine');
    expect(cellOf(sheet, 1, 1)).toEqual({ value: 1, numFmt: '0.00' });
    expect(cellOf(sheet, 2, 1)).toEqual({ value: 1, numFmt: '0.00', style: { bold: true, fill: '#FF0000' } });
    expect(cellOf(sheet, 3, 1)).toEqual({ value: 1, numFmt: '0%' });
  });

  it('keeps dropdowns the user had, and replaces them only where a new one is set', async () => {
    const excel = new ExcelWorkbook();
    const ws = excel.addWorksheet('Mine');
    ws.getCell('A1').value = 'x';
    (ws as unknown as { dataValidations: { add(a: string, v: object): void } }).dataValidations.add(
      'B1:B10',
      {
        type: 'list',
        allowBlank: true,
        formulae: ['"yes,no"'],
      },
    );
    const wb = await FileWorkbook.fromBuffer(await excel.xlsx.writeBuffer());
    wb.setValidationList({ sheet: 'Mine', row: 4, col: 2, rows: 2, cols: 1 }, ['maybe']);
    const xml = sheetXml(unzip(await wb.toBuffer()), 'Mine');
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(sqrefs).toEqual(['B1:B3', 'B4:B5', 'B6:B10']);
  });
});

describe('FileWorkbook — refusing what is not an .xlsx workbook', () => {
  const cfb = (extra: Buffer) =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), extra]);
  const utf16 = (text: string) => Buffer.from(text, 'utf16le');

  async function openError(bytes: Uint8Array): Promise<WorkbookOpenError> {
    const error = await FileWorkbook.fromBuffer(bytes, 'kpis.xlsx').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookOpenError);
    return error as WorkbookOpenError;
  }

  it.each<[string, () => Promise<Uint8Array> | Uint8Array, OpenErrorCode]>([
    ['an empty file', () => new Uint8Array(0), 'empty'],
    ['a text (CSV) file', () => Buffer.from('KPI,Target\nSales,100\n'), 'notXlsx'],
    ['a legacy .xls (OLE2) file', () => cfb(utf16('Workbook')), 'legacyXls'],
    [
      'a password-protected .xlsx',
      () => cfb(Buffer.concat([utf16('EncryptionInfo'), utf16('EncryptedPackage')])),
      'encrypted',
    ],
    ['a zip that is not a workbook', () => zip({ 'readme.txt': 'hello' }), 'notWorkbook'],
    [
      'an OpenDocument spreadsheet',
      () => zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }),
      'ods',
    ],
    ['an Excel binary workbook (.xlsb)', () => zip({ 'xl/workbook.bin': 'binary' }), 'xlsb'],
    [
      'a workbook with no worksheets',
      async () => new Uint8Array(await new ExcelWorkbook().xlsx.writeBuffer()),
      'noSheets',
    ],
    ['a truncated workbook', async () => (await buildRegister().toBuffer()).subarray(0, 2000), 'corrupt'],
  ])('%s', async (_what, bytes, code) => {
    const error = await openError(await bytes());
    expect(error.code).toBe(code);
    expect(error.message).toContain('kpis.xlsx');
    expect(error.message).not.toContain('\n');
    expect(error.localized('zh-HK')).toContain('kpis.xlsx');
    expect(error.localized('zh-HK')).not.toBe(error.message);
  });

  it('says when the file does not exist', async () => {
    const missing = join(tmpdir(), 'no-such-dir-kpi', 'kpis.xlsx');
    await expect(FileWorkbook.open(missing)).rejects.toMatchObject({
      name: 'WorkbookOpenError',
      code: 'notFound',
    });
  });

  it('has every open and save error in every language', () => {
    for (const catalog of [OPEN_ERRORS, SAVE_ERRORS]) {
      const keys = Object.keys(catalog.en).sort();
      for (const lang of LANGS) expect(Object.keys(catalog[lang]).sort()).toEqual(keys);
    }
  });
});

describe('FileWorkbook — saving', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves a file that opens again, replacing the old one and leaving no temporary file', async () => {
    const path = join(dir, 'register.xlsx');
    const wb = buildRegister();
    await wb.save(path);
    wb.write('Register', 5, 1, [['K4', 'New KPI']]);
    await wb.save(path);
    expect(readdirSync(dir)).toEqual(['register.xlsx']);
    const again = await FileWorkbook.open(path);
    expect((await again.readSheet('Register'))?.values[4].slice(0, 2)).toEqual(['K4', 'New KPI']);
  });

  it('leaves the existing file untouched when the save fails', async () => {
    const path = join(dir, 'register.xlsx');
    writeFileSync(path, 'previous contents');
    jest
      .spyOn(fsPromises, 'rename')
      .mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(buildRegister().save(path)).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('previous contents');
    expect(readdirSync(dir)).toEqual(['register.xlsx']);
  });

  it('saves only to .xlsx names, so a macro workbook is never overwritten without its macros', async () => {
    const path = join(dir, 'budget.xlsm');
    writeFileSync(path, 'macros');
    const error = await buildRegister()
      .save(path)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookSaveError);
    expect((error as WorkbookSaveError).localized('zh-HK')).toContain('.xlsx');
    expect(readFileSync(path, 'utf8')).toBe('macros');
    expect(readdirSync(dir)).toEqual(['budget.xlsm']);
  });

  it('fails without creating anything when the folder does not exist', async () => {
    await expect(buildRegister().save(join(dir, 'missing', 'register.xlsx'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('FileWorkbook — bulk work stays near-linear', () => {
  it('appends one row at a time to a 20,000-row sheet without rescanning it', async () => {
    const wb = FileWorkbook.create();
    wb.addSheet('Check-ins');
    wb.write(
      'Check-ins',
      1,
      1,
      Array.from({ length: 20_000 }, (_, r) => [`K${r}`, r, 'note']),
    );
    const started = Date.now();
    const rows: number[] = [];
    for (let i = 0; i < 3000; i++) rows.push(await wb.append('Check-ins', [[`N${i}`, i, 'late']]));
    expect(rows[0]).toBe(20_001);
    expect(rows[2999]).toBe(23_000);
    // A rescan per append would visit 60 million cells here; the cached last row visits none.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

// --- LibreOffice: an independent spreadsheet program reads the file -----------------------------------

const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((path) => existsSync(path));
const requireSoffice = process.env.CI === 'true';
const withSoffice = soffice || requireSoffice ? it : it.skip;

describe('FileWorkbook — LibreOffice reads it', () => {
  withSoffice(
    'keeps formula-like text as text and recomputes formulas',
    async () => {
      expect(soffice).toBeDefined(); // on CI, a missing LibreOffice is a failure, not a skip
      const dir = mkdtempSync(join(tmpdir(), 'kpi-soffice-'));
      try {
        const wb = FileWorkbook.create();
        wb.addSheet('Check');
        wb.write('Check', 1, 1, [
          [DANGEROUS_TEXT[0], 21],
          [DANGEROUS_TEXT[1], { formula: '=B1*2', result: 0 }],
          [DANGEROUS_TEXT[2], { formula: '=SUM(B1:B2)', result: 0 }],
          [DANGEROUS_TEXT[3], { formula: '=IF(B3>60,"GREEN","RED")', result: 'stale' }],
        ]);
        wb.setValidationList({ sheet: 'Check', row: 1, col: 3, rows: 4, cols: 1 }, LONG_LIST);
        wb.addTable({ name: 'Checks', range: { sheet: 'Check', row: 1, col: 5, rows: 2, cols: 1 } });
        const path = join(dir, 'check.xlsx');
        await wb.save(path);
        // The file says Excel wrote it, so LibreOffice would trust the cached results; make it recalculate.
        mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
        writeFileSync(join(dir, 'profile', 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD);
        await promisify(execFile)(
          soffice!,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'csv',
            '--outdir',
            dir,
            path,
          ],
          { timeout: 120_000 },
        );
        const rows = readFileSync(join(dir, 'check.csv'), 'utf8')
          .trim()
          .split(/\r?\n/)
          .map((line) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1').replace(/""/g, '"')));
        expect(rows.map((row) => row[0])).toEqual(DANGEROUS_TEXT.slice(0, 4));
        expect(rows.map((row) => row[1])).toEqual(['21', '42', '63', 'GREEN']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
