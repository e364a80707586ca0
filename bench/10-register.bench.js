/**
 * Register benchmark: `kpi-register init` (open through the file host, adopt, build with twelve
 * check-ins per KPI, save through the file host) on generated KPI workbooks of 1,000, 10,000 and
 * 20,000 KPIs. Each size runs in its own process so that its peak memory (maxRSS) is its own.
 * Goal: 10,000 KPIs in under 10 s and 1 GB; 20,000 take at most 2.3× as long as 10,000.
 */
const { execFile } = require('node:child_process');
const { mkdirSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeKpiWorkbook } = require('./register/generate');

const CHILD = path.join(__dirname, 'register', 'init-child.js');
const GOAL_SECONDS = 10;
const GOAL_MB = 1024;
const GOAL_GROWTH = 2.3;

function runChild(input, output) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, input, output], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${path.basename(input)}: ${stderr.trim().split('\n')[0] || error.message}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

const fmt = (n) => n.toLocaleString('en-US');

module.exports = {
  title: 'Register: init (adopt + build + save through the file host)',
  async run({ quick, log }) {
    const sizes = quick ? [200, 1000, 2000] : [1000, 10000, 20000];
    const [, middle, largest] = sizes;
    const dir = path.join(os.tmpdir(), 'kpi-register-bench');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const measured = new Map();
    const rows = [];
    try {
      for (const size of sizes) {
        const input = path.join(dir, `kpis-${size}.xlsx`);
        log(`generating ${fmt(size)} KPIs…`);
        await writeKpiWorkbook(input, size);
        log(`init on ${fmt(size)} KPIs…`);
        const load = os.loadavg()[0];
        const result = await runChild(input, path.join(dir, `kpis-${size}.register.xlsx`));
        measured.set(size, result);
        const row = {
          case: `${fmt(size)} KPIs`,
          metrics: {
            'check-ins': result.checkIns,
            'open s': result.times.open,
            'adopt s': result.times.adopt,
            'build s': result.times.build,
            'save s': result.times.save,
            'total s': result.total,
            'CPU s': Object.values(result.cpu).reduce((a, b) => a + b, 0),
            'peak MB': result.maxRssMB,
          },
          stages: result.stages,
          cpu: result.cpu,
          load,
        };
        if (size === middle) {
          row.goal = `< ${GOAL_SECONDS} s, < ${GOAL_MB} MB`;
          row.pass = result.total < GOAL_SECONDS && result.maxRssMB < GOAL_MB;
        }
        if (load > os.cpus().length && !rows.some((other) => other.note)) {
          row.note = `machine busy (load ${load.toFixed(1)} on ${os.cpus().length} CPUs): wall times are inflated; CPU s is steadier`;
        }
        rows.push(row);
      }
      const big = measured.get(largest);
      const mid = measured.get(middle);
      const growth = big.total / mid.total;
      rows.push({
        case: `growth ${fmt(largest)}/${fmt(middle)}`,
        metrics: {
          'total s': growth,
          'CPU s': sum(big.cpu) / sum(mid.cpu),
          'peak MB': big.maxRssMB / mid.maxRssMB,
        },
        goal: `time ≤ ${GOAL_GROWTH}×`,
        pass: growth <= GOAL_GROWTH,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

const sum = (record) => Object.values(record).reduce((a, b) => a + b, 0);
