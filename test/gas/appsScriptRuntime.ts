import { randomUUID } from 'node:crypto';
import * as vm from 'node:vm';
import { FakeSpreadsheetApp, strict, type Call } from './fakeSpreadsheetApp';
import { formatDate } from './zones';

/**
 * Runs Code.js the way Apps Script does: one plain script in a global scope that holds only the Apps
 * Script services (here fakes), no module system, no `require`, no `window`. Whatever the script
 * declares at top level is what Apps Script would see as the project's functions.
 */
export interface RuntimeOptions {
  fake?: FakeSpreadsheetApp;
  /** Session.getActiveUserLocale(): `en`, `zh_TW`, `zh_HK`… */
  locale?: string;
  /** Session.getScriptTimeZone() (appsscript.json's timeZone). */
  scriptZone?: string;
  /** The project's HTML files by name (`sidebar.html`), for HtmlService. */
  files?: Record<string, string>;
  /**
   * ScriptApp.getInstallationSource(): `NONE` ("Script is not running as an add-on", the default here: a
   * script bound to the spreadsheet), `WEB_STORE_ADD_ON` or `APPS_MARKETPLACE_DOMAIN_ADD_ON`; `throws`
   * makes the call fail, as a refused service call would.
   */
  installationSource?: 'NONE' | 'WEB_STORE_ADD_ON' | 'APPS_MARKETPLACE_DOMAIN_ADD_ON' | 'throws';
}

export interface AppsScriptRuntime {
  fake: FakeSpreadsheetApp;
  /** The names the script added to the global scope. */
  defined: string[];
  global: Record<string, unknown>;
  call(name: string, ...args: unknown[]): unknown;
  /** Document locks taken and released. */
  locks: { taken: number; released: number };
}

export class FakeHtmlOutput {
  title = '';
  readonly _proxy: FakeHtmlOutput;
  constructor(
    public content: string,
    calls: Call[],
  ) {
    this._proxy = strict('HtmlOutput', this, calls);
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeHtmlOutput {
    this.content = content;
    return this._proxy;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this._proxy;
  }
}

export function loadCodeJs(code: string, options: RuntimeOptions = {}): AppsScriptRuntime {
  const fake = options.fake ?? new FakeSpreadsheetApp();
  const calls = fake.calls;
  const locks = { taken: 0, released: 0 };
  const files = options.files ?? {};

  class Session {
    getActiveUserLocale(): string {
      return options.locale ?? 'en';
    }
    getScriptTimeZone(): string {
      return options.scriptZone ?? 'Asia/Hong_Kong';
    }
  }
  class Utilities {
    formatDate(date: Date, timeZone: string, pattern: string): string {
      return formatDate(date, timeZone, pattern);
    }
    getUuid(): string {
      return randomUUID();
    }
  }
  class HtmlService {
    createHtmlOutputFromFile(name: string): FakeHtmlOutput {
      const file = files[`${name}.html`];
      if (file === undefined) throw new Error(`No HTML file named "${name}".`);
      return new FakeHtmlOutput(file, calls)._proxy;
    }
  }
  class Lock {
    waitLock(_ms: number): void {
      locks.taken++;
    }
    releaseLock(): void {
      locks.released++;
    }
  }
  class LockService {
    getDocumentLock(): Lock {
      return strict('Lock', new Lock(), calls);
    }
  }

  const enumOf = (names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
  class ScriptApp {
    readonly AuthMode = enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
    readonly InstallationSource = enumOf(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON']);
    getInstallationSource(): string {
      const source = options.installationSource ?? 'NONE';
      if (source === 'throws') throw new Error('You do not have permission to call getInstallationSource.');
      return source;
    }
  }

  const sandbox: Record<string, unknown> = {
    SpreadsheetApp: fake.api,
    Session: strict('Session', new Session(), calls),
    Utilities: strict('Utilities', new Utilities(), calls),
    HtmlService: strict('HtmlService', new HtmlService(), calls),
    LockService: strict('LockService', new LockService(), calls),
    ScriptApp: strict('ScriptApp', new ScriptApp(), calls, ['AuthMode', 'InstallationSource']),
    console,
    // The test's Dates and Errors and the script's are one kind, as in Apps Script where all runs in one realm.
    Date,
    Error,
  };
  const before = new Set(Object.keys(sandbox));
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: 'Code.js' });
  const defined = Object.getOwnPropertyNames(sandbox).filter((name) => !before.has(name));
  return {
    fake,
    defined,
    global: sandbox,
    locks,
    call(name, ...args) {
      const fn = sandbox[name];
      if (typeof fn !== 'function') throw new Error(`Code.js has no function ${name}.`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
  };
}
