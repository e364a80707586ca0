import * as ts from 'typescript';
import { SyncPromise, drainJobs, runSync } from '../../src/gas/syncPromise';

/**
 * SyncPromise stands in for Promise in Code.js, where TypeScript has lowered async/await to generators
 * (target ES2016) and webpack provides SyncPromise as `Promise`. These tests compile async code the
 * same way and check that it behaves as it does on native promises, only finished on the spot.
 */
type Scenario = (log: (entry: string) => void) => Promise<unknown>;

/** An async function's source, compiled as Code.js compiles it, with `Promise` bound to the given class. */
function compile(source: string, promise: unknown): Scenario {
  const js = ts.transpileModule(`module.exports = ${source};`, {
    compilerOptions: { target: ts.ScriptTarget.ES2016, module: ts.ModuleKind.CommonJS },
  }).outputText;
  const module = { exports: undefined as unknown };
  new Function('module', 'Promise', js)(module, promise);
  return module.exports as Scenario;
}

async function native(source: string): Promise<{ log: string[]; outcome: string }> {
  const log: string[] = [];
  let outcome: string;
  try {
    outcome = `fulfilled ${JSON.stringify(await compile(source, Promise)((entry) => log.push(entry)))}`;
  } catch (error) {
    outcome = `rejected ${(error as Error).message}`;
  }
  return { log, outcome };
}

function synchronous(source: string): { log: string[]; outcome: string } {
  const log: string[] = [];
  let outcome: string;
  try {
    outcome = `fulfilled ${JSON.stringify(runSync(() => compile(source, SyncPromise)((entry) => log.push(entry))))}`;
  } catch (error) {
    outcome = `rejected ${(error as Error).message}`;
  }
  return { log, outcome };
}

const SCENARIOS: Record<string, string> = {
  'awaits in sequence': `async (log) => {
    log('start');
    const a = await 1;
    log('a' + a);
    const b = await Promise.resolve(2);
    log('b' + b);
    return a + b;
  }`,
  'interleaves two async functions as native jobs do': `async (log) => {
    const one = (async () => { log('1a'); await null; log('1b'); await null; log('1c'); return 1; })();
    const two = (async () => { log('2a'); await null; log('2b'); return 2; })();
    log('both started');
    const results = await Promise.all([one, two]);
    log('all');
    return results;
  }`,
  'runs then-callbacks after the code that scheduled them': `async (log) => {
    const p = Promise.resolve('x');
    p.then((v) => log('then ' + v));
    log('after then');
    await p;
    log('after await');
    return 'done';
  }`,
  'adopts thenables': `async (log) => {
    const thenable = { then(resolve) { log('then called'); resolve(7); } };
    const value = await thenable;
    log('got ' + value);
    return value;
  }`,
  'propagates a rejection through try/catch/finally': `async (log) => {
    try {
      await Promise.reject(new Error('boom'));
      log('not here');
    } catch (e) {
      log('caught ' + e.message);
    } finally {
      log('finally');
    }
    return Promise.all([1, Promise.resolve(2), Promise.allSettled([Promise.reject(new Error('x'))]).then((r) => r[0].status)]);
  }`,
  'rejects when the function throws after awaiting': `async (log) => {
    await null;
    log('about to throw');
    throw new Error('failed after await');
  }`,
  races: `async (log) => {
    const slow = (async () => { await null; await null; return 'slow'; })();
    const fast = (async () => { await null; return 'fast'; })();
    const winner = await Promise.race([slow, fast]);
    log(winner);
    return winner;
  }`,
};

describe('SyncPromise', () => {
  it.each(Object.entries(SCENARIOS))(
    '%s: same order and outcome as native promises',
    async (_name, source) => {
      const expected = await native(source);
      expect(synchronous(source)).toEqual(expected);
    },
  );

  it('finishes ten thousand awaits without a deep stack', () => {
    const loop = compile(
      `async (log) => { let sum = 0; for (let i = 0; i < 10000; i++) sum += await Promise.resolve(i); return sum; }`,
      SyncPromise,
    );
    expect(runSync(() => loop(() => undefined))).toBe((9999 * 10000) / 2);
  });

  it('reports an action that waits for something other than a SyncPromise', () => {
    expect(() => runSync(() => new Promise((resolve) => setTimeout(resolve, 1)))).toThrow(/did not finish/);
    drainJobs();
  });

  it('returns plain values and throws plain errors', () => {
    expect(runSync(() => 5)).toBe(5);
    expect(() =>
      runSync(() => {
        throw new TypeError('bad');
      }),
    ).toThrow(TypeError);
  });

  it('cannot be resolved with itself, and settles once', () => {
    let resolveLater: (value: unknown) => void = () => undefined;
    const p = new SyncPromise<unknown>((resolve, reject) => {
      resolveLater = resolve;
      resolve(1);
      reject(new Error('ignored'));
    });
    resolveLater(2);
    expect(runSync(() => p)).toBe(1);
    const self: SyncPromise<unknown> = new SyncPromise((resolve) => drainLater(() => resolve(self)));
    drainJobs();
    expect(() => runSync(() => self)).toThrow(TypeError);
  });
});

/** Runs `fn` from the job queue (after the constructor has returned). */
function drainLater(fn: () => void): void {
  SyncPromise.resolve(undefined).then(fn);
}
