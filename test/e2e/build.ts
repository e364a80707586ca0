import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webpack from 'webpack';

const ROOT = resolve(__dirname, '../..');
/** Where the browser tests build the task pane (test/.out is git-ignored). */
export const DIST = join(ROOT, 'test/.out/taskpane');

/**
 * Builds the task pane as production does, with office.js served locally (no CDN here).
 * `E2E_DIST=<folder>` reuses a build made beforehand (handy while working on the tests).
 */
export async function buildTaskpane(): Promise<string> {
  const reuse = process.env.E2E_DIST;
  if (reuse && existsSync(join(reuse, 'taskpane.html'))) return reuse;
  rmSync(DIST, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configs = require(join(ROOT, 'webpack.config.js'))(
    { only: 'taskpane', officeJs: 'local', outDir: DIST },
    { mode: 'production' },
  ) as webpack.Configuration[];
  const stats = await new Promise<webpack.MultiStats>((done, fail) =>
    webpack(configs, (error, result) => (error || !result ? fail(error) : done(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return DIST;
}
