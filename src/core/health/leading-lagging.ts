import { buildCascade, childrenOf, siblingsOf } from '../cascade';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/**
 * Rule 3: a lagging KPI with no leading KPI among its children or siblings. The guide's leading → lagging
 * chain: a result needs a process measure next to it or below it that moves first.
 */
export function leadingLaggingRule({ kpis }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  return [...cascade.byId.values()]
    .filter((kpi) => kpi.timing === 'lagging')
    .filter(
      (kpi) =>
        ![...childrenOf(cascade, kpi.id), ...siblingsOf(cascade, kpi)].some((k) => k.timing === 'leading'),
    )
    .map((kpi) => ({
      rule: 'leading-lagging',
      severity: 'warning',
      kpiIds: [kpi.id],
      message: localise('leadingLagging.message', { id: kpi.id, name: kpi.name }),
      fix: localise('leadingLagging.fix'),
    }));
}
