/** The languages every user-facing text exists in. */
export const LANGS = ['en', 'zh-HK'] as const;
export type Lang = (typeof LANGS)[number];

/** A catalog of texts: the same keys in every language (a test checks this for every catalog). */
export type Catalog<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/** `\w` in a pattern: an ASCII letter, digit or underscore. */
const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * Fills `{name}` placeholders (`{` + `\w+` + `}`; an unknown name stays as written). A scan rather than
 * `replace` with a callback: SMARTCHECK fills one text per failing criterion of every row.
 */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (let open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
    let close = open + 1;
    while (close < template.length && isWordChar(template.charCodeAt(close))) close++;
    if (close === open + 1 || template.charCodeAt(close) !== 125 /* } */) {
      from = open + 1;
      continue;
    }
    const key = template.slice(open + 1, close);
    out +=
      template.slice(copied, open) + (key in params ? String(params[key]) : template.slice(open, close + 1));
    copied = from = close + 1;
  }
  return copied === 0 ? template : out + template.slice(copied);
}

/** Maps an Office/BCP-47 language tag to a supported language: any Chinese tag → zh-HK, else English. */
export function toLang(tag: string | null | undefined): Lang {
  return tag && /^zh\b/i.test(tag) ? 'zh-HK' : 'en';
}

/** True when the text contains CJK ideographs (SMARTCHECK answers in the text's language). */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
