import { readChineseNumber } from './numbers';

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

/**
 * Reads a small number written in Arabic digits or Chinese numerals (三, 十二, 二十四, 一百八十, 半).
 * Enough for "三個月內" and "第一季"; returns undefined for anything else.
 */
export function readSmallNumber(word: string): number | undefined {
  return readChineseNumber(word);
}

/**
 * Simplified characters that the SMART patterns look for, each with its Traditional form. Templates
 * found online are often in Simplified Chinese; folding them one character for one keeps every position
 * in the text, and the answer is given in Traditional Chinese (zh-HK) either way. Characters that are
 * also Traditional in their own right (准 as in 批准) are left as they are.
 */
const SIMPLIFIED =
  '个内时间钟后处单额万亿项门网线场务员户质满评数计营销达减缩从为报应请询诉业发区东电话邮产经购订会费资预约转换长两标确认证' +
  '签办检验维复执调职谘残导园设专责协筑顾体这来当对于与将让较库实现开义节么书图纸结终闭关题问状态况优势级层组织团队领师学习' +
  '训练观众热';
const TRADITIONAL =
  '個內時間鐘後處單額萬億項門網線場務員戶質滿評數計營銷達減縮從為報應請詢訴業發區東電話郵產經購訂會費資預約轉換長兩標確認證' +
  '簽辦檢驗維復執調職諮殘導園設專責協築顧體這來當對於與將讓較庫實現開義節麼書圖紙結終閉關題問狀態況優勢級層組織團隊領師學習' +
  '訓練觀眾熱';
const TO_TRADITIONAL: ReadonlyMap<string, string> = new Map(
  Array.from(SIMPLIFIED).map((char, i) => [char, Array.from(TRADITIONAL)[i]]),
);
const SIMPLIFIED_ANY = new RegExp(`[${SIMPLIFIED}]`);
const SIMPLIFIED_ALL = new RegExp(`[${SIMPLIFIED}]`, 'g');

/** Folds the Simplified characters the patterns need to their Traditional forms (same length). */
export function foldSimplified(text: string): string {
  return SIMPLIFIED_ANY.test(text) ? text.replace(SIMPLIFIED_ALL, (c) => TO_TRADITIONAL.get(c) ?? c) : text;
}
