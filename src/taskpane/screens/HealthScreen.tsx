import {
  Badge,
  Button,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { RULE_TITLES, SEVERITY_LABELS, type Severity } from '../../core/health';
import type { TaskpaneActions } from '../../app/types';
import { ErrorBar } from '../components/ErrorBar';
import { useText } from '../i18n';
import { useAction, useAsync } from '../useAsync';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  links: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  fix: { color: tokens.colorNeutralForeground2 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

const SEVERITY_COLOR: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

/** The longest list of "go to" buttons under one finding; the rest are named in the message. */
const MAX_LINKS = 8;

/** The register's health findings, each with a button to the offending rows. */
export function HealthScreen({ actions, today }: { actions: TaskpaneActions; today: () => Date }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const day = useMemo(() => today(), [today]);
  const findings = useAsync(() => actions.health(day), [actions, day]);
  const register = useAsync(() => actions.register(), [actions]);
  const goTo = useAction((id: string) => actions.goTo(id));
  const names = useMemo(
    () => new Map((register.data?.kpis ?? []).map((kpi) => [kpi.id, kpi.name])),
    [register.data],
  );

  return (
    <section className={styles.stack} aria-labelledby="health-title">
      <h2 id="health-title">{t('health.title')}</h2>
      <ErrorBar error={findings.error ?? goTo.error} />
      {findings.loading && !findings.data && <Spinner size="small" label={t('common.loading')} />}
      {findings.data && findings.data.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>{t('health.none')}</MessageBarBody>
        </MessageBar>
      )}
      {findings.data && findings.data.length > 0 && (
        <>
          <Text>{t('health.count', { count: findings.data.length })}</Text>
          <ul className={styles.list}>
            {findings.data.map((finding, index) => (
              <li key={`${finding.rule}-${index}`}>
                <Card className={styles.card} data-rule={finding.rule}>
                  <div className={styles.head}>
                    <Badge appearance="tint" color={SEVERITY_COLOR[finding.severity]}>
                      {SEVERITY_LABELS[lang][finding.severity]}
                    </Badge>
                    <Text weight="semibold">{RULE_TITLES[lang][finding.rule]}</Text>
                  </div>
                  <Text>{finding.message[lang]}</Text>
                  <Text className={styles.fix}>{finding.fix[lang]}</Text>
                  <div className={styles.links}>
                    {finding.kpiIds.slice(0, MAX_LINKS).map((id) => (
                      <Button key={id} size="small" onClick={() => goTo.run(id)}>
                        {t('health.goTo', { name: names.get(id) ?? id })}
                      </Button>
                    ))}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
