#!/usr/bin/env node
/**
 * `npm run bench [-- [filter…] [--quick] [--strict]]`: runs every benchmark section in bench/, in file
 * name order (`bench/10-register.bench.js`, `bench/20-functions.bench.ts`, …), prints one table per
 * section and writes everything to bench/results.json (gitignored).
 *
 * A section is a module exporting `{ title, run(context) }`; `run` resolves to rows of
 * `{ case, metrics: { name: number | string }, goal?: string, pass?: boolean, note?: string }`.
 * `.ts` sections are loaded through ts-node (transpile only). See bench/README.md.
 *
 *   filter   run only the sections whose file name contains one of the words
 *   --quick  smaller sizes, for a smoke run (each section decides what that means)
 *   --strict exit 1 when a row misses its goal (a section that throws always exits 1)
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BENCH = path.join(ROOT, 'bench');
const RESULTS = path.join(BENCH, 'results.json');

function parseArgs(argv) {
  const flags = new Set(argv.filter((arg) => arg.startsWith('--')));
  return {
    filters: argv.filter((arg) => !arg.startsWith('--')),
    quick: flags.has('--quick'),
    strict: flags.has('--strict'),
  };
}

/** The previous results' sections that this run did not measure again, followed by this run's. */
function mergeResults(results) {
  let previous = [];
  try {
    previous = JSON.parse(fs.readFileSync(RESULTS, 'utf8')).sections ?? [];
  } catch {
    // no previous results
  }
  const fresh = new Set(results.sections.map((section) => section.file));
  const kept = previous.filter((section) => !fresh.has(section.file));
  const sections = [...kept, ...results.sections].sort((a, b) => a.file.localeCompare(b.file));
  return { ...results, sections };
}

function sections(filters) {
  if (!fs.existsSync(BENCH)) return [];
  return fs
    .readdirSync(BENCH)
    .filter((file) => /\.bench\.(js|ts)$/.test(file))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort()
    .map((file) => path.join(BENCH, file));
}

let tsReady = false;
function load(file) {
  if (file.endsWith('.ts') && !tsReady) {
    require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
    tsReady = true;
  }
  const loaded = require(file);
  const section = loaded && loaded.default ? loaded.default : loaded;
  if (!section || typeof section.run !== 'function') throw new Error(`${file} exports no run(context)`);
  return section;
}

/** Display width: CJK characters take two columns. */
const width = (text) =>
  [...text].reduce((sum, ch) => sum + (/[\u2e80-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
const pad = (text, size, right) => {
  const gap = ' '.repeat(Math.max(0, size - width(text)));
  return right ? gap + text : text + gap;
};

function formatValue(value) {
  if (typeof value !== 'number') return String(value ?? '');
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
}

/** One table: the case, each metric (in first-seen order), the goal and whether it was met. */
function table(rows) {
  const metrics = [];
  for (const row of rows)
    for (const name of Object.keys(row.metrics ?? {})) if (!metrics.includes(name)) metrics.push(name);
  const hasGoal = rows.some((row) => row.goal !== undefined || row.pass !== undefined);
  const header = ['case', ...metrics, ...(hasGoal ? ['goal', 'met'] : [])];
  const lines = rows.map((row) => [
    String(row.case),
    ...metrics.map((name) => formatValue(row.metrics?.[name])),
    ...(hasGoal ? [row.goal ?? '', row.pass === undefined ? '' : row.pass ? 'yes' : 'NO'] : []),
  ]);
  const sizes = header.map((title, i) => Math.max(width(title), ...lines.map((line) => width(line[i]))));
  const numeric = header.map((_, i) => i > 0 && i <= metrics.length);
  const render = (cells) =>
    cells
      .map((cell, i) => pad(cell, sizes[i], numeric[i]))
      .join('  ')
      .trimEnd();
  return [render(header), render(sizes.map((size) => '-'.repeat(size))), ...lines.map(render)].join('\n');
}

/** The 1, 5 and 15-minute load averages: timings on a busy machine are slower and noisier. */
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');

function cpuModel() {
  const cpus = os.cpus();
  return cpus.length ? `${cpus.length} × ${cpus[0].model.trim()}` : 'unknown';
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const files = sections(options.filters);
  if (files.length === 0) {
    console.error(
      `No benchmark sections in bench/${options.filters.length ? ` matching ${options.filters.join(', ')}` : ''}.`,
    );
    process.exit(1);
  }
  // Sections may run the compiled command-line code in child processes: compile it once, up front.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: cpuModel(),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    quick: options.quick,
    sections: [],
  };
  results.loadBefore = loadAverage();
  console.log(
    `KPI Register benchmarks · node ${process.version} · ${results.cpus} · ${results.memory} · ` +
      `load average ${results.loadBefore} (1/5/15 min; above ${os.cpus().length} the machine is busy)\n`,
  );

  let failed = false;
  for (const file of files) {
    const name = path.relative(ROOT, file);
    const entry = { file: name, title: name, rows: [] };
    results.sections.push(entry);
    try {
      const section = load(file);
      entry.title = section.title ?? name;
      console.log(`== ${entry.title} (${name})`);
      const log = (text) => process.stderr.write(`   ${text}\n`);
      entry.rows = (await section.run({ root: ROOT, quick: options.quick, log })) ?? [];
      console.log(table(entry.rows));
      for (const row of entry.rows) if (row.note) console.log(`   ${row.case}: ${row.note}`);
      if (entry.rows.some((row) => row.pass === false)) {
        entry.missed = true;
        if (options.strict) failed = true;
      }
    } catch (error) {
      entry.error = error && error.stack ? error.stack : String(error);
      console.log(`   failed: ${error && error.message ? error.message : error}`);
      failed = true;
    }
    console.log('');
    // Written after every section, so a long run that is stopped keeps what it measured; a filtered run
    // keeps the other sections of the previous results (each section carries its own date).
    entry.date = new Date().toISOString();
    fs.writeFileSync(RESULTS, `${JSON.stringify(mergeResults(results), null, 2)}\n`);
  }
  results.loadAfter = loadAverage();
  fs.writeFileSync(RESULTS, `${JSON.stringify(mergeResults(results), null, 2)}\n`);
  console.log(`Load average at the end: ${results.loadAfter}`);
  console.log(`Results: ${path.relative(process.cwd(), RESULTS)}`);
  if (failed) console.log(options.strict ? 'A goal was missed (--strict): exit 1.' : 'A section failed: exit 1.');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
