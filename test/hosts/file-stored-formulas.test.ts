import fc from 'fast-check';
import { EXCEL_CALC_ID, trustCachedResults } from '../../src/hosts/file/calc-properties';
import { callsKpiFunction, dialectOf, formulas, rowRefs } from '../../src/register/formulas';
import { registerLayout } from '../../src/register/layout';
import { fromStoredFormula, hasStoredKpiCall, toStoredFormula } from '../../src/hosts/file/stored-formulas';

/** KPI.* calls in files as Excel stores them: `_xldudf_KPI_SCORE(` (office-js #5611, Excel-Custom-Functions #108). */
describe("Excel's stored form of KPI.* calls", () => {
  it('turns every KPI.* call into _xldudf_KPI_… and back, in any case', () => {
    expect(toStoredFormula('=KPI.SCORE(R5,Q5,P5,N5)')).toBe('=_xldudf_KPI_SCORE(R5,Q5,P5,N5)');
    expect(toStoredFormula('kpi.Status(S5,M5)')).toBe('_xldudf_KPI_STATUS(S5,M5)');
    expect(toStoredFormula('=IF(A1,KPI.ROLLUP(H3:H7),-KPI.SCORE(1,2))')).toBe(
      '=IF(A1,_xldudf_KPI_ROLLUP(H3:H7),-_xldudf_KPI_SCORE(1,2))',
    );
    expect(fromStoredFormula('_xldudf_KPI_SCORE(R5,Q5,P5,N5)')).toBe('KPI.SCORE(R5,Q5,P5,N5)');
    expect(fromStoredFormula('=_XLDUDF_kpi_nextreview(Y2,X2)')).toBe('=KPI.NEXTREVIEW(Y2,X2)');
    expect(fromStoredFormula('=KPI.SCORE(A1,B1)')).toBe('=KPI.SCORE(A1,B1)');
  });

  it('leaves string literals, quoted sheet names, other names and plain formulas alone', () => {
    const literal = '=KPI.SMARTCHECK(TRIM(B2&" KPI.SCORE(x) "),"_xldudf_KPI_SCORE(")';
    expect(toStoredFormula(literal)).toBe(
      '=_xldudf_KPI_SMARTCHECK(TRIM(B2&" KPI.SCORE(x) "),"_xldudf_KPI_SCORE(")',
    );
    expect(fromStoredFormula(toStoredFormula(literal))).toBe(literal);
    expect(toStoredFormula("='My KPI.SCORE(1'!A1+MYKPI.SCORE(1)")).toBe(
      "='My KPI.SCORE(1'!A1+MYKPI.SCORE(1)",
    );
    expect(toStoredFormula('=KPI.SCORE')).toBe('=KPI.SCORE'); // a name, not a call
    expect(fromStoredFormula('=[2]!_xldudf_KPI_SCORE(A1)')).toBe('=[2]!_xldudf_KPI_SCORE(A1)');
    expect(toStoredFormula('=SUM(A1:A3)')).toBe('=SUM(A1:A3)');
  });

  it('round-trips every formula the register writes', () => {
    const layout = registerLayout('Register', 10, 0);
    const refs = rowRefs(layout, 5);
    const set = formulas('kpi');
    const written = [
      set.score(refs),
      set.status(refs),
      set.smart(refs) as string,
      set.nextReview(refs),
      set.rollup('H3:H7', 'G3:G7'),
    ];
    for (const formula of written) {
      const stored = toStoredFormula(formula);
      expect(stored).toMatch(/^=_xldudf_KPI_[A-Z]+\(/);
      expect(stored).not.toMatch(/KPI\./);
      expect(hasStoredKpiCall(stored)).toBe(true);
      expect(fromStoredFormula(stored)).toBe(formula);
    }
  });

  it('never changes text inside a string literal, and reads back what it writes (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('KPI.SCORE(', 'kpi.status(', '_xldudf_KPI_ROLLUP(', 'A1', ',', ')', '+', ' ', 'IF('),
      fc.string({ maxLength: 6 }).filter((text) => !/["']/.test(text)),
    );
    const literal = fc
      .array(fc.oneof(piece, fc.constant('"')), { maxLength: 6 })
      .map((parts) => `"${parts.join('').replace(/"/g, '""')}"`);
    const formula = fc
      .array(fc.oneof(piece, literal), { maxLength: 10 })
      .map((parts) => `=${parts.join('')}`);
    fc.assert(
      fc.property(formula, (text) => {
        const literals = (f: string) => f.match(/"(?:[^"]|"")*"/g) ?? [];
        const stored = toStoredFormula(text);
        expect(literals(stored)).toEqual(literals(text));
        const outside = stored.replace(/"(?:[^"]|"")*"/g, '""');
        expect(outside).not.toMatch(/(^|[^A-Za-z0-9_.!\]])KPI\.[A-Za-z]/i);
        // Reading back gives the dotted form of every call (upper-cased names), and is stable.
        const back = fromStoredFormula(stored);
        expect(toStoredFormula(back)).toBe(stored);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the register's dialect, as a reader sees it", () => {
  it('is kpi for either form, in any case, and portable otherwise', () => {
    expect(dialectOf('=KPI.SCORE(R5,Q5,P5,N5)')).toBe('kpi');
    expect(dialectOf('=_xldudf_KPI_SCORE(R5,Q5,P5,N5)')).toBe('kpi');
    expect(dialectOf('=_xldudf_kpi_score(R5,Q5,P5,N5)')).toBe('kpi');
    expect(dialectOf('=kpi.score(R5,Q5,P5,N5)')).toBe('kpi');
    expect(dialectOf('=IF(R5="","",MIN(1,R5/Q5))')).toBe('portable');
    expect(callsKpiFunction('=IF(A1="KPI.SCORE(x)",1,2)')).toBe(false);
    expect(callsKpiFunction('=MYKPI.SCORE(1)')).toBe(false);
  });
});

describe('the calcPr of a workbook that calls KPI.* functions', () => {
  const features = '<ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}"';
  it('replaces exceljs calcPr, adds the calcFeatures extension last, and is idempotent', () => {
    const exceljs =
      '<workbook><sheets><sheet/></sheets><calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>';
    const once = trustCachedResults(exceljs);
    expect(once).toMatch(
      new RegExp(
        `^<workbook><sheets><sheet/></sheets><calcPr calcId="${EXCEL_CALC_ID}"/><extLst>${features.replace(/[{}]/g, '\\$&')}`,
      ),
    );
    expect(once.endsWith('</xcalcf:calcFeatures></ext></extLst></workbook>')).toBe(true);
    expect(trustCachedResults(once)).toBe(once);
  });

  it('adds calcPr after the defined names when there is none, and joins an existing extLst', () => {
    const xml = trustCachedResults(
      '<workbook><sheets/><definedNames><definedName name="a">1</definedName></definedNames><extLst><ext uri="x"/></extLst></workbook>',
    );
    expect(xml).toContain(
      `</definedNames><calcPr calcId="${EXCEL_CALC_ID}"/><extLst><ext uri="x"/>${features}`,
    );
    expect(xml.match(/<extLst>/g)).toHaveLength(1);
  });
});
