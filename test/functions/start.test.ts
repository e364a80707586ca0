import { spawn, type ChildProcess } from 'node:child_process';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from '../helpers/build';
import { loadInExcelRuntime } from './excel-runtime';

/**
 * `npm start` on a machine without Excel desktop and without a display: it must build, serve the
 * add-in over HTTPS with CORS, inject no dev-server client into the functions bundle, say how to
 * sideload into Excel on the web, and stop cleanly.
 */
let child: ChildProcess;
let output = '';
let origin: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, 'localhost', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    // The dev certificate may be self-signed here; trust is the browser's concern, not this test's.
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

beforeAll(async () => {
  const port = await freePort();
  origin = `https://localhost:${port}`;
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-sideload'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Upload My Add-in')) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start.js exited with ${code}:\n${output}`));
    });
  });
}, 180_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm start (scripts/start.js)', () => {
  it('serves the functions, their metadata and the icons over HTTPS with CORS', async () => {
    const metadata = await get(`${origin}/functions.json`);
    expect(metadata.status).toBe(200);
    expect(metadata.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(metadata.body).functions.map((fn: { id: string }) => fn.id)).toContain('SCORE');
    expect((await get(`${origin}/functions.zh-HK.json`)).status).toBe(200);
    expect((await get(`${origin}/functions.html`)).body).toContain('custom-functions-runtime.js');
    expect((await get(`${origin}/assets/icon-32.png`)).status).toBe(200);
  });

  it('injects no live-reload client (the JavaScript-only runtime has no window or WebSocket)', async () => {
    const bundle = await get(`${origin}/functions.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.body).toContain('CustomFunctions.associate');
    expect(bundle.body).not.toMatch(/webpack-dev-server\/client|new WebSocket/);
    expect(loadInExcelRuntime(bundle.body).size).toBe(8);
  });

  it('explains how to sideload into Excel on the web, with the manifest path', () => {
    expect(output).toContain(`KPI Register is served at ${origin}`);
    expect(output).toContain(path.join(ROOT, 'manifest.xml'));
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
