import { KpiError, divError } from './errors';
import type { Polarity } from './words';

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
    if (target === 0) return divError('A lower-is-better target of 0 cannot be compared with the recent level.');
    uplift = level / target - 1;
  } else {
    if (level === 0) return divError('The recent level is 0, so the uplift to the target cannot be measured.');
    uplift = polarity === 'closer' ? Math.abs(target / level - 1) : target / level - 1;
  }
  if (uplift <= easyWithin) return 'EASY';
  if (uplift > unrealisticBeyond) return 'UNREALISTIC';
  return 'STRETCH';
}
