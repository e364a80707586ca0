/**
 * Reads numbers written in words: Chinese numerals (六, 十二, 一百八十, 四年半, 七成, 八成半, 百分之二十)
 * and English number words (ten, twelve, twenty-five, a hundred). Pure and small: the SMART reader calls
 * it on short spans only, so nothing here is worse than linear in the span.
 */

const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  兩: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const CN_BIG_UNITS: Readonly<Record<string, number>> = { 萬: 1e4, 万: 1e4, 億: 1e8, 亿: 1e8 };

/** The characters a Chinese numeral is made of (for building patterns). */
export const CN_NUMERAL_CHARS = '零〇一二兩两三四五六七八九十百千萬万億亿';

/**
 * A Chinese numeral (三, 十二, 二十四, 一百八十, 三千五百, 兩萬) or Arabic digits; 半 alone is 0.5.
 * Undefined for anything else.
 */
export function readChineseNumber(word: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(word)) return Number(word);
  if (word === '半') return 0.5;
  if (word === '') return undefined;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const char of word) {
    if (char in CN_DIGITS) {
      digit = CN_DIGITS[char];
    } else if (char in CN_SMALL_UNITS) {
      section += (digit < 0 ? 1 : digit) * CN_SMALL_UNITS[char];
      digit = -1;
    } else if (char in CN_BIG_UNITS) {
      total += (section + (digit < 0 ? 0 : digit) || 1) * CN_BIG_UNITS[char];
      section = 0;
      digit = -1;
    } else {
      return undefined;
    }
  }
  return total + section + (digit < 0 ? 0 : digit);
}

const EN_UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6 };

/** The English number words, longest first, for building patterns ("twenty-five", "a hundred"). */
export const EN_NUMBER_WORD = String.raw`(?:(?:${Object.keys(EN_TENS).join('|')})(?:[- ](?:${Object.keys(
  EN_UNITS,
)
  .slice(1, 10)
  .join('|')}))?|${Object.keys(EN_UNITS).join('|')})(?:\s+(?:hundred|thousand|million))?`;

/** An English number in words ("ten", "twenty-five", "two hundred"); undefined for anything else. */
export function readEnglishNumber(words: string): number | undefined {
  const parts = words
    .toLowerCase()
    .trim()
    .split(/[\s-]+/);
  if (parts.length === 0 || parts[0] === '') return undefined;
  let total = 0;
  let current = 0;
  for (const part of parts) {
    if (part in EN_UNITS) current += EN_UNITS[part];
    else if (part in EN_TENS) current += EN_TENS[part];
    else if (part in EN_SCALES) {
      current = (current || 1) * EN_SCALES[part];
      if (EN_SCALES[part] >= 1e3) {
        total += current;
        current = 0;
      }
    } else if (part === 'and' || part === 'a') continue;
    else return undefined;
  }
  return total + current;
}

/**
 * A share written the Chinese way, as a fraction of 1: 七成 0.7, 八成半 0.85, 百分之二十 0.2, 五成 0.5.
 * Undefined for anything else.
 */
export function readChineseShare(word: string): number | undefined {
  const percent = /^百分之(.+)$/.exec(word);
  if (percent) {
    const n = readChineseNumber(percent[1]);
    return n === undefined ? undefined : Number((n / 100).toPrecision(15));
  }
  const tenths = /^(.+?)成(半)?$/.exec(word);
  if (tenths) {
    const n = readChineseNumber(tenths[1]);
    if (n === undefined || n > 10) return undefined;
    return Number(((n + (tenths[2] ? 0.5 : 0)) / 10).toPrecision(15));
  }
  return undefined;
}
