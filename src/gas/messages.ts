import { toLang, type Catalog, type Lang } from '../core/i18n';

/** The texts of the Sheets menu, sidebar title and help dialog, in every language. */
export type MenuKey =
  | 'menu.title'
  | 'menu.setUp'
  | 'menu.wizard'
  | 'menu.checkIn'
  | 'menu.health'
  | 'menu.help'
  | 'sidebar.title'
  | 'help.title'
  | 'help.body';

export const MENU_MESSAGES: Catalog<MenuKey> = {
  en: {
    'menu.title': 'KPI Register',
    'menu.setUp': 'Set up register',
    'menu.wizard': 'SMART wizard',
    'menu.checkIn': 'Check-in',
    'menu.health': 'Health',
    'menu.help': 'Help',
    'sidebar.title': 'KPI Register',
    'help.title': 'KPI Register — help',
    'help.body':
      'Set up register adds a Register, Check-ins, Dashboard and cascade sheets to this spreadsheet; your own sheets are never changed.\n\n' +
      'SMART wizard adds a KPI that is Specific, Measurable, Achievable, Relevant and Time-bound. Check-in records this period’s actuals. Health lists what to fix in the register.\n\n' +
      'Worksheet functions: KPI_SCORE, KPI_STATUS, KPI_ROLLUP, KPI_CHANGE, KPI_PACE, KPI_FEASIBILITY, KPI_SMARTCHECK and KPI_NEXTREVIEW. Try =KPI_SCORE(120, 120).\n\n' +
      'In a range result, a cell that cannot be computed shows the error as text, for example "#DIV/0! …".',
  },
  'zh-HK': {
    'menu.title': 'KPI 指標登記冊',
    'menu.setUp': '建立登記冊',
    'menu.wizard': 'SMART 指標精靈',
    'menu.checkIn': '進度匯報',
    'menu.health': '健康檢查',
    'menu.help': '說明',
    'sidebar.title': 'KPI 指標登記冊',
    'help.title': 'KPI 指標登記冊 — 說明',
    'help.body':
      '「建立登記冊」會在此試算表加入登記冊、進度匯報、儀表板及各層級工作表；你原有的工作表不會被更改。\n\n' +
      '「SMART 指標精靈」協助你新增具體、可量度、可達成、相關及有時限的指標。「進度匯報」記錄本期實際數字。「健康檢查」列出登記冊中需要改善的地方。\n\n' +
      '工作表函數：KPI_SCORE、KPI_STATUS、KPI_ROLLUP、KPI_CHANGE、KPI_PACE、KPI_FEASIBILITY、KPI_SMARTCHECK 及 KPI_NEXTREVIEW。試試輸入 =KPI_SCORE(120, 120)。\n\n' +
      '若函數傳回一個範圍，未能計算的儲存格會以文字顯示錯誤，例如「#DIV/0! …」。',
  },
};

/** Apps Script gives locales as `zh_TW`, `en_GB` or `zh-HK`: any Chinese locale reads Traditional Chinese. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return toLang(locale?.replace(/_/g, '-'));
}

export function menuText(lang: Lang, key: MenuKey): string {
  return MENU_MESSAGES[lang][key];
}

/** The sidebar's own words: what it says when the spreadsheet's script cannot be reached. */
export type ClientKey = 'client.unreachable' | 'client.badReply' | 'client.noScript';

export const CLIENT_MESSAGES: Catalog<ClientKey> = {
  en: {
    'client.unreachable': 'Google Sheets did not answer: {reason}',
    'client.badReply':
      'Google Sheets sent an answer the sidebar cannot read. Reload the spreadsheet and try again.',
    'client.noScript': 'This page only works in the KPI Register sidebar of Google Sheets.',
  },
  'zh-HK': {
    'client.unreachable': 'Google 試算表沒有回應：{reason}',
    'client.badReply': 'Google 試算表傳回的內容無法讀取。請重新載入試算表後再試。',
    'client.noScript': '此頁面只能在 Google 試算表的 KPI 指標登記冊側欄中使用。',
  },
};
