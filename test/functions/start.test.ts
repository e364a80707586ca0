import * as path from 'node:path';
import { ROOT } from '../helpers/build';
import { loadInExcelRuntime } from './excel-runtime';
import { httpsGet, startServer, type StartedServer } from '../helpers/start-server';

/**
 * `npm start` on a machine without Excel desktop and without a display: it must build, serve the
 * add-in over HTTPS with CORS, inject no dev-server client into the functions bundle, say how to
 * sideload into Excel on the web, and stop cleanly.
 */
let server: StartedServer;
const get = (path: string) => httpsGet(`${server.origin}${path}`);

beforeAll(async () => {
  server = await startServer('Upload My Add-in');
}, 180_000);

afterAll(async () => {
  await server.stop();
});

describe('npm start (scripts/start.js)', () => {
  it('serves the functions, their metadata and the icons over HTTPS with CORS', async () => {
    const metadata = await get(`/functions.json`);
    expect(metadata.status).toBe(200);
    expect(metadata.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(metadata.body).functions.map((fn: { id: string }) => fn.id)).toContain('SCORE');
    expect((await get(`/functions.zh-HK.json`)).status).toBe(200);
    expect((await get(`/functions.html`)).body).toContain('custom-functions-runtime.js');
    expect((await get(`/assets/icon-32.png`)).status).toBe(200);
  });

  it('serves the functions runtime beside the page with everything it loads inside Excel', async () => {
    // The runtime loads the host's `-core` file and the strings from its own folder (office-host.test.ts).
    expect((await get(`/functions.html`)).body).toContain('src="office-js/custom-functions-runtime.js"');
    for (const file of ['custom-functions-runtime.js', 'excel-web-16.00-core.js', 'en-us/office_strings.js'])
      expect({ file, status: (await get(`/office-js/${file}`)).status }).toEqual({ file, status: 200 });
  });

  it("serves a support page of its own (the manifest's SupportUrl)", async () => {
    const support = await get(`/support.html`);
    expect(support.status).toBe(200);
    expect(support.body).toContain('lang="zh-HK"');
  });

  it('injects no live-reload client (the JavaScript-only runtime has no window or WebSocket)', async () => {
    const bundle = await get(`/functions.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.body).toContain('CustomFunctions.associate');
    expect(bundle.body).not.toMatch(/webpack-dev-server\/client|new WebSocket/);
    expect(loadInExcelRuntime(bundle.body).size).toBe(8);
  });

  it('explains how to sideload into Excel on the web, with the manifest path', () => {
    expect(server.output()).toContain(`KPI Register is served at ${server.origin}`);
    expect(server.output()).toContain(path.join(ROOT, 'manifest.xml'));
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
  });
});
