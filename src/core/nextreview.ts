import { addMonths, addWeeks, isValid } from 'date-fns';
import { MAX_SERIAL, dateToSerial, serialToDate, toDate } from './dates';
import { KpiError, isKpiError, numError, valueError } from './errors';
import { BLANK, isBlank, type Cell, type Out } from './values';
import { cellAt, isFiniteNumber, type Columns } from './vectorize';
import { CADENCE, wordReader, type Cadence } from './words';

/** How far apart reviews are. date-fns' addMonths clamps to month end: 31 Jan + 1 month = 28/29 Feb. */
const STEP: Readonly<Record<Cadence, (date: Date) => Date>> = {
  weekly: (date) => addWeeks(date, 1),
  biweekly: (date) => addWeeks(date, 2),
  monthly: (date) => addMonths(date, 1),
  quarterly: (date) => addMonths(date, 3),
  semiannual: (date) => addMonths(date, 6),
  annual: (date) => addMonths(date, 12),
};

/** The next review date after `lastReview` (a local calendar date). */
export function nextReviewDate(lastReview: Date, cadence: Cadence): Date {
  return STEP[cadence](lastReview);
}

/** NEXTREVIEW as a spreadsheet serial number, or #NUM! when it falls outside the spreadsheet's dates. */
export function nextReviewSerial(lastReview: Date, cadence: Cadence): number | KpiError {
  if (!isValid(lastReview)) return valueError('last_review is not a valid date.');
  const serial = dateToSerial(nextReviewDate(lastReview, cadence));
  return serial >= 1 && serial <= MAX_SERIAL
    ? serial
    : numError('The next review falls outside the spreadsheet date range.');
}

const readCadence = wordReader(CADENCE, 'cadence');

/** NEXTREVIEW for one cell of each argument; both are required, so either blank gives blank. */
export function nextReviewCell(lastReview: Cell, cadence: Cell): Out {
  if (isBlank(lastReview) || isBlank(cadence)) return BLANK;
  const last = toDate(lastReview, 'last_review');
  if (isKpiError(last)) return last;
  const step = readCadence(cadence);
  if (isKpiError(step)) return step;
  if (step === undefined) return BLANK;
  return nextReviewSerial(last, step);
}

/**
 * NEXTREVIEW's fused loop (see vectorize's fuse) for one cadence: a column of date serials stepped in
 * place; any other row goes to `other`. A cadence that is a range, blank or unknown takes the general path.
 */
export function nextReviewRows<T>(
  { rows, cols, values }: Columns,
  other: (row: number) => T,
): (number | T)[][] | undefined {
  const lasts = cols[0];
  const step = readCadence(values[1]);
  if (!lasts || cols[1] || step === undefined || isKpiError(step)) return undefined;
  const out: (number | T)[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const last = cellAt(lasts, r, undefined);
    const next =
      isFiniteNumber(last) && last >= 1 && last <= MAX_SERIAL
        ? nextReviewSerial(serialToDate(last), step)
        : undefined;
    out[r] = [typeof next === 'number' ? next : other(r)];
  }
  return out;
}
