/**
 * One `init` measured in a fresh process: open the workbook through the file host, adopt it, build the
 * register (with twelve months of check-ins per KPI), save it. Prints one JSON line: seconds per phase
 * and the process's peak resident memory (`process.resourceUsage().maxRSS`, which includes node itself).
 * Usage: node init-child.js <input.xlsx> <output.xlsx>
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const LIB = path.join(__dirname, '..', '..', 'lib');
const { FileWorkbook } = require(path.join(LIB, 'hosts', 'file'));
const { adoptWorkbook } = require(path.join(LIB, 'register', 'adopt'));
const { buildRegister } = require(path.join(LIB, 'register', 'build'));

const TODAY = new Date(2026, 4, 15);

/** Eleven earlier month ends before the adopted actual: the register gets twelve check-ins per KPI. */
function history(kpis) {
  const checkIns = [];
  for (let month = 11; month >= 1; month--) {
    const periodEnd = new Date(TODAY.getFullYear(), TODAY.getMonth() - month + 1, 0);
    for (const kpi of kpis) {
      if (kpi.actual === undefined) continue;
      const start = kpi.baseline ?? kpi.actual;
      checkIns.push({
        kpi_id: kpi.id,
        period_end: periodEnd,
        actual: start + ((kpi.actual - start) * (12 - month)) / 12,
        entered_by: kpi.owner,
        entered_at: new Date(periodEnd.getTime() + 3 * 86400000),
      });
    }
  }
  return checkIns;
}

async function main() {
  const [input, output] = process.argv.slice(2);
  const rssAtStart = process.memoryUsage().rss;
  const times = {};
  let mark = performance.now();
  const cpu = {};
  const peakAfter = {};
  let cpuMark = process.cpuUsage();
  const lap = (name) => {
    const now = performance.now();
    times[name] = (now - mark) / 1000;
    mark = now;
    const used = process.cpuUsage(cpuMark);
    cpu[name] = (used.user + used.system) / 1e6;
    cpuMark = process.cpuUsage();
    // Peak memory so far: tells which phase raised it (maxRSS only ever grows).
    peakAfter[name] = process.resourceUsage().maxRSS / 1024;
  };
  const stages = {};

  const workbook = await FileWorkbook.open(input);
  lap('open');
  const adopted = await adoptWorkbook(workbook, { lang: 'en', today: TODAY });
  lap('adopt');
  const checkIns = [...history(adopted.kpis), ...adopted.checkIns];
  mark = performance.now(); // making the test history is not part of init
  cpuMark = process.cpuUsage();
  let stageStart = performance.now();
  let previous;
  await buildRegister(
    workbook,
    { kpis: adopted.kpis, checkIns, extraColumns: adopted.extraColumns },
    {
      lang: 'en',
      today: TODAY,
      // Called as each stage starts: the time since the last call belongs to the stage before.
      onProgress: (stage) => {
        const now = performance.now();
        if (previous) stages[previous] = (now - stageStart) / 1000;
        previous = stage;
        stageStart = now;
      },
    },
  );
  if (previous) stages[previous] = (performance.now() - stageStart) / 1000;
  lap('build');
  await workbook.save(output);
  lap('save');
  const total = times.open + times.adopt + times.build + times.save;
  process.stdout.write(
    `${JSON.stringify({
      kpis: adopted.kpis.length,
      checkIns: checkIns.length,
      problems: adopted.problems.length,
      times,
      cpu,
      peakAfter,
      stages,
      total,
      rssAtStartMB: rssAtStart / 2 ** 20,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
