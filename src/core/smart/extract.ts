import { hasChinese } from '../i18n';
import type { Polarity } from '../words';
import { foldSimplified, foldWidth } from './normalize';
import {
  CN_NUMERAL_CHARS,
  EN_NUMBER_WORD,
  readChineseNumber,
  readChineseShare,
  readEnglishNumber,
} from './numbers';
import { allMatches } from './matches';
import { QUANTITY, insideWord, makeQuantity, nextQuantity, readQuantity, type Quantity } from './quantity';
import { readSpecificity, type MetricTier } from './specific';
import { findTimes, type TimeMention } from './time';

export type Direction = 'up' | 'down';

/** A relative change such as "by 20%" or "增長 30%": the uplift is known even without the level. */
export interface RelativeChange {
  quantity: Quantity;
  direction: Direction;
}

/** Everything the SMART check reads from a definition; the task pane shows it as live feedback. */
export interface Extraction {
  /** The text after full-width folding; every position below refers to it (and to the original). */
  text: string;
  chinese: boolean;
  quantities: Quantity[];
  times: TimeMention[];
  from?: Quantity;
  to?: Quantity;
  baseline?: Quantity;
  /** The absolute target: the end of "from X to Y", a number after "to" / "達", or the first plain number. */
  target?: Quantity;
  change?: RelativeChange;
  /** The direction the words or numbers point to: `closer` for "maintain" / "維持". */
  polarity?: Polarity;
  metric?: string;
  metricTier?: MetricTier;
  scope?: string;
}

/** The words just before a number that make it the start of "from X to Y". */
const FROM_BEFORE =
  /(?:\bfrom|從|由|自)\s*(?:the\s+|a\s+|an\s+)?(?:current\s+|baseline\s+(?:of\s+)?|level\s+of\s+)?(?:目前的?|現時的?|現在的?|原本的?)?\s*$/i;
/** Between the two numbers of "from X to Y" ("to", "提升至", "down to", an arrow). */
const TO_BETWEEN = /^[^\d]{0,30}?(?:\bto|->|→|=>|⇒|~|至|到)\s*(?:約|大約|about|around)?\s*$/i;
/** "80 個提升至 500 個": in Chinese the verb alone makes a pair, even without 從 or 由. */
const ZH_VERB_TO_BETWEEN =
  /^\s*(?:要|將|再)?(?:提升|提高|增加|增長|增至|上升|減少|降低|下降|縮短|減|降|升)(?:至|到)\s*$/;
const ARROW_BETWEEN = /^\s*(?:->|→|=>|⇒|-->)\s*$/;
/** "18% (from 12%)", "to 120, up from 80". */
const REVERSE_BETWEEN =
  /^[^\d]{0,25}?(?:^|[\s,(])(?:up\s+|down\s+|increased\s+|reduced\s+|improved\s+)?(?:from|vs\.?|versus|compared\s+(?:with|to))\s*(?:a\s+|the\s+)?(?:baseline\s+(?:of\s+)?|current\s+|current\s+level\s+of\s+)?$/i;
const BASELINE_BEFORE =
  /(?:(?:\bbaseline|\bbase\s+level|\bcurrently|\bcurrent(?:\s+level|\s+rate|\s+value|\s+average)?|\btoday|\bat\s+present|\blast\s+year(?:'s)?|\bprevious(?:ly)?|\bwas|\bnow)\s*(?:is|of|at|was|:|=|averag(?:es|ing)|around|about|approx\.?|approximately|an?\s+average\s+of)?\s*(?:about|around|approx\.?|approximately)?\s*|(?:基線|基準|目前|現時|現在|現況|原本|原來|去年|上年|過去|過往|以往)[^\d,,。;;!?至到]{0,12}|(?:比|較|相比)[^\d,,。;;!?至到]{0,40}|\bcompared\s+(?:with|to)\s+[^\d,;.]{0,30}|\bup\s+from\s*)$/i;
const TARGET_BEFORE =
  /(?:\bto|\breach(?:ing)?|\bhit|\bachieve|\bat\s+least|\bat\s+most|\bno\s+more\s+than|\bno\s+less\s+than|\bbelow|\bunder|\babove|\bover|\bexceed|\btarget(?:\s+of|:)?|\bgoal(?:\s+of|:)?|\bof|達到?|至|到|目標(?:為|是)?|不少於|不低於|不多於|不高於|不超過|低於|高於|少於|多於|維持在?|保持在?)\s*(?:約|about|around)?\s*$/i;
/** A number that bounds a segment ("accounts over $1m", 「金額超過 5 萬的訂單」 reads the other way): not a target. */
const SEGMENT_BOUND_BEFORE =
  /\b(?:accounts?|customers?|clients?|orders?|deals?|companies|firms|contracts?|households?)\s+(?:over|above|under|below|worth|of\s+more\s+than|with\s+more\s+than)\s*$/i;
const SCALE_BEFORE = /(?:滿分|out\s+of|of\s+a\s+possible|max(?:imum)?\s+of|on\s+a\s+scale\s+of)\s*$/i;
/** "by 20%", zh verbs right before the number ("增長 30%"), "up 10%". */
const CHANGE_BEFORE_EN = /\b(?:by|up|down)\s*$/i;
const CHANGE_BEFORE_ZH =
  /(增加|增長|增长|提升|提高|上升|成長|減少|減低|降低|下降|縮短|削減|縮減|節省|減)\s*了?\s*(?:約|大約|超過|至少)?\s*$/;
const CHANGE_AFTER =
  /^\s*(?:(?:time|cost|revenue|sales|price|spend)\s+)?(?:(?:increase|growth|rise|uplift|improvement|higher|more|reduction|decrease|drop|cut|lower|less|fewer|saving|yoy|year[- ]on[- ]year|mom|month[- ]on[- ]month|qoq)\b|按年|按月|同比|環比)/i;
/** Words before a number that make it a label, not a quantity: "line 3", "Store 12", "Phase 2". */
const LABEL_BEFORE =
  /(?:\b(?:line|store|shop|branch|phase|level|tier|zone|gate|terminal|building|block|route|lane|no\.?|number|version|wave|grade|class|room|floor|site|unit|plant|team|hall|warehouse)\s*#?|#|第)\s*$/i;
/** A growth verb and 達 before a percentage: 「提升產品A的銷售額達30%」. */
const GROWTH_REACH_BEFORE = /(?:提升|提高|增加|增長|上升)[^\d,,。;;]{0,15}達到?\s*$/;
/**
 * A number that begins a metric's name: "30-day repeat rate", 「90 日回購率」, 「30天的多次有效旅遊許可證」
 * (a name, not a quantity).
 */
const METRIC_NAME_AFTER =
  /^\d+-(?:day|week|month|year|hour|minute)\b|^\d+\s*(?:日|天)(?:的)?[\u4e00-\u9fff]{0,6}(?:率|許可證|簽證)/i;
/** A percentage after a growth verb is a change ("grow revenue 10%"), unless the metric is itself a rate. */
const RATE_METRIC = /rate|ratio|share|margin|percentage|率|比例|比率|佔有|市佔/i;

const UP =
  /\b(?:increase|increasing|raise|grow|boost|lift|expand|double|triple|maximi[sz]e|accelerate|up|higher|more|rise|growth)\b|提升|提高|增加|增長|增长|上升|擴大|成長|推高|拉高|倍增/gi;
const DOWN =
  /\b(?:reduce|reducing|reduction|decrease|cut|lower|shorten|minimi[sz]e|decline|drop|trim|slash|down|save|fewer|less)\b|減|降低|下降|縮短|縮減|削減|節省|壓低/gi;
const ZH_DOWN = /^[減降下縮削節]/;
const HOLD = /\b(?:maintain|keep|sustain|hold|stay|remain)\b|維持|保持|穩定在/i;

const tail = (text: string, end: number, length = 40) => text.slice(Math.max(0, end - length), end);

/**
 * The last direction word in the `window` characters before `end`: the verb of a change stands close to
 * its number, and a bounded look-back keeps long texts linear.
 */
function directionBefore(text: string, end: number, window = 80): Direction | undefined {
  const before = text.slice(Math.max(0, end - window), end);
  const up = lastIndexOf(UP, before);
  const down = lastIndexOf(DOWN, before);
  if (up < 0 && down < 0) return undefined;
  return up > down ? 'up' : 'down';
}

function lastIndexOf(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) last = m.index;
  return last;
}

/** "current average handling time of 6 minutes to 5", 「現時 … 為 80 個提升至 120 個」. */
const CURRENT_OF_BEFORE = /(?:\bcurrent\b[^\d]{0,40}\b(?:of|at|is)|(?:目前|現時|現在)[^\d,,。;;]{0,20})\s*$/i;

/** Two numbers that can be the ends of one change: the same kind, or one of them bare. */
function sameScale(a: Quantity, b: Quantity): boolean {
  return a.kind === b.kind || a.kind === 'plain' || b.kind === 'plain';
}

/** A bare number on one side of "from 12 to 18%" takes the unit of the other side. */
function shareUnit(bare: Quantity, other: Quantity): void {
  if (bare.kind !== 'plain' || other.kind === 'plain') return;
  bare.kind = other.kind;
  bare.unit = other.unit;
  if (other.kind === 'percent' || other.kind === 'points')
    bare.value = Number((bare.value / 100).toPrecision(15));
}

const CN = `[${CN_NUMERAL_CHARS}]`;
/** Chinese numbers in words with what they count: 百分之二十, 七成, 八成半, 六次, 四年半, 一倍. */
const ZH_WORD_QUANTITY = new RegExp(
  String.raw`百分之${CN}+|${CN}+成半?(?![功為就立本果績員])|${CN}+\s*(個百分點|倍|個月|個|名|宗|次|件|位|項|間|張|份|人次|人|戶|天|日|星期|週|年|小時|分鐘|秒|萬)(半)?`,
  'g',
);
/** English numbers in words with a unit: "ten percent", "twelve minutes", "five new stores". */
const EN_WORD_QUANTITY = new RegExp(
  String.raw`\b(${EN_NUMBER_WORD})\s+(percent|per\s*cent|percentage\s+points?|(?:working\s+|business\s+)?days?|weeks?|months?|years?|hours?|minutes?|seconds?|times|(?:new\s+)?(?:customers?|clients?|stores?|shops?|branches|orders?|calls?|hires?|employees?|people|staff|projects?|courses?|accounts?|deals?|leads?|members?|visits?))\b`,
  'gi',
);
/** Clock durations: 1:30, 4:45 min, 1:02:30 (not times of day such as 9:30 am). */
const CLOCK = /\b(\d{1,2}):([0-5]\d)(?::([0-5]\d))?\b(?!\s*(?:a\.?m|p\.?m|hrs?\b|noon))/gi;
/** Changes said in words: 減半, halve, "by half", double, 倍增. */
const HALVE = /減半|\bhalve[ds]?\b|\bby\s+(?:a\s+)?half\b|\bcut\s+in\s+half\b/gi;
const DOUBLE = /倍增|翻倍|翻一番|\bdoubl(?:e|es|ed|ing)\b|\btripl(?:e|es|ed|ing)\b/gi;
const ZH_WORD_UNIT = '個百分點';
const ZH_GROWTH_BEFORE = /(?:增加|增長|提高|提升|上升|成長|擴大)\s*了?\s*(?:約|大約)?\s*$/;

/** Cheap tests that skip the number reader's patterns for the many texts that cannot match them. */
const ZH_NUMERAL_HINT = new RegExp(`[${CN_NUMERAL_CHARS}]`);
const EN_WORD_HINT = /(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty)\s/i;
const WORD_CHANGE_HINT = /半|倍|翻|half|halv|doubl|tripl/i;

function wordQuantities(text: string, chinese: boolean): Quantity[] {
  const found: Quantity[] = [];
  if (chinese && ZH_NUMERAL_HINT.test(text)) {
    for (const m of allMatches(ZH_WORD_QUANTITY, text)) {
      const raw = m[0];
      const start = m.index ?? 0;
      if (/^[一]$/.test(raw[0]) && /^一(個|名|位|項|間|張|份|件|次|宗)$/.test(raw.trim())) continue; // 一個 = "a"
      // 第一, 每週, 未來十年, 過去五年: an ordinal or the length of a period, not a quantity.
      if (start > 0 && /[第每週周這那]/.test(text[start - 1])) continue;
      if (/(?:未來|過去|近|首|頭|上一?個?)\s*$/.test(tail(text, start, 4))) continue;
      const share = readChineseShare(raw);
      if (share !== undefined) {
        found.push(makeQuantity(share * 100, '%', raw, start));
        continue;
      }
      const unit = m[1] ?? '';
      const digits = raw.slice(0, raw.length - unit.length - (m[2] ? 1 : 0)).trim();
      const n = readChineseNumber(digits);
      if (n === undefined || (m[1] === undefined && !raw.startsWith('百分之'))) continue;
      const value = n + (m[2] ? 0.5 : 0);
      if (unit === '倍' && ZH_GROWTH_BEFORE.test(tail(text, start, 8))) {
        // 增加一倍 is a rise of 100%, 增加1.5倍 of 150%.
        found.push(makeQuantity(value * 100, '%', raw, start, 'change'));
      } else if (unit === '萬') {
        found.push(makeQuantity(value * 1e4, '', raw, start));
      } else {
        found.push(makeQuantity(value, unit === ZH_WORD_UNIT ? 'pp' : unit, raw, start));
      }
    }
  }
  if (EN_WORD_HINT.test(text))
    for (const m of allMatches(EN_WORD_QUANTITY, text)) {
      const n = readEnglishNumber(m[1]);
      if (n === undefined) continue;
      const unit = /^per/i.test(m[2]) ? '%' : m[2].replace(/^new\s+/i, '');
      found.push(makeQuantity(n, unit, m[0], m.index ?? 0));
    }
  if (text.includes(':'))
    for (const m of allMatches(CLOCK, text)) {
      const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
      const seconds = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
      found.push(makeQuantity(seconds, ':', m[0], m.index ?? 0));
    }
  if (WORD_CHANGE_HINT.test(text)) {
    for (const m of allMatches(HALVE, text)) found.push(makeQuantity(50, '%', m[0], m.index ?? 0, 'change'));
    for (const m of allMatches(DOUBLE, text)) {
      const triple = /tripl/i.test(m[0]);
      found.push(makeQuantity(triple ? 200 : 100, '%', m[0], m.index ?? 0, 'change'));
    }
  }
  return found;
}

/** The number reader's finds, and the digit quantities that do not overlap them or a time. */
function findQuantities(text: string, times: readonly TimeMention[], chinese: boolean): Quantity[] {
  const words = wordQuantities(text, chinese).filter(
    (w) => !times.some((t) => t.start < w.end && w.start < t.end),
  );
  const digits = findDigitQuantities(text, times).filter(
    (q) => !words.some((w) => w.start < q.end && q.start < w.end),
  );
  // The digits come in text order already: sorting is needed only to merge the words in.
  return words.length === 0 ? digits : digits.concat(words).sort((a, b) => a.start - b.start);
}

function findDigitQuantities(text: string, times: readonly TimeMention[]): Quantity[] {
  const found: Quantity[] = [];
  QUANTITY.lastIndex = 0;
  // Both lists run left to right, so one pointer into the times finds any overlap in linear time.
  let next = 0;
  let m: RegExpExecArray | null;
  while ((m = nextQuantity(text)) !== null) {
    if (m[0].length === 0) {
      QUANTITY.lastIndex++;
      continue;
    }
    if (insideWord(text, m)) continue;
    const quantity = readQuantity(m);
    while (next < times.length && times[next].end <= quantity.start) next++;
    if (next < times.length && times[next].start < quantity.end) continue;
    if (quantity.kind === 'plain' && LABEL_BEFORE.test(tail(text, quantity.start, 16))) continue;
    if (METRIC_NAME_AFTER.test(text.slice(quantity.start, quantity.end + 12))) continue;
    found.push(quantity);
  }
  return found;
}

/** Marks from/to pairs, baselines, targets, scales and relative changes among the numbers. */
function assignRoles(text: string, quantities: Quantity[], result: Extraction): void {
  for (let i = 0; i + 1 < quantities.length; i++) {
    const first = quantities[i];
    const second = quantities[i + 1];
    if (first.role !== 'value') continue;
    const between = text.slice(first.end, second.start);
    if (
      ((FROM_BEFORE.test(tail(text, first.start, 30)) ||
        CURRENT_OF_BEFORE.test(tail(text, first.start, 50))) &&
        TO_BETWEEN.test(between) &&
        sameScale(first, second)) ||
      ARROW_BETWEEN.test(between) ||
      ZH_VERB_TO_BETWEEN.test(between)
    ) {
      [first.role, second.role] = ['from', 'to'];
    } else if (
      REVERSE_BETWEEN.test(between) &&
      sameScale(first, second) &&
      !CHANGE_BEFORE_EN.test(tail(text, first.start, 8)) &&
      (first.kind !== 'plain' || TARGET_BEFORE.test(tail(text, first.start, 30)))
    ) {
      [first.role, second.role] = ['to', 'from'];
    } else {
      continue;
    }
    const from = first.role === 'from' ? first : second;
    const to = first.role === 'to' ? first : second;
    shareUnit(from, to);
    shareUnit(to, from);
    result.from = from;
    result.to = to;
    break;
  }
  for (const q of quantities) {
    if (q.role !== 'value') continue;
    const before = tail(text, q.start, 30);
    if (SCALE_BEFORE.test(before) || SEGMENT_BOUND_BEFORE.test(before)) q.role = 'scale';
    else if (BASELINE_BEFORE.test(before)) q.role = 'baseline';
    else if ((q.kind === 'percent' || q.kind === 'points') && isChange(text, q, before)) q.role = 'change';
    else if (
      q.kind === 'percent' &&
      !result.from &&
      GROWTH_REACH_BEFORE.test(before) &&
      !RATE_METRIC.test(result.metric ?? '')
    )
      // 「銷售額提升 … 達 30%」: a percentage reached by an amount that is not itself a rate is its change.
      q.role = 'change';
    else if (TARGET_BEFORE.test(before)) q.role = 'target';
    else if (
      q.kind === 'percent' &&
      !result.from &&
      !RATE_METRIC.test(result.metric ?? '') &&
      directionBefore(text, q.start) !== undefined
    ) {
      q.role = 'change';
    }
  }
  result.baseline = result.from ?? quantities.find((q) => q.role === 'baseline');
  result.target =
    result.to ?? quantities.find((q) => q.role === 'target') ?? quantities.find((q) => q.role === 'value');
  const change = quantities.find((q) => q.role === 'change');
  if (change && !result.from) {
    const zh = CHANGE_BEFORE_ZH.exec(tail(text, change.start, 8));
    const direction = /減半|halv|half/i.test(change.raw)
      ? 'down'
      : /倍|doubl|tripl|翻/i.test(change.raw)
        ? 'up'
        : zh
          ? ZH_DOWN.test(zh[1])
            ? 'down'
            : 'up'
          : (directionAfter(text, change.end) ?? directionBefore(text, change.start) ?? 'up');
    result.change = { quantity: change, direction };
  }
}

function isChange(text: string, q: Quantity, before: string): boolean {
  return (
    CHANGE_BEFORE_EN.test(before) ||
    CHANGE_BEFORE_ZH.test(before) ||
    CHANGE_AFTER.test(text.slice(q.end, q.end + 16))
  );
}

function directionAfter(text: string, end: number): Direction | undefined {
  const m = CHANGE_AFTER.exec(text.slice(end, end + 16));
  if (!m) return undefined;
  return /reduction|decrease|drop|cut|lower|less|fewer|saving/i.test(m[0]) ? 'down' : 'up';
}

function polarityOf(result: Extraction, text: string): Polarity | undefined {
  const { from, to, change } = result;
  if (from && to) return to.value < from.value ? 'lower' : to.value > from.value ? 'higher' : 'closer';
  if (change) return change.direction === 'down' ? 'lower' : 'higher';
  if (HOLD.test(text)) return 'closer';
  const direction = directionBefore(text, text.length, text.length);
  return direction === 'down' ? 'lower' : direction === 'up' ? 'higher' : undefined;
}

/** The text with its dates and periods blanked out, so that "比過去五年(2017-18 至 2021-22年度)的 120" reads 120 as the baseline. */
function maskTimes(text: string, times: readonly TimeMention[]): string {
  if (times.length === 0) return text;
  let masked = '';
  let at = 0;
  for (const t of times) {
    masked += text.slice(at, t.start) + ' '.repeat(t.end - t.start);
    at = t.end;
  }
  return masked + text.slice(at);
}

/** The event a service standard's window counts from: "of receipt", 「接獲…後」. */
const EVENT_AFTER =
  /^\s*(?:of|from|after|upon|on|following)\s+(?:the\s+|their\s+)?(?:confirmed\s+|full\s+|written\s+)?(?:receipt|receiving|report|request|signing|approval|application|submission|complaint|referral|payment|notification|the\s+date)|^\s*(?:of\s+)?signing/i;
const EVENT_BEFORE =
  /(?:\b(?:upon|after|on|following)\s+(?:the\s+)?(?:receipt|receiving|approval|report)\b[^.;]{0,80}|後[的之]?\s*|(?:接獲|收到|接報|確認|遞交|提出|獲悉|簽署|批核)[^,。;;]{0,30})$/i;
const SHARE_OF_AFTER = /^\s*(?:of\b|的)/i;
const FUTURE_BEFORE = /\b(?:next|coming|following)\s*$|未來\s*$/i;

/**
 * Marks the windows that are a service standard's response time rather than a deadline: counted in
 * hours, minutes, seconds or working days, counted from an event (receipt, signing, a report), or the
 * window within which a share of cases is handled ("95% … within 10 days"). "Within the next 12 months"
 * stays a deadline.
 */
function markResponseTimes(text: string, times: TimeMention[], quantities: readonly Quantity[]): void {
  if (!times.some((t) => t.kind === 'within')) return;
  // A share of cases ("95% … within 10 days"), not a level moving from one value to another.
  // "95% of calls", 「90%的申請」, or a pledge table's target column ("… within 10 days: 95%").
  const share = quantities.some(
    (q) =>
      q.kind === 'percent' &&
      (q.role === 'value' || q.role === 'target') &&
      (SHARE_OF_AFTER.test(text.slice(q.end, q.end + 4)) ||
        /^[\s)）.。]*$/.test(text.slice(q.end)) ||
        /[:：]\s*$/.test(tail(text, q.start, 3))),
  );
  for (const t of times) {
    if (t.kind !== 'within') continue;
    const small = t.unit === 'second' || t.unit === 'minute' || t.unit === 'hour';
    const before = tail(text, t.start, 60);
    const future = FUTURE_BEFORE.test(before.replace(/\s*(?:within|in|over|during|the)\s*$/i, ''));
    const anchored = EVENT_AFTER.test(text.slice(t.end, t.end + 60)) || EVENT_BEFORE.test(before);
    if (/\b(?:next|coming|following)\b|未來/i.test(t.raw)) continue;
    if (!future && (small || t.working || anchored || share)) t.response = true;
  }
}

/**
 * Reads a KPI definition into numbers (with units and roles), dates and periods, the direction of the
 * change, and what is measured for whom. Pure and allocation-light: it runs once per register row.
 */
export function extract(original: string, anyScope = false): Extraction {
  const wide = foldWidth(original);
  // Simplified characters are Chinese characters: a text without any has nothing to fold.
  const chinese = hasChinese(wide);
  const text = chinese ? foldSimplified(wide) : wide;
  const times = findTimes(text, chinese);
  const quantities = findQuantities(text, times, chinese);
  // Read what is measured with the dates blanked out: 「2024-25 年度新客戶轉換率」 measures 新客戶轉換率.
  const masked = maskTimes(text, times);
  const { metric, tier, scope } = readSpecificity(masked, chinese, anyScope);
  const result: Extraction = { text, chinese, quantities, times, metric, metricTier: tier, scope };
  if (quantities.length) assignRoles(masked, quantities, result);
  markResponseTimes(text, times, quantities);
  result.polarity = polarityOf(result, text);
  return result;
}
