import {
  Combobox,
  Field,
  Input,
  makeStyles,
  Option,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { DEPARTMENTS, enumLabel, type LabelField } from '../../core/fields';
import {
  CADENCES,
  FORMS,
  FRAMEWORKS,
  KPI_TYPES,
  LEVELS,
  POLARITIES,
  ROLES,
  TIMINGS,
  type Kpi,
} from '../../core/model';
import { formatNumber, formatPercent, useText, type Translate } from '../i18n';
import type { MessageKey } from '../messages';
import { achievability, suggestedCadence, type DraftForm, type FieldErrors } from './draft';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalS,
  },
  verdict: { fontWeight: tokens.fontWeightSemibold },
});

export interface StepProps {
  form: DraftForm;
  errors: FieldErrors;
  onChange(patch: Partial<DraftForm>): void;
}

function errorOf(errors: FieldErrors, key: keyof DraftForm, t: Translate) {
  const message = errors[key];
  return message ? { validationMessage: t(message), validationState: 'error' as const } : {};
}

/** A native select over an enumerated field, labelled in the task pane's language. */
function EnumSelect<K extends string>({
  field,
  values,
  value,
  label,
  hint,
  onChange,
}: {
  field: LabelField;
  values: readonly K[];
  value: K;
  label: string;
  hint?: string;
  onChange(value: K): void;
}) {
  const { lang } = useText();
  return (
    <Field label={label} hint={hint}>
      <Select value={value} onChange={(_, data) => onChange(data.value as K)}>
        {values.map((option) => (
          <option key={option} value={option}>
            {enumLabel(field, option, lang)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function EnumRadios<K extends string>({
  field,
  values,
  value,
  label,
  onChange,
}: {
  field: LabelField;
  values: readonly K[];
  value: K;
  label: string;
  onChange(value: K): void;
}) {
  const { lang } = useText();
  return (
    <Field label={label}>
      <RadioGroup layout="horizontal" value={value} onChange={(_, data) => onChange(data.value as K)}>
        {values.map((option) => (
          <Radio key={option} value={option} label={enumLabel(field, option, lang)} />
        ))}
      </RadioGroup>
    </Field>
  );
}

export function SpecificStep({ form, errors, onChange }: StepProps) {
  const { t } = useText();
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <Field label={t('field.name')} hint={t('hint.name')} required {...errorOf(errors, 'name', t)}>
        <Input autoFocus value={form.name} onChange={(_, data) => onChange({ name: data.value })} />
      </Field>
      <Field label={t('field.description')} hint={t('hint.description')}>
        <Textarea
          value={form.description}
          resize="vertical"
          onChange={(_, data) => onChange({ description: data.value })}
        />
      </Field>
    </div>
  );
}

export function MeasurableStep({ form, errors, onChange }: StepProps) {
  const { t } = useText();
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <EnumSelect
        field="form"
        values={FORMS}
        value={form.form}
        label={t('field.form')}
        hint={t(`hint.form.${form.form}`)}
        onChange={(value) => onChange({ form: value })}
      />
      <div className={styles.pair}>
        <Field label={t('field.unit')} hint={t('hint.unit')}>
          <Input autoFocus value={form.unit} onChange={(_, data) => onChange({ unit: data.value })} />
        </Field>
        <EnumSelect
          field="polarity"
          values={POLARITIES}
          value={form.polarity}
          label={t('field.polarity')}
          onChange={(value) => onChange({ polarity: value })}
        />
      </div>
      <div className={styles.pair}>
        <Field label={t('field.baseline')} {...errorOf(errors, 'baseline', t)}>
          <Input
            inputMode="decimal"
            value={form.baseline}
            onChange={(_, data) => onChange({ baseline: data.value })}
          />
        </Field>
        <Field label={t('field.target')} required {...errorOf(errors, 'target', t)}>
          <Input
            inputMode="decimal"
            value={form.target}
            onChange={(_, data) => onChange({ target: data.value })}
          />
        </Field>
      </div>
    </div>
  );
}

/** The Achievable verdict in words: what the target was compared with, and how far it reaches. */
export function achievableText(form: DraftForm, t: Translate, lang: 'en' | 'zh-HK'): string {
  const result = achievability(form);
  if (!result.verdict) return t(result.problem ?? 'feas.noBasis');
  const unit = form.unit.trim() === '%' ? '%' : undefined;
  const params = {
    target: formatNumber(result.target, lang, unit),
    level: formatNumber(result.level, lang, unit),
    uplift: formatPercent(result.uplift ?? 0, lang),
  };
  const basis: MessageKey = result.basis === 'history' ? 'feas.basis.history' : 'feas.basis.baseline';
  return `${t(basis, params)} ${t(`feas.${result.verdict}`, params)}`;
}

export function AchievableStep({ form, errors, onChange }: StepProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const verdict = achievability(form).verdict;
  return (
    <div className={styles.stack}>
      <Field label={t('field.history')} hint={t('hint.history')} {...errorOf(errors, 'history', t)}>
        <Textarea autoFocus value={form.history} onChange={(_, data) => onChange({ history: data.value })} />
      </Field>
      <div role="status" aria-live="polite" data-testid="feasibility">
        {verdict && <span className={styles.verdict}>{t(`feas.label.${verdict}`)} </span>}
        {achievableText(form, t, lang)}
      </div>
    </div>
  );
}

/**
 * Combobox props that let Enter go on to the next step when the list is closed (Fluent's combobox keeps
 * Enter for its list otherwise), so the whole wizard works from the keyboard.
 */
function useEnterSubmits() {
  const [open, setOpen] = useState(false);
  return {
    open,
    onOpenChange: (_: unknown, data: { open: boolean }) => setOpen(data.open),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter' && !open) {
        event.preventDefault();
        event.currentTarget.form?.requestSubmit();
      }
    },
  };
}

/** A searchable picker over the register's KPIs (by name or id), with "none" for company level. */
function ParentPicker({
  kpis,
  value,
  onChange,
  error,
}: {
  kpis: readonly Kpi[];
  value: string;
  onChange(id: string): void;
  error: ReturnType<typeof errorOf>;
}) {
  const { t } = useText();
  const enter = useEnterSubmits();
  const selected = kpis.find((kpi) => kpi.id === value);
  const [query, setQuery] = useState(selected ? selected.name : '');
  const matches = useMemo(() => {
    const wanted = query.trim().toLowerCase();
    const found = wanted
      ? kpis.filter((kpi) => kpi.name.toLowerCase().includes(wanted) || kpi.id.toLowerCase().includes(wanted))
      : kpis;
    return found.slice(0, 50);
  }, [kpis, query]);
  return (
    <Field label={t('field.parent')} hint={t('hint.parent')} {...error}>
      <Combobox
        autoFocus
        {...enter}
        expandIcon={{ 'aria-label': t('common.showList') }}
        value={query}
        selectedOptions={value ? [value] : []}
        placeholder={t('hint.parentSearch')}
        onChange={(event) => setQuery(event.target.value)}
        onOptionSelect={(_, data) => {
          onChange(data.optionValue ?? '');
          setQuery(data.optionValue ? (kpis.find((kpi) => kpi.id === data.optionValue)?.name ?? '') : '');
        }}
      >
        {/* "None" is offered while nothing is typed, so the arrow keys go straight to the matches. */}
        {query.trim() === '' && (
          <Option value="" text={t('field.parentNone')}>
            {t('field.parentNone')}
          </Option>
        )}
        {matches.map((kpi) => (
          <Option key={kpi.id} value={kpi.id} text={kpi.name}>
            {`${kpi.name} (${kpi.owner})`}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

/** Free text with suggestions (owners already in the register, the usual departments). */
function SuggestField({
  label,
  value,
  options,
  required,
  error,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  required?: boolean;
  error: ReturnType<typeof errorOf>;
  onChange(value: string): void;
}) {
  const { t } = useText();
  const enter = useEnterSubmits();
  const shown = options
    .filter((option) => option.toLowerCase().includes(value.trim().toLowerCase()))
    .slice(0, 30);
  return (
    <Field label={label} required={required} {...error}>
      <Combobox
        freeform
        {...enter}
        expandIcon={{ 'aria-label': t('common.showList') }}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onOptionSelect={(_, data) => onChange(data.optionText ?? '')}
      >
        {shown.map((option) => (
          <Option key={option}>{option}</Option>
        ))}
      </Combobox>
    </Field>
  );
}

export function RelevantStep({ form, errors, onChange, kpis }: StepProps & { kpis: readonly Kpi[] }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const owners = useMemo(() => [...new Set(kpis.map((kpi) => kpi.owner))].sort(), [kpis]);
  const departments = useMemo(() => {
    const known = DEPARTMENTS.map((key) => enumLabel('department', key, lang));
    const used = kpis.map((kpi) => kpi.department).filter((name): name is string => !!name);
    return [...new Set([...used, ...known])];
  }, [kpis, lang]);
  return (
    <div className={styles.stack}>
      <ParentPicker
        kpis={kpis}
        value={form.parentId}
        error={errorOf(errors, 'parentId', t)}
        onChange={(parentId) => onChange({ parentId })}
      />
      <div className={styles.pair}>
        <EnumSelect
          field="level"
          values={LEVELS}
          value={form.level}
          label={t('field.level')}
          onChange={(value) => onChange({ level: value })}
        />
        <Field label={t('field.weight')} hint={t('hint.weight')} {...errorOf(errors, 'weight', t)}>
          <Input
            inputMode="decimal"
            value={form.weight}
            onChange={(_, data) => onChange({ weight: data.value })}
          />
        </Field>
      </div>
      <SuggestField
        label={t('field.department')}
        value={form.department}
        options={departments}
        error={errorOf(errors, 'department', t)}
        onChange={(department) => onChange({ department })}
      />
      <SuggestField
        label={t('field.owner')}
        value={form.owner}
        options={owners}
        required
        error={errorOf(errors, 'owner', t)}
        onChange={(owner) => onChange({ owner })}
      />
      <EnumSelect
        field="type"
        values={KPI_TYPES}
        value={form.type}
        label={t('field.type')}
        onChange={(value) => onChange({ type: value })}
      />
      <EnumRadios
        field="timing"
        values={TIMINGS}
        value={form.timing}
        label={t('field.timing')}
        onChange={(value) => onChange({ timing: value })}
      />
      <EnumRadios
        field="role"
        values={ROLES}
        value={form.role}
        label={t('field.role')}
        onChange={(value) => onChange({ role: value })}
      />
      <EnumRadios
        field="framework"
        values={FRAMEWORKS}
        value={form.framework}
        label={t('field.framework')}
        onChange={(value) => onChange({ framework: value })}
      />
    </div>
  );
}

export function TimeStep({ form, errors, onChange }: StepProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const suggestion = suggestedCadence(form.type);
  return (
    <div className={styles.stack}>
      <div className={styles.pair}>
        <Field label={t('field.start')} {...errorOf(errors, 'start', t)}>
          <Input
            autoFocus
            type="date"
            value={form.start}
            onChange={(_, data) => onChange({ start: data.value })}
          />
        </Field>
        <Field label={t('field.deadline')} {...errorOf(errors, 'deadline', t)}>
          <Input
            type="date"
            value={form.deadline}
            onChange={(_, data) => onChange({ deadline: data.value })}
          />
        </Field>
      </div>
      <EnumSelect
        field="cadence"
        values={CADENCES}
        value={form.cadence}
        label={t('field.cadence')}
        hint={t('hint.cadence', {
          cadence: enumLabel('cadence', suggestion, lang),
          type: enumLabel('type', form.type, lang),
        })}
        onChange={(value) => onChange({ cadence: value })}
      />
    </div>
  );
}
