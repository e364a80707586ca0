/** What a number in a KPI definition measures, judged from the unit written next to it. */
export type QuantityKind =
  | 'percent' // 18%, 百分之 18 (value is a fraction: 0.18)
  | 'points' // 2 pp, 2 個百分點 (a change in percentage points, also as a fraction)
  | 'currency' // HK$1.2M, 200 萬港元
  | 'count' // 120 customers, 80 個, 5 宗
  | 'duration' // 300 s, 3 天, 30 分鐘
  | 'score' // 4.5 分, 4.5/5, 4 stars
  | 'multiple' // 3x ROAS, 2 倍
  | 'plain'; // a bare number

/** How a number is used: the start and end of "from X to Y", a baseline, a target, a relative change, a scale. */
export type QuantityRole = 'value' | 'from' | 'to' | 'baseline' | 'target' | 'change' | 'scale';

export interface Quantity {
  value: number;
  kind: QuantityKind;
  /** The unit or currency as written ('%', 'HK$', '個', 's'), '' for a bare number. */
  unit: string;
  raw: string;
  start: number;
  end: number;
  role: QuantityRole;
}

const CURRENCY_PREFIX = String.raw`hk\$|hkd|us\$|usd|rmb|cny|mop|s\$|nt\$|a\$|£|€|¥|\$`;
// A thousands group must end the digits: in "40,2026 年" the comma separates a number from a year.
// Hong Kong government texts also group thousands with a space (158 000 個單位).
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.,%])|\d+(?:\.\d+)?`;
const MULTIPLIER = String.raw`k|mn|m|bn|million|billion|thousand|千萬|百萬|千|萬|万|億|亿`;
/** Longer spellings first: the first alternative that fits wins. */
const UNIT = [
  String.raw`%|percentage\s+points?|percent|per\s*cent|pct|pp|ppts?|個百分點|百分點`,
  String.raw`hkd|usd|rmb|cny|mop|dollars?|港元|港幣|港币|港紙|美元|人民幣|元|蚊`,
  String.raw`(?:working|business|calendar)\s+days?|工作天|工作日|milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|分鐘|分钟|小時|小时|秒|日|天|星期|週|周|個月|年`,
  String.raw`分(?!鐘|钟|店|行|區|公司|之|部|別|析|配|享|類)|points?|pts|stars?|x|倍|times`,
  String.raw`hectares?|sq\s*ft|square\s+(?:feet|metres?|meters?)|customers?|clients?|users?|members?|subscribers?|visitors?|visits?|sessions?|leads?|orders?|transactions?|tickets?|calls?|cases?|complaints?|defects?|units?|items?|pcs|pieces?|people|persons?|staff|employees?|hires?|stores?|shops?|branches|outlets?|accounts?|deals?|contracts?|downloads?|installs?|sign-?ups?|bookings?|deliveries|shipments?|projects?|reviews?|applications?|candidates?|courses?|incidents?|errors?|returns?|referrals?|kg|kilograms?|tonnes?|tons?|litres?|liters?|kwh|mwh|公斤|千克|噸|公升|公頃|平方米|平方呎|萬平方米`,
  String.raw`人次|個|个|位|宗|件|次|張|張|單|筆|名|人|間|項|份|家|戶|台|部|條|場|套|盒|箱|批|本|篇|堂|s|h|d`,
].join('|');

/**
 * One number with what surrounds it: an optional currency before, a multiplier (k, M, 萬), a unit
 * after, and an optional "/5" scale. Digits inside words (Q1, H2, B2B, CO2) are left out by
 * `insideWord` rather than a look-behind, which older Safari (Excel on Mac) cannot parse.
 */
export const QUANTITY = new RegExp(
  String.raw`(?:(${CURRENCY_PREFIX})\s*|(百分之)\s*)?(${NUMBER})(?:\s*(${MULTIPLIER})(?![a-z]))?(?:\s*(${UNIT})(?![a-z]))?(?:\s*\/\s*(\d+(?:\.\d+)?)(?![\d/]))?`,
  'gi',
);

/** The longest prefix QUANTITY reads before a number and its spaces (HK$, USD, 百分之). */
const LONGEST_PREFIX = 3;
const SPACE = /\s/;

/**
 * The next QUANTITY match from its `lastIndex`. A match holds a number, and before its first digit only
 * a prefix and spaces: the pattern starts there instead of being tried at every position before (same
 * matches, as no match can start earlier), and is not run at all when no digit is left.
 */
export function nextQuantity(text: string): RegExpExecArray | null {
  const from = QUANTITY.lastIndex;
  let digit = from;
  while (digit < text.length && (text.charCodeAt(digit) < 48 || text.charCodeAt(digit) > 57)) digit++;
  if (digit === text.length) {
    QUANTITY.lastIndex = 0;
    return null;
  }
  let start = digit;
  while (start > from && SPACE.test(text[start - 1])) start--;
  QUANTITY.lastIndex = Math.max(from, start - LONGEST_PREFIX);
  return QUANTITY.exec(text);
}

const WORD_CHAR = /[a-z0-9.]/i;

/** True when a QUANTITY match starts inside a word or a number ("Q1", "B2B", "v1.2"). */
export function insideWord(text: string, m: RegExpExecArray): boolean {
  return m.index > 0 && WORD_CHAR.test(text[m.index - 1]);
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  千: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  百萬: 1e6,
  bn: 1e9,
  billion: 1e9,
  萬: 1e4,
  万: 1e4,
  千萬: 1e7,
  億: 1e8,
  亿: 1e8,
};

const PERCENT = /^(?:%|percent|per\s*cent|pct)$/i;
const POINTS = /^(?:percentage\s+points?|pp|ppts?|個百分點|百分點)$/i;
const CURRENCY = /^(?:hkd|usd|rmb|cny|mop|dollars?|港元|港幣|港币|港紙|美元|人民幣|元|蚊)$/i;
const DURATION =
  /^(?:(?:working|business|calendar)\s+days?|工作天|工作日|milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|分鐘|分钟|小時|小时|秒|日|天|星期|週|周|個月|年|s|h|d)$/i;
const SCORE = /^(?:分|points?|pts|stars?)$/i;
const MULTIPLE = /^(?:x|倍|times)$/i;

function kindOf(unit: string, currency: boolean): QuantityKind {
  if (currency) return 'currency';
  if (unit === '') return 'plain';
  if (CURRENCY.test(unit)) return 'currency';
  if (PERCENT.test(unit)) return 'percent';
  if (POINTS.test(unit)) return 'points';
  if (DURATION.test(unit)) return 'duration';
  if (SCORE.test(unit)) return 'score';
  if (MULTIPLE.test(unit)) return 'multiple';
  return 'count';
}

/** Reads the quantity a QUANTITY match describes. */
export function readQuantity(m: RegExpExecArray): Quantity {
  const [raw, prefix, percentPrefix, digits, multiplier, unitWord, scale] = m;
  let value = Number(digits.includes(',') || digits.includes(' ') ? digits.replace(/[, ]/g, '') : digits);
  if (multiplier) value *= MULTIPLIERS[multiplier.toLowerCase()] ?? MULTIPLIERS[multiplier] ?? 1;
  const unit = percentPrefix
    ? '%'
    : unitWord
      ? unitWord.replace(/\s+/g, ' ')
      : prefix
        ? prefix.toUpperCase()
        : '';
  let kind = kindOf(unitWord ?? (percentPrefix ? '%' : ''), prefix !== undefined);
  if (kind === 'plain' && scale) kind = 'score';
  // toPrecision drops the binary noise of the division (1.8 / 100 → 0.018, not 0.018000000000000002).
  if (kind === 'percent' || kind === 'points') value = Number((value / 100).toPrecision(15));
  return {
    value,
    kind,
    unit,
    raw: raw.trim(),
    start: m.index,
    end: m.index + raw.trimEnd().length,
    role: 'value',
  };
}

/** A quantity read from words or a clock ("ten percent", 七成, 1:30), built like one from digits. */
export function makeQuantity(
  value: number,
  unitWord: string,
  raw: string,
  start: number,
  role: QuantityRole = 'value',
): Quantity {
  const kind: QuantityKind = unitWord === ':' ? 'duration' : kindOf(unitWord, false);
  const percent = kind === 'percent' || kind === 'points';
  return {
    value: percent ? Number((value / 100).toPrecision(15)) : value,
    kind,
    unit: unitWord,
    raw,
    start,
    end: start + raw.length,
    role,
  };
}

/** Seconds in one of a duration's units, so that hours and minutes, days and weeks compare. */
export function durationSeconds(unit: string): number | undefined {
  const u = unit.toLowerCase().replace(/^(?:working|business|calendar)\s+/, '');
  if (u === ':') return 1;
  if (/^(?:ms|millisecond)/.test(u)) return 0.001;
  if (/^(?:s|secs?|seconds?|秒)$/.test(u)) return 1;
  if (/^(?:mins?|minutes?|分鐘|分钟)$/.test(u)) return 60;
  if (/^(?:h|hrs?|hours?|小時|小时)$/.test(u)) return 3600;
  if (/^(?:d|days?|日|天|工作天|工作日)$/.test(u)) return 86400;
  if (/^(?:wks?|weeks?|星期|週|周)$/.test(u)) return 604800;
  if (/^(?:months?|個月)$/.test(u)) return 2629800;
  if (/^(?:yrs?|years?|年)$/.test(u)) return 31557600;
  return undefined;
}
