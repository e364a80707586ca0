import { KpiError, isKpiError, valueError } from './errors';
import { isBlank, type Cell } from './values';

/**
 * Enumerated words: every value has English and Traditional Chinese aliases and is matched
 * case-insensitively, so `Lower`, `down` and `越低越好` all mean the same polarity.
 */
export type Vocabulary<K extends string> = Readonly<Record<K, readonly string[]>>;

export const POLARITY = {
  higher: ['higher', 'up', 'increase', '越高越好'],
  lower: ['lower', 'down', 'decrease', '越低越好'],
  closer: ['closer', 'range', 'maintain', '越接近越好'],
} as const satisfies Vocabulary<string>;
export type Polarity = keyof typeof POLARITY;

export const FRAMEWORK = {
  KPI: ['kpi', '關鍵績效指標'],
  OKR: ['okr', '目標與關鍵結果'],
} as const satisfies Vocabulary<string>;
export type Framework = keyof typeof FRAMEWORK;

export const CADENCE = {
  weekly: ['weekly', 'week', '每週', '每周'],
  biweekly: ['biweekly', 'fortnightly', 'bi-weekly', '每兩週', '每两周', '每兩周'],
  monthly: ['monthly', 'month', '每月'],
  quarterly: ['quarterly', 'quarter', '每季', '每季度'],
  semiannual: ['semiannual', 'semi-annual', 'half-yearly', 'halfyearly', 'semiannually', '每半年'],
  annual: ['annual', 'yearly', 'annually', 'year', '每年'],
} as const satisfies Vocabulary<string>;
export type Cadence = keyof typeof CADENCE;

const normalise = (word: string) => word.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Finds the canonical key for a word, or `undefined` when it is not one of the vocabulary's words.
 * A bilingual dropdown label from the register (`higher · 越高越好`) names a key when each half does.
 */
export function lookupWord<K extends string>(vocabulary: Vocabulary<K>, word: string): K | undefined {
  const parts = word.split('·');
  if (parts.length > 1) {
    const keys = new Set(parts.map((part) => lookupWord(vocabulary, part)));
    const [only] = keys;
    return keys.size === 1 ? only : undefined;
  }
  const wanted = normalise(word);
  for (const key of Object.keys(vocabulary) as K[]) {
    if (normalise(key) === wanted || vocabulary[key].some((alias) => normalise(alias) === wanted)) return key;
  }
  return undefined;
}

/** Reads an optional enumerated argument: blank gives the default, an unknown word gives #VALUE!. */
export function toWord<K extends string>(
  value: Cell,
  vocabulary: Vocabulary<K>,
  name: string,
  fallback: K,
): K | KpiError;
export function toWord<K extends string>(
  value: Cell,
  vocabulary: Vocabulary<K>,
  name: string,
): K | undefined | KpiError;
export function toWord<K extends string>(
  value: Cell,
  vocabulary: Vocabulary<K>,
  name: string,
  fallback?: K,
): K | undefined | KpiError {
  if (isKpiError(value)) return value;
  if (isBlank(value)) return fallback;
  if (typeof value !== 'string')
    return valueError(`${name} must be one of: ${Object.keys(vocabulary).join(', ')}.`);
  const key = lookupWord(vocabulary, value);
  return (
    key ??
    valueError(`Unknown ${name} "${value.trim().slice(0, 30)}": use ${Object.keys(vocabulary).join(', ')}.`)
  );
}

/**
 * A reader for one enumerated argument that remembers the last value it resolved: a range of 100,000
 * cells usually repeats one word, and matching it against every alias each time would dominate the work.
 */
export function wordReader<K extends string>(
  vocabulary: Vocabulary<K>,
  name: string,
  fallback: K,
): (value: Cell) => K | KpiError;
export function wordReader<K extends string>(
  vocabulary: Vocabulary<K>,
  name: string,
): (value: Cell) => K | undefined | KpiError;
export function wordReader<K extends string>(
  vocabulary: Vocabulary<K>,
  name: string,
  fallback?: K,
): (value: Cell) => K | undefined | KpiError {
  let lastValue: Cell = undefined;
  let lastResult: K | undefined | KpiError = fallback;
  return (value) => {
    if (value !== lastValue) {
      lastResult =
        fallback === undefined ? toWord(value, vocabulary, name) : toWord(value, vocabulary, name, fallback);
      lastValue = value;
    }
    return lastResult;
  };
}
