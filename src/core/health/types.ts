import type { Lang } from '../i18n';
import type { CheckIn, Kpi, KpiComputed } from '../model';

/** The eight register-health rules of the spec, in the order they are reported. */
export const RULE_IDS = [
  'smart',
  'focus',
  'leading-lagging',
  'orphan',
  'weights',
  'ratio-volume',
  'overdue',
  'cadence-type',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** `error`: the cascade itself is broken (roll-ups cannot be trusted); `info`: advice. */
export type Severity = 'error' | 'warning' | 'info';

/** A text in every language (findings carry both, so a host shows either without recomputing). */
export type LocalText = Readonly<Record<Lang, string>>;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The KPIs concerned, in a meaningful order (register order; round a cycle for a cycle). */
  kpiIds: string[];
  /** What is wrong, naming the KPIs. */
  message: LocalText;
  /** What to do about it. */
  fix: LocalText;
}

export interface HealthContext {
  kpis: readonly Kpi[];
  /** The computed columns as the workbook shows them; missing values are computed from the KPI. */
  computed?: ReadonlyMap<string, Partial<Pick<KpiComputed, 'score' | 'status' | 'smart'>>>;
  checkIns?: readonly CheckIn[];
  today: Date;
}

export type HealthRule = (ctx: HealthContext) => Finding[];
