import * as path from 'node:path';
import { ROOT, cachedBuild } from '../helpers/build';

/**
 * Builds one part of the Sheets add-on (production mode, exactly as `npm run build:gas` does) into
 * test/.out, once for all the test files that need it (see cachedBuild), so a stale appsscript/dist is
 * never what gets tested.
 */
export { ROOT };
export type GasPart = 'gas-server' | 'gas-sidebar';

const INPUTS = [
  'src',
  'appsscript/appsscript.json',
  'webpack.gas.config.js',
  'webpack.config.js',
  'package-lock.json',
];

export function buildGas(part: GasPart): Promise<string> {
  const out = path.join(ROOT, 'test', '.out', part);
  return cachedBuild({
    out,
    inputs: INPUTS,
    args: [
      '--config',
      'webpack.gas.config.js',
      '--mode',
      'production',
      '--env',
      `outDir=${out}`,
      '--env',
      `only=${part}`,
    ],
  });
}
