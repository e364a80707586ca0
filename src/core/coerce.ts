import { KpiError, isKpiError, valueError } from './errors';
import { isBlank, type Cell } from './values';

/**
 * Reads a number the way a spreadsheet user means it: numbers as they are, and numeric text such as
 * "1,200", "18%" or " 42 " (numbers stored as text are common in finance sheets).
 * Booleans and dates are not numbers here: a KPI value of TRUE is a mistake worth showing.
 */
export function toNumber(value: Cell, name: string): number | KpiError {
  if (isKpiError(value)) return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : valueError(`${name} is not a finite number.`);
  }
  if (typeof value === 'string') {
    const parsed = parseNumericText(value);
    return parsed === undefined ? valueError(`${name} must be a number, not "${truncate(value)}".`) : parsed;
  }
  if (typeof value === 'boolean')
    return valueError(`${name} must be a number, not ${value ? 'TRUE' : 'FALSE'}.`);
  if (value instanceof Date) return valueError(`${name} must be a number, not a date.`);
  return valueError(`${name} is missing.`);
}

/** Like toNumber, but a blank cell gives `undefined` (an omitted optional argument). */
export function toOptionalNumber(value: Cell, name: string): number | undefined | KpiError {
  return isBlank(value) ? undefined : toNumber(value, name);
}

const NUMERIC_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?$/i;

export function parseNumericText(text: string): number | undefined {
  let body = text.trim();
  if (body === '') return undefined;
  let scale = 1;
  if (body.endsWith('%')) {
    scale = 0.01;
    body = body.slice(0, -1).trim();
  }
  if (!NUMERIC_TEXT.test(body) || !/\d/.test(body)) return undefined;
  const parsed = Number(body.replace(/,/g, '')) * scale;
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Text for an enumerated word; blank gives `undefined`. */
export function toOptionalText(value: Cell, name: string): string | undefined | KpiError {
  if (isKpiError(value)) return value;
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') return value.trim();
  return valueError(`${name} must be text.`);
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
