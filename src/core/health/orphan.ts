import { buildCascade, parentKey } from '../cascade';
import { enumLabel } from '../fields';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/**
 * Rule 4: the cascade is broken. A KPI below company level with a blank parent, a parent id that names
 * no KPI, a cycle (reported once, with all its ids), or an id used twice (copied rows), which makes
 * every parent link to it ambiguous.
 */
export function orphanRule({ kpis }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  const findings: Finding[] = [];
  const finding = (kpiIds: string[], message: Finding['message'], fix: Finding['fix']): Finding => ({
    rule: 'orphan',
    severity: 'error',
    kpiIds,
    message,
    fix,
  });
  for (const kpi of cascade.roots) {
    if (kpi.level === 'company') continue;
    findings.push(
      finding(
        [kpi.id],
        localise('orphan.blank.message', (lang) => ({
          id: kpi.id,
          name: kpi.name,
          level: enumLabel('level', kpi.level, lang),
        })),
        localise('orphan.blank.fix'),
      ),
    );
  }
  for (const kpi of cascade.dangling) {
    findings.push(
      finding(
        [kpi.id],
        localise('orphan.missing.message', { id: kpi.id, name: kpi.name, parent: parentKey(kpi) ?? '' }),
        localise('orphan.missing.fix'),
      ),
    );
  }
  for (const cycle of cascade.cycles) {
    findings.push(
      finding(
        [...cycle],
        localise('orphan.cycle.message', { path: [...cycle, cycle[0]].join(' → ') }),
        localise('orphan.cycle.fix'),
      ),
    );
  }
  const repeated = new Map<string, number>();
  for (const kpi of cascade.duplicates) repeated.set(kpi.id, (repeated.get(kpi.id) ?? 1) + 1);
  for (const [id, count] of repeated) {
    findings.push(
      finding([id], localise('orphan.duplicate.message', { id, count }), localise('orphan.duplicate.fix')),
    );
  }
  return findings;
}
