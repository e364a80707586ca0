import { differenceInCalendarDays } from 'date-fns';
import { formatIsoDate } from '../dates';
import { enumLabel } from '../fields';
import { nextReviewDate } from '../nextreview';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/**
 * Rule 7: a review overdue by its cadence (NEXTREVIEW's calendar rule: months clamp to month end).
 * Due today is not overdue. A KPI never reviewed is overdue once a whole cadence has passed since its start.
 */
export function overdueRule({ kpis, today }: HealthContext): Finding[] {
  const findings: Finding[] = [];
  for (const kpi of kpis) {
    const from = kpi.last_review ?? kpi.start;
    if (!from) continue;
    const due = nextReviewDate(from, kpi.cadence);
    const days = differenceInCalendarDays(today, due);
    if (!(days > 0)) continue;
    findings.push({
      rule: 'overdue',
      severity: 'warning',
      kpiIds: [kpi.id],
      message: localise(kpi.last_review ? 'overdue.message' : 'overdue.never.message', (lang) => ({
        id: kpi.id,
        name: kpi.name,
        cadence: enumLabel('cadence', kpi.cadence, lang),
        due: formatIsoDate(due),
        days,
      })),
      fix: localise('overdue.fix'),
    });
  }
  return findings;
}
