import { toOptionalNumber, toOptionalText } from '../coerce';
import { toDate } from '../dates';
import { KpiError, isKpiError, valueError } from '../errors';
import { BLANK, isBlank, type Cell, type Out } from '../values';
import { checkSmart } from './check';

export { checkSmart } from './check';
export type { SmartCriterion, SmartInput, SmartLetter, SmartResult } from './check';
export { extract } from './extract';
export type { Direction, Extraction, RelativeChange } from './extract';
export { SMART_MESSAGES, type SmartMessageKey } from './messages';
export type { Quantity, QuantityKind, QuantityRole } from './quantity';
export type { MetricTier } from './specific';
export type { PeriodUnit, TimeKind, TimeMention } from './time';

/** The parent objective: its name or id. A numeric id is text here; TRUE or a date is a mistake. */
function toParent(value: Cell): string | undefined | KpiError {
  if (isKpiError(value)) return value;
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return valueError('parent must be the name or id of the parent objective.');
}

/**
 * SMARTCHECK(text, [target], [unit], [deadline], [parent], [baseline]) for one cell: `n/5` and the
 * reasons for the criteria that fail. A blank text gives a blank result; an argument of the wrong type
 * gives #VALUE! (the first one, in argument order). Never throws.
 */
export function smartcheckCell(
  text: Cell,
  target: Cell,
  unit: Cell,
  deadline: Cell,
  parent: Cell,
  baseline: Cell,
): Out {
  if (isKpiError(text)) return text;
  if (isBlank(text)) return BLANK;
  if (typeof text !== 'string') return valueError("text must be the KPI's name or description.");
  const targetValue = toOptionalNumber(target, 'target');
  if (isKpiError(targetValue)) return targetValue;
  const unitText = toOptionalText(unit, 'unit');
  if (isKpiError(unitText)) return unitText;
  const deadlineDate = isBlank(deadline) ? undefined : toDate(deadline, 'deadline');
  if (isKpiError(deadlineDate)) return deadlineDate;
  const parentText = toParent(parent);
  if (isKpiError(parentText)) return parentText;
  const baselineValue = toOptionalNumber(baseline, 'baseline');
  if (isKpiError(baselineValue)) return baselineValue;
  return checkSmart(
    {
      text,
      target: targetValue,
      unit: unitText,
      deadline: deadlineDate,
      parent: parentText,
      baseline: baselineValue,
    },
    true,
  ).text;
}
