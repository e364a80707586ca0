import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, buildGas } from './build';

/**
 * `npm run push:gas` (appsscript/push.js): the development and production projects are kept apart,
 * clasp is only ever pointed at the build output, and what clasp would upload is exactly the add-on.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain node script, not a module of src
const push = require('../../appsscript/push.js') as {
  parseArgs(argv: string[]): {
    prod: boolean;
    scriptId?: string;
    status: boolean;
    skipBuild: boolean;
    dir: string;
  };
  readProject(options: { prod: boolean; scriptId?: string; dir: string }): {
    file: string;
    config: { scriptId: string; rootDir: string };
  };
};

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefGHIJ';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-gas-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('push:gas', () => {
  it('explains how to get a script id when there is none yet, in both languages', () => {
    expect(() => push.readProject({ prod: false, dir })).toThrow(/--script-id[\s\S]*指令碼 ID/);
  });

  it('remembers the development and production scripts in separate files, both pushing dist/', () => {
    const dev = push.readProject({ prod: false, scriptId: ID, dir });
    const prod = push.readProject({ prod: true, scriptId: `${ID}prod`, dir });
    expect(path.basename(dev.file)).toBe('.clasp.json');
    expect(path.basename(prod.file)).toBe('.clasp-prod.json');
    expect(JSON.parse(fs.readFileSync(dev.file, 'utf8'))).toEqual({ scriptId: ID, rootDir: 'dist' });
    expect(push.readProject({ prod: true, dir }).config.scriptId).toBe(`${ID}prod`);
  });

  it('refuses ids that are not script ids and projects that would push anything but dist/', () => {
    expect(() => push.readProject({ prod: false, scriptId: 'PASTE-THE-SCRIPT-ID-HERE', dir })).toThrow(
      /script id/,
    );
    fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId: ID, rootDir: '..' }));
    expect(() => push.readProject({ prod: false, dir })).toThrow(/rootDir/);
    expect(() => push.parseArgs(['--force-everything'])).toThrow(/Unknown option/);
  });

  it('hands clasp exactly appsscript.json, Code.js and sidebar.html (clasp show-file-status, no login)', async () => {
    const [server, sidebar] = [await buildGas('gas-server'), await buildGas('gas-sidebar')];
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(dist);
    for (const [from, name] of [
      [server, 'Code.js'],
      [server, 'appsscript.json'],
      [sidebar, 'sidebar.html'],
    ]) {
      fs.copyFileSync(path.join(from, name), path.join(dist, name));
    }
    expect(
      fs
        .readdirSync(server)
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['Code.js', 'appsscript.json']);
    expect(fs.readdirSync(sidebar).filter((name) => !name.startsWith('.'))).toEqual(['sidebar.html']);
    push.readProject({ prod: false, scriptId: ID, dir });
    const result = spawnSync(
      process.execPath,
      ['appsscript/push.js', '--dir', dir, '--status', '--skip-build'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir, clasp_config_auth: path.join(dir, 'no-credentials.json') },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [tracked, untracked] = result.stdout.split(/Untracked files:/);
    const files = (text: string) => [...text.matchAll(/└─ (\S+)/g)].map((m) => m[1]).sort();
    expect(files(tracked)).toEqual(['dist/Code.js', 'dist/appsscript.json', 'dist/sidebar.html']);
    expect(files(untracked ?? '')).toEqual([]);
  }, 600_000);

  it('builds a sidebar that is one self-contained page: every script inline, nothing fetched', async () => {
    const html = fs.readFileSync(path.join(await buildGas('gas-sidebar'), 'sidebar.html'), 'utf8');
    // Plain booleans: a failure must not print the whole page.
    expect(/<script[^>]*\ssrc=/i.test(html)).toBe(false);
    expect(/<link[^>]*\shref=/i.test(html)).toBe(false);
    expect(/(?:src|href)=["']?https?:/i.test(html)).toBe(false);
    expect(/<base target="?_top"?/.test(html)).toBe(true);
    // One script element: the code inside cannot close it early or open an HTML comment that swallows its end.
    expect(html.match(/<\/script/gi)?.length).toBe(1);
    expect(html.includes('<!--')).toBe(false);
    expect(/<\/script>\s*<\/body>\s*<\/html>\s*$/.test(html)).toBe(true);
  }, 600_000);
});
