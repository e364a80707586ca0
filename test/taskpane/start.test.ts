import { spawn, type ChildProcess } from 'node:child_process';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';

/**
 * `npm start` without Excel desktop serves the standalone task pane too, with a local office.js, and
 * prints the page's address.
 */
const ROOT = path.resolve(__dirname, '../..');
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

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
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
      if (output.includes('taskpane.html in a browser')) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start.js exited with ${code}:\n${output}`));
    });
  });
}, 300_000);

afterAll(async () => {
  if (child?.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm start: the standalone task pane', () => {
  it('prints the page address and serves the page with a local office.js', async () => {
    expect(output).toContain(`${origin}/taskpane.html`);
    const page = await get(`${origin}/taskpane.html`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="office-js/office.js">');
    expect(page.body).toMatch(/taskpane\.js/);
    const office = await get(`${origin}/office-js/office.js`);
    expect(office.status).toBe(200);
    expect(office.body.length).toBeGreaterThan(10_000);
    expect((await get(`${origin}/office-js/o15apptofilemappingtable.js`)).status).toBe(200);
  });
});
