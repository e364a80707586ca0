import { departmentKey, normaliseLabel } from '../fields';
import type { Kpi } from '../model';
import { list, localise } from './messages';
import type { Finding, HealthContext } from './types';

/** The guide: one person or one department tracks at most 3–5 core KPIs. */
export const MAX_CORE_KPIS = 5;

/** Groups core KPIs by a key, keeping the first spelling of each group for the message. */
function groupBy(kpis: readonly Kpi[], key: (kpi: Kpi) => string | undefined, label: (kpi: Kpi) => string) {
  const groups = new Map<string, { label: string; kpis: Kpi[] }>();
  for (const kpi of kpis) {
    const k = key(kpi);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.kpis.push(kpi);
    else groups.set(k, { label: label(kpi), kpis: [kpi] });
  }
  return [...groups.values()];
}

/**
 * Rule 2: more than five core KPIs for one owner or one department. Monitor KPIs do not count: demoting a
 * KPI to monitor is the guide's own remedy. Spellings are compared case- and width-insensitively, and
 * departments by meaning (`Sales` and `銷售` are one department).
 */
export function focusRule({ kpis }: HealthContext): Finding[] {
  const core = kpis.filter((kpi) => kpi.role === 'core');
  const findings: Finding[] = [];
  const report = (groups: { label: string; kpis: Kpi[] }[], message: 'owner' | 'department') => {
    for (const group of groups) {
      if (group.kpis.length <= MAX_CORE_KPIS) continue;
      const ids = group.kpis.map((kpi) => kpi.id);
      findings.push({
        rule: 'focus',
        severity: 'warning',
        kpiIds: ids,
        message: localise(`focus.${message}.message`, (lang) => ({
          [message]: group.label,
          count: ids.length,
          ids: list(ids, lang),
        })),
        fix: localise('focus.fix'),
      });
    }
  };
  report(
    groupBy(
      core,
      (kpi) => normaliseLabel(kpi.owner) || undefined,
      (kpi) => kpi.owner.trim(),
    ),
    'owner',
  );
  report(
    groupBy(
      core,
      (kpi) => departmentKey(kpi.department),
      (kpi) => kpi.department?.trim() ?? '',
    ),
    'department',
  );
  return findings;
}
