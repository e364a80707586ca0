import { httpsGet, startServer, type StartedServer } from '../helpers/start-server';

/**
 * `npm start` without Excel desktop serves the standalone task pane too, with a local office.js, and
 * prints the page's address.
 */
let server: StartedServer;
const get = (path: string) => httpsGet(`${server.origin}${path}`);

beforeAll(async () => {
  server = await startServer('taskpane.html in a browser');
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

describe('npm start: the standalone task pane', () => {
  it('prints the page address and serves the page with a local office.js', async () => {
    expect(server.output()).toContain(`${server.origin}/taskpane.html`);
    const page = await get(`/taskpane.html`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="office-js/office.js">');
    expect(page.body).toMatch(/taskpane\.js/);
    const office = await get(`/office-js/office.js`);
    expect(office.status).toBe(200);
    expect(office.body.length).toBeGreaterThan(10_000);
    expect((await get(`/office-js/o15apptofilemappingtable.js`)).status).toBe(200);
  });
});
