import { parse } from 'acorn';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sheetName } from '../../src/core/fields';
import { MENU_MESSAGES } from '../../src/gas/messages';
import { SERVER_FUNCTIONS } from '../../src/gas/wire';
import { SIDEBAR_CONFIG_GLOBAL } from '../../src/gas/sidebarConfig';
import { loadCodeJs, type RuntimeOptions } from './appsScriptRuntime';
import { buildGas } from './build';
import type { KpiDraft } from '../../src/app';
import { computeRow } from '../../src/register/computed';
import { registerLayout } from '../../src/register/layout';
import { encode } from '../../src/gas/wire';
import { ADDON_MENU, FakeSpreadsheetApp } from './fakeSpreadsheetApp';
import { sheetsCalculator } from './sheetsCalculator';

/**
 * The built Code.js, loaded as Apps Script loads it (one plain script, Apps Script services as globals,
 * here fakes) and driven through its top-level functions only: the menu, the custom functions as
 * Sheets calls them, and the sidebar's server functions as google.script.run calls them.
 */
const CUSTOM_FUNCTIONS = [
  'KPI_SCORE',
  'KPI_STATUS',
  'KPI_ROLLUP',
  'KPI_CHANGE',
  'KPI_PACE',
  'KPI_FEASIBILITY',
  'KPI_SMARTCHECK',
  'KPI_NEXTREVIEW',
];
const MENU_FUNCTIONS = ['kpiMenuSetUp', 'kpiMenuWizard', 'kpiMenuCheckIn', 'kpiMenuHealth', 'kpiMenuHelp'];
const ZOD_GLOBALS = ['__zod_globalConfig', '__zod_globalRegistry'];
const EXPECTED_GLOBALS = [
  'onOpen',
  'onInstall',
  ...MENU_FUNCTIONS,
  ...Object.values(SERVER_FUNCTIONS),
  ...CUSTOM_FUNCTIONS,
];

let code: string;
let manifest: { timeZone: string; runtimeVersion: string; oauthScopes: string[] };
const load = (options: RuntimeOptions = {}) => loadCodeJs(code, options);

beforeAll(async () => {
  const dir = await buildGas('gas-server');
  code = fs.readFileSync(path.join(dir, 'Code.js'), 'utf8');
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'appsscript.json'), 'utf8'));
}, 300_000);

describe('Code.js as Apps Script sees it', () => {
  it('defines exactly the entry points as top-level functions, and leaks nothing else', () => {
    const runtime = load();
    const functions = runtime.defined.filter((name) => typeof runtime.global[name] === 'function');
    expect([...functions].sort()).toEqual([...EXPECTED_GLOBALS].sort());
    // zod keeps its configuration on globalThis: data, invisible to Apps Script's function list.
    const data = runtime.defined.filter((name) => typeof runtime.global[name] !== 'function');
    expect(data.filter((name) => !ZOD_GLOBALS.includes(name))).toEqual([]);
    for (const name of [
      'exports',
      'module',
      'require',
      'define',
      '__webpack_require__',
      'global',
      'window',
    ]) {
      expect(runtime.global[name]).toBeUndefined();
    }
  });

  it('declares each entry point as a top-level function declaration (what the script editor and google.script.run find)', () => {
    const program = parse(code, { ecmaVersion: 2020, sourceType: 'script' });
    const declared = program.body
      .filter((node) => node.type === 'FunctionDeclaration')
      .map((node) => (node as unknown as { id: { name: string } }).id.name);
    expect([...declared].sort()).toEqual([...EXPECTED_GLOBALS].sort());
  });

  it('is ES2020 syntax (V8, BigInt included) with no module system in it', () => {
    expect(() => parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
    expect(code).not.toMatch(/\bimport\s*\(|^\s*export\s|module\.exports\s*=/m);
  });

  it('gives every custom function its @customfunction JSDoc, with a described @param for each parameter', () => {
    for (const name of CUSTOM_FUNCTIONS) {
      const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(([^)]*)\\)`).exec(
        code,
      );
      expect(match).not.toBeNull();
      const [, doc, params] = match!;
      expect(doc).toMatch(/@customfunction/);
      const documented = [...doc.matchAll(/@param\s+\{[^}]+\}\s+\[?(\w+)\]?\s+(\S.*)/g)].map((m) => m[1]);
      expect(documented).toEqual(params.split(',').map((p) => p.trim()));
      expect(doc.split('\n').find((line) => /\w/.test(line))).not.toMatch(/@/); // a description comes first
    }
  });

  it('is minified to at most 300 KB: every custom-function cell in Sheets loads all of it first', () => {
    // Sheets runs each cell that calls a custom function as an execution of its own (docs/sheets.md).
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThanOrEqual(300 * 1024);
    // Minified: a few long lines, not the readable bundle of one statement per line.
    expect(code.split('\n').length).toBeLessThan(1000);
  });

  it('keeps each custom function a top-level declaration, its JSDoc and its parameter names through minifying', () => {
    const program = parse(code, { ecmaVersion: 2020, sourceType: 'script' });
    const declared = new Map(
      program.body
        .filter((node) => node.type === 'FunctionDeclaration')
        .map((node) => {
          const fn = node as unknown as { id: { name: string }; params: { name: string }[] };
          return [fn.id.name, fn.params.map((param) => param.name)] as const;
        }),
    );
    for (const name of CUSTOM_FUNCTIONS) {
      expect(declared.has(name)).toBe(true);
      const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*function ${name}\\(`).exec(code);
      expect(doc?.[1]).toMatch(/@customfunction/);
      const documented = [...doc![1].matchAll(/@param\s+\{[^}]+\}\s+\[?(\w+)\]?/g)].map((m) => m[1]);
      expect(declared.get(name)).toEqual(documented);
    }
  });

  it('asks only for the narrowest scopes, on the V8 runtime', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(manifest.timeZone).toBe('Asia/Hong_Kong');
  });
});

describe('the KPI_* custom functions, called as Sheets calls them', () => {
  let call: (name: string, ...args: unknown[]) => unknown;
  beforeAll(() => {
    call = load().call;
  });

  it('computes the worked examples of the spec', () => {
    expect(call('KPI_SCORE', 120, 120)).toBe(1);
    expect(call('KPI_SCORE', 0.15, 0.18, 0.12)).toBeCloseTo(0.5, 12);
    expect(call('KPI_SCORE', 330, 300, 360)).toBeCloseTo(0.5, 12);
    // Sheets passes a skipped argument as blank and an omitted trailing one not at all.
    expect(call('KPI_SCORE', 240, 300, '', 'lower')).toBeCloseTo(1.2, 12);
    expect(call('KPI_SCORE', 150, 100, undefined, undefined, 1.2)).toBeCloseTo(1.2, 12);
    expect(call('KPI_STATUS', 0.95)).toBe('AMBER');
    expect(call('KPI_STATUS', 0.65, 'OKR')).toBe('AMBER');
    expect(call('KPI_ROLLUP', [[1, 0.5, '']], [[2, 1, 5]])).toBeCloseTo(0.8333333, 6);
    expect(call('KPI_CHANGE', 110, 100)).toBeCloseTo(0.1, 12);
    expect(call('KPI_FEASIBILITY', 120, [[80], [80], [80]])).toBe('STRETCH');
    expect(call('KPI_FEASIBILITY', 500, [[80], [80], [80]])).toBe('UNREALISTIC');
    expect(call('KPI_FEASIBILITY', 82, [[80], [80], [80]])).toBe('EASY');
  });

  it('checks SMART in the language of the text', () => {
    const bare = call('KPI_SMARTCHECK', '提升銷售') as string;
    expect(bare).toMatch(/^0\/5 · S: .+ · M: .+ · A: .+ · R: .+ · T: .+$/);
    expect(bare.replace(/^0\/5/, '')).toMatch(/[\u3400-\u9fff]/);
    expect(
      call(
        'KPI_SMARTCHECK',
        '2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 18%',
        '',
        '',
        '',
        'Grow online revenue',
      ),
    ).toBe('5/5');
  });

  it('takes dates as Dates and returns NEXTREVIEW as a Date', () => {
    const next = call('KPI_NEXTREVIEW', new Date(2026, 0, 31), 'monthly');
    expect(next).toBeInstanceOf(Date);
    expect(next).toEqual(new Date(2026, 1, 28));
    expect(call('KPI_NEXTREVIEW', new Date(2026, 0, 31), '每季')).toEqual(new Date(2026, 3, 30));
    expect(
      call('KPI_PACE', 50, 100, new Date(2026, 0, 1), new Date(2026, 11, 31), new Date(2026, 6, 2)),
    ).toBeCloseTo(1, 2);
  });

  it('reads a date as the day the sheet shows when the sheet is in another time zone than the script', () => {
    const fake = new FakeSpreadsheetApp({ timeZone: 'America/Los_Angeles' });
    const runtime = load({ fake, scriptZone: 'Asia/Hong_Kong' });
    // Midnight 31 Jan 2026 in Los Angeles, as Sheets hands it to the script.
    const lastReview = new Date(Date.UTC(2026, 0, 31, 8));
    const next = runtime.call('KPI_NEXTREVIEW', lastReview, 'monthly') as Date;
    const shown = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Los_Angeles',
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    }).format(next);
    expect(shown).toBe('2026-02-28, 00:00');
  });

  it('converts a range of dates with one time-zone lookup per distinct day, not one per cell', () => {
    const fake = new FakeSpreadsheetApp({ timeZone: 'Europe/London' });
    const runtime = load({ fake, scriptZone: 'Asia/Hong_Kong' });
    const dates = Array.from({ length: 1000 }, (_, i) => [new Date(Date.UTC(2026, 0, 1 + (i % 10)))]);
    const next = runtime.call('KPI_NEXTREVIEW', dates, 'monthly') as Date[][];
    expect(next).toHaveLength(1000);
    const lookups = fake.calls.filter((call) => call.target === 'Utilities' && call.method === 'formatDate');
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.length).toBeLessThanOrEqual(40);
  });

  it('keeps blanks blank, single errors as thrown messages and array errors in their cells', () => {
    expect(call('KPI_SCORE', '', 100)).toBe('');
    expect(() => call('KPI_SCORE', 1, 5, 5)).toThrow(/baseline/i);
    expect(() => call('KPI_NEXTREVIEW', new Date(2026, 0, 1), 'fortnightly-ish')).toThrow(Error);
    const spilled = call('KPI_SCORE', [[1], [2], [''], [4]], [[1], [0], [5], [4]]) as unknown[][];
    expect(spilled[0][0]).toBe(1);
    expect(spilled[1][0]).toMatch(/^#DIV\/0! \S/);
    expect(spilled[2][0]).toBe('');
    // An error shown as text in one cell is read back as that error by the next function.
    expect(() => call('KPI_STATUS', spilled[1][0])).toThrow(
      (spilled[1][0] as string).replace(/^#DIV\/0! /, ''),
    );
    expect(call('KPI_STATUS', spilled)).toEqual([['GREEN'], [spilled[1][0]], [''], ['GREEN']]);
  });

  it('ends an array result at its last non-blank row, so a formula over a whole column claims no cells below the data', () => {
    // `=KPI_SCORE(R5:R, Q5:Q)` gets every row to the bottom of the sheet.
    const column = (values: unknown[]) => [...values, ...Array(995).fill('')].map((value) => [value]);
    const scores = call('KPI_SCORE', column([50, '', 80]), column([100, 100, 100])) as unknown[][];
    expect(scores).toEqual([[0.5], [''], [0.8]]);
    expect(call('KPI_SCORE', column([]), column([]))).toBe('');
    expect(call('KPI_SMARTCHECK', column(['提升銷售']))).toMatch(/^0\/5/);
  });
});

describe('the menu', () => {
  it.each([
    ['en', 'en'],
    ['en_GB', 'en'],
    ['zh_TW', 'zh-HK'],
    ['zh_HK', 'zh-HK'],
    ['zh-CN', 'zh-HK'],
  ] as const)(
    'is in the user’s language (%s → %s) and every item calls a function Code.js defines',
    (locale, lang) => {
      // A script bound to the spreadsheet: its onOpen runs in LIMITED and it is no add-on.
      const runtime = load({ locale, installationSource: 'NONE' });
      runtime.call('onOpen', { authMode: 'LIMITED' });
      const menus = runtime.fake.ui._menus;
      expect(menus).toHaveLength(1);
      const texts = MENU_MESSAGES[lang];
      expect(menus[0]._title).toBe(texts['menu.title']);
      expect(menus[0]._items).toEqual([
        { caption: texts['menu.setUp'], functionName: 'kpiMenuSetUp' },
        { caption: texts['menu.wizard'], functionName: 'kpiMenuWizard' },
        { caption: texts['menu.checkIn'], functionName: 'kpiMenuCheckIn' },
        { caption: texts['menu.health'], functionName: 'kpiMenuHealth' },
        'separator',
        { caption: texts['menu.help'], functionName: 'kpiMenuHelp' },
      ]);
      for (const item of menus[0]._items) {
        if (item !== 'separator') expect(typeof runtime.global[item.functionName]).toBe('function');
      }
    },
  );

  it('is the add-on menu under Extensions when installed (onInstall), with the same items', () => {
    const runtime = load({ locale: 'zh_HK', installationSource: 'WEB_STORE_ADD_ON' });
    runtime.call('onInstall', { authMode: 'FULL' });
    const [menu] = runtime.fake.ui._menus;
    expect(runtime.fake.ui._menus).toHaveLength(1);
    expect(menu._title).toBe(ADDON_MENU);
    expect(menu._items[0]).toEqual({
      caption: MENU_MESSAGES['zh-HK']['menu.setUp'],
      functionName: 'kpiMenuSetUp',
    });
    expect(runtime.fake.calls.some((call) => call.method === 'createMenu')).toBe(false);
  });

  it.each([
    ['an add-on not used in this spreadsheet yet (AuthMode.NONE)', 'NONE', 'WEB_STORE_ADD_ON', ADDON_MENU],
    ['an add-on the user installed', 'LIMITED', 'WEB_STORE_ADD_ON', ADDON_MENU],
    ['an add-on the domain installed', 'LIMITED', 'APPS_MARKETPLACE_DOMAIN_ADD_ON', ADDON_MENU],
    ['a run that may not ask how it was installed', 'LIMITED', 'throws', ADDON_MENU],
    ['a script bound to the spreadsheet', 'LIMITED', 'NONE', MENU_MESSAGES.en['menu.title']],
  ] as const)('is decided when the spreadsheet opens: %s', (_case, authMode, installationSource, title) => {
    const runtime = load({ installationSource });
    runtime.call('onOpen', { authMode });
    expect(runtime.fake.ui._menus.map((menu) => menu._title)).toEqual([title]);
    // In AuthMode.NONE nothing that may need authorisation is called: the mode alone decides.
    const asked = runtime.fake.calls.some((call) => call.method === 'getInstallationSource');
    expect(asked).toBe(authMode !== 'NONE');
  });

  it('opens the sidebar on the screen the item names, in the user’s language', () => {
    const page =
      '<!doctype html><html><head><title>x</title></head><body><script>bundle()</script></body></html>';
    const runtime = load({ locale: 'zh_TW', files: { 'sidebar.html': page } });
    runtime.call('kpiMenuCheckIn');
    const [sidebar] = runtime.fake.ui._sidebars as unknown as { content: string; title: string }[];
    expect(sidebar.title).toBe('KPI 指標登記冊');
    const config = new RegExp(`window\\.${SIDEBAR_CONFIG_GLOBAL}=(\\{.*?\\});</script></head>`).exec(
      sidebar.content,
    );
    expect(JSON.parse(config![1])).toEqual({ lang: 'zh-HK', screen: 'checkin' });
    // The config comes before the bundle that reads it.
    expect(sidebar.content.indexOf(SIDEBAR_CONFIG_GLOBAL)).toBeLessThan(sidebar.content.indexOf('bundle()'));
  });

  it('shows help in the user’s language', () => {
    const runtime = load({ locale: 'en' });
    runtime.call('kpiMenuHelp');
    expect(runtime.fake.ui._alerts).toEqual([
      { title: MENU_MESSAGES.en['help.title'], prompt: MENU_MESSAGES.en['help.body'] },
    ]);
  });
});

describe('the sidebar’s server functions', () => {
  type Reply = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };
  const server = (runtime: ReturnType<typeof load>, fn: string, ...args: unknown[]): Reply => {
    const answer = runtime.call(fn, JSON.stringify(args));
    expect(typeof answer).toBe('string'); // answered when the function returned: nothing left pending
    return JSON.parse(answer as string) as Reply;
  };
  const ok = (reply: Reply) => {
    if (!reply.ok) throw new Error(`${reply.error.name}: ${reply.error.message}`);
    return reply.value as Record<string, unknown>;
  };

  it('sets up the sample register in the spreadsheet, under the document lock, and reads it back', () => {
    const runtime = load();
    expect(ok(server(runtime, 'kpiStatus'))).toEqual({ kind: 'blank' });
    const report = ok(
      server(runtime, 'kpiSetUpRegister', {
        lang: 'en',
        sample: true,
        today: { $date: '2026-04-15T00:00:00.000' },
      }),
    );
    expect(report.kpis).toBeGreaterThan(5);
    const sheets = runtime.fake.spreadsheet._sheets.map((sheet) => sheet._name);
    expect(sheets).toEqual(expect.arrayContaining(['Sheet1', 'Register', 'Check-ins', 'Dashboard']));
    expect(runtime.locks).toEqual({ taken: 1, released: 1 });
    const status = ok(server(runtime, 'kpiStatus'));
    expect(status).toMatchObject({ kind: 'register', lang: 'en', kpis: report.kpis });
    const register = ok(server(runtime, 'kpiRegister')) as { kpis: { id: string; deadline?: unknown }[] };
    expect(register.kpis).toHaveLength(report.kpis as number);
    // Dates travel as wall-clock text.
    expect(register.kpis.find((kpi) => kpi.deadline)?.deadline).toEqual({
      $date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00\.000$/),
    });
  });

  it('records a check-in, reports health and goes to a KPI', () => {
    const runtime = load({ locale: 'zh_HK' });
    ok(
      server(runtime, 'kpiSetUpRegister', {
        lang: 'zh-HK',
        sample: true,
        today: { $date: '2026-04-15T00:00:00.000' },
      }),
    );
    const register = ok(server(runtime, 'kpiRegister')) as { kpis: { id: string; owner: string }[] };
    const kpi = register.kpis[0];
    const checkIns = runtime.fake._sheet(sheetName('checkins', 'zh-HK'));
    const before = checkIns.getLastRow();
    ok(
      server(runtime, 'kpiRecordCheckIns', [
        { kpiId: kpi.id, actual: 42, periodEnd: { $date: '2026-04-30T00:00:00.000' } },
      ]),
    );
    expect(checkIns.getLastRow()).toBe(before + 1);
    const findings = ok(
      server(runtime, 'kpiHealth', { $date: '2026-04-15T00:00:00.000' }),
    ) as unknown as unknown[];
    expect(findings.length).toBeGreaterThan(0);
    ok(server(runtime, 'kpiGoTo', kpi.id));
    expect(runtime.fake._selection?.sheet).toBe(sheetName('register', 'zh-HK'));
  });

  it('answers a failed action with its error name and message instead of throwing', () => {
    const runtime = load();
    const reply = server(runtime, 'kpiGoTo', 'NO-SUCH-KPI');
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(/NO-SUCH-KPI|register/i);
    const bad = JSON.parse(runtime.call('kpiStatus', '{not json') as string) as Reply;
    expect(bad.ok).toBe(false);
  });
});

describe('a register in Sheets: one custom-function execution, whatever its size', () => {
  const TODAY = new Date(2026, 3, 15);
  /** Code.js over a fake whose SMART column formula computes as Sheets would (sheetsCalculator). */
  const sheets = () => {
    const fake: FakeSpreadsheetApp = new FakeSpreadsheetApp({
      calculate: sheetsCalculator(() => fake),
    });
    const runtime = load({ fake });
    const call = (fn: string, ...args: unknown[]) => {
      const reply = JSON.parse(runtime.call(fn, encode(args)) as string) as {
        ok: boolean;
        value: { id: string; range: { row: number } };
        error?: unknown;
      };
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return reply.value;
    };
    return { fake, call };
  };
  const draft: KpiDraft = {
    name: 'Online store average order value in Hong Kong',
    description: 'From HKD 420 to HKD 480 by 31 December 2026',
    owner: 'Tse Ka Wai',
    level: 'company',
    type: 'operational',
    timing: 'leading',
    form: 'average',
    unit: 'HKD',
    polarity: 'higher',
    baseline: 420,
    target: 480,
    role: 'core',
    framework: 'KPI',
    deadline: new Date(2026, 11, 31),
    cadence: 'monthly',
  };

  it('shows SMART for every KPI from one array formula, and for a KPI added and checked in from the sidebar', () => {
    const { fake, call } = sheets();
    call('kpiSetUpRegister', { lang: 'en', sample: true, today: TODAY });
    const register = fake._sheet('Register');
    const layout = registerLayout('Register', 0);
    const smartOf = (row: number) => register.getRange(row, layout.columns.smart).getValues()[0][0];
    const last = register.getLastRow();
    for (let row = layout.firstRow; row <= last; row++) {
      expect(smartOf(row)).toMatch(/^\d\/5/); // overflowed into every KPI's row, none blocked (#REF!)
    }
    expect(fake._customFunctionExecutions()).toBe(1);

    const added = call('kpiAddKpi', draft);
    expect(added.range.row).toBe(last + 1); // right under the register, not at the bottom of the sheet
    expect(register._cell(added.range.row, layout.columns.smart)?.formula).toBeUndefined();
    const kpi = { ...draft, id: added.id };
    expect(smartOf(added.range.row)).toBe(computeRow(kpi, undefined).smart);
    expect(register.getLastRow()).toBe(added.range.row);

    call('kpiRecordCheckIns', [{ kpiId: added.id, actual: 450, periodEnd: new Date(2026, 3, 30) }]);
    expect(smartOf(layout.firstRow)).toMatch(/^\d\/5/);
    expect(smartOf(added.range.row)).toBe(computeRow(kpi, undefined).smart);
    expect(fake._customFunctionExecutions()).toBe(1);
  });

  it('puts the first KPI of a register set up empty in the placeholder row, under the SMART formula', () => {
    const { fake, call } = sheets();
    call('kpiSetUpRegister', { lang: 'zh-HK', sample: false, today: TODAY });
    const layout = registerLayout('', 0);
    const register = fake.spreadsheet._sheets.find(
      (sheet) => sheet._cell(layout.firstRow, layout.columns.smart)?.formula,
    )!;
    expect(register.getLastRow()).toBe(layout.firstRow);
    const added = call('kpiAddKpi', draft);
    expect(added.range.row).toBe(layout.firstRow);
    expect(register._cell(layout.firstRow, layout.columns.smart)?.formula).toMatch(
      /^=ARRAYFORMULA\(KPI_SMARTCHECK\(/,
    );
    expect(register.getRange(layout.firstRow, layout.columns.smart).getValues()[0][0]).toBe(
      computeRow({ ...draft, id: added.id }, undefined).smart,
    );
    expect(register.getLastRow()).toBe(layout.firstRow);
    expect(fake._customFunctionExecutions()).toBe(1);
  });
});
