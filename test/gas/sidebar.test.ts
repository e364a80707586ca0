import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sheetName } from '../../src/core/fields';
import type { Lang } from '../../src/core/i18n';
import { MESSAGES, type MessageKey } from '../../src/taskpane/messages';
import { hasChromium, launch, mustRun, type RunningBrowser } from '../e2e/browser';
import { loadCodeJs, type AppsScriptRuntime } from './appsScriptRuntime';
import { buildGas } from './build';

/**
 * The built sidebar.html in a real browser, wired to the built Code.js the way Google wires them: the
 * page is what the menu item hands to the sidebar (config injected by the server), and the page's
 * google.script.run calls the server functions of Code.js running in an Apps Script-like context over
 * the fake spreadsheet. No request may leave the page: everything it needs is inside it.
 */
const describeBrowser = hasChromium || mustRun ? describe : describe.skip;
const TIMEOUT = 20_000;

let code: string;
let sidebarHtml: string;
let browser: RunningBrowser;

const text = (lang: Lang, key: MessageKey, params: Record<string, string | number> = {}) =>
  MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/** Opens the sidebar as the menu item `menuFunction` would, with google.script.run reaching `runtime`. */
async function openSidebar(
  runtime: AppsScriptRuntime,
  menuFunction: string,
): Promise<{ page: Page; requests: string[] }> {
  runtime.call(menuFunction);
  const sidebars = runtime.fake.ui._sidebars as unknown as { content: string }[];
  const page = await browser.context.newPage();
  const requests: string[] = [];
  const errors: Error[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error));
  await page.exposeFunction('__appsScript', (fn: string, payload: string) => runtime.call(fn, payload));
  // Set on the page's window, which setContent keeps (it only replaces the document).
  await page.evaluate(() => {
    type Handler = (value: unknown) => void;
    const runner = (success: Handler = () => undefined, failure: Handler = () => undefined): unknown =>
      new Proxy(
        {},
        {
          get(_target, name: string) {
            if (name === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure);
            if (name === 'withFailureHandler') return (handler: Handler) => runner(success, handler);
            return (payload: string) => {
              const call = (window as unknown as { __appsScript(fn: string, p: string): Promise<unknown> })
                .__appsScript;
              call(name, payload).then(success, failure);
            };
          },
        },
      );
    (window as unknown as { google: unknown }).google = { script: { run: runner() } };
  });
  await page.setContent(sidebars[sidebars.length - 1].content);
  expect(errors).toEqual([]);
  return { page, requests };
}

describeBrowser('the Sheets sidebar in a real browser, against Code.js', () => {
  beforeAll(async () => {
    const [server, sidebar] = [await buildGas('gas-server'), await buildGas('gas-sidebar')];
    code = fs.readFileSync(path.join(server, 'Code.js'), 'utf8');
    sidebarHtml = fs.readFileSync(path.join(sidebar, 'sidebar.html'), 'utf8');
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('sets up the sample register from the Home screen and then shows the register', async () => {
    const runtime = loadCodeJs(code, { locale: 'en', files: { 'sidebar.html': sidebarHtml } });
    const { page, requests } = await openSidebar(runtime, 'kpiMenuSetUp');
    const t = (key: MessageKey, params?: Record<string, string | number>) => text('en', key, params);
    await page.getByText(t('home.notRegister')).waitFor({ timeout: TIMEOUT });
    await page.getByRole('switch', { name: t('home.sample') }).check();
    await page.getByRole('button', { name: t('home.setUp') }).click();
    await page.getByText(t('home.isRegister')).waitFor({ timeout: TIMEOUT });

    const register = runtime.fake._sheet(sheetName('register', 'en'));
    expect(register.getLastRow()).toBeGreaterThan(5);
    const formulas = register._rows.flatMap((line) => (line ?? []).map((cell) => cell?.formula ?? ''));
    // Native formulas, and SMARTCHECK once for its column: one custom-function execution (docs/sheets.md).
    expect(formulas.filter((formula) => /KPI_/.test(formula))).toEqual([
      expect.stringMatching(/^=ARRAYFORMULA\(KPI_SMARTCHECK\(/),
    ]);
    expect(runtime.fake._customFunctionExecutions()).toBe(1);
    expect(requests.filter((url) => !/^(about:|data:)/.test(url))).toEqual([]);
    await page.close();
  }, 120_000);

  it('opens on the screen the menu item names, in the user’s language', async () => {
    const runtime = loadCodeJs(code, { locale: 'zh_HK', files: { 'sidebar.html': sidebarHtml } });
    runtime.call('kpiSetUpRegister', JSON.stringify([{ lang: 'zh-HK', sample: true }]));
    const { page } = await openSidebar(runtime, 'kpiMenuCheckIn');
    const tab = page.getByRole('tab', { name: text('zh-HK', 'nav.checkin') });
    await tab.waitFor({ timeout: TIMEOUT });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-HK');
    await page.close();
  }, 120_000);
});
