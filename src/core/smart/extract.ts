import { hasChinese } from '../i18n';
import type { Polarity } from '../words';
import { foldWidth } from './normalize';
import { QUANTITY, insideWord, readQuantity, type Quantity } from './quantity';
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
  /(?:(?:\bbaseline|\bbase\s+level|\bcurrently|\bcurrent(?:\s+level|\s+rate|\s+value|\s+average)?|\btoday|\bat\s+present|\blast\s+year(?:'s)?|\bprevious(?:ly)?|\bwas|\bnow)\s*(?:is|of|at|was|:|=|averag(?:es|ing)|around|about|approx\.?|approximately|an?\s+average\s+of)?\s*(?:about|around|approx\.?|approximately)?\s*|(?:基線|基準|目前|現時|現在|現況|原本|原來|去年|上年|過去|過往|以往)[^\d,,。;;!?至到]{0,12})$/i;
const TARGET_BEFORE =
  /(?:\bto|\breach(?:ing)?|\bhit|\bachieve|\bat\s+least|\bat\s+most|\bno\s+more\s+than|\bno\s+less\s+than|\bbelow|\bunder|\babove|\bover|\bexceed|\btarget(?:\s+of|:)?|\bgoal(?:\s+of|:)?|\bof|達到?|至|到|目標(?:為|是)?|不少於|不低於|不多於|不高於|不超過|低於|高於|少於|多於|維持在?|保持在?)\s*(?:約|about|around)?\s*$/i;
const SCALE_BEFORE = /(?:滿分|out\s+of|of\s+a\s+possible|max(?:imum)?\s+of|on\s+a\s+scale\s+of)\s*$/i;
/** "by 20%", zh verbs right before the number ("增長 30%"), "up 10%". */
const CHANGE_BEFORE_EN = /\b(?:by|up|down)\s*$/i;
const CHANGE_BEFORE_ZH =
  /(增加|增長|增长|提升|提高|上升|成長|減少|減低|降低|下降|縮短|削減|縮減|節省|減)\s*了?\s*$/;
const CHANGE_AFTER =
  /^\s*(?:(?:increase|growth|rise|uplift|improvement|higher|more|reduction|decrease|drop|cut|lower|less|fewer|saving|yoy|year[- ]on[- ]year|mom|month[- ]on[- ]month|qoq)\b|按年|按月|同比|環比)/i;
/** Words before a number that make it a label, not a quantity: "line 3", "Store 12", "Phase 2". */
const LABEL_BEFORE =
  /(?:\b(?:line|store|shop|branch|phase|level|tier|zone|gate|terminal|building|block|route|lane|no\.?|number|version|wave|grade|class|room|floor|site|unit|plant|team|hall|warehouse)\s*#?|#|第)\s*$/i;
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

/** A bare number on one side of "from 12 to 18%" takes the unit of the other side. */
function shareUnit(bare: Quantity, other: Quantity): void {
  if (bare.kind !== 'plain' || other.kind === 'plain') return;
  bare.kind = other.kind;
  bare.unit = other.unit;
  if (other.kind === 'percent' || other.kind === 'points')
    bare.value = Number((bare.value / 100).toPrecision(15));
}

function findQuantities(text: string, times: readonly TimeMention[]): Quantity[] {
  const found: Quantity[] = [];
  QUANTITY.lastIndex = 0;
  // Both lists run left to right, so one pointer into the times finds any overlap in linear time.
  let next = 0;
  let m: RegExpExecArray | null;
  while ((m = QUANTITY.exec(text)) !== null) {
    if (m[0].length === 0) {
      QUANTITY.lastIndex++;
      continue;
    }
    if (insideWord(text, m)) continue;
    const quantity = readQuantity(m);
    while (next < times.length && times[next].end <= quantity.start) next++;
    if (next < times.length && times[next].start < quantity.end) continue;
    if (quantity.kind === 'plain' && LABEL_BEFORE.test(tail(text, quantity.start, 16))) continue;
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
      (FROM_BEFORE.test(tail(text, first.start, 30)) && TO_BETWEEN.test(between)) ||
      ARROW_BETWEEN.test(between) ||
      ZH_VERB_TO_BETWEEN.test(between)
    ) {
      [first.role, second.role] = ['from', 'to'];
    } else if (
      REVERSE_BETWEEN.test(between) &&
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
    if (SCALE_BEFORE.test(before)) q.role = 'scale';
    else if (BASELINE_BEFORE.test(before)) q.role = 'baseline';
    else if ((q.kind === 'percent' || q.kind === 'points') && isChange(text, q, before)) q.role = 'change';
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
    const direction = zh
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

/**
 * Reads a KPI definition into numbers (with units and roles), dates and periods, the direction of the
 * change, and what is measured for whom. Pure and allocation-light: it runs once per register row.
 */
export function extract(original: string): Extraction {
  const text = foldWidth(original);
  const chinese = hasChinese(text);
  const times = findTimes(text, chinese);
  const quantities = findQuantities(text, times);
  const { metric, tier, scope } = readSpecificity(text, chinese);
  const result: Extraction = { text, chinese, quantities, times, metric, metricTier: tier, scope };
  if (quantities.length) assignRoles(text, quantities, result);
  result.polarity = polarityOf(result, text);
  return result;
}
