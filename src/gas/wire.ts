import { formatWallClock, localDate, parseWallClock, wallClockOf } from '../core/calendar';
import { KpiError } from '../core/errors';
import type { TaskpaneActions } from '../app/types';

/**
 * How the sidebar and the Apps Script server talk. google.script.run refuses Dates (and functions) in
 * arguments and results, and its own conversion of nested objects is loose, so every call carries one
 * JSON string each way. Dates travel as their wall clock (`2026-03-31T00:00:00.000`) so that a due date
 * is the same day in the browser and in the script whatever their time zones; KpiErrors keep their code.
 */

/** The server function behind each task pane action (a top-level function in Code.js). */
export const SERVER_FUNCTIONS = {
  status: 'kpiStatus',
  register: 'kpiRegister',
  setUpRegister: 'kpiSetUpRegister',
  previewAdoption: 'kpiPreviewAdoption',
  adopt: 'kpiAdopt',
  addKpi: 'kpiAddKpi',
  dueCheckIns: 'kpiDueCheckIns',
  recordCheckIns: 'kpiRecordCheckIns',
  cascadeTree: 'kpiCascadeTree',
  health: 'kpiHealth',
  goTo: 'kpiGoTo',
} as const satisfies Record<keyof TaskpaneActions, string>;

export type ActionName = keyof typeof SERVER_FUNCTIONS;
export type ServerFunctionName = (typeof SERVER_FUNCTIONS)[ActionName];

/** A server function's answer: the action's result, or its error in words (never a bare exception). */
export type Reply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

const wallClock = (date: Date): string => formatWallClock(wallClockOf(date));

function fromWallClock(text: string): Date {
  const clock = parseWallClock(text);
  if (!clock) throw new Error(`"${text}" is not a date on the wire.`);
  return localDate(clock);
}

/** A value as plain JSON: Dates and KpiErrors tagged, functions and undefined left out (as JSON does). */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return { $date: wallClock(value) };
  if (value instanceof KpiError) return { $kpiError: { code: value.code, message: value.message } };
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'function' || item === undefined ? null : toWire(item)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== 'function') out[key] = toWire(item);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** The inverse of toWire. */
export function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$date' && typeof record.$date === 'string')
      return fromWallClock(record.$date);
    if (keys.length === 1 && keys[0] === '$kpiError') {
      const { code, message } = record.$kpiError as { code: KpiError['code']; message: string };
      return new KpiError(code, message);
    }
    return Object.fromEntries(keys.map((key) => [key, fromWire(record[key])]));
  }
  return value;
}

export const encode = (value: unknown): string => JSON.stringify(toWire(value));
export const decode = (text: string): unknown => fromWire(JSON.parse(text));
