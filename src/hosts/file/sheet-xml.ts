import { ValueType, type Cell, type Style, type Worksheet } from 'exceljs';
import type { DateSystem } from '../../core/calendar';
import { columnLetter } from '../../register/workbook';
import { a1 } from './a1';
import { dateSystemOf, fileDateSerial } from './cells';
import { escapeXml, type StyleSheetAdditions } from './styles-xml';
import type { PlacedValidation } from './validations';
import { DeflatingPart, type DeflatedEntry } from './zip';

/**
 * The XML of a sheet the register created, written straight from the exceljs cells into buffers.
 *
 * exceljs builds a model of every cell and then its XML from millions of small strings: for a
 * 10,000-KPI register that took most of the save time and doubled the memory. This writer covers what
 * the Workbook port can put on a sheet (values, formulas with cached results, number formats and
 * styles, column widths, frozen panes, row groups, dropdowns, conditional formats, tables) and nothing
 * else, which is why only sheets created through the port are written this way. Text is written inline
 * (`t="inlineStr"`), so a text cell is never read as a formula.
 */

/** The parts of exceljs's table model the host keeps (exceljs does not type them). */
export interface TablePart {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
  style?: { theme?: string | null; showRowStripes?: boolean };
}

export interface SheetParts {
  /** The sheet's XML, already deflated. */
  sheet: DeflatedEntry;
  /** The sheet's relationships (its tables), when it has any. */
  rels?: Buffer;
  /** Table parts: file name (under xl/tables/) and XML. */
  tables: { file: string; xml: Buffer }[];
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const number = (n: number) => (Object.is(n, -0) ? '-0' : String(n));

const text = (value: string) =>
  `<t${/^\s|\s$/.test(value) ? ' xml:space="preserve"' : ''}>${escapeXml(value)}</t>`;

/** `system`: the workbook's date system; exceljs holds a date as the serial it means there (cells.ts). */
function resultXml(result: unknown, system: DateSystem): { type: string; v: string } {
  if (result === null || result === undefined) return { type: '', v: '' };
  if (typeof result === 'number')
    return Number.isFinite(result) ? { type: '', v: `<v>${number(result)}</v>` } : { type: '', v: '' };
  if (typeof result === 'boolean') return { type: ' t="b"', v: `<v>${result ? 1 : 0}</v>` };
  if (typeof result === 'string') return { type: ' t="str"', v: `<v>${escapeXml(result)}</v>` };
  if (result instanceof Date) return { type: '', v: `<v>${fileDateSerial(result, system)}</v>` };
  const error = (result as { error?: unknown }).error;
  if (typeof error === 'string') return { type: ' t="e"', v: `<v>${escapeXml(error)}</v>` };
  return { type: '', v: '' };
}

function cellXml(ref: string, cell: Cell, s: number, system: DateSystem): string {
  const style = s ? ` s="${s}"` : '';
  const value = cell.value as unknown;
  switch (cell.type) {
    case ValueType.Number:
      return `<c r="${ref}"${style}><v>${number(value as number)}</v></c>`;
    case ValueType.String:
      return `<c r="${ref}"${style} t="inlineStr"><is>${text(value as string)}</is></c>`;
    case ValueType.Boolean:
      return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
    case ValueType.Date:
      return `<c r="${ref}"${style}><v>${fileDateSerial(value as Date, system)}</v></c>`;
    case ValueType.Error:
      return `<c r="${ref}"${style} t="e"><v>${escapeXml((value as { error: string }).error)}</v></c>`;
    case ValueType.Formula: {
      const { type, v } = resultXml(cell.result, system);
      return `<c r="${ref}"${style}${type}><f>${escapeXml(cell.formula)}</f>${v}</c>`;
    }
    default:
      return s ? `<c r="${ref}"${style}/>` : '';
  }
}

/** Column letters by column number, computed once per column rather than once per cell. */
const letters: string[] = [];
const letter = (col: number) => (letters[col] ??= columnLetter(col));

/** Rows of cell XML, gathered into buffers a few thousand rows at a time (never one huge string). */
type Rows = ({ outlineLevel?: number } | undefined)[];
const rowsOf = (ws: Worksheet) => (ws as unknown as { _rows: Rows })._rows;

/** The deepest row outline level (the sheet says it before its rows). */
function outlineDepth(ws: Worksheet): number {
  let depth = 0;
  for (const row of rowsOf(ws)) depth = Math.max(depth, row?.outlineLevel ?? 0);
  return depth;
}

function sheetData(ws: Worksheet, styles: StyleSheetAdditions, out: DeflatingPart): void {
  let pending: string[] = [];
  const system = dateSystemOf(ws.workbook);
  const rows = rowsOf(ws);
  for (let r = 1; r <= rows.length; r++) {
    if (!rows[r - 1]) continue;
    const row = ws.findRow(r);
    if (!row) continue;
    const level = row.outlineLevel ?? 0;
    let cells = '';
    // Every cell exceljs holds, empty ones too: an empty cell may carry a format.
    const line = (row as unknown as { _cells: (Cell | undefined)[] })._cells;
    for (let c = 1; c <= line.length; c++) {
      const cell = line[c - 1];
      if (cell) cells += cellXml(`${letter(c)}${r}`, cell, styles.xf(cell.style as Partial<Style>), system);
    }
    if (!cells && !level) continue;
    pending.push(`<row r="${r}"${level ? ` outlineLevel="${level}"` : ''}>${cells}</row>`);
    if (pending.length >= 256) {
      out.push(pending.join(''));
      pending = [];
    }
  }
  out.push(pending.join(''));
}

function viewXml(ws: Worksheet): string {
  const view = (ws.views ?? [])[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  const [rows, cols] = [view?.ySplit ?? 0, view?.xSplit ?? 0];
  if (view?.state !== 'frozen' || (!rows && !cols))
    return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const pane = rows && cols ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  const topLeft = a1({ row: rows + 1, col: cols + 1, rows: 1, cols: 1 });
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''}` +
    ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function colsXml(ws: Worksheet): string {
  const columns = ((ws as unknown as { _columns?: ({ width?: number } | undefined)[] | null })._columns ??
    []) as ({ width?: number } | undefined)[];
  const cols = columns
    .map((column, i) =>
      column?.width !== undefined
        ? `<col min="${i + 1}" max="${i + 1}" width="${column.width}" customWidth="1"/>`
        : '',
    )
    .join('');
  return cols ? `<cols>${cols}</cols>` : '';
}

interface Rule {
  type?: string;
  operator?: string;
  iconSet?: string;
  showValue?: boolean;
  cfvo?: { type: string; value?: number }[];
  formulae?: unknown[];
  style?: Partial<Style>;
}

function conditionalXml(ws: Worksheet, styles: StyleSheetAdditions): string {
  const formats = (ws as unknown as { conditionalFormattings?: { ref: string; rules: Rule[] }[] })
    .conditionalFormattings;
  let priority = 0;
  let xml = '';
  for (const cf of formats ?? []) {
    const rules = cf.rules
      .map((rule) => {
        priority++;
        const formulas = (rule.formulae ?? [])
          .map((f) => `<formula>${escapeXml(String(f))}</formula>`)
          .join('');
        if (rule.type === 'iconSet') {
          const cfvo = (rule.cfvo ?? [])
            .map((v) => `<cfvo type="${escapeXml(v.type)}" val="${v.value ?? 0}"/>`)
            .join('');
          const show = rule.showValue === false ? ' showValue="0"' : '';
          return `<cfRule type="iconSet" priority="${priority}"><iconSet iconSet="${escapeXml(rule.iconSet ?? '3TrafficLights1')}"${show}>${cfvo}</iconSet></cfRule>`;
        }
        const dxf = styles.dxf(rule.style);
        const operator = rule.operator ? ` operator="${escapeXml(rule.operator)}"` : '';
        return `<cfRule type="${escapeXml(rule.type ?? 'expression')}" dxfId="${dxf}" priority="${priority}"${operator}>${formulas}</cfRule>`;
      })
      .join('');
    xml += `<conditionalFormatting sqref="${escapeXml(cf.ref)}">${rules}</conditionalFormatting>`;
  }
  return xml;
}

function validationsXml(validations: readonly PlacedValidation[]): string {
  if (validations.length === 0) return '';
  const items = validations.map(({ rect, rule }) => {
    const attrs =
      ` type="${escapeXml(rule.type)}"` +
      (rule.allowBlank ? ' allowBlank="1"' : '') +
      (rule.showErrorMessage ? ' showErrorMessage="1"' : '') +
      ` errorStyle="${escapeXml(rule.errorStyle ?? 'stop')}"` +
      ` sqref="${a1(rect)}"`;
    const formula = rule.formulae?.[0];
    return `<dataValidation${attrs}>${formula !== undefined ? `<formula1>${escapeXml(String(formula))}</formula1>` : ''}</dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function tableXml(table: TablePart, id: number): string {
  const ref = escapeXml(table.tableRef);
  const columns = table.columns
    .map((column, i) => `<tableColumn id="${i + 1}" name="${escapeXml(column.name)}"/>`)
    .join('');
  const theme = table.style?.theme ? escapeXml(table.style.theme) : 'TableStyleMedium2';
  const stripes = table.style?.showRowStripes === false ? 0 : 1;
  return (
    `${HEAD}<table ${NS.split(' ')[0]} id="${id}" name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}"` +
    ` ref="${ref}" headerRowCount="1" totalsRowShown="0"><autoFilter ref="${escapeXml(table.autoFilterRef ?? table.tableRef)}"/>` +
    `<tableColumns count="${table.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${theme}" showFirstColumn="0" showLastColumn="0" showRowStripes="${stripes}" showColumnStripes="0"/></table>`
  );
}

/**
 * A sheet's parts. `firstTableId` numbers its tables (ids are unique in the workbook), and their files are
 * named `tableN.xml` after the id (exceljs reads back only files named so), after exceljs's own.
 */
export function writeSheet(
  ws: Worksheet,
  validations: readonly PlacedValidation[],
  tables: readonly TablePart[],
  firstTableId: number,
  styles: StyleSheetAdditions,
  path: string,
  level: number,
): SheetParts {
  const out = new DeflatingPart(level);
  const outline = outlineDepth(ws);
  const outlineProperties = ws.properties?.outlineProperties as { summaryBelow?: boolean } | undefined;
  const sheetPr =
    outlineProperties?.summaryBelow === false ? '<sheetPr><outlinePr summaryBelow="0"/></sheetPr>' : '';
  const head =
    `${HEAD}<worksheet ${NS}>${sheetPr}${viewXml(ws)}` +
    `<sheetFormatPr defaultRowHeight="15"${outline ? ` outlineLevelRow="${outline}"` : ''}/>${colsXml(ws)}<sheetData>`;
  const tableFiles = tables.map((table, i) => ({
    file: `table${firstTableId + i}.xml`,
    xml: Buffer.from(tableXml(table, firstTableId + i), 'utf8'),
  }));
  const tail =
    `</sheetData>${conditionalXml(ws, styles)}${validationsXml(validations)}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    (tables.length
      ? `<tableParts count="${tables.length}">${tables.map((_, i) => `<tablePart r:id="rId${i + 1}"/>`).join('')}</tableParts>`
      : '') +
    '</worksheet>';
  out.push(head);
  sheetData(ws, styles, out);
  out.push(tail);
  const sheet = out.finish(path);
  const rels = tables.length
    ? Buffer.from(
        `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          tableFiles
            .map(
              (t, i) =>
                `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/${t.file}"/>`,
            )
            .join('') +
          '</Relationships>',
        'utf8',
      )
    : undefined;
  return { sheet, rels, tables: tableFiles };
}
