import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AddedKpi, TaskpaneActions } from '../../app/types';
import { ErrorBar } from '../components/ErrorBar';
import { SmartPanel } from '../components/SmartPanel';
import { useText } from '../i18n';
import { useAction, useAsync } from '../useAsync';
import {
  emptyForm,
  smartOf,
  stepErrors,
  STEPS,
  toDraft,
  update,
  type DraftForm,
  type Step,
} from '../wizard/draft';
import { AchievableStep, MeasurableStep, RelevantStep, SpecificStep, TimeStep } from '../wizard/steps';
import { Summary } from '../wizard/Summary';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: { display: 'flex', gap: tokens.spacingHorizontalXS, listStyle: 'none', margin: 0, padding: 0 },
  step: {
    minWidth: '2em',
    textAlign: 'center',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
  },
  current: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    border: `1px solid ${tokens.colorBrandBackground}`,
  },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
  feedback: {
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export interface WizardProps {
  actions: TaskpaneActions;
  today: () => Date;
}

/** The SMART wizard: one step per letter, then a summary that writes one new row. */
export function Wizard({ actions, today }: WizardProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const register = useAsync(() => actions.register(), [actions]);
  const [form, setForm] = useState<DraftForm>(() => emptyForm(today()));
  const [step, setStep] = useState<Step>('S');
  const [showErrors, setShowErrors] = useState(false);
  const [added, setAdded] = useState<AddedKpi>();
  const smart = useMemo(() => smartOf(form, lang), [form, lang]);
  const errors = useMemo(() => stepErrors(step, form), [step, form]);
  const add = useAction(async () => {
    const result = await actions.addKpi(toDraft(form));
    setAdded(result);
    register.reload();
  });
  const goTo = useAction((id: string) => actions.goTo(id));
  const index = STEPS.indexOf(step);
  const change = (patch: Partial<DraftForm>) => setForm((current) => update(current, patch));
  const shownErrors = showErrors ? errors : {};
  const submit = useRef<HTMLButtonElement>(null);
  // Each step's first field takes focus when it appears; the summary has none, so its write button does
  // (Enter then writes the row).
  useEffect(() => {
    if (step === 'summary') submit.current?.focus();
  }, [step]);

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(errors).length > 0) {
      setShowErrors(true);
      return;
    }
    setShowErrors(false);
    if (step === 'summary') void add.run();
    else setStep(STEPS[index + 1]);
  };

  const restart = () => {
    setForm(emptyForm(today()));
    setStep('S');
    setAdded(undefined);
    add.clear();
  };

  if (register.loading && !register.data) return <Spinner size="small" label={t('common.loading')} />;
  const kpis = register.data?.kpis ?? [];

  if (added) {
    return (
      <section className={styles.stack} aria-labelledby="wizard-title">
        <h2 id="wizard-title">{t('wizard.title')}</h2>
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {t('wizard.added', { id: added.id, row: added.range.row, name: form.name })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => goTo.run(added.id)}>{t('common.goToRow')}</Button>
            <Button appearance="primary" onClick={restart}>
              {t('wizard.another')}
            </Button>
          </MessageBarActions>
        </MessageBar>
        <ErrorBar error={goTo.error} />
      </section>
    );
  }

  return (
    <section className={styles.stack} aria-labelledby="wizard-title">
      <h2 id="wizard-title">{t('wizard.title')}</h2>
      <ErrorBar error={register.error} />
      <ol className={styles.steps} aria-label={t('wizard.steps')}>
        {STEPS.map((name, i) => (
          <li
            key={name}
            className={`${styles.step} ${name === step ? styles.current : ''}`}
            aria-current={name === step ? 'step' : undefined}
            title={t(`wizard.step.${name}`)}
          >
            {name === 'summary' ? '✓' : name}
            <span className="visually-hidden">
              {' '}
              {t('wizard.stepOf', { n: i + 1, total: STEPS.length, name: t(`wizard.step.${name}`) })}
            </span>
          </li>
        ))}
      </ol>
      <form className={styles.stack} onSubmit={next} noValidate aria-labelledby="step-title">
        <h3 id="step-title">{t(`wizard.step.${step}`)}</h3>
        {step === 'S' && <SpecificStep form={form} errors={shownErrors} onChange={change} />}
        {step === 'M' && <MeasurableStep form={form} errors={shownErrors} onChange={change} />}
        {step === 'A' && <AchievableStep form={form} errors={shownErrors} onChange={change} />}
        {step === 'R' && <RelevantStep form={form} errors={shownErrors} onChange={change} kpis={kpis} />}
        {step === 'T' && <TimeStep form={form} errors={shownErrors} onChange={change} />}
        {step === 'summary' && <Summary form={form} kpis={kpis} smart={smart} />}
        {step !== 'summary' && (
          <div className={styles.feedback}>
            <SmartPanel result={smart} />
          </div>
        )}
        <ErrorBar error={add.error} />
        <div className={styles.buttons}>
          {index > 0 && (
            <Button type="button" disabled={add.busy} onClick={() => setStep(STEPS[index - 1])}>
              {t('common.back')}
            </Button>
          )}
          <Button type="submit" appearance="primary" disabled={add.busy} ref={submit}>
            {step === 'summary' ? t('wizard.write') : t('common.next')}
          </Button>
        </div>
      </form>
    </section>
  );
}
