import { ZoneShift } from '../hosts/sheets/zone';
import type { MenuEnv } from './menu';
import type { ServerEnv } from './server';

/**
 * The Apps Script services, gathered in one place so the rest of src/gas takes them as arguments (and
 * tests can hand in fakes). Only Code.js's entry calls these; they read Apps Script's globals.
 */
const formatDate = (date: Date, timeZone: string, pattern: string) =>
  Utilities.formatDate(date, timeZone, pattern);

/** The script's own zone, when this context may ask for it (custom functions have a reduced set of services). */
function scriptZone(): string {
  try {
    return Session.getScriptTimeZone();
  } catch {
    return ''; // unknown: dates are always converted, never passed through
  }
}

export function sheetZone(): ZoneShift {
  return new ZoneShift(
    SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
    scriptZone(),
    formatDate,
  );
}

export function appsScriptEnv(): ServerEnv & MenuEnv {
  return {
    app: SpreadsheetApp,
    html: HtmlService,
    locale: () => Session.getActiveUserLocale(),
    runsAsAddOn: () => ScriptApp.getInstallationSource() !== ScriptApp.InstallationSource.NONE,
    authModeNone: ScriptApp.AuthMode.NONE,
    zone: sheetZone,
    lock: () => {
      const lock = LockService.getDocumentLock();
      lock.waitLock(30_000);
      return lock;
    },
  };
}
