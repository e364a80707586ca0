/** The languages every user-facing text exists in. */
export const LANGS = ['en', 'zh-HK'] as const;
export type Lang = (typeof LANGS)[number];

/** A catalog of texts: the same keys in every language (a test checks this for every catalog). */
export type Catalog<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/** Fills `{name}` placeholders. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Maps an Office/BCP-47 language tag to a supported language: any Chinese tag → zh-HK, else English. */
export function toLang(tag: string | null | undefined): Lang {
  return tag && /^zh\b/i.test(tag) ? 'zh-HK' : 'en';
}

/** True when the text contains CJK ideographs (SMARTCHECK answers in the text's language). */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
