import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { header, INPUT_KEYS, type InputKey } from '../../core/fields';
import { LANGS, type Lang } from '../../core/i18n';
import type { AdoptionColumn, AdoptionPreview } from '../../app/types';
import type { CellValue } from '../../register/workbook';
import { useText } from '../i18n';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS },
  samples: { color: tokens.colorNeutralForeground3, wordBreak: 'break-word' },
  table: { tableLayout: 'auto' },
});

const KEEP = '';

function sampleText(values: readonly CellValue[]): string {
  return values
    .filter((value) => value !== null && value !== '')
    .slice(0, 2)
    .map((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)))
    .join(', ');
}

/** Fields mapped by more than one column: each field can come from one column only. */
export function duplicateFields(columns: readonly AdoptionColumn[]): InputKey[] {
  const seen = new Set<InputKey>();
  const twice = new Set<InputKey>();
  for (const column of columns) {
    if (!column.field) continue;
    if (seen.has(column.field)) twice.add(column.field);
    seen.add(column.field);
  }
  return [...twice];
}

export interface AdoptPanelProps {
  preview: AdoptionPreview;
  busy: boolean;
  onAdopt(corrected: AdoptionPreview, lang: Lang): void;
  onCancel(): void;
}

/** The column mapping, shown before anything is written; the user can change any column's field. */
export function AdoptPanel({ preview, busy, onAdopt, onCancel }: AdoptPanelProps) {
  const { t, lang } = useText();
  const styles = useStyles();
  const [columns, setColumns] = useState(preview.columns);
  const [registerLang, setRegisterLang] = useState<Lang>(preview.sheetLang);
  const duplicates = useMemo(() => duplicateFields(columns), [columns]);
  const hasName = columns.some((column) => column.field === 'name');
  const setField = (col: number, field: InputKey | undefined) =>
    setColumns((current) => current.map((column) => (column.col === col ? { ...column, field } : column)));

  return (
    <section className={styles.stack} aria-labelledby="adopt-title">
      <h3 id="adopt-title">{t('adopt.title', { sheet: preview.sheet })}</h3>
      <Text>{t('adopt.summary', { kpis: preview.kpiCount, row: preview.headerRow })}</Text>
      <Table size="small" className={styles.table} aria-label={t('adopt.tableLabel')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('adopt.column')}</TableHeaderCell>
            <TableHeaderCell>{t('adopt.field')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {columns.map((column) => (
            <TableRow key={column.col}>
              <TableCell>
                <Text weight="semibold">{column.header}</Text>
                <br />
                <Text size={200} className={styles.samples}>
                  {sampleText(column.samples)}
                </Text>
              </TableCell>
              <TableCell>
                <Select
                  aria-label={t('adopt.fieldFor', { header: column.header })}
                  value={column.field ?? KEEP}
                  onChange={(_, data) =>
                    setField(column.col, data.value === KEEP ? undefined : (data.value as InputKey))
                  }
                >
                  <option value={KEEP}>{t('adopt.keep')}</option>
                  {INPUT_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {header(key, lang)}
                    </option>
                  ))}
                </Select>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {preview.defaults.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            {t('adopt.defaults')}
            <ul>
              {preview.defaults.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {preview.blanks.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t('adopt.blanks')}
            <ul>
              {preview.blanks.map((blank, i) => (
                <li key={`${blank.row}-${i}`}>
                  {t('adopt.problemRow', { row: blank.row, reason: blank.reason })}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {preview.problems.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t('adopt.problems', { count: preview.problemRows })}
            <ul>
              {preview.problems.map((problem) => (
                <li key={problem.row}>
                  {t('adopt.problemRow', { row: problem.row, reason: problem.reason })}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {duplicates.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('adopt.duplicate', { fields: duplicates.map((key) => header(key, lang)).join(', ') })}
          </MessageBarBody>
        </MessageBar>
      )}
      {!hasName && (
        <MessageBar intent="error">
          <MessageBarBody>{t('adopt.needName')}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('home.sheetLanguage')}>
        <Select value={registerLang} onChange={(_, data) => setRegisterLang(data.value as Lang)}>
          {LANGS.map((option) => (
            <option key={option} value={option}>
              {t(`lang.${option}`)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={busy || duplicates.length > 0 || !hasName}
          onClick={() => onAdopt({ ...preview, columns }, registerLang)}
        >
          {t('adopt.confirm')}
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </section>
  );
}
