import { ActionWorkbook } from '../../src/app/view';
import { indexRegister } from '../../src/app/registerIndex';
import { FileWorkbook, XlsxWorkbook, memoryFromXlsx, memoryToXlsx } from '../../src/hosts/file';
import { EXCEL_CALC_ID } from '../../src/hosts/file/calc-properties';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { adoptWorkbook } from '../../src/register/adopt';
import { buildRegister } from '../../src/register/build';
import { demoRegister } from '../../src/register/demo';
import { readRegister } from '../../src/register/read';
import type { SheetData, Workbook } from '../../src/register/workbook';
import { excelShapedXlsx } from '../helpers/excel-shaped';
import { entryText as partText, zipEntries as xlsxParts } from '../helpers/zip-entries';

/**
 * Issue 8 item 1: custom functions in files are stored as Excel stores them (`_xldudf_KPI_SCORE(`),
 * and every reader takes both that form and `KPI.SCORE(`.
 */

const TODAY = new Date(2026, 4, 15);
const data = demoRegister({ lang: 'en', today: TODAY });

async function built<T extends Workbook>(workbook: T, portable = false): Promise<T> {
  await buildRegister(workbook, data, { lang: 'en', today: TODAY, portable });
  return workbook;
}

async function everySheet(workbook: Workbook): Promise<SheetData[]> {
  const names = (await workbook.sheets()).map((sheet) => sheet.name);
  return (await workbook.readSheets(names)) as SheetData[];
}

const worksheetsOf = (parts: Map<string, Buffer>) =>
  [...parts.keys()]
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .map((name) => partText(parts, name));

/** A KPI.* call in the dotted form anywhere in a part (what Excel would not bind to the add-in). */
const DOTTED_CALL = /(^|[^A-Za-z0-9_.])KPI\.[A-Z]+\(/i;

describe('a file as Excel writes it (_xldudf_KPI_…, cached results, shared formulas)', () => {
  let memory: MemoryWorkbook;
  let fixture: Buffer;

  beforeAll(async () => {
    memory = await built(new MemoryWorkbook());
    fixture = await excelShapedXlsx(memory);
  });

  it('holds the formulas exactly as Excel writes them', () => {
    const xml = worksheetsOf(xlsxParts(fixture)).join('');
    expect(xml).toMatch(
      /<f t="shared" ref="S2:S\d+" si="\d+">_xldudf_KPI_SCORE\(R2,Q2,P2,N2\)<\/f><v>[\d.]+<\/v>/,
    );
    expect(xml).toMatch(
      /<c r="T2" t="str"><f t="shared" ref="T2:T\d+" si="\d+">_xldudf_KPI_STATUS\(S2,M2\)<\/f><v>[A-Z]+<\/v>/,
    );
    expect(xml).not.toMatch(DOTTED_CALL);
  });

  it('reads back with the register formulas (KPI.SCORE) and the cached results', async () => {
    const file = await FileWorkbook.fromBuffer(fixture);
    const [expected, read] = [await memory.readSheet('Register'), await file.readSheet('Register')];
    expect(read?.formulas[1][18]).toBe('=KPI.SCORE(R2,Q2,P2,N2)');
    expect(read?.formulas[2][18]).toBe('=KPI.SCORE(R3,Q3,P3,N3)'); // a shared formula's child
    expect(read?.formulas).toEqual(expected?.formulas);
    expect(read?.values).toEqual(expected?.values);
  });

  it('is read by the register reader as the register it is', async () => {
    const fromFixture = await readRegister(await FileWorkbook.fromBuffer(fixture));
    const fromMemory = await readRegister(memory);
    expect(fromFixture.problems).toEqual([]);
    expect(fromFixture.kpis).toEqual(fromMemory.kpis);
    expect(fromFixture.checkIns).toEqual(fromMemory.checkIns);
  });

  it("is a KPI-dialect register to the task pane's index, from the file host and from the standalone page's Open", async () => {
    const index = await indexRegister(new ActionWorkbook(await FileWorkbook.fromBuffer(fixture)));
    expect(index.dialect).toBe('kpi');
    expect(index.kpis.size).toBe(data.kpis.length);
    const opened = await memoryFromXlsx(fixture, 'excel.xlsx');
    expect((await opened.readSheet('Register'))?.formulas[1][18]).toBe('=KPI.SCORE(R2,Q2,P2,N2)');
    expect((await indexRegister(new ActionWorkbook(opened))).dialect).toBe('kpi');
  });

  it('takes the stored form in any case', async () => {
    const lower = await excelShapedXlsx(memory, (name) => `_xldudf_kpi_${name.toLowerCase()}`);
    expect(worksheetsOf(xlsxParts(lower)).join('')).toContain('_xldudf_kpi_score(R2,Q2,P2,N2)');
    const file = await FileWorkbook.fromBuffer(lower);
    expect((await file.readSheet('Register'))?.formulas[1][18]).toBe('=KPI.SCORE(R2,Q2,P2,N2)');
    expect((await indexRegister(new ActionWorkbook(file))).dialect).toBe('kpi');
  });

  it('is still a KPI register when a host hands back the stored form itself', async () => {
    // e.g. Excel without the add-in loaded shows `=_xldudf_KPI_SCORE(…)` (office-js #5611).
    const host = await built(new MemoryWorkbook());
    const sheet = (await host.readSheet('Register')) as SheetData;
    const rows = sheet.formulas.slice(1).map((line, r) =>
      line.map((formula, c) => {
        const value = sheet.values[r + 1][c];
        return formula
          ? { formula: formula.replace(/KPI\.([A-Z]+)\(/g, '_xldudf_KPI_$1('), result: value }
          : value;
      }),
    );
    host.write('Register', 2, 1, rows);
    expect((await host.readSheet('Register'))?.formulas[1][18]).toBe('=_xldudf_KPI_SCORE(R2,Q2,P2,N2)');
    expect((await indexRegister(new ActionWorkbook(host))).dialect).toBe('kpi');
  });

  it('is known to adoption as a register already (init does not adopt it twice)', async () => {
    await expect(
      adoptWorkbook(await FileWorkbook.fromBuffer(fixture), { lang: 'en', today: TODAY }),
    ).rejects.toMatchObject({ code: 'alreadyRegister' });
  });
});

describe('a register the file host writes', () => {
  it('stores every KPI.* call as _xldudf_KPI_… and reads back the same formulas (FileWorkbook: CLI)', async () => {
    const file = await built(FileWorkbook.create());
    const before = await everySheet(file);
    const bytes = await file.toBuffer();
    const parts = xlsxParts(bytes);
    const sheets = worksheetsOf(parts);
    expect(sheets.join('')).toContain('<f>_xldudf_KPI_SCORE(R2,Q2,P2,N2)</f>');
    expect(sheets.join('')).toContain('_xldudf_KPI_ROLLUP(');
    for (const xml of sheets) expect(xml.replace(/<t[^>]*>[^<]*<\/t>/g, '')).not.toMatch(DOTTED_CALL);
    const after = await everySheet(await FileWorkbook.fromBuffer(bytes));
    expect(after.map((sheet) => sheet.formulas)).toEqual(before.map((sheet) => sheet.formulas));
    expect(
      before.flatMap((sheet) => sheet.formulas.flat()).filter((f) => f?.startsWith('=KPI.')).length,
    ).toBeGreaterThan(100);
  });

  it('does the same through exceljs alone (XlsxWorkbook: the standalone page’s Download)', async () => {
    const memory = await built(new MemoryWorkbook());
    const bytes = await memoryToXlsx(memory);
    const sheets = worksheetsOf(xlsxParts(bytes));
    expect(sheets.join('')).toContain('<f>_xldudf_KPI_SCORE(R2,Q2,P2,N2)</f>');
    for (const xml of sheets) expect(xml.replace(/<t[^>]*>[^<]*<\/t>/g, '')).not.toMatch(DOTTED_CALL);
    const back = await memoryFromXlsx(bytes);
    expect((await everySheet(back)).map((s) => s.formulas)).toEqual(
      (await everySheet(memory)).map((s) => s.formulas),
    );
  });

  it('tells Excel its cached results are current when it calls KPI.* functions, and asks for a full calculation when portable', async () => {
    const kpiXml = partText(
      xlsxParts(await (await built(FileWorkbook.create())).toBuffer()),
      'xl/workbook.xml',
    );
    expect(kpiXml).toContain(`<calcPr calcId="${EXCEL_CALC_ID}"/>`);
    expect(kpiXml).toContain('<xcalcf:feature name="microsoft.com:LAMBDA_WF"/>');
    expect(kpiXml).not.toContain('fullCalcOnLoad');
    const browserXml = partText(
      xlsxParts(await memoryToXlsx(await built(new MemoryWorkbook()))),
      'xl/workbook.xml',
    );
    expect(browserXml).toContain(`<calcPr calcId="${EXCEL_CALC_ID}"/>`);

    const portableBytes = await (await built(FileWorkbook.create(), true)).toBuffer();
    const portableXml = partText(xlsxParts(portableBytes), 'xl/workbook.xml');
    expect(portableXml).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(portableXml).not.toContain('calcFeatures');
    expect(worksheetsOf(xlsxParts(portableBytes)).join('')).not.toMatch(/_xldudf_|KPI\.[A-Z]+\(/);
  });

  it('saves a register written with plain KPI.SCORE( (before this fix) in the stored form', async () => {
    const memory = await built(new MemoryWorkbook());
    const old = await excelShapedXlsx(memory, (name) => `KPI.${name.toUpperCase()}`);
    expect(worksheetsOf(xlsxParts(old)).join('')).toContain('KPI.SCORE(R2,Q2,P2,N2)');
    const resaved = xlsxParts(await (await XlsxWorkbook.fromBuffer(old)).toBuffer());
    expect(worksheetsOf(resaved).join('')).toContain('_xldudf_KPI_SCORE(R2,Q2,P2,N2)');
    expect(worksheetsOf(resaved).join('')).not.toMatch(DOTTED_CALL);
    expect(partText(resaved, 'xl/workbook.xml')).toContain(`<calcPr calcId="${EXCEL_CALC_ID}"/>`);
  });
});
