import {
  Button,
  Card,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { LANGS, type Lang } from '../../core/i18n';
import type { AdoptionPreview, TaskpaneActions } from '../../app/types';
import type { BuildReport } from '../../register/build';
import { BuildProgress, type BuildState } from '../components/BuildProgress';
import { ErrorBar } from '../components/ErrorBar';
import { useText } from '../i18n';
import { useAction, useAsync } from '../useAsync';
const AdoptPanel = lazy(() =>
  import(/* webpackChunkName: "adopt" */ './AdoptPanel').then((m) => ({ default: m.AdoptPanel })),
);
import type { Screen } from './screens';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface HomeProps {
  actions: TaskpaneActions;
  today: () => Date;
  onNavigate(screen: Screen): void;
}

/** Is this workbook a register? If not: set one up, or adopt the KPI sheet it already has. */
export function Home({ actions, today, onNavigate }: HomeProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const status = useAsync(() => actions.status(), [actions]);
  const [sheetLang, setSheetLang] = useState<Lang>(lang);
  const [sample, setSample] = useState(false);
  const [progress, setProgress] = useState<BuildState>();
  const [built, setBuilt] = useState<BuildReport>();
  const [preview, setPreview] = useState<AdoptionPreview>();
  const onProgress = (stage: BuildState['stage'], done: number, total: number) =>
    setProgress({ stage, done, total });

  const setUp = useAction(async () => {
    const report = await actions.setUpRegister({ lang: sheetLang, sample, today: today(), onProgress });
    setBuilt(report);
    status.reload();
  });
  const loadPreview = useAction(async () => setPreview(await actions.previewAdoption(lang)));
  const adopt = useAction(async (corrected: AdoptionPreview, adoptLang: Lang) => {
    const report = await actions.adopt(corrected, { lang: adoptLang, today: today(), onProgress });
    setPreview(undefined);
    setBuilt(report);
    status.reload();
  });
  const busy = setUp.busy || adopt.busy;

  return (
    <section className={styles.stack} aria-labelledby="home-title">
      <h2 id="home-title">{t('home.title')}</h2>
      {status.loading && !status.data && <Spinner size="small" label={t('home.checking')} />}
      <ErrorBar error={status.error ?? setUp.error ?? loadPreview.error ?? adopt.error} />
      {busy && progress && <BuildProgress state={progress} />}
      {built && !busy && (
        <MessageBar intent="success">
          <MessageBarBody>
            {t('home.built', { kpis: built.kpis, checkIns: built.checkIns, sheet: built.sheets.register })}
          </MessageBarBody>
        </MessageBar>
      )}

      {status.data?.kind === 'register' && (
        <Card className={styles.card}>
          <Text weight="semibold">{t('home.isRegister')}</Text>
          <Text>
            {t('home.counts', {
              kpis: status.data.kpis,
              checkIns: status.data.checkIns,
              owners: status.data.owners.length,
            })}
          </Text>
          {status.data.problems.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>
                {t('home.readProblems', { count: status.data.problems.length })}
                <ul>
                  {status.data.problems.slice(0, 5).map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => onNavigate('wizard')}>
              {t('home.addKpi')}
            </Button>
            <Button onClick={() => onNavigate('checkin')}>{t('home.checkIn')}</Button>
            <Button onClick={() => onNavigate('cascade')}>{t('home.cascade')}</Button>
            <Button onClick={() => onNavigate('health')}>{t('home.health')}</Button>
          </div>
        </Card>
      )}

      {status.data && status.data.kind !== 'register' && !preview && (
        <>
          <Text>
            {t(status.data.kind === 'adoptable' ? 'home.notRegisterAdoptable' : 'home.notRegister')}
          </Text>
          {status.data.kind === 'adoptable' && (
            <Card className={styles.card}>
              <Text weight="semibold">{t('home.adoptTitle', { sheet: status.data.sheet })}</Text>
              <Text>{t('home.adoptHint')}</Text>
              <div className={styles.row}>
                <Button
                  appearance="primary"
                  disabled={busy || loadPreview.busy}
                  onClick={() => loadPreview.run()}
                >
                  {t('home.adoptPreview')}
                </Button>
              </div>
            </Card>
          )}
          <Card className={styles.card}>
            <Text weight="semibold">{t('home.setUpTitle')}</Text>
            <Text>{t('home.setUpHint')}</Text>
            <Field label={t('home.sheetLanguage')}>
              <Select value={sheetLang} onChange={(_, data) => setSheetLang(data.value as Lang)}>
                {LANGS.map((option) => (
                  <option key={option} value={option}>
                    {t(`lang.${option}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Switch
              checked={sample}
              onChange={(_, data) => setSample(data.checked)}
              label={t('home.sample')}
            />
            <div className={styles.row}>
              <Button
                appearance={status.data.kind === 'adoptable' ? 'secondary' : 'primary'}
                disabled={busy}
                onClick={() => setUp.run()}
              >
                {t('home.setUp')}
              </Button>
            </div>
          </Card>
        </>
      )}

      {preview && (
        <Suspense fallback={<Spinner size="small" label={t('common.loading')} />}>
          <AdoptPanel
            preview={preview}
            busy={busy}
            onCancel={() => setPreview(undefined)}
            onAdopt={(corrected, adoptLang) => adopt.run(corrected, adoptLang)}
          />
        </Suspense>
      )}
    </section>
  );
}
