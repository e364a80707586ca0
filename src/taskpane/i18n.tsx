import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { format, type Lang } from '../core/i18n';
import { MESSAGES, type MessageKey } from './messages';

const LangContext = createContext<Lang>('en');

export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** The task pane's language and its texts: `t('home.title')`, `t('checkin.saved', { count: 3 })`. */
export function useText(): { lang: Lang; t: Translate } {
  const lang = useContext(LangContext);
  return useMemo(() => ({ lang, t: (key, params) => format(MESSAGES[lang][key], params) }), [lang]);
}

/** Numbers the way the task pane shows them (grouping, up to 2 decimals; percentages for ratios). */
export function formatNumber(value: number | undefined, lang: Lang, unit?: string): string {
  if (value === undefined || Number.isNaN(value)) return '';
  const locale = lang === 'zh-HK' ? 'zh-HK' : 'en-HK';
  if (unit === '%')
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value * 100)}%`;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  return unit ? `${text} ${unit}` : text;
}

export function formatPercent(value: number | '' | undefined, lang: Lang): string {
  if (value === '' || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(lang === 'zh-HK' ? 'zh-HK' : 'en-HK', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}
