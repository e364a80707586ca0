/**
 * Worksheet functions benchmark: what a finance user feels when a column of 100,000 KPIs recalculates.
 * - SCORE over 100,000-cell ranges against a bare JavaScript loop computing the same formula on the
 *   same arrays in the same run (goal: at most 3× the bare loop);
 * - ROLLUP over 100,000 scores;
 * - SMARTCHECK texts per second over the mixed English / zh-HK corpus (goal: ≥ 20,000/s);
 * - the gzip size of the built dist/functions.js (what Excel downloads).
 * Each timing is the median of several runs after a warm-up, so one busy moment does not decide it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROLLUP, SCORE, SMARTCHECK } from '../src/core/functions';
import type { Cell } from '../src/core/values';

interface Context {
  root: string;
  quick: boolean;
  log: (text: string) => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const elapsed = (fn: () => unknown): number => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** Median milliseconds of `runs` timed calls after two warm-up calls. */
function time(fn: () => unknown, runs: number): number {
  fn();
  fn();
  return median(Array.from({ length: runs }, () => elapsed(fn)));
}

/**
 * Median milliseconds of two functions timed in alternation, so that garbage collection and a busy
 * machine weigh on both alike (a ratio of two separate series drifts with the load).
 */
function timePair(first: () => unknown, second: () => unknown, runs: number): [number, number] {
  first();
  second();
  first();
  second();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(elapsed(first));
    b.push(elapsed(second));
  }
  return [median(a), median(b)];
}

/** A seeded generator, so every run measures the same arrays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const column = (values: number[]): Cell[][] => values.map((value) => [value]);

export default {
  title: 'Worksheet functions (core, as Excel calls them)',
  async run({ root, quick, log }: Context) {
    const size = quick ? 20_000 : 100_000;
    const runs = quick ? 5 : 15;
    const next = random(42);
    const actual = Array.from({ length: size }, () => Math.round(next() * 2000));
    const target = Array.from({ length: size }, () => 500 + Math.round(next() * 1500));
    const baseline = Array.from({ length: size }, () => Math.round(next() * 400));
    const [actualRange, targetRange, baselineRange] = [column(actual), column(target), column(baseline)];
    const rows = [];

    log(`SCORE over ${size.toLocaleString('en-US')} cells…`);
    // The bare loops compute the same formulas on the same arrays (Excel's 2-D ranges in, a spilled 2-D
    // range out) with none of the checks: blanks, text, errors, polarity words, shapes.
    const [scoreRatio, bareRatio] = timePair(
      () => SCORE(actualRange, targetRange),
      () => {
        const out = new Array<number[]>(size);
        for (let i = 0; i < size; i++)
          out[i] = [Math.max(0, (actualRange[i][0] as number) / (targetRange[i][0] as number))];
        return out;
      },
      runs,
    );
    const [scoreBaseline, bareBaseline] = timePair(
      () => SCORE(actualRange, targetRange, baselineRange),
      () => {
        const out = new Array<number>(size);
        for (let i = 0; i < size; i++)
          out[i] = Math.max(0, (actual[i] - baseline[i]) / (target[i] - baseline[i]));
        return out;
      },
      runs,
    );
    for (const [name, core, bare] of [
      ['SCORE(actual, target)', scoreRatio, bareRatio],
      ['SCORE(actual, target, baseline)', scoreBaseline, bareBaseline],
    ] as const) {
      const ratio = core / Math.max(bare, 0.001);
      rows.push({
        case: `${name} × ${size.toLocaleString('en-US')}`,
        metrics: { 'core ms': core, 'bare loop ms': bare, 'ratio ×': ratio },
        goal: '≤ 3× bare loop',
        pass: ratio <= 3,
      });
    }

    log('ROLLUP…');
    const scores = column(Array.from({ length: size }, () => next() * 1.5));
    const weights = column(Array.from({ length: size }, () => next()));
    rows.push({
      case: `ROLLUP(scores, weights) × ${size.toLocaleString('en-US')}`,
      metrics: { 'core ms': time(() => ROLLUP(scores, weights), runs) },
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
    const smartMs = time(() => {
      for (let pass = 0; pass < passes; pass++) {
        for (const [text, t, unit, deadline, parent, base] of args)
          SMARTCHECK(text, t, unit, deadline, parent, base);
      }
    }, runs);
    const perSecond = (passes * corpus.length) / (smartMs / 1000);
    const chinese = corpus.filter((item) => /[\u3400-\u9fff]/.test(item.text)).length;
    rows.push({
      case: `SMARTCHECK, ${corpus.length} texts (${chinese} zh-HK) × ${passes}`,
      metrics: { 'texts/s': Math.round(perSecond) },
      goal: '≥ 20,000/s',
      pass: perSecond >= 20_000,
    });

    const bundle = join(root, 'dist/functions.js');
    if (!existsSync(bundle)) {
      log('building dist/functions.js…');
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'],
        {
          cwd: root,
          stdio: 'ignore',
        },
      );
    }
    const code = readFileSync(bundle);
    rows.push({
      case: 'dist/functions.js',
      metrics: { KB: code.length / 1024, 'gzip KB': gzipSync(code, { level: 9 }).length / 1024 },
    });
    return rows;
  },
};
