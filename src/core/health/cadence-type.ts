import { enumLabel } from '../fields';
import type { Cadence, KpiType } from '../model';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/**
 * The guide's review frequency by type: operational KPIs weekly or monthly (to correct course in time),
 * strategic ones quarterly or half-yearly. Only the clear misfits are reported; monthly strategic or
 * quarterly operational reviews are a judgement call. Functional KPIs have no rule.
 */
const MISFITS: Partial<Record<KpiType, readonly Cadence[]>> = {
  strategic: ['weekly', 'biweekly'],
  operational: ['semiannual', 'annual'],
};

/** Rule 8: the cadence does not fit the type. */
export function cadenceTypeRule({ kpis }: HealthContext): Finding[] {
  return kpis
    .filter((kpi) => MISFITS[kpi.type]?.includes(kpi.cadence))
    .map((kpi) => {
      const kind = kpi.type === 'strategic' ? 'strategic' : 'operational';
      return {
        rule: 'cadence-type',
        severity: 'info',
        kpiIds: [kpi.id],
        message: localise(`cadence.${kind}.message`, (lang) => ({
          id: kpi.id,
          name: kpi.name,
          cadence: enumLabel('cadence', kpi.cadence, lang),
        })),
        fix: localise(`cadence.${kind}.fix`),
      };
    });
}
