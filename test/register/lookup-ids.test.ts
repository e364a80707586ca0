import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook as ExcelWorkbook, ValueType } from 'exceljs';
import type { Kpi } from '../../src/core/model';
import { FileWorkbook } from '../../src/hosts/file';
import { buildRegister } from '../../src/register/build';
import type { CellValue, SheetData } from '../../src/register/workbook';
import { SAMPLE_KPIS } from '../helpers/register-sample';
import { convertWithSoffice, describeWithSoffice } from '../helpers/soffice';

/**
 * The cascade sheets look each KPI up in the Register by its id. MATCH(…, 0) reads `*` and `?` as
 * wildcards and `~` as their escape (Excel, LibreOffice and Google Sheets alike), so before issue 9 the
 * id `A*` showed the values of `AB`, the KPI above it. Recalculated by LibreOffice (the cached results
 * poisoned first), every row of the cascade sheets must show its own KPI's weight, score and status.
 */

const POISON = 987654.321;

/** Each id comes after one its wildcard reading would match, so a wildcard lookup finds the wrong KPI. */
const IDS = ['AB', 'A*', 'ABC', 'A?C', 'A~B', 'A~*', 'XY', '?Y', 'ZZZ', '*', '~', '~~'];

function kpis(): Kpi[] {
  const base = SAMPLE_KPIS[0];
  return IDS.map((id, i) => ({
    ...base,
    id,
    name: `KPI ${i + 1}`,
    level: 'company',
    form: 'count',
    unit: undefined,
    polarity: 'higher',
    baseline: undefined,
    target: 100,
    actual: 5 + 10 * i,
    weight: (i + 1) / 100,
    framework: 'KPI',
    parent_id: undefined,
    volume_id: undefined,
  }));
}

async function poison(input: string, output: string): Promise<void> {
  const excel = new ExcelWorkbook();
  await excel.xlsx.readFile(input);
  excel.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ValueType.Formula) cell.value = { formula: cell.formula, result: POISON };
      }),
    ),
  );
  await excel.xlsx.writeFile(output);
}

describeWithSoffice('cascade lookups by id, recalculated by LibreOffice', (soffice) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lo-ids-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['portable', true],
    ['KPI.*', false],
  ])(
    'ids with * ? ~ find their own KPI (%s formulas)',
    async (label, portable) => {
      const data = { kpis: kpis(), checkIns: [] };
      const wb = FileWorkbook.create();
      const report = await buildRegister(wb, data, { lang: 'en', portable, today: new Date(2026, 5, 30) });
      const file = join(dir, `${label}.xlsx`);
      await wb.save(file);
      const poisoned = join(dir, `poisoned-${portable ? 'portable' : 'kpi'}.xlsx`);
      await poison(file, poisoned);
      const out = await convertWithSoffice(soffice, poisoned, {
        to: 'xlsx',
        outDir: join(dir, `out-${portable ? 'portable' : 'kpi'}`),
      });
      const [register, company] = (await (
        await FileWorkbook.open(out)
      ).readSheets([report.sheets.register, report.sheets.cascade[0]])) as SheetData[];

      // The Register's own row for each id, found exactly (as a person reading it would).
      const registerRow = new Map<string, CellValue[]>();
      const header = register.values[0];
      const at = (name: string) => header.indexOf(name);
      for (const row of register.values.slice(1)) registerRow.set(String(row[at('ID')]), row);

      const shown = company.values.slice(1).map((row) => ({
        id: String(row[0]),
        weight: row[6],
        score: row[7],
        status: row[8],
      }));
      expect(shown.map((row) => row.id)).toEqual(IDS);
      const expected = IDS.map((id, i) => {
        const own = registerRow.get(id) as CellValue[];
        return {
          id,
          weight: (i + 1) / 100,
          // Under KPI.* LibreOffice cannot compute the score, but the cascade must show what the Register shows.
          score: own[at('Score')],
          status: own[at('Status')],
        };
      });
      expect(shown).toEqual(expected);
      if (portable) {
        // And those are this KPI's own numbers: actual / target.
        expect(shown.map((row) => row.score)).toEqual(IDS.map((_, i) => (5 + 10 * i) / 100));
      }
    },
    120_000,
  );
});
