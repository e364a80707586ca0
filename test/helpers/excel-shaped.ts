import { writeZip } from '../../src/hosts/file/zip';
import type { CellValue, Workbook } from '../../src/register/workbook';

/**
 * An .xlsx written the way Excel writes one, from a workbook's values and formulas, with no exceljs and
 * none of our own writer: shared strings, dates as serials under a date format, formula results cached
 * beside the formula (`t="str"` for text, `t="e"` for errors), a column of like formulas as one shared
 * formula, and custom functions in Excel's stored form, `_xldudf_KPI_SCORE(` (office-js #5611, #2568,
 * #6655; Excel-Custom-Functions #108). `storedName` lets a test write another spelling (e.g. lower case).
 */
export async function excelShapedXlsx(
  workbook: Workbook,
  storedName: (name: string) => string = (name) => `_xldudf_KPI_${name.toUpperCase()}`,
): Promise<Buffer> {
  const sheets = await workbook.sheets();
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (text: string) => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      stringIndex.set(text, index);
    }
    return index;
  };
  const stored = (formula: string) =>
    outsideStrings(formula.slice(1), (code) =>
      code.replace(/(^|[^A-Za-z0-9_.])KPI\.([A-Za-z]+)(?=\()/g, (_all, before: string, name: string) => {
        return `${before}${storedName(name)}`;
      }),
    );

  const sheetXml: string[] = [];
  for (const info of sheets) {
    const data = await workbook.readSheet(info.name);
    if (!data) continue;
    let sharedId = 0;
    // Per column: the shared formula its cells follow (master row and formula) while they match it.
    const masters = new Map<number, { row: number; formula: string; si: number }>();
    // Per shared formula: its master's cell and its last child's.
    const spans: { first: string; last?: string }[] = [];
    const rows: string[] = [];
    data.values.forEach((line, r) => {
      const cells: string[] = [];
      line.forEach((value, c) => {
        const ref = `${letters(c + 1)}${r + 1}`;
        const formula = data.formulas[r]?.[c];
        if (!formula) {
          masters.delete(c);
          const cell = valueXml(value, shared);
          if (cell) cells.push(`<c r="${ref}"${cell.attrs}>${cell.v}</c>`);
          return;
        }
        const text = stored(formula);
        const cached = cachedXml(value);
        const master = masters.get(c);
        if (master && shiftRows(master.formula, r + 1 - master.row) === text) {
          spans[master.si].last = ref;
          cells.push(`<c r="${ref}"${cached.attrs}><f t="shared" si="${master.si}"/>${cached.v}</c>`);
          return;
        }
        const si = sharedId++;
        masters.set(c, { row: r + 1, formula: text, si });
        spans.push({ first: ref });
        cells.push(`<c r="${ref}"${cached.attrs}><f @${si}@>${esc(text)}</f>${cached.v}</c>`);
      });
      if (cells.length) rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    });
    // A master names the range its children cover; one without children is a plain formula.
    const xml = rows.join('').replace(/<f @(\d+)@>/g, (_all, si: string) => {
      const span = spans[Number(si)];
      return span.last ? `<f t="shared" ref="${span.first}:${span.last}" si="${si}">` : '<f>';
    });
    sheetXml.push(
      `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${xml}</sheetData></worksheet>`,
    );
  }

  const names = sheets.map((s) => s.name);
  const entries = [
    { name: '[Content_Types].xml', data: contentTypes(names.length) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbookXml(names)) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(workbookRels(names.length)) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sharedStringsXml(strings)) },
    ...sheetXml.map((xml, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(xml) })),
  ];
  return writeZip(entries, 6);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function letters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function outsideStrings(formula: string, change: (code: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 ? part : change(part)))
    .join('');
}

/** A formula with its relative row numbers moved down by `by` (what a shared formula's child computes). */
function shiftRows(formula: string, by: number): string {
  return outsideStrings(formula, (code) =>
    code.replace(
      /(^|[^A-Za-z0-9_$])(\$?[A-Z]{1,3})(\d+)(?![\d(])/g,
      (_all, before: string, col: string, row: string) => `${before}${col}${Number(row) + by}`,
    ),
  );
}

/** Days since 1899-12-30 of the date's calendar fields (wall-clock time, as the register means it). */
const serial = (date: Date) =>
  Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  ) /
    86_400_000 +
  25_569;

const ERRORS = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'];

function valueXml(
  value: CellValue,
  shared: (text: string) => number,
): { attrs: string; v: string } | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return { attrs: ' s="1"', v: `<v>${serial(value)}</v>` };
  if (typeof value === 'number') return { attrs: '', v: `<v>${value}</v>` };
  if (typeof value === 'boolean') return { attrs: ' t="b"', v: `<v>${value ? 1 : 0}</v>` };
  return { attrs: ' t="s"', v: `<v>${shared(value)}</v>` };
}

function cachedXml(value: CellValue): { attrs: string; v: string } {
  if (value === null) return { attrs: '', v: '' };
  if (value instanceof Date) return { attrs: ' s="1"', v: `<v>${serial(value)}</v>` };
  if (typeof value === 'number') return { attrs: '', v: `<v>${value}</v>` };
  if (typeof value === 'boolean') return { attrs: ' t="b"', v: `<v>${value ? 1 : 0}</v>` };
  if (ERRORS.includes(value)) return { attrs: ' t="e"', v: `<v>${esc(value)}</v>` };
  return { attrs: ' t="str"', v: `<v>${esc(value)}</v>` };
}

function contentTypes(sheets: number): Buffer {
  const overrides = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return Buffer.from(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      `${overrides}</Types>`,
  );
}

const ROOT_RELS =
  `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/** workbook.xml with the calcPr and calcFeatures Microsoft 365 Excel writes. */
function workbookXml(names: string[]): string {
  const sheets = names
    .map((name, i) => `<sheet name="${esc(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  return (
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets}</sheets><calcPr calcId="191029"/>` +
    '<extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">' +
    '<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/><xcalcf:feature name="microsoft.com:Single"/>' +
    '<xcalcf:feature name="microsoft.com:FV"/><xcalcf:feature name="microsoft.com:CNMTM"/>' +
    '<xcalcf:feature name="microsoft.com:LET_WF"/><xcalcf:feature name="microsoft.com:LAMBDA_WF"/>' +
    '<xcalcf:feature name="microsoft.com:ARRAYTEXT_WF"/></xcalcf:calcFeatures></ext></extLst></workbook>'
  );
}

function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

/** Two cell formats: General, and the short date (built-in number format 14). */
const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

function sharedStringsXml(strings: string[]): string {
  const items = strings
    .map((text) => `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${esc(text)}</t></si>`)
    .join('');
  return `${HEAD}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`;
}
