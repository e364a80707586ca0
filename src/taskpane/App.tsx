import {
  FluentProvider,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { Lang } from '../core/i18n';
import type { TaskpaneActions } from '../app/types';
import { LangProvider, useText } from './i18n';
import { SCREENS, type Screen } from './screens/screens';

// The first paint is the pane's frame: its title, tabs and a spinner. Every screen loads as its own chunk,
// Home at once (in parallel with the actions it waits for anyway: it can show nothing before the
// workbook's status comes back), the others (and the SMART check, the tree, the pickers they use) when
// their tab is opened. This keeps the task pane's first download small.
const Home = lazy(() =>
  import(/* webpackChunkName: "home" */ './screens/Home').then((m) => ({ default: m.Home })),
);
const Wizard = lazy(() =>
  import(/* webpackChunkName: "wizard" */ './screens/Wizard').then((m) => ({ default: m.Wizard })),
);
const CascadeScreen = lazy(() =>
  import(/* webpackChunkName: "cascade" */ './screens/CascadeScreen').then((m) => ({
    default: m.CascadeScreen,
  })),
);
const CheckInScreen = lazy(() =>
  import(/* webpackChunkName: "checkin" */ './screens/CheckInScreen').then((m) => ({
    default: m.CheckInScreen,
  })),
);
const HealthScreen = lazy(() =>
  import(/* webpackChunkName: "health" */ './screens/HealthScreen').then((m) => ({
    default: m.HealthScreen,
  })),
);

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tabs: { flexWrap: 'wrap' },
  main: { padding: tokens.spacingHorizontalM, flexGrow: 1 },
});

export interface AppProps {
  actions: TaskpaneActions;
  lang: Lang;
  dark: boolean;
  /** The task pane's "today" (injected so tests and screenshots are repeatable). */
  today: () => Date;
  /** Extra content above the tabs (the standalone page puts nothing here; kept for hosts that need it). */
  banner?: ReactNode;
  /** The screen to open on (the Sheets menu opens the sidebar on the screen its item names). Home when omitted. */
  initialScreen?: Screen;
}

/** The task pane: Home, the SMART wizard, the cascade, check-ins and register health. */
export function App({ actions, lang, dark, today, banner, initialScreen }: AppProps) {
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ height: '100%' }}>
      <LangProvider lang={lang}>
        <Pane actions={actions} today={today} banner={banner} initialScreen={initialScreen} />
      </LangProvider>
    </FluentProvider>
  );
}

function Pane({
  actions,
  today,
  banner,
  initialScreen,
}: Pick<AppProps, 'actions' | 'today' | 'banner' | 'initialScreen'>) {
  const { t } = useText();
  const styles = useStyles();
  const [screen, setScreen] = useState<Screen>(initialScreen ?? 'home');
  return (
    <div className={styles.pane} data-screen={screen}>
      <div className={styles.header}>
        <h1 className={styles.title}>{t('app.title')}</h1>
        {banner}
        <nav aria-label={t('app.nav')}>
          <TabList
            className={styles.tabs}
            size="small"
            selectedValue={screen}
            onTabSelect={(_, data) => setScreen(data.value as Screen)}
          >
            {SCREENS.map((name) => (
              <Tab key={name} value={name}>
                {t(`nav.${name}`)}
              </Tab>
            ))}
          </TabList>
        </nav>
      </div>
      <main className={styles.main}>
        <Suspense fallback={<Spinner size="small" label={t('common.loading')} />}>
          {screen === 'home' && <Home actions={actions} today={today} onNavigate={setScreen} />}
          {screen === 'wizard' && <Wizard actions={actions} today={today} />}
          {screen === 'cascade' && <CascadeScreen actions={actions} />}
          {screen === 'checkin' && <CheckInScreen actions={actions} today={today} />}
          {screen === 'health' && <HealthScreen actions={actions} today={today} />}
        </Suspense>
      </main>
    </div>
  );
}
