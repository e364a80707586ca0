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
const OUT = path.join(ROOT, 'test', '.out', 'functions-dist');
const LOCK = `${OUT}.lock`;
const STAMP = path.join(OUT, '.inputs');
const INPUTS = [
  'src/functions',
  'src/core',
  'assets',
  'webpack.config.js',
  'scripts/functions-metadata-plugin.js',
  'package-lock.json',
];

export async function buildFunctions(): Promise<string> {
  await acquireLock();
  try {
    const fingerprint = fingerprintInputs();
    if (readOr(STAMP, '') === fingerprint) return OUT;
    fs.rmSync(OUT, { recursive: true, force: true });
    const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    try {
      execFileSync(
        process.execPath,
        [cli, '--mode', 'production', '--env', `outDir=${OUT}`, '--env', 'only=functions'],
        { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' },
      );
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`webpack failed:\n${stdout}\n${stderr}`);
    }
    fs.writeFileSync(STAMP, fingerprint);
    return OUT;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export function readBuilt(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

async function acquireLock(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run must not block every later run.
      const lock = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${LOCK}`);
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
