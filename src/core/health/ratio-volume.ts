import { buildCascade } from '../cascade';
import type { CheckIn, Kpi } from '../model';
import { scoreOf } from '../score';
import { statusOf } from '../status';
import { localise } from './messages';
import type { Finding, HealthContext } from './types';

/** Green as the register shows it: the computed status, else the computed score, else computed here. */
function isGreen(kpi: Kpi, computed: HealthContext['computed']): boolean {
  const shown = computed?.get(kpi.id);
  if (shown?.status) return shown.status === 'GREEN';
  const score =
    typeof shown?.score === 'number'
      ? shown.score
      : scoreOf({ actual: kpi.actual, target: kpi.target, baseline: kpi.baseline, polarity: kpi.polarity });
  return typeof score === 'number' && statusOf(score, { framework: kpi.framework }) === 'GREEN';
}

/** Check-ins in register order, with their place in it, by KPI id: grouped once for every volume. */
type Indexed = { checkIn: CheckIn; index: number };
function checkInsByKpi(checkIns: readonly CheckIn[]): Map<string, Indexed[]> {
  const byKpi = new Map<string, Indexed[]>();
  checkIns.forEach((checkIn, index) => {
    const own = byKpi.get(checkIn.kpi_id);
    if (own) own.push({ checkIn, index });
    else byKpi.set(checkIn.kpi_id, [{ checkIn, index }]);
  });
  return byKpi;
}

/** The volume's last move: its latest two check-ins, or without them its latest value against its baseline. */
export function lastMove(
  volume: Kpi,
  checkIns: readonly CheckIn[],
): { from: number; to: number } | undefined {
  return lastMoveOf(volume, checkInsByKpi(checkIns).get(volume.id) ?? []);
}

function lastMoveOf(volume: Kpi, indexed: readonly Indexed[]): { from: number; to: number } | undefined {
  const own = [...indexed]
    // Period order; a corrected figure for the same period (entered later) counts as that period's value.
    .sort(
      (a, b) =>
        a.checkIn.period_end.getTime() - b.checkIn.period_end.getTime() ||
        (a.checkIn.entered_at?.getTime() ?? 0) - (b.checkIn.entered_at?.getTime() ?? 0) ||
        a.index - b.index,
    )
    .map(({ checkIn }) => checkIn)
    .filter(
      (checkIn, i, all) =>
        i === all.length - 1 || all[i + 1].period_end.getTime() !== checkIn.period_end.getTime(),
    );
  if (own.length >= 2) return { from: own[own.length - 2].actual, to: own[own.length - 1].actual };
  const latest = own.length === 1 ? own[0].actual : volume.actual;
  return volume.baseline !== undefined && latest !== undefined
    ? { from: volume.baseline, to: latest }
    : undefined;
}

const show = (value: number) => String(Number(value.toPrecision(10)));

/**
 * Rule 6: a ratio KPI is green while the volume it is a ratio of is going the wrong way (down, or up for a
 * lower-is-better volume): the guide's "indicator met, business failed". A conversion rate can rise
 * because visitors fell. A volume link that names no KPI is reported too, since it silences this check.
 */
export function ratioVolumeRule({ kpis, computed, checkIns = [] }: HealthContext): Finding[] {
  const cascade = buildCascade(kpis);
  // Grouped on first use: a register with no ratio KPIs never pays for it.
  let byKpi: Map<string, Indexed[]> | undefined;
  const findings: Finding[] = [];
  for (const kpi of cascade.byId.values()) {
    const volumeId = kpi.volume_id?.trim();
    if (kpi.form !== 'ratio' || !volumeId) continue;
    const volume = cascade.byId.get(volumeId);
    if (!volume) {
      findings.push({
        rule: 'ratio-volume',
        severity: 'warning',
        kpiIds: [kpi.id],
        message: localise('ratio.missing.message', { id: kpi.id, name: kpi.name, volumeId }),
        fix: localise('ratio.missing.fix'),
      });
      continue;
    }
    if (!isGreen(kpi, computed)) continue;
    byKpi ??= checkInsByKpi(checkIns);
    const move = lastMoveOf(volume, byKpi.get(volume.id) ?? []);
    if (!move) continue;
    const worse = volume.polarity === 'lower' ? move.to > move.from : move.to < move.from;
    if (!worse) continue;
    findings.push({
      rule: 'ratio-volume',
      severity: 'warning',
      kpiIds: [kpi.id, volume.id],
      message: localise('ratio.message', {
        id: kpi.id,
        name: kpi.name,
        volumeId: volume.id,
        volumeName: volume.name,
        from: show(move.from),
        to: show(move.to),
      }),
      fix: localise('ratio.fix'),
    });
  }
  return findings;
}
