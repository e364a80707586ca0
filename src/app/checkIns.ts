import { startOfLocalDay } from '../core/calendar';
import { CHECKIN_FIELDS, type CheckInKey, type FieldKey } from '../core/fields';
import type { CheckIn, Kpi } from '../core/model';
import { nextReviewDate } from '../core/nextreview';
import { cached, computeRow, latestActuals } from '../register/computed';
import type { Out } from '../core/values';
import { DATE_FORMAT, DATETIME_FORMAT, valueFormat } from '../register/style';
import type { CellValue, Workbook } from '../register/workbook';
import { openRegister } from './register';
import { indexRegister, registerRows, type ParsedRow, type RegisterIndex } from './registerIndex';
import type { CheckInEntry, DueCheckIn } from './types';
import { ActionWorkbook } from './view';

const day = startOfLocalDay;

/** The date of a KPI's last review: the later of its last_review and its latest check-in. */
function lastReviewed(kpi: Kpi, checkIns: readonly CheckIn[]): Date | undefined {
  let last = kpi.last_review;
  for (const checkIn of checkIns) {
    if (checkIn.kpi_id === kpi.id && (!last || checkIn.period_end > last)) last = checkIn.period_end;
  }
  return last;
}

/** When a KPI's next check-in is due: a cadence after its last review, or from its start when never reviewed. */
export function dueDate(kpi: Kpi, checkIns: readonly CheckIn[], today: Date): Date {
  const last = lastReviewed(kpi, checkIns);
  if (last) return nextReviewDate(day(last), kpi.cadence);
  return kpi.start ? day(kpi.start) : day(today);
}

/** The owner's KPIs (every owner's, without one) whose check-in is due by `today` (by cadence), most overdue first. */
export async function dueCheckIns(
  wb: Workbook,
  owner: string | undefined,
  today: Date,
): Promise<DueCheckIn[]> {
  const view = wb instanceof ActionWorkbook ? wb : new ActionWorkbook(wb);
  const { read } = await openRegister(view);
  const latest = latestActuals(read.checkIns);
  const wanted = owner?.trim().toLowerCase() ?? '';
  const now = day(today);
  return read.kpis
    .filter((kpi) => wanted === '' || kpi.owner.trim().toLowerCase() === wanted)
    .map((kpi) => {
      const due = dueDate(kpi, read.checkIns, now);
      return { kpi, due, overdue: due < now, lastActual: latest.get(kpi.id) ?? kpi.actual };
    })
    .filter((item) => item.due <= now)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

export class CheckInError extends Error {}

/**
 * The computed cells of a row, rewritten with the same formulas and fresh cached results. Excel would
 * recalculate them anyway; a host without a calculation engine (the standalone page's in-memory workbook)
 * shows the cached result, so the row's score, status and lights follow the new actual there too.
 */
function refreshComputed(
  view: ActionWorkbook,
  register: RegisterIndex,
  row: ParsedRow,
  changed: { actual?: number; lastReview?: Date },
): void {
  const kpi = { ...row.kpi, actual: changed.actual, last_review: changed.lastReview };
  const values = computeRow(kpi, kpi.actual);
  // SMART is not rewritten: it reads none of what a check-in changes (the actual, the last review), and
  // in Google Sheets its cell is part of one array formula's result, which a value would block.
  const results: Partial<Record<FieldKey, [Out, 'value' | 'date']>> = {
    score: [values.score, 'value'],
    status: [values.status, 'value'],
    next_review: [values.nextReview, 'date'],
  };
  for (const [key, [value, kind]] of Object.entries(results) as [FieldKey, [Out, 'value' | 'date']][]) {
    const col = register.columns[key];
    if (col === undefined) continue;
    const formula = row.formulas[col - 1];
    const portable = register.dialect !== 'kpi';
    const result = cached(value, portable, kind);
    view.write(register.sheet, row.row, col, [[formula ? { formula, result } : result]]);
  }
}

export interface RecordOptions {
  /** The moment the entries are made (the Check-ins sheet's "entered at"). */
  now?: Date;
}

/**
 * Appends the entries to the Check-ins sheet (history is never overwritten) and brings the register up
 * to date: a KPI's actual becomes the entry's when it is for the latest period reported, and its last
 * review moves to that period. Reads only the columns it needs, so a big register costs no more.
 */
export async function recordCheckIns(
  wb: Workbook,
  entries: readonly CheckInEntry[],
  options: RecordOptions = {},
): Promise<void> {
  if (entries.length === 0) return;
  const now = options.now ?? new Date();
  const view = wb instanceof ActionWorkbook ? wb : new ActionWorkbook(wb);
  const register = await indexRegister(view);
  const target = register.checkIns;
  if (!target) throw new CheckInError('The register has no Check-ins sheet to record the actuals in.');
  const checkIns: CheckIn[] = entries.map((entry) => {
    if (!register.rowOf.has(entry.kpiId))
      throw new CheckInError(`There is no KPI ${entry.kpiId} in the register.`);
    if (!Number.isFinite(entry.actual))
      throw new CheckInError(`The actual for ${entry.kpiId} is not a number.`);
    return {
      kpi_id: entry.kpiId,
      period_end: day(entry.periodEnd ?? now),
      actual: entry.actual,
      note: entry.note?.trim() || undefined,
      entered_by: entry.enteredBy?.trim() || undefined,
      entered_at: now,
    };
  });

  // The full rows of the KPIs reported, read before anything is written (a read never shares a batch with writes).
  const parsed = await registerRows(view, register, [...new Set(checkIns.map((entry) => entry.kpi_id))]);

  const width = Math.max(CHECKIN_FIELDS.length, ...Object.values(target.columns).map((col) => col ?? 0));
  const rows = checkIns.map((entry) => {
    const row: CellValue[] = Array(width).fill(null);
    for (const field of CHECKIN_FIELDS) {
      const col = target.columns[field.key];
      if (col !== undefined) row[col - 1] = entry[field.key] ?? null;
    }
    return row;
  });
  const first = await view.append(target.sheet, rows);
  const cell = (key: CheckInKey, offset: number, count = 1) => ({
    sheet: target.sheet,
    row: first + offset,
    col: target.columns[key] as number,
    rows: count,
    cols: 1,
  });
  if (target.columns.period_end) view.setNumberFormat(cell('period_end', 0, checkIns.length), DATE_FORMAT);
  if (target.columns.entered_at)
    view.setNumberFormat(cell('entered_at', 0, checkIns.length), DATETIME_FORMAT);
  if (target.columns.actual) {
    checkIns.forEach((entry, i) =>
      view.setNumberFormat(cell('actual', i), valueFormat(register.kpis.get(entry.kpi_id)?.unit)),
    );
  }

  // The register shows the latest period's actual: an entry for an older period is history only.
  const actualCol = register.columns.actual;
  const reviewCol = register.columns.last_review;
  const newest = new Map<string, CheckIn>();
  for (const entry of checkIns) {
    const seen = newest.get(entry.kpi_id);
    if (!seen || entry.period_end >= seen.period_end) newest.set(entry.kpi_id, entry);
  }
  for (const [id, entry] of newest) {
    const row = register.rowOf.get(id) as number;
    const latest = target.latest.get(id);
    const reviewed = register.kpis.get(id)?.lastReview;
    const isLatest = !latest || entry.period_end >= latest;
    const later = !reviewed || entry.period_end > reviewed;
    if (actualCol !== undefined && isLatest) view.write(register.sheet, row, actualCol, [[entry.actual]]);
    if (reviewCol !== undefined && later) view.write(register.sheet, row, reviewCol, [[entry.period_end]]);
    const kpi = parsed.get(id);
    if (kpi && (isLatest || later)) {
      refreshComputed(view, register, kpi, {
        actual: isLatest ? entry.actual : kpi.kpi.actual,
        lastReview: later ? entry.period_end : kpi.kpi.last_review,
      });
    }
  }
  await view.flush();
}
