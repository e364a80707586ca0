import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook as ExcelWorkbook, ValueType } from 'exceljs';
import { dateToSerial } from '../../src/core/dates';
import { REGISTER_FIELDS, type FieldKey } from '../../src/core/fields';
import { ROLLUP } from '../../src/core/functions';
import { isKpiError } from '../../src/core/errors';
import { FileWorkbook } from '../../src/hosts/file';
import { buildRegister, type RegisterData } from '../../src/register/build';
import { computeRow, latestActuals } from '../../src/register/computed';
import { demoRegister } from '../../src/register/demo';
import type { CellValue, SheetData } from '../../src/register/workbook';
import { SAMPLE_CHECKINS, SAMPLE_KPIS } from '../helpers/register-sample';
import { convertWithSoffice, describeWithSoffice } from '../helpers/soffice';

/**
 * The portable register proves itself in another spreadsheet: LibreOffice opens the .xlsx, recomputes
 * every formula (the cached results are first replaced by a wrong value, so a value that survives can
 * only come from LibreOffice's own calculation), and the results must equal the core's.
 */

const POISON = 987654.321;
const col = (key: FieldKey) => REGISTER_FIELDS.findIndex((field) => field.key === key) + 1;

/** Every formula's cached result replaced by POISON, so nothing but a recalculation can restore it. */
async function poison(input: string, output: string): Promise<number> {
  const excel = new ExcelWorkbook();
  await excel.xlsx.readFile(input);
  let count = 0;
  excel.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ValueType.Formula) return;
        cell.value = { formula: cell.formula, result: POISON };
        count++;
      }),
    ),
  );
  await excel.xlsx.writeFile(output);
  return count;
}

/** A comparable form of a cell: numbers (dates as serial days), text, or null for blank. */
function comparable(value: CellValue): number | string | boolean | null {
  if (value instanceof Date) return dateToSerial(value);
  if (value === '') return null;
  return value;
}

function expectSame(where: string, actual: CellValue, expected: CellValue): void {
  const [a, e] = [comparable(actual), comparable(expected)];
  if (typeof e === 'number' && typeof a === 'number') {
    if (Math.abs(a - e) > 1e-9) throw new Error(`${where}: LibreOffice computed ${a}, the core ${e}`);
  } else if (a !== e) {
    throw new Error(`${where}: LibreOffice computed ${JSON.stringify(a)}, the core ${JSON.stringify(e)}`);
  }
}

describeWithSoffice('portable register recomputed by LibreOffice', (soffice) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const today = new Date();
  const cases: [string, () => RegisterData][] = [
    ['edge cases', () => ({ kpis: SAMPLE_KPIS.map((k) => ({ ...k })), checkIns: [...SAMPLE_CHECKINS] })],
    ['the demo register (zh-HK)', () => demoRegister({ lang: 'zh-HK', today })],
  ];

  it.each(cases)(
    'every score, status, next review, roll-up and count matches the core: %s',
    async (label, make) => {
      const data = make();
      const lang = label.includes('zh-HK') ? 'zh-HK' : 'en';
      const wb = FileWorkbook.create();
      const report = await buildRegister(wb, data, { lang, portable: true, today });
      const names = [report.sheets.register, report.sheets.dashboard, ...report.sheets.cascade];
      const built = (await wb.readSheets(names)) as SheetData[];
      const file = join(dir, `${lang}-${data.kpis.length}.xlsx`);
      await wb.save(file);

      const poisoned = join(dir, `poisoned-${lang}-${data.kpis.length}.xlsx`);
      const formulaCount = await poison(file, poisoned);
      const out = await convertWithSoffice(soffice, poisoned, {
        to: 'xlsx',
        outDir: join(dir, `out-${lang}`),
      });
      const recomputed = (await (await FileWorkbook.open(out)).readSheets(names)) as SheetData[];

      // 1. Every formula cell LibreOffice recomputed equals the cached value the builder took from the core.
      let compared = 0;
      built.forEach((sheet, s) => {
        sheet.formulas.forEach((line, r) =>
          line.forEach((formula, c) => {
            if (!formula) return;
            const where = `${sheet.name}!R${r + 1}C${c + 1} ${formula.slice(0, 50)}`;
            const value = recomputed[s].values[r]?.[c] ?? null;
            if (value === POISON) throw new Error(`${where}: not recalculated`);
            expect(recomputed[s].formulas[r]?.[c]).toBeTruthy();
            expectSame(where, value, sheet.values[r][c]);
            compared++;
          }),
        );
      });
      expect(compared).toBe(formulaCount);

      // 2. And, computed afresh from the core for each KPI: score, status, next review.
      const register = recomputed[0];
      const actuals = latestActuals(data.checkIns);
      data.kpis.forEach((kpi, i) => {
        const row = register.values[i + 1];
        expect(row[col('id') - 1]).toBe(kpi.id);
        const core = computeRow(kpi, actuals.get(kpi.id) ?? kpi.actual);
        const blankIfError = (v: unknown) => (isKpiError(v) || v === '' ? null : (v as CellValue));
        expectSame(`${kpi.id} score`, row[col('score') - 1], blankIfError(core.score));
        expectSame(`${kpi.id} status`, row[col('status') - 1], blankIfError(core.status));
        expectSame(`${kpi.id} next review`, row[col('next_review') - 1], blankIfError(core.nextReview));
      });

      // 3. Each parent's roll-up on the cascade sheets: the core's ROLLUP of its children as LibreOffice sees them.
      let rollups = 0;
      for (const sheet of recomputed.slice(2)) {
        const formulas = built.find((b) => b.name === sheet.name)!.formulas;
        formulas.forEach((line, r) => {
          const rollup = line[9];
          if (!rollup) return;
          const [, first, last] = /H(\d+):H(\d+)/.exec(rollup)!.map(Number);
          const rows = sheet.values.slice(first - 1, last);
          const scores = rows.map((v) => [v[7] ?? '']);
          const weighted = /G\d+:G\d+/.test(rollup);
          const core = weighted
            ? ROLLUP(
                scores,
                rows.map((v) => [v[6] ?? '']),
              )
            : ROLLUP(scores);
          expectSame(`${sheet.name}!J${r + 1}`, sheet.values[r][9], isKpiError(core) ? null : core);
          rollups++;
        });
      }
      expect(rollups).toBeGreaterThan(2);
    },
    180_000,
  );
});
