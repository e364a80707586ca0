#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: builds the add-in in development mode, serves dist/ at https://localhost:3000 with
 * webpack-dev-server (rebuilding on every change), and sideloads manifest.xml into Excel desktop where
 * there is one (Windows, macOS). Elsewhere it prints how to sideload into Excel on the web.
 * It needs no display and never waits for input.
 *
 *   PORT=3001 npm start       serve on another port (manifest.xml expects 3000)
 *   npm start -- --no-sideload   serve only
 *
 * The pieces are exported for other scripts (e.g. a standalone page server): httpsServerOption,
 * startDevServer, sideloadDesktop, printWebInstructions.
 */
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const MANIFEST_PORT = 3000;

/**
 * The HTTPS setup for the dev server. Office only loads add-ins over HTTPS that the browser trusts, so
 * the yo-office convention is office-addin-dev-certs: a local CA installed into the OS trust store.
 * Installing it needs an interactive `sudo` on Linux, which `npm start` must never wait for; there it
 * only reuses certificates that are already installed (`npx office-addin-dev-certs install` installs
 * them). Without them it falls back to webpack-dev-server's self-signed certificate.
 * @returns {Promise<{ server: import('webpack-dev-server').ServerConfiguration | 'https', trusted: boolean, note?: string }>}
 */
async function httpsServerOption() {
  try {
    const devCerts = require('office-addin-dev-certs');
    if (process.platform === 'linux' && !devCerts.verifyCertificates()) {
      throw new Error(
        'no installed office-addin-dev-certs certificate (run `npx office-addin-dev-certs install`)',
      );
    }
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { server: { type: 'https', options: { ca, key, cert } }, trusted: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      server: 'https',
      trusted: false,
      note: `Using webpack-dev-server's self-signed certificate instead of the Office dev certificate: ${reason}`,
    };
  }
}

/**
 * Builds and serves every webpack config. No client is injected into the bundles: live reload and
 * hot module replacement need window and WebSocket, which Excel's JavaScript-only runtime lacks.
 * @param {{ port: number, server: import('webpack-dev-server').ServerConfiguration | 'https', mode?: 'development' | 'production' }} options
 * @returns {Promise<{ devServer: import('webpack-dev-server'), firstBuild: Promise<import('webpack').MultiStats> }>}
 */
async function startDevServer({ port, server, mode = 'development' }) {
  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  const webpackConfig = require('../webpack.config.js');
  const configs = webpackConfig({ officeJs: 'served' }, { mode });
  const devServer = new WebpackDevServer(
    {
      host: 'localhost',
      port,
      server,
      hot: false,
      liveReload: false,
      client: false,
      // The pages load office.js (task pane) and custom-functions-runtime.js (functions page) from
      // office-js/. Inside Excel those load more from their own folder: the host's file, named from the
      // `_host_Info` Office passes (office.debug.js: `_retrieveHostInfo`, then `initialize` loads
      // basePath + "<host>-<platform>-<version>.js"), and `<locale>/office_strings.js`
      // (`loadLocaleStrings`), where basePath is the folder office.js came from
      // (`LoadScriptHelper.getOfficeJsBasePath`). So the whole published folder is served there, from
      // node_modules, instead of being copied into every build.
      static: [
        {
          directory: webpackConfig.OFFICE_JS_DIST,
          publicPath: `/${webpackConfig.OFFICE_JS_FOLDER}`,
          serveIndex: false,
          watch: false,
        },
      ],
      // Excel on the web fetches functions.json from its own origin.
      headers: { 'Access-Control-Allow-Origin': '*' },
    },
    webpack(configs),
  );
  await devServer.start();
  // Resolves after the dev middleware has printed the first build's stats.
  const firstBuild = new Promise((resolve) =>
    /** @type {any} */ (devServer.middleware).waitUntilValid((/** @type {any} */ stats) => resolve(stats)),
  );
  return { devServer, firstBuild };
}

/** office-addin-debugging's arguments, run by this node. @param {string[]} args */
const officeAddinDebugging = (args) => [require.resolve('office-addin-debugging/lib/cli.js'), ...args];

/**
 * Registers the manifest with Excel desktop and opens Excel (the server must be running).
 * @param {number} port
 * @returns {import('node:child_process').ChildProcess}
 */
function sideloadDesktop(port) {
  const args = officeAddinDebugging([
    'start',
    MANIFEST,
    'desktop',
    '--app',
    'excel',
    '--dev-server-port',
    String(port),
  ]);
  return spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
}

function unregisterDesktop() {
  spawnSync(process.execPath, officeAddinDebugging(['stop', MANIFEST]), { cwd: ROOT, stdio: 'inherit' });
}

/**
 * The task pane outside Office (docs/taskpane.md): the same page runs on a sample register beside a
 * preview of its sheets, with Open and Download .xlsx.
 * @param {string} origin
 * @returns {string}
 */
function standaloneInstructions(origin) {
  return `Without Excel: open ${origin}/taskpane.html in a browser for the standalone task pane (sample register, sheet preview, Open/Download .xlsx).`;
}

/**
 * @param {{ origin: string, trusted: boolean }} options
 * @returns {string}
 */
function webInstructions({ origin, trusted }) {
  return [
    `KPI Register is served at ${origin} (functions.js, functions.json, functions.html, assets/).`,
    standaloneInstructions(origin),
    'To use the add-in in Excel on the web:',
    trusted
      ? null
      : `  0. Open ${origin}/functions.json in the browser once and accept the certificate warning` +
        ' (the certificate is self-signed), or Excel cannot load the functions.',
    '  1. Open a workbook in Excel on the web (https://excel.cloud.microsoft).',
    '  2. Home (or Insert) → Add-ins → More Add-ins → Upload My Add-in,',
    `     and upload ${MANIFEST}.`,
    '  3. Type =KPI.SCORE(120, 120) in a cell: it shows 1.',
    'Keep this server running while you use the add-in; Ctrl+C stops it.',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** @param {{ origin: string, trusted: boolean }} options */
function printWebInstructions(options) {
  console.log(`\n${webInstructions(options)}\n`);
}

async function main() {
  const port = Number(process.env.PORT ?? MANIFEST_PORT);
  const sideload = !process.argv.includes('--no-sideload');
  const origin = `https://localhost:${port}`;
  const https = await httpsServerOption();
  if (https.note) console.warn(https.note);
  if (port !== MANIFEST_PORT)
    console.warn(`manifest.xml points at port ${MANIFEST_PORT}; Excel will not find port ${port}.`);

  const { devServer, firstBuild } = await startDevServer({ port, server: https.server });
  const stats = await firstBuild;
  if (stats.hasErrors())
    console.error('The first build has errors (see above); fix them and the server rebuilds.');

  const desktop = sideload && (process.platform === 'win32' || process.platform === 'darwin');
  if (desktop) {
    console.log(`Serving ${origin}; sideloading ${path.basename(MANIFEST)} into Excel desktop…`);
    console.log(standaloneInstructions(origin));
    sideloadDesktop(port);
  } else {
    printWebInstructions({ origin, trusted: https.trusted });
  }

  const stop = async () => {
    if (desktop) unregisterDesktop();
    await devServer.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = {
  httpsServerOption,
  startDevServer,
  sideloadDesktop,
  unregisterDesktop,
  webInstructions,
  printWebInstructions,
  standaloneInstructions,
};
