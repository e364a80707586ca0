import { parentKey } from '../core/cascade';
import { enumLabel, sheetName } from '../core/fields';
import type { Catalog, Lang } from '../core/i18n';
import type { Kpi } from '../core/model';
import type { Cell } from '../core/values';
import { cached, computeRollup } from './computed';
import { formulas } from './formulas';
import { fieldColumn, type RegisterLayout } from './layout';
import { checkSheetRows } from './limits';
import { COLORS, SCORE_FORMAT, WEIGHT_FORMAT, departmentGrouper, textWidth } from './style';
import { columnLetter, type Workbook, type WriteCell } from './workbook';

/**
 * The cascade sheets: Company, one per department (its department and team KPIs), and Individuals
 * (grouped by owner). Each KPI row shows the parent it aligns to; a KPI with children has them listed
 * right below it (grouped, so they collapse) and rolls them up with ROLLUP over their score cells and
 * the register's weights. Names and owners are a snapshot of the build; weights, scores and statuses
 * are looked up in the Register by id (INDEX/MATCH, not a cell address, so sorting the Register
 * cannot mix KPIs up).
 */

export interface CascadeRow {
  kpi: Kpi;
  /** The Register's score and status cells as computed (errors as KpiError in the KPI.* dialect). */
  score: Cell;
  status: Cell;
}

export interface CascadeInput {
  layout: RegisterLayout;
  rows: readonly CascadeRow[];
  lang: Lang;
  portable: boolean;
  /** Hands out unique sheet names. */
  name: (wanted: string) => string;
}

type Column =
  'id' | 'name' | 'owner' | 'level' | 'parent' | 'parentName' | 'weight' | 'score' | 'status' | 'rollup';
const COLUMNS: readonly Column[] = [
  'id',
  'name',
  'owner',
  'level',
  'parent',
  'parentName',
  'weight',
  'score',
  'status',
  'rollup',
];
const WIDTHS: Readonly<Record<Column, number>> = {
  id: 24,
  name: 40,
  owner: 18,
  level: 12,
  parent: 24,
  parentName: 32,
  weight: 9,
  score: 10,
  status: 10,
  rollup: 14,
};
const col = (key: Column) => COLUMNS.indexOf(key) + 1;

const HEADERS: Catalog<Column> = {
  en: {
    id: 'ID',
    name: 'KPI',
    owner: 'Owner',
    level: 'Level',
    parent: 'Aligns to',
    parentName: 'Parent KPI',
    weight: 'Weight',
    score: 'Score',
    status: 'Status',
    rollup: 'Children roll-up',
  },
  'zh-HK': {
    id: '編號',
    name: '指標名稱',
    owner: '負責人',
    level: '層級',
    parent: '對齊上級',
    parentName: '上級指標',
    weight: '權重',
    score: '達成率',
    status: '狀態',
    rollup: '下級匯總',
  },
};

const TEXT: Catalog<'unassigned' | 'child'> = {
  en: { unassigned: 'No department', child: '↳ ' },
  'zh-HK': { unassigned: '未分配部門', child: '↳ ' },
};

/** One line on a cascade sheet. */
interface Line {
  kind: 'kpi' | 'child' | 'owner';
  row?: CascadeRow;
  /** For an owner line: the owner's name. */
  title?: string;
  /** Lines below this one that it rolls up (children, or an owner's KPIs). */
  rollup?: { rows: CascadeRow[]; weighted: boolean };
}

export function buildCascadeSheets(wb: Workbook, input: CascadeInput): string[] {
  const { rows, lang } = input;
  const children = new Map<string, CascadeRow[]>();
  for (const row of rows) {
    const parent = parentKey(row.kpi);
    if (!parent) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(row);
    else children.set(parent, [row]);
  }
  const withChildren = (members: readonly CascadeRow[]): Line[] =>
    members.flatMap((row) => {
      const kids = children.get(row.kpi.id) ?? [];
      const line: Line = { kind: 'kpi', row };
      if (kids.length === 0) return [line];
      line.rollup = { rows: kids, weighted: kids.some((kid) => kid.kpi.weight !== undefined) };
      return [line, ...kids.map((kid): Line => ({ kind: 'child', row: kid }))];
    });

  const sheets: { name: string; lines: Line[] }[] = [];
  sheets.push({
    name: input.name(sheetName('company', lang)),
    lines: withChildren(rows.filter((row) => row.kpi.level === 'company')),
  });

  const departments = new Map<string, { title: string; members: CascadeRow[] }>();
  const departmentOf = departmentGrouper();
  for (const row of rows) {
    if (row.kpi.level !== 'department' && row.kpi.level !== 'team') continue;
    const key = departmentOf(row.kpi.department);
    const group = departments.get(key) ?? {
      title: row.kpi.department?.trim() || TEXT[lang].unassigned,
      members: [],
    };
    group.members.push(row);
    departments.set(key, group);
  }
  for (const group of departments.values()) {
    sheets.push({ name: input.name(group.title), lines: withChildren(group.members) });
  }

  const owners = new Map<string, CascadeRow[]>();
  for (const row of rows) {
    if (row.kpi.level !== 'individual') continue;
    const owner = row.kpi.owner.trim();
    const mine = owners.get(owner);
    if (mine) mine.push(row);
    else owners.set(owner, [row]);
  }
  if (owners.size > 0) {
    // An owner's KPIs align to different parents, so the owner's line averages them with equal weights.
    const lines = [...owners].flatMap(([owner, members]): Line[] => [
      { kind: 'owner', title: owner, rollup: { rows: members, weighted: false } },
      ...members.map((row): Line => ({ kind: 'kpi', row })),
    ]);
    sheets.push({ name: input.name(sheetName('individuals', lang)), lines });
  }

  // Each sheet within Excel's rows (a header and its lines), checked before any is written.
  for (const sheet of sheets) checkSheetRows('cascade', 1 + sheet.lines.length);
  // One index for all sheets: built per sheet, a register with a department per KPI took quadratic time.
  const byId = new Map(input.rows.map((row) => [row.kpi.id, row.kpi]));
  for (const sheet of sheets) writeSheet(wb, sheet.name, sheet.lines, input, byId);
  return sheets.map((sheet) => sheet.name);
}

/**
 * MATCH(…, 0) reads `?` and `*` in a text lookup value as wildcards and `~` as their escape, and ignores
 * case (ECMA-376 Part 1 §18.17.7, MATCH; LibreOffice does the same in .xlsx files, which turn its wildcard
 * mode on: test/register/lookup-ids.test.ts): an id such as `A*` would find `AB`. The id's cell is escaped
 * (`~~`, `~*`, `~?`) when it holds one of them, so MATCH finds exactly that id; ids that differ only in case
 * are refused when a register is adopted (adopt.ts) and reported when it is read (read.ts). Ids without those
 * characters (all generated ones) keep the plain reference. Google's MATCH page (support.google.com/docs/
 * answer/3093378) says nothing of wildcards; Sheets is commonly reported to follow Excel here, unverified.
 */
export function exactLookupValue(ref: string, id: string): string {
  if (!/[~*?]/.test(id)) return ref;
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
}

function writeSheet(
  wb: Workbook,
  sheet: string,
  lines: readonly Line[],
  input: CascadeInput,
  byId: ReadonlyMap<string, Kpi>,
): void {
  const { layout, lang, portable } = input;
  const set = formulas(portable ? 'portable' : 'kpi');
  const lookup = (key: 'weight' | 'score' | 'status', row: number, id: string) => {
    const value = exactLookupValue(`$${columnLetter(col('id'))}${row}`, id);
    const found = `INDEX(${fieldColumn(layout, key)},MATCH(${value},${fieldColumn(layout, 'id')},0))`;
    // A blank Register cell stays blank here (INDEX alone would show 0).
    return `=IF(${found}="","",${found})`;
  };
  const weightOf = (kpi: Kpi): Cell => kpi.weight ?? '';

  const groups: [number, number][] = [];
  const ownerRows: number[] = [];
  const body = lines.map((line, index): WriteCell[] => {
    const sheetRow = 2 + index;
    const cells: WriteCell[] = COLUMNS.map(() => null);
    const put = (key: Column, value: WriteCell) => (cells[col(key) - 1] = value);
    if (line.kind === 'owner') {
      put('name', line.title ?? '');
      ownerRows.push(sheetRow);
    } else if (line.row) {
      const { kpi, score, status } = line.row;
      const parentId = parentKey(kpi);
      const parent = parentId ? byId.get(parentId) : undefined;
      put('id', kpi.id);
      put('name', line.kind === 'child' ? `${TEXT[lang].child}${kpi.name}` : kpi.name);
      put('owner', kpi.owner);
      put('level', enumLabel('level', kpi.level, lang));
      put('parent', kpi.parent_id ?? null);
      put('parentName', parent?.name ?? null);
      put('weight', { formula: lookup('weight', sheetRow, kpi.id), result: cached(weightOf(kpi), portable) });
      put('score', { formula: lookup('score', sheetRow, kpi.id), result: cached(score, portable) });
      put('status', { formula: lookup('status', sheetRow, kpi.id), result: cached(status, portable) });
    }
    if (line.rollup) {
      const first = sheetRow + 1;
      const last = sheetRow + line.rollup.rows.length;
      const range = (key: Column) => `${columnLetter(col(key))}${first}:${columnLetter(col(key))}${last}`;
      const value = computeRollup(
        line.rollup.rows.map((row) => row.score),
        line.rollup.weighted ? line.rollup.rows.map((row) => weightOf(row.kpi)) : undefined,
      );
      put('rollup', {
        formula: set.rollup(range('score'), line.rollup.weighted ? range('weight') : undefined),
        result: cached(value, portable),
      });
      groups.push([first, last]);
    }
    return cells;
  });

  wb.addSheet(sheet);
  wb.write(sheet, 1, 1, [COLUMNS.map((key) => HEADERS[lang][key]), ...body]);
  const rows = Math.max(1, lines.length);
  const column = (key: Column, cols = 1) => ({ sheet, row: 2, col: col(key), rows, cols });
  wb.setStyle(
    { sheet, row: 1, col: 1, rows: 1, cols: COLUMNS.length },
    { bold: true, fill: COLORS.header, fontColor: COLORS.headerText },
  );
  wb.freeze(sheet, 1, col('name'));
  wb.setColumnWidths(
    sheet,
    1,
    COLUMNS.map((key) => Math.max(WIDTHS[key], textWidth(HEADERS[lang][key]) + 2)),
  );
  wb.setNumberFormat(column('weight'), WEIGHT_FORMAT);
  wb.setNumberFormat(column('score'), SCORE_FORMAT);
  wb.setNumberFormat(column('rollup'), SCORE_FORMAT);
  wb.setStyle(column('rollup'), { bold: true });
  for (const code of ['GREEN', 'AMBER', 'RED'] as const) {
    wb.addConditionalFormat(column('status'), { kind: 'textEquals', text: code, ...COLORS.status[code] });
  }
  // One call per group: the outline is the cascade's structure, not a per-cell loop.
  for (const row of ownerRows) {
    wb.setStyle({ sheet, row, col: 1, rows: 1, cols: COLUMNS.length }, { bold: true, fill: COLORS.section });
  }
  for (const [first, last] of groups) wb.groupRows(sheet, first, last);
}
