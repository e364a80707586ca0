import { ENUM_LABELS, enumLabel, type LabelField } from '../core/fields';
import { CADENCE, FRAMEWORK, POLARITY, type Cadence, type Vocabulary } from '../core/words';
import type { FormulaSet, RowRefs } from './formulas';

/**
 * The portable dialect: the register's computed columns as native spreadsheet formulas, so a workbook
 * computes in LibreOffice, in Google Sheets after an import and in Excel without the add-in. They follow
 * the worksheet-function contract (shared/spec/functions.md) with simpler error semantics: where a KPI.*
 * function returns an error (#VALUE!, #DIV/0!, #NUM!) the portable formula shows a blank (docs/register.md).
 * SMARTCHECK has no native equivalent: the portable register writes the core's text as a value.
 *
 * Enumerated cells are compared with every word the core accepts for them (English, Chinese, the
 * bilingual dropdown label); spreadsheet `=` on text is case-insensitive, like the core.
 */

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The words a cell may hold for one enumerated value: the key, its aliases and the register's labels. */
function wordsFor<K extends string>(vocabulary: Vocabulary<K>, field: LabelField, key: K): string[] {
  const words = [key, ...vocabulary[key], enumLabel(field, key, 'both')];
  for (const lang of ['en', 'zh-HK'] as const) {
    const label = (ENUM_LABELS[lang] as Record<string, string>)[`${field}.${key}`];
    if (label) words.push(label);
  }
  const seen = new Set<string>();
  return words.filter((word) => {
    const folded = word.toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

/** `OR(A2="lower",A2="down",…)`: true when the cell holds one of the value's words. */
function is<K extends string>(ref: string, vocabulary: Vocabulary<K>, field: LabelField, key: K): string {
  return `OR(${wordsFor(vocabulary, field, key)
    .map((word) => `${ref}=${quote(word)}`)
    .join(',')})`;
}

/** True when the cell holds none of the vocabulary's words (and is not blank): the core's #VALUE!. */
function unknown<K extends string>(ref: string, vocabulary: Vocabulary<K>, field: LabelField): string {
  const keys = Object.keys(vocabulary) as K[];
  return `AND(${ref}<>"",NOT(OR(${keys.map((key) => is(ref, vocabulary, field, key)).join(',')})))`;
}

/** The core rounds scores to 12 decimals so that arithmetic noise never turns a met target amber. */
const tidy = (expression: string) => `MAX(0,ROUND(${expression},12))`;

function score(r: RowRefs): string {
  const { actual: a, target: t, baseline: b, polarity: p } = r;
  const higher = is(p, POLARITY, 'polarity', 'higher');
  const lower = is(p, POLARITY, 'polarity', 'lower');
  const closer = is(p, POLARITY, 'polarity', 'closer');
  // With a baseline the numbers give the direction; a polarity word may only confirm it.
  const withBaseline =
    `IF(OR(AND(${higher},${t}<${b}),AND(${lower},${t}>${b})),NA(),` +
    `${tidy(`IF(${closer},1-ABS(${a}-${t})/ABS(${t}-${b}),(${a}-${b})/(${t}-${b}))`)})`;
  // Without one: ratio to the target; a negative target needs a baseline (the core's #NUM!).
  const withoutBaseline =
    `IF(${closer},${tidy(`1-ABS(${a}-${t})/ABS(${t})`)},` +
    `IF(${t}<0,NA(),${tidy(`IF(${lower},2-${a}/${t},${a}/${t})`)}))`;
  return (
    `=IF(OR(${a}="",${t}=""),"",IFERROR(IF(${unknown(p, POLARITY, 'polarity')},NA(),` +
    `IF(${b}<>"",${withBaseline},${withoutBaseline})),""))`
  );
}

function status(r: RowRefs): string {
  const { score: s, framework: f } = r;
  const okr = is(f, FRAMEWORK, 'framework', 'OKR');
  return (
    `=IF(${s}="","",IFERROR(IF(${unknown(f, FRAMEWORK, 'framework')},NA(),` +
    `IF(${s}>=IF(${okr},0.7,1),"GREEN",IF(${s}>=IF(${okr},0.4,0.9),"AMBER","RED"))),""))`
  );
}

const MONTHS: Readonly<Record<Exclude<Cadence, 'weekly' | 'biweekly'>, number>> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};

function nextReview(r: RowRefs): string {
  const { lastReview: d, cadence: c } = r;
  const cadence = (key: Cadence) => is(c, CADENCE, 'cadence', key);
  // EDATE adds calendar months and clamps to the month's end, like the core (31 Jan + 1 month = 28/29 Feb).
  const months = (Object.keys(MONTHS) as (keyof typeof MONTHS)[]).reduceRight(
    (otherwise, key) => `IF(${cadence(key)},${MONTHS[key]},${otherwise})`,
    'NA()',
  );
  return (
    `=IF(OR(${d}="",${c}=""),"",IFERROR(IF(${cadence('weekly')},${d}+7,` +
    `IF(${cadence('biweekly')},${d}+14,EDATE(${d},${months}))),""))`
  );
}

/**
 * Weighted mean of the numeric scores: blank (and text) scores are skipped and the weights of the rest
 * renormalised. As in the core, a blank weight counts as 0 (SUMPRODUCT reads it so) unless every weight
 * is blank, which means equal weights; a negative weight, or no weight left, gives blank (the core's
 * #NUM! and #DIV/0!).
 */
function rollup(scores: string, weights?: string): string {
  const mean = tidy(`AVERAGE(${scores})`);
  if (!weights) return `=IF(COUNT(${scores})=0,"",${mean})`;
  const numerator = `SUMPRODUCT(--ISNUMBER(${scores}),${scores},${weights})`;
  const denominator = `SUMPRODUCT(--ISNUMBER(${scores}),${weights})`;
  return (
    `=IF(COUNT(${scores})=0,"",IFERROR(IF(COUNTIF(${weights},"<0")>0,NA(),` +
    `IF(COUNT(${weights})=0,${mean},${tidy(`${numerator}/${denominator}`)})),""))`
  );
}

export const portable: FormulaSet = {
  score,
  status,
  smart: () => undefined,
  nextReview,
  rollup,
};
