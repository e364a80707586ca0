import { buildCascade } from '../cascade';
import { list, localise } from './messages';
import type { Finding, HealthContext } from './types';

/** Half a percentage point: weights such as 33.3 + 33.3 + 33.3 are meant to be 100%. */
export const WEIGHT_TOLERANCE = 0.005;

/**
 * How a group of weights is written: as fractions (0.4, the register's own format, shown as 40%) unless
 * any weight is above 1, in which case the group is read as percents (40). A lone 1 is 100%.
 */
export function weightScale(weights: readonly number[]): 1 | 100 {
  return weights.some((weight) => weight > 1) ? 100 : 1;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * Rule 5: the weights of the KPIs under one parent do not add up to 100%. All blank means equal weights
 * and is fine; some blank and some not is reported too, because ROLLUP would then ignore the blank ones.
 */
export function weightsRule({ kpis }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  const findings: Finding[] = [];
  for (const [parent, children] of cascade.children) {
    const weighted = children.filter((kpi) => kpi.weight !== undefined);
    if (weighted.length === 0) continue;
    const ids = children.map((kpi) => kpi.id);
    if (weighted.length < children.length) {
      const blank = children.filter((kpi) => kpi.weight === undefined).map((kpi) => kpi.id);
      findings.push({
        rule: 'weights',
        severity: 'warning',
        kpiIds: ids,
        message: localise('weights.partial.message', (lang) => ({
          parent,
          blank: list(blank, lang),
          weighted: list(
            weighted.map((kpi) => kpi.id),
            lang,
          ),
        })),
        fix: localise('weights.partial.fix', { parent }),
      });
      continue;
    }
    const weights = weighted.map((kpi) => kpi.weight as number);
    const scale = weightScale(weights);
    const share = weights.reduce((sum, weight) => sum + weight, 0) / scale;
    if (Math.abs(share - 1) <= WEIGHT_TOLERANCE + 1e-9) continue;
    findings.push({
      rule: 'weights',
      severity: 'warning',
      kpiIds: ids,
      message: localise('weights.sum.message', (lang) => ({
        parent,
        ids: list(ids, lang),
        total: `${round(share * 100, 2)}%`,
      })),
      fix: localise('weights.sum.fix'),
    });
  }
  return findings;
}
