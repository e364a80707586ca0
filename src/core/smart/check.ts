import { DEFAULT_UNREALISTIC_BEYOND, assessFeasibility, type Feasibility } from '../feasibility';
import { isKpiError } from '../errors';
import { format, type Lang } from '../i18n';
import type { Polarity } from '../words';
import { extract, type Extraction } from './extract';
import { SMART_MESSAGES, type SmartMessageKey } from './messages';
import { durationSeconds, type Quantity } from './quantity';
import { findPopulation } from './specific';

export type SmartLetter = 'S' | 'M' | 'A' | 'R' | 'T';

/** A KPI definition and the register fields that take precedence over what the text says. */
export interface SmartInput {
  text: string;
  target?: number;
  unit?: string;
  deadline?: Date;
  parent?: string;
  baseline?: number;
  /** The language of the reasons; by default the text's own (zh-HK when it contains Chinese). */
  lang?: Lang;
}

export interface SmartCriterion {
  letter: SmartLetter;
  pass: boolean;
  /** The reason's catalog key and its text in `lang`; absent when the criterion passes. */
  key?: SmartMessageKey;
  reason?: string;
}

export interface SmartResult {
  /** `n/5` followed by ` · L: reason` for each failing criterion; '' for a blank text. */
  text: string;
  score: number;
  lang: Lang;
  /** In S, M, A, R, T order. */
  criteria: SmartCriterion[];
  extraction: Extraction;
  /** The numbers the Achievable test used, with where the polarity came from (the direction of the numbers). */
  target?: number;
  baseline?: number;
  polarity?: Polarity;
  feasibility?: Feasibility;
}

const SEPARATOR = ' · ';
/** A `unit` argument that says the numbers are percentages (stored as fractions: 18% is 0.18). */
const PERCENT_UNIT = /^(?:%|percent|percentage|pct|百分比|百分率)$/i;
const FACTOR = String(1 + DEFAULT_UNREALISTIC_BEYOND);
const VAGUE_TIME =
  /\b(?:asap|as\s+soon\s+as\s+possible|soon|eventually|in\s+the\s+future|some\s*day|over\s+time|going\s+forward)\b|盡快|儘快|尽快|未來|將來|日後|早日|遲些|稍後/i;
const VERB_PREFIX =
  /^(?:要|將|把|使|讓)?(?:提升|提高|增加|減少|降低|改善|維持|保持|達到|達成|縮短|增長|控制|優化|加強|推動)+/;

/**
 * Numbers in reasons: a text number as written; an argument without floating-point noise, and as a
 * percentage when the number it is compared with was written as one (0.5 against "12%" shows "50%").
 */
function show(
  value: number,
  quantity: Quantity | undefined,
  other: Quantity | undefined,
  unit?: string,
): string {
  if (quantity) return quantity.raw;
  const percent = unit !== undefined ? PERCENT_UNIT.test(unit) : other?.kind === 'percent';
  const number = String(Number((percent ? value * 100 : value).toPrecision(10)));
  if (percent) return `${number}%`;
  return unit ? `${number} ${unit}` : number;
}

interface Verdict {
  pass: boolean;
  key?: SmartMessageKey;
  params?: Record<string, string>;
}
const PASS: Verdict = { pass: true };

/** The words a reason quotes: the text itself, cut at 30 characters (the separator never inside). */
function quoteOf(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ').split(SEPARATOR.trim()).join(' ');
  return words.length > 30 ? `${words.slice(0, 30)}…` : words;
}

/**
 * Specific (the guide: 量度甚麼、對象或地區): what is measured AND for whom or where. A named measure
 * with a number but no segment, channel, product, team, unit or place is not yet specific ("NPS from
 * 32 to 45"); a whole population ("customers", 員工) is no scope. The reason names the word judged.
 */
function specific(ex: Extraction, concrete: boolean): Verdict {
  const { metricTier: tier, scope } = ex;
  // "Hire 25 engineers for the Hong Kong office", a service standard for one service: a count or a
  // window for a named scope.
  if (tier === undefined) {
    if (scope && concrete) return PASS;
    return { pass: false, key: 's.vague', params: { words: quoteOf(ex.text) } };
  }
  if (tier === 'area') {
    return scope && concrete ? PASS : { pass: false, key: 's.area', params: { area: ex.metric ?? '' } };
  }
  if (scope) return PASS;
  const metric = (ex.metric ?? '').replace(VERB_PREFIX, '') || (ex.metric ?? '');
  const population = findPopulation(ex.text);
  if (population) return { pass: false, key: 's.population', params: { metric, population } };
  return { pass: false, key: 's.noScope', params: { metric } };
}

/** A target stated in the text: any number that is not only a baseline, a scale or a change in points. */
function hasTextTarget(ex: Extraction): boolean {
  for (const q of ex.quantities) {
    if (q.role !== 'baseline' && q.role !== 'scale' && q.role !== 'from') return true;
  }
  return false;
}

interface Achievability extends Verdict {
  target?: number;
  baseline?: number;
  polarity?: Polarity;
  feasibility?: Feasibility;
}

/**
 * The text's target and baseline on one scale: durations in different units are converted (2 hours
 * against 90 minutes, 45 days against 6 weeks), so a 25% cut is not read as a cut to a third.
 */
function onOneScale(target: Quantity | undefined, baseline: Quantity | undefined): [number?, number?] {
  if (target?.kind === 'duration' && baseline?.kind === 'duration' && target.unit !== baseline.unit) {
    const t = durationSeconds(target.unit);
    const b = durationSeconds(baseline.unit);
    if (t !== undefined && b !== undefined) return [target.value * t, baseline.value * b];
  }
  return [target?.value, baseline?.value];
}

function achievable(input: SmartInput, ex: Extraction): Achievability {
  const [textTarget, textBaseline] = onOneScale(ex.target, ex.baseline);
  const target = input.target ?? (input.baseline === undefined ? textTarget : ex.target?.value);
  const baseline = input.baseline ?? (input.target === undefined ? textBaseline : ex.baseline?.value);
  const targetQ = input.target === undefined ? ex.target : undefined;
  const baselineQ = input.baseline === undefined ? ex.baseline : undefined;
  if (target !== undefined && baseline !== undefined) {
    const polarity: Polarity = target < baseline ? 'lower' : 'higher';
    const params = {
      target: show(target, targetQ, baselineQ, input.unit),
      baseline: show(baseline, baselineQ, targetQ, input.unit),
      factor: FACTOR,
    };
    const feasibility = assessFeasibility(target, baseline, polarity);
    if (isKpiError(feasibility)) return { pass: false, key: 'a.zero', params, target, baseline, polarity };
    if (feasibility === 'UNREALISTIC') {
      const key = polarity === 'lower' ? 'a.tooLow' : 'a.tooHigh';
      return { pass: false, key, params, target, baseline, polarity, feasibility };
    }
    return { pass: true, target, baseline, polarity, feasibility };
  }
  // "by 20%": the level is today's, so the uplift alone decides (halving is as hard as doubling).
  const change = ex.change;
  if (change && change.quantity.kind === 'percent') {
    const share = change.quantity.value;
    const polarity: Polarity = change.direction === 'down' ? 'lower' : 'higher';
    const feasibility: Feasibility =
      polarity === 'lower' && share >= 1
        ? 'UNREALISTIC'
        : (assessFeasibility(polarity === 'lower' ? 1 - share : 1 + share, 1, polarity) as Feasibility);
    if (feasibility !== 'UNREALISTIC') return { pass: true, polarity, feasibility };
    const params = { change: change.quantity.raw, factor: FACTOR };
    return {
      pass: false,
      key: polarity === 'lower' ? 'a.cutTooDeep' : 'a.riseTooHigh',
      params,
      polarity,
      feasibility,
    };
  }
  if (baseline !== undefined) {
    return {
      pass: false,
      key: 'a.noTarget',
      params: { baseline: show(baseline, baselineQ, undefined, input.unit) },
      baseline,
    };
  }
  return { pass: false, key: 'a.noBaseline', target };
}

/**
 * A deadline argument, or a date or period in the text. A service standard's window ("within 10
 * working days of receipt") is a response time, not a deadline: it passes only with a period of
 * measurement beside it ("in 2024", 「每月」).
 */
function timeBound(input: SmartInput, ex: Extraction): Verdict {
  if (input.deadline !== undefined || ex.times.some((t) => !t.response)) return PASS;
  const window = ex.times.find((t) => t.response);
  if (window) return { pass: false, key: 't.responseOnly', params: { window: window.raw } };
  const vague = VAGUE_TIME.exec(ex.text);
  return vague
    ? { pass: false, key: 't.vague', params: { word: vague[0] } }
    : { pass: false, key: 't.noTime' };
}

/**
 * The five SMART criteria for one definition. Arguments (the register's own fields) take precedence
 * over what is read from the text; the reasons are in the text's language unless `lang` is given.
 * `verdictOnly` (SMARTCHECK, which shows only `text`) gives the same verdicts and reasons faster: the
 * extraction's `scope` is then some scope of the text, not necessarily the first.
 */
export function checkSmart(input: SmartInput, verdictOnly = false): SmartResult {
  const ex = extract(input.text, verdictOnly);
  const lang: Lang = input.lang ?? (ex.chinese ? 'zh-HK' : 'en');
  // A service standard's window is its numeric target ("within 10 working days").
  const measurable = input.target !== undefined || hasTextTarget(ex) || ex.times.some((t) => t.response);
  const a = achievable(input, ex);
  const verdicts: Array<[SmartLetter, Verdict]> = [
    ['S', specific(ex, measurable)],
    ['M', measurable ? PASS : { pass: false, key: 'm.noNumber' }],
    ['A', a],
    [
      'R',
      input.parent !== undefined && input.parent.trim() !== '' ? PASS : { pass: false, key: 'r.noParent' },
    ],
    ['T', timeBound(input, ex)],
  ];
  const messages = SMART_MESSAGES[lang];
  let score = 0;
  let text = '';
  const criteria: SmartCriterion[] = verdicts.map(([letter, verdict]) => {
    if (verdict.pass || !verdict.key) {
      score++;
      return { letter, pass: true };
    }
    const template = messages[verdict.key];
    const reason = verdict.params ? format(template, verdict.params) : template;
    text += `${SEPARATOR}${letter}: ${reason}`;
    return { letter, pass: false, key: verdict.key, reason };
  });
  return {
    text: input.text.trim() === '' ? '' : `${score}/5${text}`,
    score,
    lang,
    criteria,
    extraction: ex,
    target: a.target,
    baseline: a.baseline,
    polarity: a.polarity ?? ex.polarity,
    feasibility: a.feasibility,
  };
}
