/**
 * Chinese text is often typed with full-width digits and punctuation (12%,6 月 30 日). Folding
 * them to ASCII lets one set of patterns read both scripts. The mapping keeps the length of the text,
 * so positions found in the folded text are positions in the original.
 */
const WIDE = /[\u3000\uFE6A\uFF01-\uFF5E]/;
const WIDE_ALL = /[\u3000\uFE6A\uFF01-\uFF5E]/g;

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x3000) return ' ';
  if (code === 0xfe6a) return '%';
  return String.fromCharCode(code - 0xfee0);
}

export function foldWidth(text: string): string {
  return WIDE.test(text) ? text.replace(WIDE_ALL, foldChar) : text;
}

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

/**
 * Reads a small number written in Arabic digits or Chinese numerals (三, 十二, 二十四, 一百八十, 半).
 * Enough for "三個月內" and "第一季"; returns undefined for anything else.
 */
export function readSmallNumber(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  if (word === '半') return 0.5;
  let total = 0;
  let digit = -1;
  for (const char of word) {
    if (char in CN_DIGITS) {
      digit = CN_DIGITS[char];
    } else if (char === '十' || char === '百') {
      const scale = char === '十' ? 10 : 100;
      total += (digit < 0 ? 1 : digit) * scale;
      digit = -1;
    } else {
      return undefined;
    }
  }
  if (digit >= 0) total += digit;
  return word.length ? total : undefined;
}
