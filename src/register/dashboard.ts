import { startOfLocalDay as startOfDay } from '../core/calendar';
import { dateToSerial } from '../core/dates';
import { enumLabel } from '../core/fields';
import { format, type Catalog, type Lang } from '../core/i18n';
import { LEVELS, STATUSES, type Kpi, type Status } from '../core/model';
import type { RowValues } from './computed';
import { exactCriterion, textLiteral } from './formulas';
import { fieldColumn, type RegisterLayout } from './layout';
import { EXCEL_MAX_ROWS, fitCellText, fitCriterion } from './limits';
import { COLORS, COUNT_FORMAT, DATE_FORMAT, departmentGrouper } from './style';
import type { Workbook, WriteCell } from './workbook';

/**
 * The Dashboard: GREEN / AMBER / RED counts per level and per department (COUNTIFS over the Register,
 * so they follow every edit), the number of overdue reviews, and the register health findings as text.
 * Every formula carries the value the core computed, so the sheet reads correctly before recalculation.
 */

/** A health finding as the Dashboard lists it, already in the workbook's language. */
export interface DashboardFinding {
  rule: string;
  ids: readonly string[];
  message: string;
  fix: string;
}

export interface DashboardInput {
  sheet: string;
  layout: RegisterLayout;
  kpis: readonly Kpi[];
  values: readonly RowValues[];
  findings: readonly DashboardFinding[];
  lang: Lang;
  today: Date;
}

type TextKey =
  | 'title'
  | 'asOf'
  | 'byLevel'
  | 'byDepartment'
  | 'level'
  | 'department'
  | 'noStatus'
  | 'total'
  | 'overdue'
  | 'health'
  | 'rule'
  | 'ids'
  | 'fix'
  | 'noFindings'
  | 'noDepartment'
  | 'moreFindings';

const TEXT: Catalog<TextKey> = {
  en: {
    title: 'KPI dashboard',
    asOf: 'As of',
    byLevel: 'Status by level',
    byDepartment: 'Status by department',
    level: 'Level',
    department: 'Department',
    noStatus: 'Not reported',
    total: 'Total',
    overdue: 'Overdue reviews',
    health: 'Register health',
    rule: 'Rule',
    ids: 'KPI IDs and finding',
    fix: 'What to do: {fix}',
    noFindings: 'No findings: the register is healthy.',
    noDepartment: '(no department)',
    moreFindings: '… and {count} more findings: run kpi-register check for the full list.',
  },
  'zh-HK': {
    title: 'KPI 儀表板',
    asOf: '截至',
    byLevel: '按層級的狀態',
    byDepartment: '按部門的狀態',
    level: '層級',
    department: '部門',
    noStatus: '未匯報',
    total: '總數',
    overdue: '逾期未檢討',
    health: '登記冊健康檢查',
    rule: '規則',
    ids: '指標編號及發現',
    fix: '建議做法:{fix}',
    noFindings: '沒有發現問題:登記冊狀況良好。',
    noDepartment: '(沒有部門)',
    moreFindings: '…另有 {count} 項發現:執行 kpi-register check 查看完整清單。',
  },
};

/** exactCriterion, cut to the 255 characters a COUNTIFS criterion may have (see limits.ts). */
function criterion(text: string): string {
  const value = exactCriterion(text).slice(1, -1).replace(/""/g, '"');
  return textLiteral(fitCriterion(value));
}

/** Columns A–F: the counts, then the findings below them. */
const COUNT_COLS = 6;
const WIDTHS = [30, 10, 10, 10, 12, 10];

/** Writes the Dashboard; returns the number of findings listed. */
export function buildDashboard(wb: Workbook, input: DashboardInput): number {
  const { sheet, layout, kpis, values, lang } = input;
  const t = TEXT[lang];
  const levelCol = fieldColumn(layout, 'level');
  const departmentCol = fieldColumn(layout, 'department');
  const statusCol = fieldColumn(layout, 'status');
  const idCol = fieldColumn(layout, 'id');
  const statusOf = (index: number): Status | undefined => {
    const status = values[index]?.status;
    return typeof status === 'string' && (STATUSES as readonly string[]).includes(status)
      ? (status as Status)
      : undefined;
  };

  const rows: WriteCell[][] = [];
  const sectionRows: number[] = [];
  const headerRows: number[] = [];
  const countHeaderRows: number[] = [];
  const countRows: [number, number][] = [];
  /** Adds a line; returns its sheet row. */
  const push = (cells: WriteCell[]) => rows.push(cells);

  push([t.title, t.asOf, { formula: '=TODAY()', result: startOfDay(input.today) }]);
  push([]);

  /** One line of counts: the criteria select the KPIs (as COUNTIFS pairs) and `member` mirrors them. */
  const countLine = (label: string, criteria: string[][], member: (kpi: Kpi) => boolean): WriteCell[] => {
    const row = rows.length + 1;
    const members = kpis.map((kpi, index) => (member(kpi) ? index : -1)).filter((index) => index >= 0);
    // Every count also asks for an id, so a blank criterion never counts the empty rows below the table.
    const countifs = (extra: string) =>
      `=${criteria.map((pairs) => `COUNTIFS(${pairs.join(',')},${idCol},"<>"${extra})`).join('+')}`;
    const cells: WriteCell[] = [label];
    for (const code of STATUSES) {
      cells.push({
        formula: countifs(`,${statusCol},${criterion(code)}`),
        result: members.filter((index) => statusOf(index) === code).length,
      });
    }
    const [g, a, r, total] = ['B', 'C', 'D', 'F'].map((letter) => `${letter}${row}`);
    cells.push({
      formula: `=${total}-${g}-${a}-${r}`,
      result: members.filter((index) => statusOf(index) === undefined).length,
    });
    cells.push({ formula: countifs(''), result: members.length });
    return cells;
  };
  const countHeader = (first: string) => {
    const r = push([first, ...STATUSES, t.noStatus, t.total]);
    headerRows.push(r);
    countHeaderRows.push(r);
  };

  sectionRows.push(push([t.byLevel]));
  countHeader(t.level);
  const levelFirst = rows.length + 1;
  for (const level of LEVELS) {
    const label = enumLabel('level', level, 'both');
    push(
      countLine(
        enumLabel('level', level, lang),
        [[levelCol, criterion(label)]],
        (kpi) => kpi.level === level,
      ),
    );
  }
  countRows.push([levelFirst, rows.length]);
  push([]);

  // Departments grouped as the cascade sheets group them; each spelling in use is counted once
  // (COUNTIFS ignores case, so spellings that differ only in case are one criterion).
  const departments = new Map<string, { title: string; spellings: Map<string, string> }>();
  const departmentOf = departmentGrouper();
  for (const kpi of kpis) {
    const text = kpi.department ?? '';
    const key = departmentOf(text);
    const group = departments.get(key) ?? { title: text.trim() || t.noDepartment, spellings: new Map() };
    group.spellings.set(text.toLowerCase(), text);
    departments.set(key, group);
  }
  sectionRows.push(push([t.byDepartment]));
  countHeader(t.department);
  const departmentFirst = rows.length + 1;
  for (const group of departments.values()) {
    const spellings = [...group.spellings.values()];
    const lower = new Set(group.spellings.keys());
    push(
      countLine(
        group.title,
        spellings.map((text) => [departmentCol, criterion(text)]),
        (kpi) => lower.has((kpi.department ?? '').toLowerCase()),
      ),
    );
  }
  countRows.push([departmentFirst, rows.length]);
  push([]);

  const todaySerial = dateToSerial(input.today);
  const overdue = values.filter(
    (value) => typeof value.nextReview === 'number' && value.nextReview < todaySerial,
  ).length;
  const overdueRow = push([
    t.overdue,
    { formula: `=COUNTIFS(${fieldColumn(layout, 'next_review')},"<"&TODAY())`, result: overdue },
  ]);

  // Findings below the counts, three lines each: rule and ids, what is wrong, what to do. Long text runs
  // over the empty cells to its right (wrapped text would need row heights no host sets on its own).
  push([]);
  sectionRows.push(push([t.health]));
  headerRows.push(push([t.rule, t.ids]));
  if (input.findings.length === 0) push([t.noFindings]);
  // Three rows a finding, as many as fit above Excel's last row; one line says how many more there are.
  const room = Math.floor((EXCEL_MAX_ROWS - rows.length - 1) / 3);
  const listed = input.findings.length > room ? input.findings.slice(0, room) : input.findings;
  for (const finding of listed) {
    push([finding.rule, finding.ids.join(', ')]);
    push([null, finding.message]);
    push([null, format(t.fix, { fix: finding.fix })]);
  }
  if (listed.length < input.findings.length)
    push([null, format(t.moreFindings, { count: input.findings.length - listed.length })]);
  // Text past a cell's 32,767 characters (a finding naming thousands of KPIs) is cut with a visible "…".
  const grid: WriteCell[][] = rows.map((line) =>
    Array.from({ length: COUNT_COLS }, (_, c): WriteCell => {
      const cell = line[c] ?? null;
      return typeof cell === 'string' ? fitCellText(cell) : cell;
    }),
  );

  wb.write(sheet, 1, 1, grid);
  const row = (r: number, col = 1, cols = COUNT_COLS) => ({ sheet, row: r, col, rows: 1, cols });
  wb.setColumnWidths(sheet, 1, WIDTHS);
  wb.setStyle(row(1, 1, 1), { bold: true });
  wb.setNumberFormat(row(1, 3, 1), DATE_FORMAT);
  for (const r of sectionRows) wb.setStyle(row(r, 1, 1), { bold: true });
  for (const r of headerRows) {
    wb.setStyle(row(r), { bold: true, fill: COLORS.header, fontColor: COLORS.headerText });
  }
  for (const r of countHeaderRows) {
    STATUSES.forEach((code, i) => wb.setStyle(row(r, 2 + i, 1), { bold: true, ...COLORS.status[code] }));
  }
  for (const [first, last] of countRows) {
    if (last >= first)
      wb.setNumberFormat({ sheet, row: first, col: 2, rows: last - first + 1, cols: 5 }, COUNT_FORMAT);
  }
  wb.setStyle(row(overdueRow, 1, 2), { bold: true });
  wb.addConditionalFormat(row(overdueRow, 2, 1), {
    kind: 'number',
    operator: 'greaterThanOrEqual',
    value: 1,
    ...COLORS.status.RED,
  });
  wb.freeze(sheet, 1, 0);
  return input.findings.length;
}
