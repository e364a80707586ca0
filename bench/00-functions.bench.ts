/**
 * Worksheet functions benchmark: what a finance user feels when a column of 100,000 KPIs recalculates.
 * - the BUILT dist/functions.js (built afresh here), loaded into a bare context whose only host global is
 *   CustomFunctions (test/functions/excel-runtime.ts), its functions taken from CustomFunctions.associate
 *   and called with arguments shaped as Excel passes them: a range is a 2-D array of rows (`number[][]`),
 *   an omitted optional argument is `null` (learn.microsoft.com/office/dev/add-ins/excel/
 *   custom-functions-parameter-options, "Optional parameters"), a blank cell in a range is `null`
 *   (every parameter is `any`, so Excel converts nothing: docs/functions.md). Each is timed against a
 *   bare JavaScript loop computing the same formula on the same arrays and writing the same 2-D result,
 *   in alternation in one run. Goals: SCORE(actual, target, baseline) ≤ 3× the bare loop (aim 1.5×);
 * - the same calls to the core (src/core/functions.ts) alone. Goal ≤ 2×;
 * - STATUS, CHANGE, PACE, NEXTREVIEW and ROLLUP through the wrapper over the same columns;
 * - SMARTCHECK texts per second over the mixed English / zh-HK corpus (goal: ≥ 20,000/s);
 * - the size of dist/functions.js, raw and gzip (what Excel downloads).
 * Every timing is shown as min / median / max of its runs (at least 5) after warm-up calls; a ratio is
 * the median of the ratios of the pairs timed back to back, so a busy moment weighs on both sides alike.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SCORE, SMARTCHECK } from '../src/core/functions';
import type { Cell } from '../src/core/values';
import { loadInExcelRuntime } from '../test/functions/excel-runtime';

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

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** min / median / max, the run's noise at a glance. */
export const spread = (values: readonly number[], digits = 1) =>
  [Math.min(...values), median(values), Math.max(...values)].map((v) => v.toFixed(digits)).join(' / ');

const elapsed = (fn: () => unknown): number => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** `runs` timings of each of two functions in alternation, after two warm-up calls of each. */
function timePair(first: () => unknown, second: () => unknown, runs: number) {
  for (let i = 0; i < 2; i++) {
    first();
    second();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(elapsed(first));
    b.push(elapsed(second));
  }
  return { a, b, ratio: median(a.map((value, i) => value / Math.max(b[i], 0.001))) };
}

function times(fn: () => unknown, runs: number): number[] {
  fn();
  fn();
  return Array.from({ length: runs }, () => elapsed(fn));
}

/** A seeded generator, so every run measures the same arrays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A range as Excel passes it: one array per row. */
const column = (values: readonly number[]): number[][] => values.map((value) => [value]);

export default {
  title: 'Worksheet functions: dist/functions.js as Excel calls it, and the core',
  async run({ root, quick, log }: Context): Promise<Row[]> {
    const size = quick ? 20_000 : 100_000;
    const runs = quick ? 5 : 15;
    const label = size.toLocaleString('en-US');
    const rows: Row[] = [];

    // Built afresh, exactly as `npm run build` builds it, so a stale bundle is never what is timed.
    log('building dist/functions.js (production)…');
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', 'only=functions'],
      { cwd: root, stdio: 'ignore' },
    );
    const code = readFileSync(join(root, 'dist/functions.js'));
    const excel = loadInExcelRuntime(code.toString('utf8'), { plainGlobals: true });
    const fn = (id: string) => {
      const found = excel.get(id);
      if (!found) throw new Error(`dist/functions.js associates no ${id}`);
      return found;
    };

    const next = random(42);
    const actual = column(Array.from({ length: size }, () => Math.round(next() * 2000)));
    const target = column(Array.from({ length: size }, () => 500 + Math.round(next() * 1500)));
    const baseline = column(Array.from({ length: size }, () => Math.round(next() * 400)));

    // The bare loops: the same formula on the same 2-D arrays, a 2-D result, none of the checks (blanks,
    // text, errors, polarity words, shapes, floating-point tidying).
    const bareRatio = () => {
      const out = new Array<number[]>(size);
      for (let i = 0; i < size; i++) out[i] = [Math.max(0, actual[i][0] / target[i][0])];
      return out;
    };
    const bareBaseline = () => {
      const out = new Array<number[]>(size);
      for (let i = 0; i < size; i++) {
        const b = baseline[i][0];
        out[i] = [Math.max(0, (actual[i][0] - b) / (target[i][0] - b))];
      }
      return out;
    };

    const compare = (
      name: string,
      call: () => unknown,
      bare: () => unknown,
      goal?: { limit: number; aim?: number },
    ): Row => {
      const { a, b, ratio } = timePair(call, bare, runs);
      return {
        case: `${name} × ${label}`,
        metrics: { 'ms min / med / max': spread(a), 'bare loop ms': spread(b), 'ratio ×': ratio },
        ...(goal && {
          goal: `≤ ${goal.limit}×${goal.aim ? ` (aim ≤ ${goal.aim}×)` : ''}`,
          pass: ratio <= goal.limit,
        }),
      };
    };

    log(`SCORE through dist/functions.js over ${label} rows…`);
    const score = fn('SCORE');
    rows.push(
      compare(
        'Excel SCORE(actual, target, baseline)',
        () => score(actual, target, baseline, null, null),
        bareBaseline,
        {
          limit: 3,
          aim: 1.5,
        },
      ),
      compare('Excel SCORE(actual, target)', () => score(actual, target, null, null, null), bareRatio, {
        limit: 3,
        aim: 1.5,
      }),
    );
    log('SCORE in the core alone…');
    rows.push(
      compare('core SCORE(actual, target, baseline)', () => SCORE(actual, target, baseline), bareBaseline, {
        limit: 2,
      }),
      compare('core SCORE(actual, target)', () => SCORE(actual, target), bareRatio, { limit: 2 }),
    );

    log('the other functions that take ranges…');
    const scores = column(Array.from({ length: size }, () => next() * 1.5));
    const weights = column(Array.from({ length: size }, () => next()));
    const previous = column(Array.from({ length: size }, () => 1 + Math.round(next() * 2000)));
    const serial = (y: number, m: number, d: number) =>
      (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 864e5;
    const lastReview = column(
      Array.from({ length: size }, () => serial(2026, 1, 1) + Math.floor(next() * 365)),
    );
    const [start, end, asOf] = [[[serial(2026, 1, 1)]], [[serial(2026, 12, 31)]], [[serial(2026, 7, 1)]]];
    const status = fn('STATUS');
    const change = fn('CHANGE');
    const pace = fn('PACE');
    const nextreview = fn('NEXTREVIEW');
    const rollup = fn('ROLLUP');
    rows.push(
      compare(
        'Excel STATUS(scores)',
        () => status(scores, null, null, null),
        () => {
          const out = new Array<string[]>(size);
          for (let i = 0; i < size; i++) {
            const s = scores[i][0];
            out[i] = [s >= 1 ? 'GREEN' : s >= 0.9 ? 'AMBER' : 'RED'];
          }
          return out;
        },
      ),
      compare(
        'Excel CHANGE(current, previous)',
        () => change(actual, previous),
        () => {
          const out = new Array<number[]>(size);
          for (let i = 0; i < size; i++) {
            const p = previous[i][0];
            out[i] = [(actual[i][0] - p) / Math.abs(p)];
          }
          return out;
        },
      ),
      compare(
        'Excel PACE(actual, target, start, end, as_of)',
        () => pace(actual, target, start, end, asOf, null),
        () => {
          const [s, e, o] = [start[0][0], end[0][0], asOf[0][0]];
          const out = new Array<number[]>(size);
          for (let i = 0; i < size; i++) out[i] = [actual[i][0] / ((target[i][0] * (o - s)) / (e - s))];
          return out;
        },
      ),
      compare(
        'Excel ROLLUP(scores, weights)',
        () => rollup(scores, weights, null),
        () => {
          let sum = 0;
          let total = 0;
          for (let i = 0; i < size; i++) {
            sum += scores[i][0] * weights[i][0];
            total += weights[i][0];
          }
          return [[sum / total]];
        },
      ),
    );
    const reviews = times(() => nextreview(lastReview, [['monthly']]), runs);
    rows.push({
      case: `Excel NEXTREVIEW(last_review, "monthly") × ${label}`,
      metrics: { 'ms min / med / max': spread(reviews) },
      note: 'calendar months through date-fns per row; no bare loop (a month is not a fixed number of days)',
    });

    log('SMARTCHECK…');
    const corpus = JSON.parse(readFileSync(join(root, 'test/fixtures/smart-corpus.json'), 'utf8')) as {
      text: string;
      target?: number;
      unit?: string;
      deadline?: string | number;
      parent?: string;
      baseline?: number;
    }[];
    // One cell per argument, as Excel passes a single-cell argument ([[value]]).
    const args = corpus.map((item) =>
      [item.text, item.target, item.unit, item.deadline, item.parent, item.baseline].map((value) => [
        [value ?? null],
      ]),
    ) as Cell[][][][];
    // One call per text, as Excel calls a column of =KPI.SMARTCHECK(A2) formulas.
    const passes = quick ? 10 : 40;
    const smartMs = times(
      () => {
        for (let pass = 0; pass < passes; pass++) {
          for (const [text, t, unit, deadline, parent, base] of args)
            SMARTCHECK(text, t, unit, deadline, parent, base);
        }
      },
      Math.max(5, Math.round(runs / 3)),
    );
    const perSecond = (passes * corpus.length) / (median(smartMs) / 1000);
    const chinese = corpus.filter((item) => /[\u3400-\u9fff]/.test(item.text)).length;
    rows.push({
      case: `SMARTCHECK, ${corpus.length} texts (${chinese} zh-HK) × ${passes}`,
      metrics: { 'ms min / med / max': spread(smartMs, 0), 'texts/s': Math.round(perSecond) },
      goal: '≥ 20,000/s',
      pass: perSecond >= 20_000,
    });

    rows.push({
      case: 'dist/functions.js',
      metrics: { KB: code.length / 1024, 'gzip KB': gzipSync(code, { level: 9 }).length / 1024 },
    });
    return rows;
  },
};
