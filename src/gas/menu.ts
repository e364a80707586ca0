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
  /** `ScriptApp.getInstallationSource() !== ScriptApp.InstallationSource.NONE` (may throw). */
  runsAsAddOn?(): boolean;
  /** `ScriptApp.AuthMode.NONE`, to compare a trigger's `e.authMode` with. */
  authModeNone?: unknown;
}

/** What an onOpen or onInstall trigger receives (only the part the menu reads). */
export interface TriggerEvent {
  authMode?: unknown;
}

/**
 * Whether this run is the published Editor add-on (menu under Extensions, `Ui.createAddonMenu()`) or a
 * script bound to the spreadsheet (a menu of its own in the menu bar, `Ui.createMenu`). Google's guide:
 * "Published Editor add-ons can create custom menu items under their editor's Extensions menu … by
 * using the Ui.createAddonMenu() method" (developers.google.com/workspace/add-ons/concepts/menus).
 * - `AuthMode.NONE` happens only to an add-on ("when an add-on executes an onOpen(e) simple trigger, and
 *   the user has installed an add-on in a different document but the add-on has not been used in the
 *   current document": developers.google.com/apps-script/reference/script/auth-mode); a bound script's
 *   onOpen runs in LIMITED, like an add-on already used in the document, so the mode alone cannot tell.
 * - `ScriptApp.getInstallationSource()` answers `InstallationSource.NONE` when the "script is not running
 *   as an add-on" (developers.google.com/apps-script/reference/script/installation-source).
 * - Should that call be refused, the add-on menu is the safe side: a bound script can add one too (it
 *   shows under Extensions with the script's name), an add-on may not add a top-level menu once published.
 */
export function opensAsAddOn(env: MenuEnv, e?: TriggerEvent): boolean {
  if (e && env.authModeNone !== undefined && e.authMode === env.authModeNone) return true;
  if (!env.runsAsAddOn) return false;
  try {
    return env.runsAsAddOn();
  } catch {
    return true;
  }
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

/** Adds the menu: the add-on's, under Extensions, or the bound script's own (see opensAsAddOn). */
export function addMenu(env: MenuEnv, asAddOn = false): void {
  const lang = langOf(env);
  const ui = env.app.getUi();
  // An add-on's menu is named after the add-on (its store listing); a bound script names its own.
  let menu = asAddOn ? ui.createAddonMenu() : ui.createMenu(menuText(lang, 'menu.title'));
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
