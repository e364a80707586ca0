import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { memoryFromXlsx } from '../../src/hosts/file';
import { readRegister } from '../../src/register/read';
import { MESSAGES, type MessageKey } from '../../src/taskpane/messages';
import type { Lang } from '../../src/core/i18n';
import { hasChromium, launch, mustRun, type RunningBrowser } from './browser';
import { buildTaskpane } from './build';
import { serveFolder, type StaticServer } from './server';

/**
 * The standalone page in a real browser (Debian's chromium through playwright-core): the task pane runs
 * against the in-memory workbook beside its preview, exactly as a user meets it outside Office.
 * Every request the page makes is recorded; none may leave this machine.
 */

const ROOT = resolve(__dirname, '../..');
/** Screenshots go to test/.out; `UPDATE_SCREENSHOTS=1` writes the committed ones in assets/ (the README's). */
const SHOTS = join(
  ROOT,
  process.env.UPDATE_SCREENSHOTS === '1' ? 'assets/screenshots' : 'test/.out/screenshots',
);
const TODAY = '2026-05-15';
const describeBrowser = hasChromium || mustRun ? describe : describe.skip;

let server: StaticServer;
let browser: RunningBrowser;
const requests: string[] = [];

const text = (lang: Lang, key: MessageKey, params: Record<string, string | number> = {}) =>
  MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

async function open(lang: Lang, theme: 'light' | 'dark' = 'light', extra = ''): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}/taskpane.html?lang=${lang}&theme=${theme}&today=${TODAY}${extra}`);
  await page
    .getByTestId('taskpane')
    .getByRole('tab', { name: text(lang, 'nav.home') })
    .waitFor();
  return page;
}

const pane = (page: Page) => page.getByTestId('taskpane');
/** A label as shown, with or without the asterisk of a required field. */
const exactly = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);

// playwright-core has no test matchers: these wait the way they would, then jest's expect judges.
const TIMEOUT = 15_000;
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: TIMEOUT });
const containing = (locator: Locator, wanted: string | RegExp) =>
  locator.filter({ hasText: wanted }).first().waitFor({ state: 'visible', timeout: TIMEOUT });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + TIMEOUT;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting: ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
const focused = (locator: Locator) =>
  until(
    () => locator.evaluate((element) => element === document.activeElement),
    `focus on ${String(locator)}`,
  );

async function screen(page: Page, lang: Lang, key: MessageKey): Promise<void> {
  await pane(page)
    .getByRole('tab', { name: text(lang, key) })
    .click();
}

/**
 * Fluent's focus manager (tabster) puts `aria-hidden` focus sentinels around arrow-key groups such as a
 * TabList; they hand focus on at once and are a known false positive of aria-hidden-focus (tabster issue
 * #288; Accessibility Insights suppresses them the same way). Only those nodes are set aside.
 */
const isTabsterSentinel = (rule: string, html: string) =>
  rule === 'aria-hidden-focus' && html.includes('data-tabster-dummy');

/** Serious or critical accessibility violations on the page as it is now (or in one part of it). */
async function axeProblems(page: Page, only?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (only ? builder.include(only) : builder).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter((node) => !isTabsterSentinel(violation.id, node.html)),
    }))
    .filter((violation) => violation.nodes.length > 0)
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The preview's cells of one row of a sheet, as shown. */
async function previewRow(page: Page, sheet: string, row: number) {
  await page
    .getByRole('tablist', { name: /Sheets|工作表/ })
    .getByRole('tab', { name: sheet, exact: true })
    .click();
  const line = page.locator(`tr[data-row="${row}"]`);
  await line.waitFor();
  const cells = line.locator('td');
  const count = await cells.count();
  const out: { text: string; light?: string; fill: string }[] = [];
  for (let i = 0; i < count; i++) {
    const cell = cells.nth(i);
    out.push({
      text: (await cell.innerText()).trim(),
      light: (await cell.getAttribute('data-light')) ?? undefined,
      fill: await cell.evaluate((element) => getComputedStyle(element).backgroundColor),
    });
  }
  return out;
}

describeBrowser('standalone page in a real browser', () => {
  beforeAll(async () => {
    const dist = await buildTaskpane();
    server = await serveFolder(dist);
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    // Nothing the page loads may come from anywhere but this machine (office.js is served locally too).
    const outside = requests.filter((url) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(url));
    expect(outside).toEqual([]);
  });

  it('completes the SMART wizard for an English KPI, records a check-in and shows its status light', async () => {
    const page = await open('en');
    const t = (key: MessageKey) => text('en', key);
    await visible(pane(page).getByText(t('home.isRegister')));

    await screen(page, 'en', 'nav.wizard');
    await pane(page)
      .getByLabel(exactly(t('field.name')))
      .fill('Online store average order value in Hong Kong');
    await pane(page)
      .getByLabel(exactly(t('field.description')))
      .fill(
        'Raise the average order value of the Hong Kong online store from HKD 420 to HKD 480 by 31 December 2026',
      );
    await containing(pane(page).getByTestId('smart-panel'), 'SMART check');
    await pane(page)
      .getByLabel(exactly(t('field.name')))
      .press('Enter');

    await pane(page)
      .getByLabel(exactly(t('field.unit')))
      .fill('HKD');
    await pane(page)
      .getByLabel(exactly(t('field.baseline')))
      .fill('420');
    await pane(page)
      .getByLabel(exactly(t('field.target')))
      .fill('480');
    await pane(page)
      .getByLabel(exactly(t('field.target')))
      .press('Enter');

    await pane(page)
      .getByLabel(exactly(t('field.history')))
      .fill('400, 410, 425');
    await containing(pane(page).getByTestId('feasibility'), t('feas.label.STRETCH'));
    await pane(page)
      .getByRole('button', { name: t('common.next') })
      .click();

    const parent = pane(page).getByRole('combobox', { name: t('field.parent') });
    await parent.click();
    await parent.pressSequentially('order value');
    await page.getByRole('option', { name: /Average order value/ }).click();
    await pane(page)
      .getByRole('combobox', { name: t('field.owner') })
      .fill('Tse Ka Wai');
    await pane(page)
      .getByRole('combobox', { name: t('field.department') })
      .fill('E-commerce');
    await pane(page)
      .getByLabel(exactly(t('field.weight')))
      .fill('50');
    await pane(page)
      .getByRole('button', { name: t('common.next') })
      .click();

    await pane(page)
      .getByLabel(exactly(t('field.deadline')))
      .fill('2026-12-31');
    await pane(page)
      .getByRole('button', { name: t('common.next') })
      .click();

    await containing(pane(page).getByTestId('smart-panel'), '5/5');
    await pane(page)
      .getByRole('button', { name: t('wizard.write') })
      .click();
    const added = pane(page).getByRole('status').filter({ hasText: 'Online store average order value' });
    await visible(added);
    const row = Number(/\(row (\d+)\)/.exec(await added.innerText())?.[1]);
    expect(row).toBeGreaterThan(2);

    // The new row is in the Register, written once, without a status until an actual is reported.
    const before = await previewRow(page, 'Register', row);
    expect(before.map((cell) => cell.text)).toContain('Online store average order value in Hong Kong');

    await screen(page, 'en', 'nav.checkin');
    await pane(page)
      .getByLabel(exactly(t('checkin.owner')))
      .selectOption('Tse Ka Wai');
    const card = pane(page).getByRole('group', { name: 'Online store average order value in Hong Kong' });
    await card.getByLabel(exactly(t('checkin.actual'))).fill('470');
    await card.getByLabel(exactly(t('checkin.note'))).fill('Bundle campaign');
    await pane(page)
      .getByRole('button', { name: t('checkin.save') })
      .click();
    await visible(pane(page).getByText(text('en', 'checkin.saved', { count: 1 })));

    const after = await previewRow(page, 'Register', row);
    const lit = after.filter((cell) => cell.light);
    expect(lit.map((cell) => cell.light)).toEqual(['red']);
    expect(after.some((cell) => cell.text === 'RED' && cell.fill !== 'rgb(255, 255, 255)')).toBe(true);
    const checkIns = await previewRow(page, 'Check-ins', 2);
    expect(checkIns.length).toBeGreaterThan(0);
    await page.close();
  }, 180_000);

  it('completes the wizard for a Chinese KPI with the keyboard only', async () => {
    const page = await open('zh-HK');
    const t = (key: MessageKey) => text('zh-HK', key);
    await screen(page, 'zh-HK', 'nav.wizard');
    const type = (value: string) => page.keyboard.type(value);
    const press = (key: string, times = 1) =>
      Array.from({ length: times }).reduce<Promise<void>>(
        (p) => p.then(() => page.keyboard.press(key)),
        Promise.resolve(),
      );

    // S: the name field has focus; Enter goes on.
    await focused(pane(page).getByLabel(exactly(t('field.name'))));
    await type('香港網上門市新客戶轉換率');
    await press('Tab');
    await type('2026 年第四季前，香港網上門市的新客戶轉換率要從 12% 提升至 18%');
    await containing(pane(page).getByTestId('smart-panel'), 'SMART');
    await pane(page)
      .getByLabel(exactly(t('field.name')))
      .focus();
    await press('Enter');
    // M: unit first, then polarity, baseline, target.
    await focused(pane(page).getByLabel(exactly(t('field.unit'))));
    await type('%');
    await press('Tab', 2);
    await type('12%');
    await press('Tab');
    await type('18%');
    await press('Enter');
    // A: recent actuals, then Tab to Next.
    await focused(pane(page).getByLabel(exactly(t('field.history'))));
    await type('11%, 12%, 12.5%');
    await containing(pane(page).getByTestId('feasibility'), t('feas.label.STRETCH'));
    await press('Tab', 2);
    await press('Enter');
    // R: search the parent, pick it with the arrow keys. Each list has its own "show the list" button in
    // the tab order (Fluent's combobox), so the next field is two Tabs away.
    await focused(pane(page).getByRole('combobox', { name: t('field.parent') }));
    await type('新增客戶');
    await press('ArrowDown');
    await press('Enter');
    await press('Tab', 3);
    await focused(pane(page).getByLabel(exactly(t('field.weight'))));
    await type('40');
    await press('Tab');
    await type('市場推廣部');
    await press('Escape');
    await press('Tab', 2);
    await focused(pane(page).getByRole('combobox', { name: exactly(t('field.owner')) }));
    await type('劉志強');
    await press('Escape');
    await press('Enter');
    // T: start has focus; Tab walks its month, day, year and calendar button, then reaches the deadline.
    await focused(pane(page).getByLabel(exactly(t('field.start'))));
    await press('Tab', 4);
    await focused(pane(page).getByLabel(exactly(t('field.deadline'))));
    await type('12312026');
    await press('Enter');
    // Summary: the write button has focus.
    await focused(pane(page).getByRole('button', { name: t('wizard.write') }));
    await containing(pane(page).getByTestId('smart-panel'), '5/5');
    await press('Enter');
    const added = pane(page).getByRole('status').filter({ hasText: '香港網上門市新客戶轉換率' });
    await visible(added);
    const row = Number(/第 (\d+) 列/.exec(await added.innerText())?.[1]);

    await screen(page, 'zh-HK', 'nav.checkin');
    await pane(page)
      .getByLabel(exactly(t('checkin.owner')))
      .selectOption('劉志強');
    await pane(page)
      .getByRole('group', { name: '香港網上門市新客戶轉換率' })
      .getByLabel(exactly(t('checkin.actual')))
      .fill('18.5%');
    await pane(page)
      .getByRole('button', { name: t('checkin.save') })
      .click();
    await visible(pane(page).getByText(text('zh-HK', 'checkin.saved', { count: 1 })));
    const cells = await previewRow(page, 'KPI 登記冊', row);
    expect(cells.map((cell) => cell.text)).toContain('香港網上門市新客戶轉換率');
    expect(cells.filter((cell) => cell.light).map((cell) => cell.light)).toEqual(['green']);
    await page.close();
  }, 180_000);

  it('follows a health finding to the offending row', async () => {
    const page = await open('en');
    await screen(page, 'en', 'nav.health');
    const finding = pane(page).locator('[data-rule="focus"]');
    await visible(finding);
    const button = finding.getByRole('button').first();
    const name = (await button.innerText()).replace(/^Go to /, '');
    await button.click();
    const selected = page.locator('tr[data-selected="true"]');
    await containing(selected, name);
    expect(await selected.count()).toBe(1);
    expect(
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { selected: true }).innerText(),
    ).toBe('Register');
    await page.close();
  }, 120_000);

  it('adopts a KPI workbook opened from .xlsx after the user corrects the mapping, and downloads the register', async () => {
    const page = await open('en', 'light', '&start=blank');
    const t = (key: MessageKey) => text('en', key);
    await page.getByTestId('open-xlsx').setInputFiles(join(ROOT, 'test/fixtures/finance-kpis-en.xlsx'));
    await visible(pane(page).getByText(t('home.notRegisterAdoptable')));
    await pane(page)
      .getByRole('button', { name: t('home.adoptPreview') })
      .click();
    const table = pane(page).getByRole('table', { name: t('adopt.tableLabel') });
    await visible(table);
    const summary = await pane(page)
      .getByText(/KPIs found under the headers/)
      .innerText();
    const kpis = Number(/^(\d+)/.exec(summary)?.[1]);
    expect(kpis).toBeGreaterThan(0);
    // The user keeps the owner column as it is instead of mapping it.
    const selects = table.getByRole('combobox');
    const count = await selects.count();
    let changed = '';
    for (let i = 0; i < count; i++) {
      if ((await selects.nth(i).inputValue()) === 'owner') {
        await selects.nth(i).selectOption('');
        changed = (await selects.nth(i).getAttribute('aria-label')) ?? '';
      }
    }
    expect(changed).not.toBe('');
    await pane(page)
      .getByRole('button', { name: t('adopt.confirm') })
      .click();
    await visible(pane(page).getByText(/Register built:/));
    await visible(pane(page).getByText(t('home.isRegister')));
    await visible(page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Register' }));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t('standalone.download') }).click(),
    ]);
    const saved = join(ROOT, 'test/.out/downloaded-register.xlsx');
    await download.saveAs(saved);
    const read = await readRegister(await memoryFromXlsx(readFileSync(saved)));
    expect(read.kpis).toHaveLength(kpis);
    expect(new Set(read.kpis.map((kpi) => kpi.owner)).size).toBe(1);
    await page.close();
  }, 180_000);

  const langs: Lang[] = ['en', 'zh-HK'];
  const themes = ['light', 'dark'] as const;
  const screens: MessageKey[] = ['nav.home', 'nav.wizard', 'nav.cascade', 'nav.checkin', 'nav.health'];
  it.each(langs.flatMap((lang) => themes.map((theme) => [lang, theme] as const)))(
    'has no serious accessibility problem on any screen (%s, %s) and saves screenshots',
    async (lang, theme) => {
      // The sample is made a month before "today", so check-ins are due and one review is overdue.
      const page = await open(lang, theme, '&sampleAsOf=2026-04-15');
      await page
        .getByRole('tablist', { name: text(lang, 'standalone.sheets') })
        .getByRole('tab')
        .nth(1)
        .click();
      const problems: string[] = [];
      for (const key of screens) {
        await screen(page, lang, key);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        if (key === 'nav.checkin') await pane(page).locator('[data-kpi]').first().waitFor();
        if (key === 'nav.wizard') {
          // Live SMART feedback on a half-finished KPI.
          await pane(page)
            .getByLabel(exactly(text(lang, 'field.name')))
            .fill(lang === 'en' ? 'Online conversion rate of new customers' : '網上門市新客戶轉換率');
          await pane(page)
            .getByLabel(exactly(text(lang, 'field.description')))
            .fill(lang === 'en' ? 'From 12% to 18% by the end of 2026' : '2026 年底前由 12% 提升至 18%');
        }
        // The whole page once (toolbar, preview, pane), then the pane on each further screen.
        const scope = key === 'nav.home' ? undefined : '[data-testid="taskpane"]';
        problems.push(...(await axeProblems(page, scope)).map((problem) => `${key}: ${problem}`));
        await page.screenshot({ path: join(SHOTS, `${key.replace('nav.', '')}-${lang}-${theme}.png`) });
      }
      expect(problems).toEqual([]);
      await page.close();
    },
    180_000,
  );
});
