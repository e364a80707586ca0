import type { Page } from 'playwright-core';
import { startServer, type StartedServer } from '../helpers/start-server';
import { hasChromium, launch, mustRun, type RunningBrowser } from './browser';

/**
 * The pages `npm start` serves, loaded the way Office loads them. Inside a host, Office opens the task
 * pane (and, in Excel on the web, the functions page) with a `_host_Info` query parameter; office.js reads
 * it (`_retrieveHostInfo` in node_modules/@microsoft/office-js/dist/office.debug.js) and then loads, from
 * the folder it was itself loaded from (`LoadScriptHelper.getOfficeJsBasePath`), the host's file
 * (`<host>-<platform>-<version>.js`, e.g. excel-win32-16.01.js) and `<locale>/office_strings.js`
 * (`initialize` → `loadLocaleStrings`). A missing one stops `Office.onReady` from ever reporting Excel.
 * So every page is opened with the parameter exactly as Office passes it, and no request may fail or
 * leave this machine.
 */

// office.js has no zh-hk strings: OSF.getSupportedLocale falls back through OSF.AssociatedLocales (zh → zh-cn).
const HOSTS = [
  {
    info: 'Excel$Win32$16.01$en-US$$$$0',
    hostFile: 'excel-win32-16.01.js',
    strings: 'en-us/office_strings.js',
  },
  { info: 'Excel$Web$16.00$zh-HK$$$$0', hostFile: 'excel-web-16.00.js', strings: 'zh-cn/office_strings.js' },
  { info: 'Excel$Mac$16.00$en-US$$$$0', hostFile: 'excel-mac-16.00.js', strings: 'en-us/office_strings.js' },
] as const;
const PAGES = ['taskpane.html', 'functions.html'] as const;

/**
 * The host file a page's Office script asks for: office.js loads the full one, custom-functions-runtime.js
 * the `-core` one (its `OSF.ConstantNames.HostFileScriptSuffix`).
 */
const hostFileOf = (path: (typeof PAGES)[number], host: (typeof HOSTS)[number]) =>
  path === 'taskpane.html' ? host.hostFile : host.hostFile.replace(/\.js$/, '-core.js');

const describeBrowser = hasChromium || mustRun ? describe : describe.skip;

let server: StartedServer;
let browser: RunningBrowser;

interface Load {
  requested: string[];
  failed: string[];
  outside: string[];
}

/** Opens a page as Office would and records every request until office.js has loaded what it needs. */
async function openAsOffice(path: (typeof PAGES)[number], host: (typeof HOSTS)[number]): Promise<Load> {
  const page: Page = await browser.context.newPage();
  const load: Load = { requested: [], failed: [], outside: [] };
  const local = new RegExp(`^${server.origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  // Nothing may leave this machine: such a request is stopped and recorded.
  await page.route(
    (url) => !local.test(url.href) && !/^(data|blob):/.test(url.href),
    async (route) => {
      load.outside.push(route.request().url());
      await route.abort();
    },
  );
  const settled = new Map<string, () => void>();
  const wait = (suffix: string) =>
    new Promise<void>((resolve) => settled.set(suffix, resolve)).then(() => undefined);
  const done = (url: string) => {
    for (const [suffix, resolve] of settled) if (url.endsWith(suffix)) resolve();
  };
  page.on('request', (request) => load.requested.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) load.failed.push(`${response.status()} ${response.url()}`);
    done(response.url());
  });
  page.on('requestfailed', (request) => {
    if (!load.outside.includes(request.url()))
      load.failed.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`);
    done(request.url());
  });
  const loaded = [wait(hostFileOf(path, host)), wait(host.strings)];
  await page.goto(`${server.origin}/${path}?_host_Info=${encodeURIComponent(host.info)}`);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 15_000)));
  await Promise.race([Promise.all(loaded), timeout]);
  clearTimeout(timer);
  // office.js may load more (its telemetry sink) once the host file runs; give it a moment.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.close();
  return load;
}

describeBrowser('npm start, with the pages opened the way Office opens them', () => {
  beforeAll(async () => {
    server = await startServer('Upload My Add-in');
    browser = await launch({ ignoreHTTPSErrors: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const host of HOSTS) {
    for (const path of PAGES) {
      it(`${path} with _host_Info=${host.info}: every request succeeds, all on localhost`, async () => {
        const load = await openAsOffice(path, host);
        // The Office script did what it does inside Excel: asked for the host's file and the strings.
        const script = path === 'taskpane.html' ? 'office.js' : 'custom-functions-runtime.js';
        for (const file of [script, hostFileOf(path, host), host.strings])
          expect({
            file,
            requested: load.requested.some((url) => url.endsWith(`/office-js/${file}`)),
          }).toEqual({
            file,
            requested: true,
          });
        expect({ failed: load.failed, outside: load.outside }).toEqual({ failed: [], outside: [] });
      }, 60_000);
    }
  }
});
