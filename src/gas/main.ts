/**
 * Code.js: the Apps Script entry. Apps Script knows only top-level functions, so this file does nothing
 * but assign each entry point to `global`; gas-webpack-plugin turns every `global.X = function (…)`
 * below into a top-level `function X(…)` stub carrying the JSDoc above it (Sheets reads the
 * `@customfunction` blocks for formula autocomplete). Nothing else leaves the bundle.
 */
import { CustomFunctions, type SheetsResult } from './customFunctions';
import { appsScriptEnv, sheetZone } from './env';
import { addMenu, openSidebar, opensAsAddOn, showHelp, type TriggerEvent } from './menu';
import { serve } from './server';

type Entry = (...args: never[]) => unknown;
type ServerFunction = (payload: string) => string;

declare global {
  // Apps Script's entry points are global functions: these are their types.
  var onOpen: Entry;
  var onInstall: Entry;
  var kpiMenuSetUp: Entry;
  var kpiMenuWizard: Entry;
  var kpiMenuCheckIn: Entry;
  var kpiMenuHealth: Entry;
  var kpiMenuHelp: Entry;
  var kpiStatus: ServerFunction;
  var kpiRegister: ServerFunction;
  var kpiSetUpRegister: ServerFunction;
  var kpiPreviewAdoption: ServerFunction;
  var kpiAdopt: ServerFunction;
  var kpiAddKpi: ServerFunction;
  var kpiDueCheckIns: ServerFunction;
  var kpiRecordCheckIns: ServerFunction;
  var kpiCascadeTree: ServerFunction;
  var kpiHealth: ServerFunction;
  var kpiGoTo: ServerFunction;
  var KPI_SCORE: (
    actual: unknown,
    target: unknown,
    baseline?: unknown,
    polarity?: unknown,
    cap?: unknown,
  ) => SheetsResult;
  var KPI_STATUS: (
    score: unknown,
    framework?: unknown,
    green_at?: unknown,
    amber_at?: unknown,
  ) => SheetsResult;
  var KPI_ROLLUP: (scores: unknown, weights?: unknown, cap?: unknown) => SheetsResult;
  var KPI_CHANGE: (current: unknown, previous: unknown) => SheetsResult;
  var KPI_PACE: (
    actual: unknown,
    target: unknown,
    start: unknown,
    end: unknown,
    as_of?: unknown,
    baseline?: unknown,
  ) => SheetsResult;
  var KPI_FEASIBILITY: (
    target: unknown,
    history: unknown,
    polarity?: unknown,
    easy_within?: unknown,
    unrealistic_beyond?: unknown,
  ) => SheetsResult;
  var KPI_SMARTCHECK: (
    text: unknown,
    target?: unknown,
    unit?: unknown,
    deadline?: unknown,
    parent?: unknown,
    baseline?: unknown,
  ) => SheetsResult;
  var KPI_NEXTREVIEW: (last_review: unknown, cadence: unknown) => SheetsResult;
}

const functions = new CustomFunctions(sheetZone);

// --- menu ----------------------------------------------------------------------------------------------

/**
 * Adds the KPI Register menu (in the user's language) when the spreadsheet opens: under Extensions for
 * the add-on, in the menu bar for a script bound to the spreadsheet (see opensAsAddOn in menu.ts).
 */
global.onOpen = function (e: TriggerEvent) {
  const env = appsScriptEnv();
  addMenu(env, opensAsAddOn(env, e));
};

/**
 * Adds the add-on's menu at once when the add-on is installed, without reopening the spreadsheet. Only an
 * add-on is ever installed ("When an add-on is installed, onInstall() runs in AuthMode.FULL": Google's
 * Editor add-on authorization guide, developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle),
 * so this is always the add-on menu.
 */
global.onInstall = function (_e: TriggerEvent) {
  addMenu(appsScriptEnv(), true);
};

/** Menu: Set up register (the sidebar's home screen). */
global.kpiMenuSetUp = function () {
  openSidebar(appsScriptEnv(), 'home');
};

/** Menu: SMART wizard. */
global.kpiMenuWizard = function () {
  openSidebar(appsScriptEnv(), 'wizard');
};

/** Menu: Check-in. */
global.kpiMenuCheckIn = function () {
  openSidebar(appsScriptEnv(), 'checkin');
};

/** Menu: Health. */
global.kpiMenuHealth = function () {
  openSidebar(appsScriptEnv(), 'health');
};

/** Menu: Help. */
global.kpiMenuHelp = function () {
  showHelp(appsScriptEnv());
};

// --- the sidebar's server functions (google.script.run; JSON in, JSON out: see wire.ts) --------------

/** Sidebar: what this spreadsheet is (a register, a sheet to adopt, or blank). */
global.kpiStatus = function (payload) {
  return serve(appsScriptEnv(), 'status', payload);
};

/** Sidebar: the register's KPIs and check-ins. */
global.kpiRegister = function (payload) {
  return serve(appsScriptEnv(), 'register', payload);
};

/** Sidebar: builds a new register (empty or with the sample data). */
global.kpiSetUpRegister = function (payload) {
  return serve(appsScriptEnv(), 'setUpRegister', payload);
};

/** Sidebar: how an existing KPI list would be adopted. */
global.kpiPreviewAdoption = function (payload) {
  return serve(appsScriptEnv(), 'previewAdoption', payload);
};

/** Sidebar: builds a register from an existing KPI list. */
global.kpiAdopt = function (payload) {
  return serve(appsScriptEnv(), 'adopt', payload);
};

/** Sidebar: adds a KPI from the SMART wizard. */
global.kpiAddKpi = function (payload) {
  return serve(appsScriptEnv(), 'addKpi', payload);
};

/** Sidebar: the check-ins an owner has due. */
global.kpiDueCheckIns = function (payload) {
  return serve(appsScriptEnv(), 'dueCheckIns', payload);
};

/** Sidebar: appends check-ins. */
global.kpiRecordCheckIns = function (payload) {
  return serve(appsScriptEnv(), 'recordCheckIns', payload);
};

/** Sidebar: the cascade with roll-ups. */
global.kpiCascadeTree = function (payload) {
  return serve(appsScriptEnv(), 'cascadeTree', payload);
};

/** Sidebar: the register health findings. */
global.kpiHealth = function (payload) {
  return serve(appsScriptEnv(), 'health', payload);
};

/** Sidebar: selects a KPI's row. */
global.kpiGoTo = function (payload) {
  return serve(appsScriptEnv(), 'goTo', payload);
};

// --- custom functions ------------------------------------------------------------------------------------

/**
 * Attainment of a KPI against its target: 1 means the target is met. Blank while there is no actual.
 *
 * @param {number} actual The reported value (a cell or a range).
 * @param {number} target The target value.
 * @param {number} [baseline] The starting value; the score then measures the way from baseline to target.
 * @param {string} [polarity] higher (default), lower or closer: which direction is better.
 * @param {number} [cap] The highest score allowed, for example 1.2. No cap when omitted.
 * @return The score, floored at 0.
 * @customfunction
 */
global.KPI_SCORE = function (actual, target, baseline, polarity, cap) {
  return functions.KPI_SCORE(actual, target, baseline, polarity, cap);
};

/**
 * Traffic-light status of a score: GREEN, AMBER or RED (blank when the score is blank).
 *
 * @param {number} score The score, where 1 means the target is met (a cell or a range).
 * @param {string} [framework] KPI (default: green at 1, amber at 0.9) or OKR (green at 0.7, amber at 0.4).
 * @param {number} [green_at] The score from which the status is GREEN; overrides the framework.
 * @param {number} [amber_at] The score from which the status is AMBER; overrides the framework.
 * @return GREEN, AMBER, RED or blank.
 * @customfunction
 */
global.KPI_STATUS = function (score, framework, green_at, amber_at) {
  return functions.KPI_STATUS(score, framework, green_at, amber_at);
};

/**
 * Weighted mean of child scores for a parent KPI. Blank scores are skipped and the weights renormalised.
 *
 * @param {number[][]} scores The child scores (a range).
 * @param {number[][]} [weights] The weight of each child, in the same shape as scores. Equal weights when omitted.
 * @param {number} [cap] Caps each child score before averaging, so one over-achiever cannot hide a failing sibling.
 * @return The rolled-up score, or blank when every score is blank.
 * @customfunction
 */
global.KPI_ROLLUP = function (scores, weights, cap) {
  return functions.KPI_ROLLUP(scores, weights, cap);
};

/**
 * Growth rate from the previous period: (current − previous) / |previous|, for YoY or MoM.
 *
 * @param {number} current The value for this period (a cell or a range).
 * @param {number} previous The value for the previous period.
 * @return The change as a fraction, for example 0.1 for +10%.
 * @customfunction
 */
global.KPI_CHANGE = function (current, previous) {
  return functions.KPI_CHANGE(current, previous);
};

/**
 * Progress against the straight line from baseline at start to target at end: 1 means on pace.
 *
 * @param {number} actual The value reached so far.
 * @param {number} target The target to reach by the end date.
 * @param {Date} start The start date of the period.
 * @param {Date} end The end date of the period.
 * @param {Date} [as_of] The date of the actual value; pass TODAY() to keep it current. Today when omitted.
 * @param {number} [baseline] The value at the start date. 0 when omitted.
 * @return The pace, or blank before the start date.
 * @customfunction
 */
global.KPI_PACE = function (actual, target, start, end, as_of, baseline) {
  return functions.KPI_PACE(actual, target, start, end, as_of, baseline);
};

/**
 * Achievable test of a target against the KPI's own history: EASY, STRETCH or UNREALISTIC.
 *
 * @param {number} target The proposed target.
 * @param {number[][]} history Past values, oldest first (for example the last 12 months); the last three set the level.
 * @param {string} [polarity] higher (default), lower or closer: which direction is better.
 * @param {number} [easy_within] Uplift up to which the target is EASY. 0.05 (5%) when omitted.
 * @param {number} [unrealistic_beyond] Uplift above which the target is UNREALISTIC. 1 (doubling) when omitted.
 * @return EASY, STRETCH or UNREALISTIC.
 * @customfunction
 */
global.KPI_FEASIBILITY = function (target, history, polarity, easy_within, unrealistic_beyond) {
  return functions.KPI_FEASIBILITY(target, history, polarity, easy_within, unrealistic_beyond);
};

/**
 * Checks a KPI definition against the five SMART criteria; returns n/5 and the reason for each miss.
 *
 * @param {string} text The KPI's name or description, in English or Traditional Chinese.
 * @param {number} [target] The KPI's target value, when the register records it.
 * @param {string} [unit] The unit of measure, for example %, HKD or customers.
 * @param {Date} [deadline] The date or period by which the target is due.
 * @param {string} [parent] The parent objective the KPI supports.
 * @param {number} [baseline] The current or starting value.
 * @return "5/5" when fully SMART, otherwise n/5 followed by the reasons.
 * @customfunction
 */
global.KPI_SMARTCHECK = function (text, target, unit, deadline, parent, baseline) {
  return functions.KPI_SMARTCHECK(text, target, unit, deadline, parent, baseline);
};

/**
 * Date of the next review after the last one, stepped by the cadence.
 *
 * @param {Date} last_review The date of the last review.
 * @param {string} cadence weekly, biweekly, monthly, quarterly, semiannual or annual (or 每週, 每月, 每季…).
 * @return The date of the next review.
 * @customfunction
 */
global.KPI_NEXTREVIEW = function (last_review, cadence) {
  return functions.KPI_NEXTREVIEW(last_review, cadence);
};
