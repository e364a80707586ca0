import type { Lang } from '../core/i18n';
import type { Screen } from '../taskpane/screens/screens';
import { langOfLocale, menuText } from './messages';
import { injectSidebarConfig } from './sidebarConfig';

/**
 * The "KPI Register" menu and what its items open. The menu is built in onOpen, which for an add-on
 * may run before the user has authorised anything (AuthMode.NONE): it only reads the user's locale
 * and adds the menu, both allowed then. Everything else happens when an item is chosen.
 */
export interface MenuEnv {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  html: GoogleAppsScript.HTML.HtmlService;
  locale(): string;
}

/** The menu items and the top-level functions (in Code.js) they call. */
export const MENU_ITEMS = [
  { key: 'menu.setUp', fn: 'kpiMenuSetUp', screen: 'home' },
  { key: 'menu.wizard', fn: 'kpiMenuWizard', screen: 'wizard' },
  { key: 'menu.checkIn', fn: 'kpiMenuCheckIn', screen: 'checkin' },
  { key: 'menu.health', fn: 'kpiMenuHealth', screen: 'health' },
] as const satisfies readonly { key: string; fn: string; screen: Screen }[];
export const HELP_ITEM = { key: 'menu.help', fn: 'kpiMenuHelp' } as const;

const langOf = (env: MenuEnv): Lang => langOfLocale(env.locale());

export function addMenu(env: MenuEnv): void {
  const lang = langOf(env);
  let menu = env.app.getUi().createMenu(menuText(lang, 'menu.title'));
  for (const item of MENU_ITEMS) menu = menu.addItem(menuText(lang, item.key), item.fn);
  menu.addSeparator().addItem(menuText(lang, HELP_ITEM.key), HELP_ITEM.fn).addToUi();
}

/** The task pane in a sidebar, opened on the screen the menu item names. */
export function openSidebar(env: MenuEnv, screen: Screen): void {
  const lang = langOf(env);
  const page = env.html.createHtmlOutputFromFile('sidebar');
  page.setContent(injectSidebarConfig(page.getContent(), { lang, screen }));
  page.setTitle(menuText(lang, 'sidebar.title'));
  env.app.getUi().showSidebar(page);
}

export function showHelp(env: MenuEnv): void {
  const lang = langOf(env);
  const ui = env.app.getUi();
  ui.alert(menuText(lang, 'help.title'), menuText(lang, 'help.body'), ui.ButtonSet.OK);
}
