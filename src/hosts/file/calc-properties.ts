/**
 * The workbook's calculation properties (`<calcPr>` in xl/workbook.xml), chosen so that a colleague
 * without the add-in sees the register's cached results rather than #NAME? (see docs/register.md,
 * "Calculation on open").
 *
 * What Excel does on open, from Microsoft's specifications:
 * - `calcId` is the calculation engine that last calculated the file; Excel takes a missing one as 0
 *   ([MS-OI29500] 2.1.565). When it is lower than Excel's own engine, Excel recalculates every formula
 *   right after loading ([MS-XLS] 2.4.215 RecalcId; ECMA-376 Part 1 18.2.2 calcPr). exceljs always
 *   writes 171027 (Excel 2016), lower than today's Excel (191029), so every register exceljs wrote was
 *   fully recalculated on open: #NAME? in every KPI.* cell for anyone without the add-in.
 * - From calcId 179016 on, Excel also recalculates when its engine has a feature the file's
 *   `xcalcf:calcFeatures` extension does not list ([MS-XLSX] 2.4.82 calcFeatures).
 * So a workbook with KPI.* calls says it was calculated by the engine Microsoft 365 has today, with the
 * features that engine lists (as Excel itself writes them). A newer engine still recalculates.
 * A workbook without them (the portable dialect) asks for a full calculation on load instead: its
 * formulas compute in every program, so the program's own results replace ours.
 */

/** The calculation engine id Microsoft 365 Excel writes today. */
export const EXCEL_CALC_ID = 191029;

/** The engine features Microsoft 365 Excel lists beside that id ([MS-XLSX] 2.4.82). */
export const EXCEL_CALC_FEATURES = [
  'microsoft.com:RD',
  'microsoft.com:Single',
  'microsoft.com:FV',
  'microsoft.com:CNMTM',
  'microsoft.com:LET_WF',
  'microsoft.com:LAMBDA_WF',
  'microsoft.com:ARRAYTEXT_WF',
] as const;

const CALC_FEATURES_URI = '{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}';
const CALC_FEATURES_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures';

const calcFeaturesExt = () =>
  `<ext uri="${CALC_FEATURES_URI}" xmlns:xcalcf="${CALC_FEATURES_NS}"><xcalcf:calcFeatures>` +
  EXCEL_CALC_FEATURES.map((name) => `<xcalcf:feature name="${name}"/>`).join('') +
  '</xcalcf:calcFeatures></ext>';

/**
 * workbook.xml as exceljs wrote it → the same, saying its cached results come from today's Excel engine:
 * `<calcPr calcId="191029"/>` (no fullCalcOnLoad) and the calcFeatures extension, last in the workbook
 * (extLst is CT_Workbook's last child).
 */
export function trustCachedResults(workbookXml: string): string {
  const calcPr = `<calcPr calcId="${EXCEL_CALC_ID}"/>`;
  let xml = /<calcPr\b[^>]*\/>/.test(workbookXml)
    ? workbookXml.replace(/<calcPr\b[^>]*\/>/, calcPr)
    : workbookXml.replace(
        /((?:<\/sheets>|<sheets\/>)(?:<definedNames>[\s\S]*?<\/definedNames>)?)/,
        `$1${calcPr}`,
      );
  if (xml.includes(CALC_FEATURES_URI)) return xml;
  xml = xml.includes('</extLst>')
    ? xml.replace('</extLst>', `${calcFeaturesExt()}</extLst>`)
    : xml.replace(/<\/workbook>\s*$/, `<extLst>${calcFeaturesExt()}</extLst></workbook>`);
  return xml;
}
