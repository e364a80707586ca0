import { readSmallNumber } from './normalize';
import { EN_NUMBER_WORD, readEnglishNumber } from './numbers';

export type TimeKind =
  'date' | 'month' | 'quarter' | 'half' | 'year' | 'fiscal-year' | 'relative' | 'within' | 'recurring';
export type PeriodUnit =
  'second' | 'minute' | 'hour' | 'day' | 'week' | 'fortnight' | 'month' | 'quarter' | 'half' | 'year';

/** A date, period or cadence found in a KPI definition ("by 30 June 2026", "Q1 2026", "每月"). */
export interface TimeMention {
  kind: TimeKind;
  /** The words as written (after full-width folding). */
  raw: string;
  start: number;
  end: number;
  /** The date itself, or the last day of the period, when the text gives the year. */
  date?: Date;
  /** The period of a cadence ("monthly"), a relative period ("this quarter") or a window ("within 90 days"). */
  unit?: PeriodUnit;
  /** The length of a window ("within 90 days" → 90). */
  count?: number;
  /** A window counted in working days ("within 10 working days", 「十個工作天內」). */
  working?: boolean;
  /**
   * A service standard's window: the time each case may take ("reply within 10 working days of
   * receipt", 「接報後15分鐘內到場」), a response time rather than a deadline for the KPI.
   */
  response?: boolean;
}

type Found = Omit<TimeMention, 'raw' | 'start' | 'end'>;
interface Pattern {
  re: RegExp;
  read: (m: RegExpExecArray) => Found | undefined;
  /** Skips the pattern cheaply when the text cannot match: it needs a digit, or Chinese. */
  digit?: true;
  zh?: true;
  /** It needs a Latin letter (an English word, Q1, H2, FY). */
  latin?: true;
  /** A cheap test for a word the pattern cannot match without (most texts name one period at most). */
  hint?: RegExp;
}

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const MONTH_HINT = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const ZH_MONTH_HINT = /月/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());
const CN_NUM = '[一二兩三四五六七八九十百半]+';

function fullYear(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

/** A real calendar date or undefined (31 June is not a deadline). */
function calendarDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day
    ? date
    : undefined;
}

/** The last calendar day of a month (local midnight, like every date in the core). */
const endOfMonth = (year: number, month: number) => new Date(year, month + 1, 0);

const date = (year: number | undefined, month: number, day: number): Found | undefined => {
  if (month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (year === undefined) return { kind: 'date' };
  const found = calendarDate(year, month, day);
  return found ? { kind: 'date', date: found } : undefined;
};
const month = (year: number | undefined, index: number): Found | undefined =>
  index < 0 || index > 11
    ? undefined
    : { kind: 'month', date: year === undefined ? undefined : endOfMonth(year, index) };
const quarter = (year: number | undefined, q: number): Found => ({
  kind: 'quarter',
  date: year === undefined ? undefined : endOfMonth(year, q * 3 - 1),
});
const half = (year: number | undefined, h: number): Found => ({
  kind: 'half',
  date: year === undefined ? undefined : endOfMonth(year, h === 1 ? 5 : 11),
});
const year = (y: number): Found | undefined =>
  y >= 1900 && y <= 2199 ? { kind: 'year', date: new Date(y, 11, 31) } : undefined;

function unitOf(word: string): PeriodUnit | undefined {
  const w = word.toLowerCase().replace(/^(?:working|business|calendar|clear)\s+|^工作/, '');
  if (/^(?:sec|秒)/.test(w)) return 'second';
  if (/^(?:min|分鐘)/.test(w)) return 'minute';
  if (/^(?:hour|hr|小時|鐘頭)/.test(w)) return 'hour';
  if (/^(?:day|daily|日|天|工作)/.test(w)) return 'day';
  if (/^(?:fortnight|bi-?weekly|兩週|兩周|两周)/.test(w)) return 'fortnight';
  if (/^(?:week|wk|週|周|星期|禮拜)/.test(w)) return 'week';
  if (/^(?:month|mo|mth|月)/.test(w)) return 'month';
  if (/^(?:quarter|qtr|季)/.test(w)) return 'quarter';
  if (/^(?:half|semi|半年)/.test(w)) return 'half';
  if (/^(?:year|yr|annum|annual|財|年|學年|fy|fiscal|financial|academic|school)/.test(w)) return 'year';
  return undefined;
}

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};

/** YTD, QTD, MTD. */
const TO_DATE: Readonly<Record<string, string>> = { y: 'year', q: 'quarter', m: 'month' };

const cnQuarter = (word: string) => readSmallNumber(word) ?? 0;

/**
 * The patterns, English then Chinese. Digits are ASCII here (full-width text is folded first).
 * Where two patterns overlap the longer match wins ("30 June 2026" over "June 2026").
 */
const PATTERNS: readonly Pattern[] = [
  // 2026-06-30, 2026/6/30
  {
    digit: true,
    hint: /\d[-/.]\d/,
    re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g,
    read: (m) => date(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  },
  // 30/6/2026 (day first, as in Hong Kong)
  {
    digit: true,
    hint: /\d[/.]\d/,
    re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g,
    read: (m) => date(fullYear(m[3]), Number(m[2]) - 1, Number(m[1])),
  },
  // 30 June 2026, 30th June, 30 Jun
  {
    latin: true,
    digit: true,
    hint: MONTH_HINT,
    re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}\b\.?(?:,?\s+(\d{4}))?`, 'gi'),
    read: (m) => date(fullYear(m[3]), monthIndex(m[2]), Number(m[1])),
  },
  // June 30, 2026
  {
    latin: true,
    digit: true,
    hint: MONTH_HINT,
    re: new RegExp(
      String.raw`\b${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b(?!\s*(?:%|[a-z]))`,
      'gi',
    ),
    read: (m) => date(fullYear(m[3]), monthIndex(m[1]), Number(m[2])),
  },
  // June 2026
  {
    latin: true,
    digit: true,
    hint: MONTH_HINT,
    re: new RegExp(String.raw`\b${MONTH}\.?,?\s+(\d{4})\b`, 'gi'),
    read: (m) => month(Number(m[2]), monthIndex(m[1])),
  },
  // by June, end of June ("may" alone is too often a verb to count without a marker)
  {
    latin: true,
    hint: MONTH_HINT,
    re: new RegExp(
      String.raw`\b(?:by|before|until|till|end\s+of|in|during)\s+(?:the\s+end\s+of\s+)?${MONTH}\b`,
      'gi',
    ),
    read: (m) => month(undefined, monthIndex(m[1])),
  },
  // Q1 2026, Q1 FY26, 2026 Q1, 2026-Q1
  {
    latin: true,
    digit: true,
    hint: /q\s*[1-4]/i,
    re: /\b(?:q([1-4])(?:\s*(?:of\s+)?(?:fy\s*)?'?(\d{4}|\d{2}(?!\d)))?|(\d{4})\s*[-/]?\s*q([1-4]))\b/gi,
    read: (m) => (m[1] ? quarter(fullYear(m[2]), Number(m[1])) : quarter(Number(m[3]), Number(m[4]))),
  },
  // first quarter of 2026
  {
    latin: true,
    hint: /quarter/i,
    re: /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(\d{4}))?\b/gi,
    read: (m) => quarter(fullYear(m[2]), ORDINALS[m[1].toLowerCase()]),
  },
  // H1 2026, 2026 H2
  {
    latin: true,
    digit: true,
    hint: /h[12]/i,
    re: /\b(?:h([12])(?:\s*(?:fy\s*)?'?(\d{4}|\d{2}(?!\d)))?|(\d{4})\s*[-/]?\s*h([12]))\b/gi,
    read: (m) => (m[1] ? half(fullYear(m[2]), Number(m[1])) : half(Number(m[3]), Number(m[4]))),
  },
  // first half of 2026
  {
    latin: true,
    hint: /half/i,
    re: /\b(first|second)\s+half(?:\s+of\s+(?:the\s+year\s+)?(\d{4}))?\b/gi,
    read: (m) => half(fullYear(m[2]), m[1].toLowerCase() === 'first' ? 1 : 2),
  },
  // FY2026, FY26, fiscal year 2026/27 (fiscal years end on different dates, so no date is implied)
  {
    latin: true,
    digit: true,
    hint: /fy|fiscal|financial/i,
    re: /\b(?:fy|fiscal\s+year|financial\s+year)\s*'?(\d{4}|\d{2})(?:\s*[/-]\s*\d{2,4})?\b/gi,
    read: () => ({ kind: 'fiscal-year', unit: 'year' }),
  },
  // 2019-20, 2024-25 至 2029-30 年度, 2026/27, 2026-2027: a fiscal year or a range of them (a year is
  // never a target). The second year must follow the first, so 2026-06 (a month) is not read as one.
  {
    digit: true,
    hint: /\d\s*[-/–]\s*\d/,
    re: /\b((?:19|20|21)\d{2})\s*[-/–]\s*(\d{4}|\d{2})(?![\d/.-])(?:\s*(?:至|to|until|-|–)\s*((?:19|20|21)\d{2})\s*[-/–]\s*(\d{4}|\d{2})(?![\d/.-]))?(?:\s*(?:財政年度|年度|財年|年))?/gi,
    read: (m) => {
      const follows = (first: string, second: string) =>
        (second.length === 2 ? Number(second) : Number(second) % 100) === (Number(first) + 1) % 100;
      if (!follows(m[1], m[2]) || (m[3] && !follows(m[3], m[4]))) return undefined;
      return { kind: 'fiscal-year', unit: 'year' };
    },
  },
  // by 2026, in 2026, end of 2026, year-end 2026
  {
    latin: true,
    digit: true,
    hint: /(?:19|20|21)\d\d/,
    re: /\b(?:(?:by|in|for|during|before|until|till|through|throughout|within|end\s+of|end-|year[- ]end)\s+(?:the\s+)?(?:end\s+of\s+)?(?:year\s+)?(?:(?:mid|early|late)[- ]?)?|(?:mid|early|late)[- ]?)((?:19|20|21)\d{2})\b(?![-/.,]\d|\s*%)/gi,
    read: (m) => year(Number(m[1])),
  },
  // "2026 revenue target": a year leading the text
  {
    latin: true,
    digit: true,
    re: /^\s*((?:19|20|21)\d{2})\b(?=\s+(?!(?:units?|customers?|clients?|orders?|new|items?|people|staff|users?|leads?|calls?|tickets?|visits?|visitors?)\b)[a-z])/gi,
    read: (m) => year(Number(m[1])),
  },
  // this quarter, next month, the current financial year, year-end, end of the quarter, YTD
  {
    latin: true,
    hint: /this|next|coming|current|following|end|mid|[yqm]td|to[- ]date/i,
    re: /\b(?:(?:this|next|the\s+coming|coming|current|the\s+current|the\s+next|the\s+following|following)\s+(week|month|quarter|half|year|financial\s+year|fiscal\s+year|academic\s+year|school\s+year|fy)|(?:by\s+|before\s+|at\s+)?(?:the\s+)?(year|quarter|month|half)[- ]end|mid[- ](year)|end\s+of\s+(?:the\s+)?(week|month|quarter|half|year)|(ytd|qtd|mtd|year[- ]to[- ]date))\b/gi,
    read: (m) => ({
      kind: 'relative',
      unit: unitOf(m[1] ?? m[2] ?? m[3] ?? m[4] ?? TO_DATE[m[5][0].toLowerCase()]),
    }),
  },
  // within 90 days, in the next 6 months, over the next two quarters
  {
    latin: true,
    hint: /day|week|month|quarter|year|\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b/i,
    re: new RegExp(
      String.raw`\b(?:(?:within|in|over|inside|for|during)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?|(?:the\s+)?next\s+)(\d+(?:\.\d+)?|a|an|${EN_NUMBER_WORD})\s+((?:working\s+|business\s+|calendar\s+|clear\s+)?(?:days?|weeks?|months?|quarters?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?))\b`,
      'gi',
    ),
    read: (m) => ({
      kind: 'within',
      unit: unitOf(m[2]),
      // 'a'/'an' is one (the number reader skips articles, as in 'a hundred').
      count: /^an?$/i.test(m[1]) ? 1 : (readEnglishNumber(m[1]) ?? Number(m[1])),
      working: /working|business/i.test(m[2]),
    }),
  },
  // monthly, per month, every week, /month
  {
    latin: true,
    hint: /ly\b|annual|day|week|month|quarter|year|annum|\/\s*(?:mo|mth|qtr|yr|wk)/i,
    re: /\b(daily|weekly|fortnightly|bi-?weekly|monthly|quarterly|half-yearly|semi-?annual(?:ly)?|annual(?:ly)?|yearly)\b|\b(?:per|each|every)\s+(day|week|fortnight|month|quarter|year|annum)\b|\ban?\s+(day|week|month|year)\b|\/\s*(day|wk|week|mo|mth|month|qtr|quarter|yr|year)\b/gi,
    read: (m) => ({ kind: 'recurring', unit: unitOf(m[1] ?? m[2] ?? m[3] ?? m[4]) }),
  },
  // 2026年6月30日, 6月30號
  {
    digit: true,
    zh: true,
    hint: ZH_MONTH_HINT,
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]/g,
    read: (m) => date(m[1] ? Number(m[1]) : undefined, Number(m[2]) - 1, Number(m[3])),
  },
  // 2026年6月, 6月底, 十二月前
  {
    zh: true,
    hint: ZH_MONTH_HINT,
    re: new RegExp(
      String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月份?|(\d{1,2}|${CN_NUM})\s*月份?\s*(?:底|尾|末|中|前|內)`,
      'g',
    ),
    read: (m) =>
      m[1] ? month(Number(m[1]), Number(m[2]) - 1) : month(undefined, (readSmallNumber(m[3]) ?? 0) - 1),
  },
  // 2026 年第一季, 2026年Q1, 首季, 第3季度
  {
    zh: true,
    hint: /季|q/i,
    re: /(?:(\d{4})\s*(?:年度|財政年度|財年|年)?\s*)?(?:第\s*([一二三四1-4])\s*(?:個\s*)?季度?|q\s*([1-4])\b|首季)/gi,
    read: (m) => quarter(m[1] ? Number(m[1]) : undefined, m[2] ? cnQuarter(m[2]) : m[3] ? Number(m[3]) : 1),
  },
  // 2026 年上半年, 下半年
  {
    zh: true,
    hint: /半年/,
    re: /(?:(\d{4})\s*(?:年度|財年|年)?\s*)?([上下])半年度?/g,
    read: (m) => half(m[1] ? Number(m[1]) : undefined, m[2] === '上' ? 1 : 2),
  },
  // 2026 年, 2026/27 年度, 2026 財年
  {
    digit: true,
    zh: true,
    hint: /年/,
    re: /(\d{4})\s*(?:[/至]\s*\d{2,4}\s*)?(?:財政年度|財年|年度|年)/g,
    read: (m) => year(Number(m[1])),
  },
  // 本季度, 今年, 下個月, 明年, 年底, 月尾, 年結
  {
    zh: true,
    hint: /[年季月週周星]/,
    re: /(?:今|本|明|下|來|翌|當)\s*(?:個\s*)?(財政年度|財年|學年|年度|年|季度|季|月|週|周|星期|半年)|(年|季|月)(?:底|終|尾|末|結)|年中/g,
    read: (m) => ({ kind: 'relative', unit: unitOf(m[1] ?? m[2] ?? '年') }),
  },
  // 90 日內, 三個月內, 半年之內
  {
    zh: true,
    hint: /內/,
    re: new RegExp(
      String.raw`(\b\d{1,3}(?:\.\d+)?|${CN_NUM})\s*(?:個\s*)?(工作天|工作日|日|天|星期|週|周|禮拜|月|季度|季|年|小時|鐘頭|分鐘|秒)\s*(?:之)?內`,
      'g',
    ),
    read: (m) => ({
      kind: 'within',
      unit: unitOf(m[2]),
      count: readSmallNumber(m[1]),
      working: m[2].startsWith('工作'),
    }),
  },
  // 三個月提升 7 分, 一個月內達到: a window right before the change it bounds
  {
    zh: true,
    hint: /[月年週周期]\s*(?:提升|提高|增加|增長|減少|降低|下降|達到|達成|完成|縮短)/,
    re: new RegExp(
      String.raw`(\b\d{1,3}|${CN_NUM})\s*(?:個\s*)?(星期|週|周|月|年)(?=\s*(?:提升|提高|增加|增長|減少|降低|下降|達到|達成|完成|縮短))`,
      'g',
    ),
    read: (m) => ({ kind: 'within', unit: unitOf(m[2]), count: readSmallNumber(m[1]) }),
  },
  // 每月, 每季, 每週, 按月, 月度, 全年, 日均
  {
    zh: true,
    hint: /[每按度全均]/,
    re: /(?:每|按)\s*(?:一\s*)?(?:個\s*)?(兩週|兩周|两周|日|天|週|周|星期|禮拜|月|季度|季|半年|年)(?!數)|(月|季|年)度|全(年|季|月)|(日|月|年)均/g,
    read: (m) => ({ kind: 'recurring', unit: unitOf(m[1] ?? m[2] ?? m[3] ?? m[4]) }),
  },
];

/**
 * The patterns with every field present, in one order: objects of one shape keep the loop below
 * monomorphic (the literals above, each with its own fields, made every property read a slow lookup).
 */
const UNIFORM_PATTERNS: readonly Pattern[] = PATTERNS.map(({ re, read, digit, zh, latin, hint }) => ({
  re,
  read,
  digit,
  zh,
  latin,
  hint,
}));

const ANY_DIGIT = /\d/;
/** Only ASCII letters: without the `u` flag, `i` never folds a non-ASCII character to one. */
const ANY_LETTER = /[a-z]/i;

/**
 * Finds the dates, periods and cadences in a (width-folded) text, in order, without overlaps.
 * Returned spans let the number reader skip "2026" in "Q1 2026" and "90" in "within 90 days".
 */
export function findTimes(text: string, chinese: boolean): TimeMention[] {
  const found: TimeMention[] = [];
  const digits = ANY_DIGIT.test(text);
  const letters = ANY_LETTER.test(text);
  // Neighbouring patterns share a hint (the month names): test it once.
  let lastHint: RegExp | undefined;
  let hinted = false;
  for (const { re, read, digit, zh, latin, hint } of UNIFORM_PATTERNS) {
    if ((digit && !digits) || (zh && !chinese) || (latin && !letters)) continue;
    if (hint && hint !== lastHint) {
      lastHint = hint;
      hinted = hint.test(text);
    }
    if (hint && !hinted) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const what = read(m);
      if (what) {
        // Leading spaces matched by optional groups are not part of the mention.
        const lead = m[0].length - m[0].trimStart().length;
        const raw = m[0].trim();
        // `read` returns a fresh object: completing it in place gives the same keys in the same order
        // as a spread, without the object-clone path that many shapes of `what` make slow.
        const mention = what as TimeMention;
        mention.raw = raw;
        mention.start = m.index + lead;
        mention.end = m.index + lead + raw.length;
        found.push(mention);
      }
    }
  }
  if (found.length < 2) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TimeMention[] = [];
  let reach = -1;
  for (const mention of found) {
    if (mention.start >= reach) {
      kept.push(mention);
      reach = mention.end;
    } else if (mention.end > reach) {
      // An overlapping longer mention replaces the shorter one it extends.
      const last = kept[kept.length - 1];
      if (mention.end - mention.start > last.end - last.start) {
        kept[kept.length - 1] = mention;
        reach = mention.end;
      }
    }
  }
  return kept;
}
