import { buildCascade, parentOf } from '../cascade';
import { LANGS, type Lang } from '../i18n';
import type { Kpi } from '../model';
import { checkSmart, type SmartCriterion } from '../smart';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/** What the register's SMART column reads: `TRIM(name&" "&description)`, the description carrying who and when. */
function definition(kpi: Kpi): string {
  return `${kpi.name} ${kpi.description ?? ''}`.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
}

/**
 * Rule 1: a KPI that fails SMART. The register's own fields (target, unit, baseline, deadline, and the
 * parent's name, or its id when no KPI has it) count as the definition, as in the SMART column. A company
 * KPI may have no parent in the register (its objective is the company's strategy), so for a
 * company-level KPI with a blank parent the Relevant criterion is not held against it.
 */
export function smartRule({ kpis }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  const findings: Finding[] = [];
  for (const kpi of kpis) {
    if (kpi.name.trim() === '') continue;
    const parent = parentOf(cascade, kpi);
    const exempt = (criterion: SmartCriterion) =>
      criterion.letter === 'R' && kpi.level === 'company' && !kpi.parent_id?.trim();
    const reasons = {} as Record<Lang, string>;
    for (const lang of LANGS) {
      const result = checkSmart({
        text: definition(kpi),
        target: kpi.target,
        unit: kpi.unit,
        deadline: kpi.deadline,
        parent: parent?.name ?? kpi.parent_id,
        baseline: kpi.baseline,
        lang,
      });
      const failing = result.criteria.filter((criterion) => !criterion.pass && !exempt(criterion));
      reasons[lang] = failing
        .map((criterion) => `${criterion.letter}: ${criterion.reason ?? ''}`)
        .join(' · ');
    }
    if (reasons.en === '') continue;
    findings.push({
      rule: 'smart',
      severity: 'warning',
      kpiIds: [kpi.id],
      message: localise('smart.message', (lang) => ({ id: kpi.id, name: kpi.name, reasons: reasons[lang] })),
      fix: localise('smart.fix'),
    });
  }
  return findings;
}
