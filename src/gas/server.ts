import { createActions, type Host } from '../app/actions';
import { SheetsWorkbook } from '../hosts/sheets/sheetsWorkbook';
import type { ZoneShift } from '../hosts/sheets/zone';
import { runSync } from './syncPromise';
import { fromWire, toWire, type ActionName, type Reply } from './wire';

/**
 * The sidebar's server side: each task pane action becomes one Apps Script call that opens the
 * spreadsheet through the Sheets host, runs the same application code the Excel task pane runs, and
 * answers with a JSON Reply. Actions that write hold the document lock, so two people recording
 * check-ins at the same moment append one after the other instead of onto the same row.
 */
export interface ServerEnv {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  /** How dates move between the spreadsheet's time zone and the script's. */
  zone(): ZoneShift;
  /** The document lock, already held; released when the action ends. */
  lock?(): { releaseLock(): void };
  now?(): Date;
}

const WRITES: ReadonlySet<ActionName> = new Set(['setUpRegister', 'adopt', 'addKpi', 'recordCheckIns']);

export function sheetsHost(env: ServerEnv): Host {
  return {
    async run(action) {
      const workbook = new SheetsWorkbook(env.app, { zone: env.zone() });
      const result = await action(workbook);
      await workbook.flush();
      return result;
    },
    async select(range) {
      const sheet = env.app.getActiveSpreadsheet().getSheetByName(range.sheet);
      if (!sheet) throw new Error(`There is no sheet called "${range.sheet}".`);
      sheet.getRange(range.row, range.col, range.rows, range.cols).activate();
    },
  };
}

/** Runs one action for the sidebar: `payload` is the JSON of its arguments, the answer the JSON of a Reply. */
export function serve(env: ServerEnv, name: ActionName, payload: string): string {
  let reply: Reply;
  try {
    const args = fromWire(JSON.parse(payload || '[]'));
    if (!Array.isArray(args)) throw new Error('The arguments of a server call must be a list.');
    // Native formulas (the portable dialect) in Sheets; SMART is one array formula (docs/sheets.md).
    const actions = createActions(sheetsHost(env), { now: env.now, portable: true });
    const action = actions[name] as (...args: unknown[]) => Promise<unknown>;
    if (typeof action !== 'function') throw new Error(`There is no action called "${name}".`);
    const lock = WRITES.has(name) ? env.lock?.() : undefined;
    try {
      reply = { ok: true, value: toWire(runSync(() => action(...args))) };
    } finally {
      lock?.releaseLock();
    }
  } catch (error) {
    const { name: errorName, message } =
      error instanceof Error ? error : { name: 'Error', message: String(error) };
    reply = { ok: false, error: { name: errorName, message } };
  }
  return JSON.stringify(reply);
}
