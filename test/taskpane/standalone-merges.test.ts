import ExcelJS from 'exceljs';
import { adoptWorkbook } from '../../src/register/adopt';
import { buildRegister } from '../../src/register/build';
import { openXlsx, xlsxBytes } from '../../src/taskpane/standalone/xlsx';

/** Issue 9: Open → Download on the standalone page kept the user's values but dropped their merged cells. */
async function userWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const kpis = workbook.addWorksheet('KPIs');
  kpis.addRows([
    ['ID', 'KPI', 'Department', 'Target'],
    ['S1', 'Monthly new customers in Hong Kong', 'Sales', 120],
    ['S2', 'Average order value', null, 800],
    ['F1', 'Gross margin', 'Finance', 0.41],
  ]);
  kpis.mergeCells('C2:C3'); // a department merged down its block
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('A1').value = 'KPI review 2026';
  notes.mergeCells('A1:D1');
  notes.getCell('A3').value = 'Owner';
  notes.getCell('B3').value = 'Amy';
  notes.mergeCells('B3:C4');
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

async function mergesIn(bytes: Uint8Array): Promise<Record<string, string[]>> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes as unknown as ArrayBuffer);
  const merges: Record<string, string[]> = {};
  for (const ws of back.worksheets)
    merges[ws.name] = [...((ws.model as { merges?: string[] }).merges ?? [])].sort();
  return merges;
}

describe('standalone page: Open → Download keeps merged cells', () => {
  it('keeps them on an unchanged workbook', async () => {
    const workbook = await openXlsx(new File([(await userWorkbook()) as BlobPart], 'kpis.xlsx'));
    const merges = await mergesIn(await xlsxBytes(workbook));
    expect(merges.KPIs).toEqual(['C2:C3']);
    expect(merges.Notes).toEqual(['A1:D1', 'B3:C4']);
  });

  it('keeps them, and every value, after a register is built into the workbook', async () => {
    const workbook = await openXlsx(new File([(await userWorkbook()) as BlobPart], 'kpis.xlsx'));
    const adopted = await adoptWorkbook(workbook, { lang: 'en', today: new Date(2026, 5, 15) });
    await buildRegister(
      workbook,
      { kpis: adopted.kpis, checkIns: adopted.checkIns },
      { lang: 'en', portable: true },
    );
    const bytes = await xlsxBytes(workbook);
    const merges = await mergesIn(bytes);
    expect(merges.KPIs).toEqual(['C2:C3']);
    expect(merges.Notes).toEqual(['A1:D1', 'B3:C4']);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(back.getWorksheet('Notes')!.getCell('A1').value).toBe('KPI review 2026');
    expect(back.getWorksheet('Notes')!.getCell('B3').value).toBe('Amy');
    expect(back.getWorksheet('KPIs')!.getCell('C2').value).toBe('Sales');
  });

  it('never merges over a value written since (only the top-left cell of a merge shows)', async () => {
    const workbook = await openXlsx(new File([(await userWorkbook()) as BlobPart], 'kpis.xlsx'));
    workbook.write('Notes', 1, 3, [['added later']]);
    const merges = await mergesIn(await xlsxBytes(workbook));
    expect(merges.Notes).toEqual(['B3:C4']);
  });
});

describe('standalone page: Open refuses a zip bomb before loading it', () => {
  it('says which part is too large, without inflating it', async () => {
    const { bombPart, kpiListEntries, THEME_HEAD, THEME_TAIL } = await import('../cli/hostile');
    const { writeZip } = await import('../../src/hosts/file/zip');
    const entries = await kpiListEntries();
    const bomb = bombPart('xl/theme/theme1.xml', THEME_HEAD, THEME_TAIL, 300, 7_000);
    const bytes = writeZip(
      entries.map((entry) => (entry.name === bomb.name ? bomb : entry)),
      6,
    );
    await expect(openXlsx(new File([bytes as BlobPart], 'bomb.xlsx'))).rejects.toMatchObject({
      name: 'WorkbookOpenError',
      code: 'tooLarge',
      message: expect.stringMatching(/^bomb\.xlsx unpacks to more than 64 MB/),
    });
  });
});
