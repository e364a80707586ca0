import { makeStyles, tokens } from '@fluentui/react-components';
import { enumLabel, header } from '../../core/fields';
import { formatIsoDate } from '../../core/dates';
import type { Kpi } from '../../core/model';
import type { SmartResult } from '../../core/smart';
import { SmartPanel } from '../components/SmartPanel';
import { formatNumber, formatPercent, useText } from '../i18n';
import { toDraft, type DraftForm } from './draft';
import { achievableText } from './steps';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-word' },
  verdict: {
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

/** What will be written, and the SMART verdict it will get in the register. */
export function Summary({
  form,
  kpis,
  smart,
}: {
  form: DraftForm;
  kpis: readonly Kpi[];
  smart: SmartResult;
}) {
  const { t, lang } = useText();
  const styles = useStyles();
  const draft = toDraft(form);
  const parent = kpis.find((kpi) => kpi.id === draft.parent_id);
  const unit = draft.unit === '%' ? '%' : undefined;
  const rows: [string, string][] = [
    [header('name', lang), draft.name],
    [header('description', lang), draft.description ?? ''],
    [header('form', lang), enumLabel('form', draft.form, lang)],
    [header('unit', lang), draft.unit ?? ''],
    [header('polarity', lang), enumLabel('polarity', draft.polarity, lang)],
    [header('baseline', lang), formatNumber(draft.baseline, lang, unit)],
    [header('target', lang), formatNumber(draft.target, lang, unit)],
    [header('parent_id', lang), parent ? parent.name : t('field.parentNone')],
    [header('level', lang), enumLabel('level', draft.level, lang)],
    [header('department', lang), draft.department ?? ''],
    [header('owner', lang), draft.owner],
    [header('weight', lang), formatPercent(draft.weight, lang)],
    [header('type', lang), enumLabel('type', draft.type, lang)],
    [header('timing', lang), enumLabel('timing', draft.timing, lang)],
    [header('role', lang), enumLabel('role', draft.role, lang)],
    [header('framework', lang), enumLabel('framework', draft.framework, lang)],
    [header('start', lang), draft.start ? formatIsoDate(draft.start) : ''],
    [header('deadline', lang), draft.deadline ? formatIsoDate(draft.deadline) : ''],
    [header('cadence', lang), enumLabel('cadence', draft.cadence, lang)],
  ];
  return (
    <>
      <div className={styles.verdict}>
        <SmartPanel result={smart} />
        <p>{achievableText(form, t, lang)}</p>
      </div>
      <dl className={styles.list} aria-label={t('wizard.summaryLabel')}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <p>{t('wizard.writeHint')}</p>
    </>
  );
}
