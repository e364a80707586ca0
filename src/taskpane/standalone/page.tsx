import {
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Root } from 'react-dom/client';
import type { Host } from '../../app/actions';
import { parseIsoDate } from '../../core/dates';
import { format, LANGS, toLang, type Lang } from '../../core/i18n';
import type { MemoryWorkbook } from '../../hosts/memory';
import type { RangeRef } from '../../register/workbook';
import { App } from '../App';
import { LangProvider, useText } from '../i18n';
import { lazyActions } from '../lazyActions';
import { MESSAGES, type MessageKey } from '../messages';
import { downloadXlsx, openXlsx } from './xlsx';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalL },
  spacer: { flexGrow: 1 },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 400px)',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    flexGrow: 1,
    minHeight: 0,
  },
  preview: { minHeight: 0, minWidth: 0, display: 'flex', flexDirection: 'column' },
  pane: {
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  hidden: { display: 'none' },
  select: { minWidth: '12em' },
});

export interface StandaloneOptions {
  lang: Lang;
  dark: boolean;
  today: Date;
  /** Start from the sample register (the default) or a blank workbook. */
  start: 'sample' | 'blank';
  /** The day the sample register is made as of (default: today); earlier leaves check-ins due today. */
  sampleAsOf: Date;
}

/**
 * Reads `?lang=zh-HK&theme=dark&today=2026-05-15&sampleAsOf=2026-04-15&start=blank`; otherwise the
 * browser's settings and today.
 */
export function optionsFrom(params: URLSearchParams): StandaloneOptions {
  const theme = params.get('theme');
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const today = parseIsoDate(params.get('today') ?? '') ?? new Date();
  return {
    lang: toLang(params.get('lang') ?? (typeof navigator === 'undefined' ? 'en' : navigator.language)),
    dark: theme ? theme === 'dark' : prefersDark,
    today,
    start: params.get('start') === 'blank' ? 'blank' : 'sample',
    sampleAsOf: parseIsoDate(params.get('sampleAsOf') ?? '') ?? today,
  };
}

// The preview and the in-memory workbook come after the first paint: there is nothing to preview until
// the workbook is made, and the sample register is built by the actions' chunk anyway.
const Preview = lazy(() =>
  import(/* webpackChunkName: "actions" */ './Preview').then((m) => ({ default: m.Preview })),
);
const Button = lazy(() =>
  import(/* webpackChunkName: "controls" */ './controls').then((m) => ({ default: m.Button })),
);
const Select = lazy(() =>
  import(/* webpackChunkName: "controls" */ './controls').then((m) => ({ default: m.Select })),
);
const Switch = lazy(() =>
  import(/* webpackChunkName: "controls" */ './controls').then((m) => ({ default: m.Switch })),
);
const memoryWorkbook = async () =>
  new (await import(/* webpackChunkName: "actions" */ '../../hosts/memory')).MemoryWorkbook();

async function sampleWorkbook(lang: Lang, today: Date): Promise<MemoryWorkbook> {
  const [workbook, { setUpRegister }] = await Promise.all([
    memoryWorkbook(),
    import(/* webpackChunkName: "actions" */ '../../app/setup'),
  ]);
  await setUpRegister(workbook, { lang, sample: true, today }, { portable: true });
  return workbook;
}

async function blankWorkbook(): Promise<MemoryWorkbook> {
  const workbook = await memoryWorkbook();
  workbook.addSheet('Sheet1');
  return workbook;
}

/**
 * The task pane outside Office: the same App, on an in-memory workbook, beside a preview of its sheets.
 * Every action bumps a version so the preview shows what the action wrote; "go to row" selects in the preview.
 */
function StandalonePage({ options }: { options: StandaloneOptions }) {
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(options.lang);
  const [dark, setDark] = useState(options.dark);
  const [workbook, setWorkbook] = useState<MemoryWorkbook>();
  const [version, setVersion] = useState(0);
  const [sheet, setSheet] = useState('');
  const [selection, setSelection] = useState<RangeRef>();
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const current = useRef<MemoryWorkbook>(undefined);
  const today = options.today;
  const [workbookId, setWorkbookId] = useState(0);
  const todayFn = useCallback(() => today, [today]);
  const t = (key: MessageKey, params: Record<string, string> = {}) => format(MESSAGES[lang][key], params);

  const use = useCallback((next: MemoryWorkbook) => {
    current.current = next;
    setWorkbook(next);
    setSelection(undefined);
    setSheet('');
    setVersion((n) => n + 1);
    setWorkbookId((n) => n + 1);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = MESSAGES[lang]['standalone.title'];
  }, [lang]);

  useEffect(() => {
    if (options.start === 'blank') void blankWorkbook().then(use);
    else void sampleWorkbook(options.lang, options.sampleAsOf).then(use);
  }, [options, use]);

  const host = useMemo<Host>(
    () => ({
      async run(action) {
        try {
          return await action(current.current as MemoryWorkbook);
        } finally {
          setVersion((n) => n + 1);
        }
      },
      async select(range) {
        setSheet(range.sheet);
        setSelection(range);
      },
    }),
    [],
  );
  // New actions for a new workbook: the pane's screens reload what they show.
  const actions = useMemo(
    () =>
      lazyActions(async () => {
        const { createActions } = await import(/* webpackChunkName: "actions" */ '../../app/actions');
        return createActions(host, { portable: true, now: () => today });
      }),
    [host, today, workbook],
  );
  const snapshot = useMemo(() => workbook?.inspect(), [workbook, version]);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setNotice(undefined);
    try {
      use(await openXlsx(file));
      setNotice({ intent: 'success', text: t('standalone.opened', { file: file.name }) });
    } catch (error) {
      setNotice({ intent: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!workbook) return;
    setBusy(true);
    try {
      await downloadXlsx(workbook, lang === 'zh-HK' ? 'KPI登記冊.xlsx' : 'KPI-register.xlsx');
    } catch (error) {
      setNotice({ intent: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ height: '100%' }}>
      <LangProvider lang={lang}>
        <div className={styles.page}>
          <header className={styles.toolbar} role="toolbar" aria-label={t('standalone.toolbar')}>
            <Text className={styles.title}>{t('standalone.title')}</Text>
            <Suspense fallback={null}>
              <Button appearance="primary" disabled={busy} onClick={() => fileInput.current?.click()}>
                {t('standalone.open')}
              </Button>
              <input
                ref={fileInput}
                className={styles.hidden}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-label={t('standalone.open')}
                data-testid="open-xlsx"
                onChange={(event) => void onFile(event)}
              />
              <Button disabled={busy || !workbook} onClick={() => void download()}>
                {t('standalone.download')}
              </Button>
              <Button disabled={busy} onClick={() => void sampleWorkbook(lang, options.sampleAsOf).then(use)}>
                {t('standalone.sample')}
              </Button>
              <Button disabled={busy} onClick={() => void blankWorkbook().then(use)}>
                {t('standalone.blank')}
              </Button>
              <span className={styles.spacer} />
              <Select
                className={styles.select}
                aria-label={t('standalone.language')}
                value={lang}
                onChange={(_, data) => setLang(data.value as Lang)}
              >
                {LANGS.map((option) => (
                  <option key={option} value={option}>
                    {MESSAGES[option][`lang.${option}`]}
                  </option>
                ))}
              </Select>
              <Switch
                checked={dark}
                onChange={(_, data) => setDark(data.checked)}
                label={t('standalone.dark')}
              />
            </Suspense>
          </header>
          {notice && (
            <MessageBar intent={notice.intent}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.body}>
            <div className={styles.preview}>
              {snapshot ? (
                <Suspense fallback={<Spinner size="small" />}>
                  <Preview snapshot={snapshot} sheet={sheet} onSheet={setSheet} selection={selection} />
                </Suspense>
              ) : (
                <LoadingNote />
              )}
            </div>
            <div className={styles.pane} data-testid="taskpane">
              {workbook && <App key={workbookId} actions={actions} lang={lang} dark={dark} today={todayFn} />}
            </div>
          </div>
        </div>
      </LangProvider>
    </FluentProvider>
  );
}

function LoadingNote() {
  const { t } = useText();
  return <Spinner size="small" label={t('common.loading')} />;
}

export function renderStandalone(root: Root, params: URLSearchParams): void {
  root.render(<StandalonePage options={optionsFrom(params)} />);
}
