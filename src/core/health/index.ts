import { cadenceTypeRule } from './cadence-type';
import { focusRule } from './focus';
import { leadingLaggingRule } from './leading-lagging';
import { orphanRule } from './orphan';
import { overdueRule } from './overdue';
import { ratioVolumeRule } from './ratio-volume';
import { smartRule } from './smart';
import { RULE_IDS, type Finding, type HealthContext, type HealthRule, type RuleId } from './types';
import { weightsRule } from './weights';

export * from './types';
export { HEALTH_MESSAGES, RULE_TITLES, SEVERITY_LABELS, type HealthMessageKey } from './messages';
export { MAX_CORE_KPIS } from './focus';
export { WEIGHT_TOLERANCE, weightScale } from './weights';
export {
  cadenceTypeRule,
  focusRule,
  leadingLaggingRule,
  orphanRule,
  overdueRule,
  ratioVolumeRule,
  smartRule,
  weightsRule,
};

export const HEALTH_RULES: Readonly<Record<RuleId, HealthRule>> = {
  smart: smartRule,
  focus: focusRule,
  'leading-lagging': leadingLaggingRule,
  orphan: orphanRule,
  weights: weightsRule,
  'ratio-volume': ratioVolumeRule,
  overdue: overdueRule,
  'cadence-type': cadenceTypeRule,
};

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** All eight rules, findings in a stable order: by rule, then by the first KPI id, then by message. */
export function checkHealth(ctx: HealthContext): Finding[] {
  const findings = RULE_IDS.flatMap((rule) => HEALTH_RULES[rule](ctx));
  return findings.sort(
    (a, b) =>
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
      compare(a.kpiIds[0] ?? '', b.kpiIds[0] ?? '') ||
      compare(a.message.en, b.message.en),
  );
}
