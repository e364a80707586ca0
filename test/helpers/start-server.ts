import { spawn, type ChildProcess } from 'node:child_process';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from './build';

/** `npm start` (scripts/start.js) as a new user on a machine without Excel desktop or a display runs it. */
export interface StartedServer {
  origin: string;
  /** Everything start.js printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves to the exit code. */
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, 'localhost', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts start.js on a free port and resolves once it has printed `readyText`. */
export async function startServer(readyText: string): Promise<StartedServer> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts', 'start.js'), '--no-sideload'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes(readyText)) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start.js exited with ${code}:\n${output}`));
    });
  });
  return { origin: `https://localhost:${port}`, output: () => output, stop };
}

export interface Fetched {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** GET over HTTPS. The dev certificate may be self-signed here; trust is the browser's concern. */
export function httpsGet(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}
