import { toNumber, toOptionalNumber } from './coerce';
import { KpiError, divError, isKpiError, naError, numError, valueError } from './errors';
import { tidy } from './score';
import { BLANK, isBlank, type Arg, type Cell, type Out } from './values';
import { flatten } from './vectorize';
import { POLARITY, wordReader, type Polarity } from './words';

export type Feasibility = 'EASY' | 'STRETCH' | 'UNREALISTIC';

export const DEFAULT_EASY_WITHIN = 0.05;
export const DEFAULT_UNREALISTIC_BEYOND = 1;

/**
 * The Achievable test: how far the target lies beyond the recent level. For `lower` the uplift is
 * mirrored (halving handling time is as hard as doubling sales). `closer` is judged like `higher`
 * by the size of the move.
 */
export function assessFeasibility(
  target: number,
  level: number,
  polarity: Polarity = 'higher',
  easyWithin: number = DEFAULT_EASY_WITHIN,
  unrealisticBeyond: number = DEFAULT_UNREALISTIC_BEYOND,
): Feasibility | KpiError {
  let uplift: number;
  if (polarity === 'lower') {
    if (target === 0)
      return divError('A lower-is-better target of 0 cannot be compared with the recent level.');
    uplift = level / target - 1;
  } else {
    if (level === 0)
      return divError('The recent level is 0, so the uplift to the target cannot be measured.');
    uplift = polarity === 'closer' ? Math.abs(target / level - 1) : target / level - 1;
  }
  // Rounded so that a target exactly at a boundary (84 against 80 is 5%) lands on the inclusive side.
  uplift = tidy(uplift);
  if (uplift <= easyWithin) return 'EASY';
  if (uplift > unrealisticBeyond) return 'UNREALISTIC';
  return 'STRETCH';
}

/** The recent level: the mean of the last three non-blank values (`undefined` is blank). */
export function recentLevel(history: readonly (number | undefined)[]): number | KpiError {
  const recent: number[] = [];
  for (let i = history.length - 1; i >= 0 && recent.length < 3; i--) {
    const value = history[i];
    if (value !== undefined) recent.push(value);
  }
  if (recent.length < 3) {
    return naError(`history has ${recent.length} value(s); at least 3 are needed for a recent level.`);
  }
  if (!recent.every(Number.isFinite)) return valueError('history must hold finite numbers.');
  // Each part divided first, so three huge values cannot overflow the sum.
  return recent[0] / 3 + recent[1] / 3 + recent[2] / 3;
}

/** Reads a history range whole, row by row: blank cells are skipped later, errors and text stop here. */
export function readHistory(history: Arg): (number | undefined)[] | KpiError {
  const out: (number | undefined)[] = [];
  const cells = flatten(history);
  for (let i = 0; i < cells.length; i++) {
    const value = isBlank(cells[i]) ? undefined : toNumber(cells[i], `history (cell ${i + 1})`);
    if (isKpiError(value)) return value;
    out.push(value);
  }
  return out;
}

/**
 * FEASIBILITY of a target against a recent level, after checking what the ratio rule needs: the uplift
 * is a ratio, so negative levels or targets (a loss, a net balance) cannot be judged by it.
 */
export function judgeFeasibility(
  target: number,
  level: number,
  polarity: Polarity,
  easyWithin: number,
  unrealisticBeyond: number,
): Feasibility | KpiError {
  if (![target, level, easyWithin, unrealisticBeyond].every(Number.isFinite)) {
    return valueError('FEASIBILITY needs finite numbers.');
  }
  if (target < 0 || level < 0) {
    return numError(
      'FEASIBILITY measures the uplift as a ratio, so target and history must not be negative.',
    );
  }
  if (easyWithin > unrealisticBeyond) {
    return numError(
      `easy_within (${easyWithin}) must not be above unrealistic_beyond (${unrealisticBeyond}).`,
    );
  }
  return assessFeasibility(target, level, polarity, easyWithin, unrealisticBeyond);
}

export interface FeasibilityInput {
  /** Blank when undefined. */
  target?: number;
  /** Oldest first; `undefined` entries are blank. */
  history: readonly (number | undefined)[];
  polarity?: Polarity;
  easyWithin?: number;
  unrealisticBeyond?: number;
}

/** FEASIBILITY for plain numbers (the register builder and the task pane). */
export function feasibilityOf({
  target,
  history,
  polarity = 'higher',
  easyWithin = DEFAULT_EASY_WITHIN,
  unrealisticBeyond = DEFAULT_UNREALISTIC_BEYOND,
}: FeasibilityInput): Feasibility | typeof BLANK | KpiError {
  if (target === undefined) return BLANK;
  const level = recentLevel(history);
  if (isKpiError(level)) return level;
  return judgeFeasibility(target, level, polarity, easyWithin, unrealisticBeyond);
}

const readPolarity = wordReader(POLARITY, 'polarity', 'higher');

/** FEASIBILITY for one cell of each vectorised argument, with the history's level worked out once. */
export function feasibilityCell(
  target: Cell,
  level: number | KpiError,
  polarity: Cell,
  easyWithin: Cell,
  unrealisticBeyond: Cell,
): Out {
  if (isBlank(target)) return BLANK;
  const t = toNumber(target, 'target');
  if (isKpiError(t)) return t;
  if (isKpiError(level)) return level;
  const p = readPolarity(polarity);
  if (isKpiError(p)) return p;
  const easy = toOptionalNumber(easyWithin, 'easy_within');
  if (isKpiError(easy)) return easy;
  const beyond = toOptionalNumber(unrealisticBeyond, 'unrealistic_beyond');
  if (isKpiError(beyond)) return beyond;
  return judgeFeasibility(t, level, p, easy ?? DEFAULT_EASY_WITHIN, beyond ?? DEFAULT_UNREALISTIC_BEYOND);
}
