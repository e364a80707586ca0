/**
 * Task pane benchmark: what a user downloads and waits for.
 * - the gzip size of the task pane's initial JavaScript, inside Excel and on the standalone page (the
 *   entry plus the chunks the first screen needs; goal ≤ 300 KB). exceljs and the other screens load
 *   lazily and are reported apart; office.js is Microsoft's (from its CDN in production) and not counted;
 * - the time to first render of the standalone page in headless Chromium (served from 127.0.0.1): the
 *   task pane's tabs on screen, and the sample register built and shown on Home. Median of five loads.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
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

const BUDGET_KB = 300;

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
  return stats.stats[0].toJson({ all: false, assets: true, chunkGroups: true, entrypoints: true });
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

async function firstRender(outDir: string, runs: number) {
  const server = await serveFolder(outDir);
  const browser = await launch();
  const shell: number[] = [];
  const ready: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/taskpane.html?lang=en&theme=light&today=2026-05-15`);
      await page.getByRole('tab', { name: 'Home' }).waitFor();
      shell.push(await page.evaluate(() => performance.now()));
      await page.getByText('This workbook is a KPI register.').waitFor();
      ready.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { shell: Math.round(median(shell)), ready: Math.round(median(ready)) };
}

export default {
  title: 'Task pane: initial download and first render',
  async run({ root, quick, log }: Context): Promise<Row[]> {
    const outDir = join(root, 'test/.out/taskpane-bench');
    log('building the task pane (production)…');
    const stats = await build(root, outDir);
    const entry = jsOf(stats.entrypoints?.taskpane);
    const groups = stats.namedChunkGroups ?? {};
    const inExcel = [...new Set([...entry, ...jsOf(groups.excel)])];
    const standalone = [...new Set([...entry, ...jsOf(groups.standalone)])];
    const lazy = (name: string) =>
      jsOf(groups[name]).filter((file) => !standalone.includes(file) && !inExcel.includes(file));
    const rows: Row[] = [
      {
        case: 'initial JS in Excel',
        metrics: { 'gzip KB': gzipKb(outDir, inExcel), files: inExcel.length },
        goal: `≤ ${BUDGET_KB} KB`,
        pass: gzipKb(outDir, inExcel) <= BUDGET_KB,
      },
      {
        case: 'initial JS, standalone page',
        metrics: { 'gzip KB': gzipKb(outDir, standalone), files: standalone.length },
        goal: `≤ ${BUDGET_KB} KB`,
        pass: gzipKb(outDir, standalone) <= BUDGET_KB,
      },
      ...['wizard', 'cascade', 'checkin', 'health', 'adopt', 'xlsx'].map((name): Row => ({
        case: `lazy: ${name === 'xlsx' ? 'xlsx (exceljs)' : `${name} screen`}`,
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
    if (!hasChromium) {
      rows.push({ case: 'first render (standalone)', metrics: {}, note: 'skipped: no /usr/bin/chromium' });
      return rows;
    }
    log('loading the standalone page in headless Chromium…');
    const time = await firstRender(outDir, quick ? 2 : 5);
    rows.push({
      case: 'first render, standalone page',
      metrics: { 'tabs ms': time.shell, 'register shown ms': time.ready },
      note: 'median; "register shown" includes building the sample register in the page',
    });
    return rows;
  },
};
