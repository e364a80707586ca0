/**
 * Task pane benchmark: what a user downloads and waits for.
 * - the gzip size of the task pane's initial JavaScript, inside Excel and on the standalone page (the
 *   entry plus the chunks the first screen needs; goal ≤ 150 KB, aim ≤ 120 KB). The actions (register
 *   reader and builder, health rules, host adapter), exceljs and the other screens load lazily and are
 *   reported apart; office.js is Microsoft's (from its CDN in production) and not counted;
 * - what each package and source folder adds to the initial JavaScript: webpack's own stats are saved to
 *   bench/taskpane-stats.json and the largest entries printed (sizes before minification, as webpack
 *   reports them);
 * - the time to first render in headless Chromium (served from 127.0.0.1), min / median / max of five
 *   loads: the standalone page (tabs on screen; the sample register built and shown on Home), and the
 *   Excel pane over a fake host (office.js replaced by a script whose Office.onReady reports Excel, as
 *   the real one does inside Excel: src/taskpane/host.ts; there is no workbook behind it, so only the
 *   tabs are timed).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import webpack from 'webpack';
import { hasChromium, launch } from '../test/e2e/browser';
import { serveFolder } from '../test/e2e/server';

interface Context {
  root: string;
  quick: boolean;
  log: (text: string) => void;
}

interface Row {
  case: string;
  metrics: Record<string, number | string>;
  goal?: string;
  pass?: boolean;
  note?: string;
}

const BUDGET_KB = 150;
const AIM_KB = 120;

async function build(root: string, outDir: string): Promise<webpack.StatsCompilation> {
  rmSync(outDir, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configs = require(join(root, 'webpack.config.js'))(
    { only: 'taskpane', officeJs: 'local', outDir },
    { mode: 'production' },
  ) as webpack.Configuration[];
  const stats = await new Promise<webpack.MultiStats>((done, fail) =>
    webpack(configs, (error, result) => (error || !result ? fail(error) : done(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return stats.stats[0].toJson({
    all: false,
    assets: true,
    chunkGroups: true,
    entrypoints: true,
    chunks: true,
    ids: true,
    modules: true,
    nestedModules: true,
  });
}

const jsOf = (group: webpack.StatsChunkGroup | undefined) =>
  (group?.assets ?? []).map((asset) => asset.name).filter((name) => name.endsWith('.js'));

function gzipKb(outDir: string, files: readonly string[]): number {
  const bytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length,
    0,
  );
  return Math.round(bytes / 102.4) / 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) =>
  [Math.min(...values), median(values), Math.max(...values)].map((v) => Math.round(v)).join(' / ');

/** A package (node_modules) or a source folder, for the per-module table. */
function owner(name: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name);
  if (inPackage) return inPackage[1];
  const source = /\.\/(src\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(name);
  return source ? source[1] : name;
}

/** Bytes (before minification) each package or folder adds to the given chunks. */
function sizesByOwner(stats: webpack.StatsCompilation, chunks: ReadonlySet<string | number>) {
  const sizes = new Map<string, number>();
  const visit = (modules: readonly webpack.StatsModule[] | undefined, inInitial: boolean) => {
    for (const module of modules ?? []) {
      const initial = inInitial || (module.chunks ?? []).some((id) => chunks.has(id));
      if (!initial) continue;
      if (module.modules?.length) {
        visit(module.modules, true);
        continue;
      }
      const name = owner(module.name ?? '');
      sizes.set(name, (sizes.get(name) ?? 0) + (module.size ?? 0));
    }
  };
  visit(stats.modules, false);
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** A fake Office for the Excel pane: onReady reports Excel, as office.js does inside Excel. */
const FAKE_OFFICE = `window.Office = {
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }),
  context: {
    displayLanguage: 'en-US',
    officeTheme: { bodyBackgroundColor: '#ffffff' },
    requirements: { isSetSupported: () => true },
  },
};
window.Excel = { run: () => Promise.reject(new Error('The benchmark host has no workbook.')) };`;

async function firstRender(outDir: string, runs: number) {
  const server = await serveFolder(outDir);
  const browser = await launch();
  const shell: number[] = [];
  const ready: number[] = [];
  const excel: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/taskpane.html?lang=en&theme=light&today=2026-05-15`);
      await page.getByRole('tab', { name: 'Home' }).waitFor();
      shell.push(await page.evaluate(() => performance.now()));
      await page.getByText('This workbook is a KPI register.').waitFor();
      ready.push(await page.evaluate(() => performance.now()));
      await page.close();

      const pane = await browser.context.newPage();
      await pane.route(/office-js\/office\.js$/, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: FAKE_OFFICE }),
      );
      await pane.goto(`${server.origin}/taskpane.html`);
      await pane.getByRole('tab', { name: 'Home' }).waitFor();
      excel.push(await pane.evaluate(() => performance.now()));
      await pane.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { shell, ready, excel };
}

export default {
  title: 'Task pane: initial download and first render',
  async run({ root, quick, log }: Context): Promise<Row[]> {
    const outDir = join(root, 'test/.out/taskpane-bench');
    log('building the task pane (production)…');
    const stats = await build(root, outDir);
    writeFileSync(join(root, 'bench/taskpane-stats.json'), JSON.stringify(stats));
    const entry = jsOf(stats.entrypoints?.taskpane);
    const groups = stats.namedChunkGroups ?? {};
    const inExcel = [...new Set([...entry, ...jsOf(groups.excel)])];
    const standalone = [...new Set([...entry, ...jsOf(groups.standalone)])];
    const lazy = (name: string) =>
      jsOf(groups[name]).filter((file) => !standalone.includes(file) && !inExcel.includes(file));
    const kb = { excel: gzipKb(outDir, inExcel), standalone: gzipKb(outDir, standalone) };
    const goal = `≤ ${BUDGET_KB} KB (aim ≤ ${AIM_KB})`;
    const rows: Row[] = [
      {
        case: 'initial JS in Excel',
        metrics: { 'gzip KB': kb.excel, files: inExcel.length },
        goal,
        pass: kb.excel <= BUDGET_KB,
      },
      {
        case: 'initial JS, standalone page',
        metrics: { 'gzip KB': kb.standalone, files: standalone.length },
        goal,
        pass: kb.standalone <= BUDGET_KB,
      },
      ...['home', 'actions', 'wizard', 'cascade', 'checkin', 'health', 'adopt', 'xlsx'].map((name): Row => ({
        case: `lazy: ${name === 'xlsx' ? 'xlsx (exceljs)' : name === 'actions' ? 'actions (register code)' : `${name} screen`}`,
        metrics: { 'gzip KB': gzipKb(outDir, lazy(name)), files: lazy(name).length },
      })),
    ];
    const office = join(outDir, 'office-js/office.js');
    if (existsSync(office)) {
      rows.push({
        case: 'office.js (Microsoft, not counted)',
        metrics: { 'gzip KB': gzipKb(outDir, ['office-js/office.js']), files: 1 },
      });
    }
    // Home shows nothing but a spinner until the workbook's status is back (the actions' chunk): both load
    // at once, beside the frame. What the user downloads before Home shows its content, for the record.
    const homeReady = [...new Set([...inExcel, ...jsOf(groups.home), ...jsOf(groups.actions)])];
    rows.push({
      case: 'Home ready in Excel (initial + Home + actions)',
      metrics: { 'gzip KB': gzipKb(outDir, homeReady), files: homeReady.length },
    });
    // What each package and folder adds to the initial JavaScript in Excel (the larger of the two).
    const initialChunks = new Set<string | number>(
      [stats.entrypoints?.taskpane, groups.excel].flatMap((group) => group?.chunks ?? []),
    );
    for (const [name, bytes] of sizesByOwner(stats, initialChunks).slice(0, quick ? 8 : 15)) {
      rows.push({
        case: `  in Excel's initial JS: ${name}`,
        metrics: { 'source KB': Math.round(bytes / 102.4) / 10 },
      });
    }
    if (!hasChromium) {
      rows.push({ case: 'first render (standalone)', metrics: {}, note: 'skipped: no /usr/bin/chromium' });
      return rows;
    }
    log('loading the standalone page and the Excel pane in headless Chromium…');
    const time = await firstRender(outDir, 5);
    rows.push(
      {
        case: 'first render, standalone page',
        metrics: { 'tabs ms': spread(time.shell), 'register shown ms': spread(time.ready) },
        note: 'min / median / max of 5; "register shown" includes building the sample register in the page',
      },
      {
        case: 'first render, Excel pane (fake host)',
        metrics: { 'tabs ms': spread(time.excel) },
        note: 'min / median / max of 5; office.js replaced by a fake whose onReady reports Excel',
      },
    );
    return rows;
  },
};
