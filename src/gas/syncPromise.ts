/**
 * A Promise whose reactions wait in a queue that `runSync` drains on the spot.
 *
 * Why: the sidebar's actions (src/app) are async, written for Office.js, while an Apps Script server
 * function must hand its result back when it returns: Apps Script makes no promise to wait for a
 * Promise a function returns, and SpreadsheetApp is synchronous anyway, so nothing is ever really
 * pending. The Apps Script bundle is compiled with async/await lowered to generators (target ES2016)
 * and webpack's ProvidePlugin makes every `Promise` in it this class; `runSync` then runs an action
 * to its end before the server function returns.
 *
 * Reactions run in the same order as native promise jobs (first in, first out, after the code that
 * scheduled them), from a loop rather than by recursion, so an action that awaits ten thousand times
 * needs no deeper stack than one that awaits once.
 */
type State = 'pending' | 'fulfilled' | 'rejected';
type Handler = ((value: unknown) => unknown) | null | undefined;
type Settle = (value: unknown) => void;

interface Reaction {
  onFulfilled: Handler;
  onRejected: Handler;
  resolve: Settle;
  reject: Settle;
}

const jobs: (() => void)[] = [];

/** Runs every queued reaction, including those the reactions queue, until none is left. */
export function drainJobs(): void {
  try {
    for (let i = 0; i < jobs.length; i++) jobs[i]();
  } finally {
    jobs.length = 0;
  }
}

export class SyncPromise<T> implements PromiseLike<T> {
  private state: State = 'pending';
  private result: unknown;
  private reactions: Reaction[] = [];

  constructor(
    executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void,
  ) {
    const { resolve, reject } = this.resolvingFunctions();
    try {
      executor(resolve, reject);
    } catch (error) {
      reject(error);
    }
  }

  static resolve<T>(value: T | PromiseLike<T>): SyncPromise<Awaited<T>> {
    if (value instanceof SyncPromise) return value as SyncPromise<Awaited<T>>;
    return new SyncPromise((resolve) => resolve(value as Awaited<T>));
  }

  static reject<T = never>(reason?: unknown): SyncPromise<T> {
    return new SyncPromise<T>((_resolve, reject) => reject(reason));
  }

  static all<T>(values: Iterable<T | PromiseLike<T>>): SyncPromise<Awaited<T>[]> {
    return new SyncPromise((resolve, reject) => {
      const items = [...values];
      const results: Awaited<T>[] = new Array(items.length);
      let left = items.length;
      if (left === 0) resolve(results);
      items.forEach((item, i) => {
        SyncPromise.resolve(item).then((value) => {
          results[i] = value as Awaited<T>;
          if (--left === 0) resolve(results);
        }, reject);
      });
    });
  }

  static allSettled<T>(
    values: Iterable<T | PromiseLike<T>>,
  ): SyncPromise<PromiseSettledResult<Awaited<T>>[]> {
    return SyncPromise.all(
      [...values].map((item) =>
        SyncPromise.resolve(item).then(
          (value): PromiseSettledResult<Awaited<T>> => ({ status: 'fulfilled', value: value as Awaited<T> }),
          (reason: unknown): PromiseSettledResult<Awaited<T>> => ({ status: 'rejected', reason }),
        ),
      ),
    );
  }

  static race<T>(values: Iterable<T | PromiseLike<T>>): SyncPromise<Awaited<T>> {
    return new SyncPromise((resolve, reject) => {
      for (const item of values) SyncPromise.resolve(item).then(resolve, reject);
    });
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): SyncPromise<R1 | R2> {
    return new SyncPromise<R1 | R2>((resolve, reject) => {
      const reaction: Reaction = {
        onFulfilled: onFulfilled as Handler,
        onRejected: onRejected as Handler,
        resolve: resolve as Settle,
        reject,
      };
      if (this.state === 'pending') this.reactions.push(reaction);
      else this.schedule(reaction);
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): SyncPromise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): SyncPromise<T> {
    return this.then(
      (value) => SyncPromise.resolve(onFinally?.()).then(() => value),
      (reason) => SyncPromise.resolve(onFinally?.()).then(() => SyncPromise.reject<T>(reason)),
    );
  }

  get [Symbol.toStringTag](): string {
    return 'Promise';
  }

  /** The outcome so far (for runSync). */
  settled(): { state: State; result: unknown } {
    return { state: this.state, result: this.result };
  }

  private resolvingFunctions(): { resolve: Settle; reject: Settle } {
    let done = false;
    return {
      resolve: (value) => {
        if (done) return;
        done = true;
        this.resolveWith(value);
      },
      reject: (reason) => {
        if (done) return;
        done = true;
        this.settle('rejected', reason);
      },
    };
  }

  private resolveWith(value: unknown): void {
    if (value === this) {
      this.settle('rejected', new TypeError('A promise cannot be resolved with itself.'));
      return;
    }
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      let then: unknown;
      try {
        then = (value as { then?: unknown }).then;
      } catch (error) {
        this.settle('rejected', error);
        return;
      }
      if (typeof then === 'function') {
        const { resolve, reject } = this.resolvingFunctions();
        jobs.push(() => {
          try {
            then.call(value, resolve, reject);
          } catch (error) {
            reject(error);
          }
        });
        return;
      }
    }
    this.settle('fulfilled', value);
  }

  private settle(state: 'fulfilled' | 'rejected', result: unknown): void {
    if (this.state !== 'pending') return;
    this.state = state;
    this.result = result;
    const reactions = this.reactions;
    this.reactions = [];
    reactions.forEach((reaction) => this.schedule(reaction));
  }

  private schedule(reaction: Reaction): void {
    jobs.push(() => {
      const fulfilled = this.state === 'fulfilled';
      const handler = fulfilled ? reaction.onFulfilled : reaction.onRejected;
      if (typeof handler !== 'function') {
        (fulfilled ? reaction.resolve : reaction.reject)(this.result);
        return;
      }
      try {
        reaction.resolve(handler(this.result));
      } catch (error) {
        reaction.reject(error);
      }
    });
  }
}

/**
 * Runs an action that returns a SyncPromise (or a plain value) to its end and returns its result, or
 * throws its error. An action still pending after every queued reaction ran was waiting for something
 * that is not a SyncPromise (a native Promise, a timer): that is a bug in the bundle, reported as one.
 */
export function runSync<T>(action: () => T | PromiseLike<T>): T {
  const outcome = SyncPromise.resolve(action());
  drainJobs();
  const { state, result } = outcome.settled();
  if (state === 'fulfilled') return result as T;
  if (state === 'rejected') throw result;
  throw new Error('The action did not finish: it waited for something other than the spreadsheet.');
}
