import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { formatIsoDate } from '../../core/dates';
import { enumLabel } from '../../core/fields';
import type { CheckInEntry, TaskpaneActions } from '../../app/types';
import { ErrorBar } from '../components/ErrorBar';
import { formatNumber, useText } from '../i18n';
import { useAction, useAsync } from '../useAsync';
import { readNumber } from '../wizard/draft';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground3 },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalS,
  },
  input: { minWidth: 0, width: '100%' },
});

interface Typed {
  actual: string;
  note: string;
}

/** The KPIs due for an owner (by cadence): enter actuals and notes, saved to Check-ins in one action. */
export function CheckInScreen({ actions, today }: { actions: TaskpaneActions; today: () => Date }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const day = useMemo(() => today(), [today]);
  const register = useAsync(() => actions.register(), [actions]);
  // Everyone's due check-ins in one action; the owner list says how many each has.
  const allDue = useAsync(() => actions.dueCheckIns(undefined, day), [actions, day]);
  const owners = useMemo(
    () => [...new Set((register.data?.kpis ?? []).map((kpi) => kpi.owner))].sort(),
    [register.data],
  );
  const dueCount = (name: string) => (allDue.data ?? []).filter((item) => item.kpi.owner === name).length;
  const [owner, setOwner] = useState('');
  const chosen = owner || owners.find((name) => dueCount(name) > 0) || owners[0] || '';
  const due = { ...allDue, data: allDue.data?.filter((item) => item.kpi.owner === chosen) };
  const [typed, setTyped] = useState<Record<string, Typed>>({});
  const [saved, setSaved] = useState<number>();
  const [invalid, setInvalid] = useState<string[]>([]);
  const save = useAction(async (entries: CheckInEntry[]) => {
    await actions.recordCheckIns(entries);
    setSaved(entries.length);
    setTyped({});
    allDue.reload();
  });

  const edit = (id: string, patch: Partial<Typed>) =>
    setTyped((current) => ({ ...current, [id]: { ...(current[id] ?? { actual: '', note: '' }), ...patch } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    const entries: CheckInEntry[] = [];
    const bad: string[] = [];
    for (const [kpiId, entry] of Object.entries(typed)) {
      const actual = readNumber(entry.actual);
      if (actual === undefined) continue;
      if (Number.isNaN(actual)) bad.push(kpiId);
      else
        entries.push({
          kpiId,
          actual,
          note: entry.note.trim() || undefined,
          periodEnd: day,
          enteredBy: chosen,
        });
    }
    setInvalid(bad);
    if (bad.length === 0 && entries.length > 0) void save.run(entries);
  };

  return (
    <section className={styles.stack} aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('checkin.title')}</h2>
      <ErrorBar error={register.error ?? due.error ?? save.error} />
      {register.loading && !register.data && <Spinner size="small" label={t('common.loading')} />}
      {owners.length > 0 && (
        <Field label={t('checkin.owner')}>
          <Select value={chosen} onChange={(_, data) => setOwner(data.value)}>
            {owners.map((name) => (
              <option key={name} value={name}>
                {dueCount(name) > 0 ? t('checkin.ownerDue', { owner: name, count: dueCount(name) }) : name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {saved !== undefined && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t('checkin.saved', { count: saved })}</MessageBarBody>
        </MessageBar>
      )}
      {due.data && due.data.length === 0 && (
        <Text>{t('checkin.nothingDue', { owner: chosen, date: formatIsoDate(day) })}</Text>
      )}
      {due.data && due.data.length > 0 && (
        <form className={styles.stack} onSubmit={submit} noValidate>
          <Text>{t('checkin.dueCount', { count: due.data.length, date: formatIsoDate(day) })}</Text>
          {due.data.map((item) => {
            const unit = item.kpi.unit === '%' ? '%' : item.kpi.unit;
            const entry = typed[item.kpi.id] ?? { actual: '', note: '' };
            return (
              <Card
                key={item.kpi.id}
                className={styles.card}
                data-kpi={item.kpi.id}
                role="group"
                aria-labelledby={`due-${item.kpi.id}`}
              >
                <div className={styles.head}>
                  <Text weight="semibold" id={`due-${item.kpi.id}`}>
                    {item.kpi.name}
                  </Text>
                  {item.overdue && (
                    <Badge color="danger" appearance="tint">
                      {t('checkin.overdue')}
                    </Badge>
                  )}
                </div>
                <Text size={200} className={styles.meta}>
                  {[
                    t('checkin.target', { target: formatNumber(item.kpi.target, lang, unit) }),
                    item.lastActual === undefined
                      ? t('checkin.noActual')
                      : t('checkin.last', { actual: formatNumber(item.lastActual, lang, unit) }),
                    t('checkin.due', { date: formatIsoDate(item.due) }),
                    enumLabel('cadence', item.kpi.cadence, lang),
                  ].join(' · ')}
                </Text>
                <div className={styles.pair}>
                  <Field
                    label={t('checkin.actual')}
                    validationMessage={invalid.includes(item.kpi.id) ? t('error.notNumber') : undefined}
                    validationState={invalid.includes(item.kpi.id) ? 'error' : 'none'}
                  >
                    <Input
                      className={styles.input}
                      inputMode="decimal"
                      value={entry.actual}
                      onChange={(_, data) => edit(item.kpi.id, { actual: data.value })}
                    />
                  </Field>
                  <Field label={t('checkin.note')}>
                    <Input
                      className={styles.input}
                      value={entry.note}
                      onChange={(_, data) => edit(item.kpi.id, { note: data.value })}
                    />
                  </Field>
                </div>
              </Card>
            );
          })}
          <div>
            <Button type="submit" appearance="primary" disabled={save.busy}>
              {t('checkin.save')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
