import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Builds the functions bundle (production mode, exactly as `npm run build` does) into test/.out once
 * for every test file that needs it. Jest runs test files in parallel workers, so a lock directory
 * serialises the build and a fingerprint of the inputs lets later files reuse a fresh build.
 */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface CachedBuild {
  /** Folder the build writes to (under test/.out, git-ignored). */
  out: string;
  /** Files and folders (relative to the root) whose contents decide whether a build is fresh. */
  inputs: readonly string[];
  /** webpack-cli arguments; the build must write to `out`. */
  args: readonly string[];
}

/**
 * Runs a webpack build (production mode, as the npm scripts do) into test/.out once for every test file
 * that needs it. Jest runs test files in parallel workers, so a lock directory serialises the build,
 * and a fingerprint of the inputs lets later files (and later runs) reuse a fresh build: a clean clone
 * needs nothing built beforehand, and a stale build is never what gets tested.
 */
export async function cachedBuild({ out, inputs, args }: CachedBuild): Promise<string> {
  const lock = `${out}.lock`;
  const stamp = path.join(out, '.inputs');
  await acquireLock(lock);
  try {
    const fingerprint = fingerprintInputs(inputs);
    if (readOr(stamp, '') === fingerprint) return out;
    fs.rmSync(out, { recursive: true, force: true });
    const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    try {
      execFileSync(process.execPath, [cli, ...args], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
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

const FUNCTIONS_OUT = path.join(ROOT, 'test', '.out', 'functions-dist');

/** The functions bundle, exactly as `npm run build` makes it. */
export function buildFunctions(): Promise<string> {
  return cachedBuild({
    out: FUNCTIONS_OUT,
    inputs: [
      'src/functions',
      'src/core',
      'assets',
      'webpack.config.js',
      'scripts/functions-metadata-plugin.js',
      'package-lock.json',
    ],
    args: ['--mode', 'production', '--env', `outDir=${FUNCTIONS_OUT}`, '--env', 'only=functions'],
  });
}

export function readBuilt(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

async function acquireLock(lockDir: string): Promise<void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run must not block every later run.
      const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 600_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lockDir}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function fingerprintInputs(inputs: readonly string[]): string {
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
  inputs.forEach(visit);
  return hash.digest('hex');
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
