import { makeStyles, tokens } from '@fluentui/react-components';
import type { SmartResult } from '../../core/smart';
import { useText } from '../i18n';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  pass: {
    color: tokens.colorPaletteGreenForeground1,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  fail: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  name: { whiteSpace: 'nowrap' },
  reason: { color: tokens.colorNeutralForeground2 },
});

/**
 * The SMART check as the manager types: each letter passes or fails with its reason. It is a polite live
 * region, so a screen reader hears the verdict change without losing its place.
 */
export function SmartPanel({ result, id }: { result: SmartResult; id?: string }) {
  const { t } = useText();
  const styles = useStyles();
  return (
    <div id={id} aria-live="polite" data-testid="smart-panel">
      <strong>{t('smart.verdict', { score: result.score })}</strong>
      <ul className={styles.list}>
        {result.criteria.map((criterion) => (
          <li key={criterion.letter} className={styles.item}>
            <span className={criterion.pass ? styles.pass : styles.fail}>
              {criterion.pass ? '✓' : '✗'} {criterion.letter}
            </span>
            <span className={styles.name}>{t(`smart.letter.${criterion.letter}`)}</span>
            {!criterion.pass && criterion.reason && (
              <span className={styles.reason}>— {criterion.reason}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
