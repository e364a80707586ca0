import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Builds one part of the Sheets add-on (production mode, exactly as `npm run build:gas` does) into
 * test/.out, once for all the test files that need it: a lock directory serialises jest's parallel
 * workers and a fingerprint of the inputs lets later files (and later runs) reuse a fresh build. So a
 * clean clone needs nothing built beforehand, and a stale appsscript/dist is never what gets tested.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
export type GasPart = 'gas-server' | 'gas-sidebar';

const INPUTS = [
  'src',
  'appsscript/appsscript.json',
  'webpack.gas.config.js',
  'webpack.config.js',
  'package-lock.json',
];

export async function buildGas(part: GasPart): Promise<string> {
  const out = path.join(ROOT, 'test', '.out', part);
  const lock = `${out}.lock`;
  const stamp = path.join(out, '.inputs');
  await acquireLock(lock);
  try {
    const fingerprint = fingerprintInputs();
    if (readOr(stamp, '') === fingerprint) return out;
    fs.rmSync(out, { recursive: true, force: true });
    const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    try {
      execFileSync(
        process.execPath,
        [
          cli,
          '--config',
          'webpack.gas.config.js',
          '--mode',
          'production',
          '--env',
          `outDir=${out}`,
          '--env',
          `only=${part}`,
        ],
        { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`webpack failed:\n${stdout}\n${stderr}`);
    }
    fs.writeFileSync(stamp, fingerprint);
    return out;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function acquireLock(lock: string): Promise<void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run must not block every later run.
      const stat = fs.statSync(lock, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function fingerprintInputs(): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const absolute = path.join(ROOT, relative);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update('\0').update(fs.readFileSync(absolute)).update('\0');
    }
  };
  INPUTS.forEach(visit);
  return hash.digest('hex');
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
