import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'kpi-register.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * Compiles the command to lib/ once for all CLI test files (jest runs files in parallel processes:
 * a lock folder keeps two compilers from writing lib/ at the same time). tsc is incremental, so an
 * unchanged tree compiles in seconds.
 */
export function buildCli(): void {
  const lock = path.join(ROOT, 'lib', '.cli-build-lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after three minutes.
      if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another CLI build');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command in a child process, as a user would (pipes, so stdout and stderr are not terminals). */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined> } = { cwd: ROOT },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...options.env };
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `kpi-cli-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes the folders this test file made (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file in a folder, for "nothing was left behind" checks (temporary files included). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}
