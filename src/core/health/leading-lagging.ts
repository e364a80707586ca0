import { buildCascade, parentKey } from '../cascade';
import type { Kpi } from '../model';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/** How many leading KPIs each group of siblings holds (children of one parent id; the roots). */
function leadingCounts(groups: Iterable<readonly Kpi[]>): Map<readonly Kpi[], number> {
  const counts = new Map<readonly Kpi[], number>();
  for (const group of groups) {
    let leading = 0;
    for (const kpi of group) if (kpi.timing === 'leading') leading++;
    counts.set(group, leading);
  }
  return counts;
}

/**
 * Rule 3: a lagging KPI with no leading KPI among its children or siblings. The guide's leading → lagging
 * chain: a result needs a process measure next to it or below it that moves first.
 *
 * Linear: each group's leading KPIs are counted once. (Copying every lagging KPI's siblings made a flat
 * list of 40,000 KPIs take 86 s.) A lagging KPI is not leading, so its group's count is its siblings'.
 */
export function leadingLaggingRule({ kpis }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  const counts = leadingCounts([cascade.roots, ...cascade.children.values()]);
  const leadingIn = (group: readonly Kpi[] | undefined) => (group ? (counts.get(group) ?? 0) : 0);
  const findings: Finding[] = [];
  for (const kpi of cascade.byId.values()) {
    if (kpi.timing !== 'lagging') continue;
    const parent = parentKey(kpi);
    const siblings = parent === undefined ? cascade.roots : cascade.children.get(parent);
    if (leadingIn(cascade.children.get(kpi.id)) > 0 || leadingIn(siblings) > 0) continue;
    findings.push({
      rule: 'leading-lagging',
      severity: 'warning',
      kpiIds: [kpi.id],
      message: localise('leadingLagging.message', { id: kpi.id, name: kpi.name }),
      fix: localise('leadingLagging.fix'),
    });
  }
  return findings;
}
