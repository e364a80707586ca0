import { buildCascade, type Cascade } from '../core/cascade';
import { checkHealth, type Finding } from '../core/health';
import { statusOf } from '../core/status';
import { STATUSES, type Kpi, type Status } from '../core/model';
import { computeRollup, computeRow, latestActuals, type RowValues } from '../register/computed';
import type { RangeRef, Workbook } from '../register/workbook';
import { openRegister } from './register';
import type { CascadeNode } from './types';
import { ActionWorkbook } from './view';

const asView = (wb: Workbook) => (wb instanceof ActionWorkbook ? wb : new ActionWorkbook(wb));
const score = (value: RowValues['score']): number | '' => (typeof value === 'number' ? value : '');
const status = (value: RowValues['status']): Status | '' =>
  (STATUSES as readonly unknown[]).includes(value) ? (value as Status) : '';

/** Each KPI with its latest actual and what the register's formulas compute for it. */
async function scored(wb: Workbook) {
  const { read } = await openRegister(asView(wb));
  const latest = latestActuals(read.checkIns);
  const kpis = read.kpis.map((kpi) => ({ ...kpi, actual: latest.get(kpi.id) ?? kpi.actual }));
  const values = new Map(kpis.map((kpi) => [kpi.id, computeRow(kpi, kpi.actual)]));
  return { read, kpis, values };
}

/**
 * The cascade as a tree, company KPIs first: each node with its score and status, and the weighted
 * roll-up of its children's scores (what the cascade sheets' ROLLUP shows). KPIs caught in a cycle are
 * left out of the tree; Health reports them.
 */
export async function cascadeTree(wb: Workbook): Promise<CascadeNode[]> {
  const { kpis, values } = await scored(wb);
  const cascade: Cascade = buildCascade(kpis);
  const seen = new Set<string>();
  const node = (kpi: Kpi): CascadeNode => {
    seen.add(kpi.id);
    const children = (cascade.children.get(kpi.id) ?? []).filter((child) => !seen.has(child.id)).map(node);
    const own = values.get(kpi.id) as RowValues;
    let rollup: number | '' = '';
    if (children.length > 0) {
      const weighted = children.some((child) => child.kpi.weight !== undefined);
      const result = computeRollup(
        children.map((child) => child.score),
        weighted ? children.map((child) => child.kpi.weight ?? 0) : undefined,
      );
      rollup = typeof result === 'number' ? result : '';
    }
    const rollupStatus =
      rollup === '' ? '' : status(statusOf(rollup, { framework: kpi.framework }) as RowValues['status']);
    return { kpi, score: score(own.score), status: status(own.status), rollup, rollupStatus, children };
  };
  return [...cascade.roots, ...cascade.dangling].map(node);
}

/** The register's health findings, judged on the KPIs as the sheet shows them. */
export async function health(wb: Workbook, today: Date): Promise<Finding[]> {
  const { read, kpis, values } = await scored(wb);
  const computed = new Map(
    [...values].map(([id, row]) => [
      id,
      {
        score: typeof row.score === 'number' ? row.score : undefined,
        status: status(row.status) || undefined,
        smart: typeof row.smart === 'string' ? row.smart : undefined,
      },
    ]),
  );
  return checkHealth({ kpis, computed, checkIns: read.checkIns, today });
}

/** The KPI's row in the Register, to select it. */
export async function locate(wb: Workbook, kpiId: string): Promise<RangeRef | undefined> {
  const register = await openRegister(asView(wb));
  const row = register.rowOf.get(kpiId);
  if (row === undefined) return undefined;
  return { sheet: register.sheet, row, col: 1, rows: 1, cols: Math.max(1, register.width) };
}
