import { parseNumericText } from '../../core/coerce';
import { formatIsoDate, parseIsoDate } from '../../core/dates';
import { assessFeasibility, feasibilityOf, recentLevel, type Feasibility } from '../../core/feasibility';
import { isKpiError, type KpiError } from '../../core/errors';
import type { Lang } from '../../core/i18n';
import type { Cadence, Form, Framework, KpiType, Level, Polarity, Role, Timing } from '../../core/model';
import { checkSmart, type SmartResult } from '../../core/smart';
import { smartText } from '../../register/formulas';
import type { KpiDraft } from '../../app/types';
import type { MessageKey } from '../messages';

/**
 * The wizard's form state and the rules that turn it into a KPI draft. Plain functions, no React, so the
 * rules are tested on their own: what each step requires, the cadence suggested by the type, the
 * Achievable verdict and the SMART verdict the summary shows.
 */

export const STEPS = ['S', 'M', 'A', 'R', 'T', 'summary'] as const;
export type Step = (typeof STEPS)[number];

export interface DraftForm {
  name: string;
  description: string;
  form: Form;
  unit: string;
  polarity: Polarity;
  baseline: string;
  target: string;
  /** Recent actuals, oldest first, separated by commas, spaces or new lines (optional). */
  history: string;
  parentId: string;
  level: Level;
  department: string;
  owner: string;
  /** Percent of the parent's roll-up. */
  weight: string;
  type: KpiType;
  timing: Timing;
  role: Role;
  framework: Framework;
  start: string;
  deadline: string;
  cadence: Cadence;
  /** True once the user picks a cadence: from then on the type no longer changes it. */
  cadenceChosen: boolean;
}

export function emptyForm(today: Date): DraftForm {
  return {
    name: '',
    description: '',
    form: 'count',
    unit: '',
    polarity: 'higher',
    baseline: '',
    target: '',
    history: '',
    parentId: '',
    level: 'department',
    department: '',
    owner: '',
    weight: '',
    type: 'operational',
    timing: 'lagging',
    role: 'core',
    framework: 'KPI',
    start: formatIsoDate(today),
    deadline: '',
    cadence: suggestedCadence('operational'),
    cadenceChosen: false,
  };
}

/** The guide's review rhythm: operational KPIs monthly, strategic ones quarterly. */
export function suggestedCadence(type: KpiType): Cadence {
  return type === 'strategic' ? 'quarterly' : 'monthly';
}

/** Applies a change; a new type moves the cadence to its suggestion until the user picks one. */
export function update(form: DraftForm, change: Partial<DraftForm>): DraftForm {
  const next = { ...form, ...change };
  if (change.cadence !== undefined) next.cadenceChosen = true;
  if (change.type !== undefined && !next.cadenceChosen) next.cadence = suggestedCadence(change.type);
  return next;
}

/** A number as people type it: `1,200`, `18%`, `-3.5`; blank is `undefined`, junk is `NaN`. */
export function readNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  return parseNumericText(text) ?? Number.NaN;
}

/** A weight typed as a percent (`40` or `40%`) as the register stores it (0.4). */
export function readWeight(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = parseNumericText(trimmed.endsWith('%') ? trimmed : `${trimmed}%`);
  return value ?? Number.NaN;
}

export function readHistory(text: string): number[] {
  return text
    .split(/[\s,;，、]+/)
    .filter((part) => part !== '')
    .map((part) => parseNumericText(part) ?? Number.NaN);
}

export type FieldErrors = Partial<Record<keyof DraftForm, MessageKey>>;

/** What stops the user from leaving a step (the SMART verdict only advises; these are hard errors). */
export function stepErrors(step: Step, form: DraftForm): FieldErrors {
  const errors: FieldErrors = {};
  const bad = (text: string) => Number.isNaN(readNumber(text) ?? 0);
  if (step === 'S' || step === 'summary') {
    if (form.name.trim() === '') errors.name = 'error.nameRequired';
  }
  if (step === 'M' || step === 'summary') {
    if (form.target.trim() === '') errors.target = 'error.targetRequired';
    else if (bad(form.target)) errors.target = 'error.notNumber';
    if (bad(form.baseline)) errors.baseline = 'error.notNumber';
  }
  if (step === 'A' || step === 'summary') {
    if (readHistory(form.history).some(Number.isNaN)) errors.history = 'error.historyNumbers';
  }
  if (step === 'R' || step === 'summary') {
    if (form.owner.trim() === '') errors.owner = 'error.ownerRequired';
    if (form.level !== 'company' && form.parentId === '') errors.parentId = 'error.parentRequired';
    const weight = readWeight(form.weight);
    if (weight !== undefined && (Number.isNaN(weight) || weight < 0)) errors.weight = 'error.weight';
  }
  if (step === 'T' || step === 'summary') {
    if (form.start !== '' && !parseIsoDate(form.start)) errors.start = 'error.date';
    if (form.deadline !== '' && !parseIsoDate(form.deadline)) errors.deadline = 'error.date';
    const start = parseIsoDate(form.start);
    const deadline = parseIsoDate(form.deadline);
    if (start && deadline && deadline < start) errors.deadline = 'error.deadlineBeforeStart';
  }
  return errors;
}

const textOrUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The KPI the wizard will write (undefined fields stay blank in the register). */
export function toDraft(form: DraftForm): KpiDraft {
  return {
    name: form.name.trim(),
    description: textOrUndefined(form.description),
    owner: form.owner.trim(),
    level: form.level,
    department: textOrUndefined(form.department),
    parent_id: textOrUndefined(form.parentId),
    type: form.type,
    timing: form.timing,
    form: form.form,
    unit: textOrUndefined(form.unit),
    polarity: form.polarity,
    baseline: readNumber(form.baseline),
    target: readNumber(form.target),
    weight: readWeight(form.weight),
    role: form.role,
    framework: form.framework,
    start: parseIsoDate(form.start),
    deadline: parseIsoDate(form.deadline),
    cadence: form.cadence,
  };
}

/** The live SMART check, read the way the register's SMARTCHECK column reads the row. */
export function smartOf(form: DraftForm, lang: Lang): SmartResult {
  const number = (text: string) => {
    const value = readNumber(text);
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  return checkSmart({
    text: smartText(form.name.trim(), textOrUndefined(form.description)),
    target: number(form.target),
    unit: textOrUndefined(form.unit),
    deadline: parseIsoDate(form.deadline),
    parent: textOrUndefined(form.parentId),
    baseline: number(form.baseline),
    lang,
  });
}

export interface Achievability {
  verdict?: Feasibility;
  /** What the target was compared with. */
  basis: 'history' | 'baseline' | 'none';
  level?: number;
  target?: number;
  /** The uplift the target asks for, as a fraction (0.5 = 50% above the level). */
  uplift?: number;
  /** Why there is no verdict, when there is none. */
  problem?: MessageKey;
}

/**
 * The Achievable step: FEASIBILITY against the recent actuals when at least three are given, otherwise
 * against the baseline, with the numbers behind the verdict so the screen can say why.
 */
export function achievability(form: DraftForm): Achievability {
  const target = readNumber(form.target);
  if (target === undefined || Number.isNaN(target)) return { basis: 'none', problem: 'feas.noTarget' };
  const history = readHistory(form.history);
  const usable = history.filter((value) => !Number.isNaN(value));
  let basis: Achievability['basis'];
  let level: number | undefined;
  let verdict: Feasibility | '' | KpiError;
  if (usable.length >= 3) {
    basis = 'history';
    const recent = recentLevel(usable);
    level = isKpiError(recent) ? undefined : recent;
    verdict = feasibilityOf({ target, history: usable, polarity: form.polarity });
  } else {
    const baseline = readNumber(form.baseline);
    if (baseline === undefined || Number.isNaN(baseline)) {
      return { basis: 'none', target, problem: usable.length > 0 ? 'feas.fewHistory' : 'feas.noBasis' };
    }
    basis = 'baseline';
    level = baseline;
    verdict = assessFeasibility(target, baseline, form.polarity);
  }
  if (typeof verdict !== 'string' || verdict === '')
    return { basis, level, target, problem: 'feas.cannotCompare' };
  const uplift =
    level === undefined || level === 0 || target === 0
      ? undefined
      : form.polarity === 'lower'
        ? level / target - 1
        : form.polarity === 'closer'
          ? Math.abs(target / level - 1)
          : target / level - 1;
  return { verdict, basis, level, target, uplift };
}
