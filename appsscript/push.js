#!/usr/bin/env node
// @ts-check
/**
 * `npm run push:gas` — builds the Sheets add-on and uploads it with clasp (see docs/sheets.md).
 *
 *   node appsscript/push.js                        build, then push to the development script
 *   node appsscript/push.js --prod                 build, then push to the production script (clasp asks
 *                                                  before it overwrites a changed manifest)
 *   node appsscript/push.js --script-id <id>       remember the script id first (with --prod: the prod one)
 *   node appsscript/push.js --status               build, then list what would be pushed (no login needed)
 *   node appsscript/push.js --skip-build           use appsscript/dist as it is
 *
 * Development and production are two Apps Script projects kept apart: appsscript/.clasp.json names the
 * development script (so `npx clasp` run inside appsscript/ also talks to it) and
 * appsscript/.clasp-prod.json the production one. Both are yours (gitignored); clasp.example.json shows
 * their shape. Each points clasp at dist/, the build output, and nowhere else.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const REQUIRED = ['appsscript.json', 'Code.js', 'sidebar.html'];
/** Apps Script ids are long base64url-like strings. */
const SCRIPT_ID = /^[A-Za-z0-9_-]{30,}$/;

/**
 * @param {string[]} argv
 * @returns {{ prod: boolean, scriptId?: string, status: boolean, skipBuild: boolean, dir: string }}
 */
function parseArgs(argv) {
  /** @type {{ prod: boolean, scriptId?: string, status: boolean, skipBuild: boolean, dir: string }} */
  const options = { prod: false, status: false, skipBuild: false, dir: __dirname };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--prod') options.prod = true;
    else if (arg === '--status') options.status = true;
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--script-id') options.scriptId = argv[++i];
    else if (arg === '--dir') options.dir = path.resolve(argv[++i] ?? '');
    else throw new UsageError(`Unknown option ${arg}. / 不明選項 ${arg}。`);
  }
  return options;
}

class UsageError extends Error {}

/** @param {{ prod: boolean, dir: string }} options */
const projectFile = (options) => path.join(options.dir, options.prod ? '.clasp-prod.json' : '.clasp.json');

/**
 * The project file, written first when a script id is given; refused when it would push anywhere but dist/.
 * @param {{ prod: boolean, scriptId?: string, dir: string }} options
 */
function readProject(options) {
  const file = projectFile(options);
  const which = options.prod ? 'production' : 'development';
  if (options.scriptId !== undefined) {
    if (!SCRIPT_ID.test(options.scriptId)) {
      throw new UsageError(
        `"${options.scriptId}" does not look like a script id (Apps Script editor → Project Settings → IDs).\n` +
          `「${options.scriptId}」不像指令碼 ID(Apps Script 編輯器 → 專案設定 → ID)。`,
      );
    }
    fs.writeFileSync(file, `${JSON.stringify({ scriptId: options.scriptId, rootDir: 'dist' }, null, 2)}\n`);
  }
  if (!fs.existsSync(file)) {
    throw new UsageError(
      `No ${which} script yet. Bind one to your spreadsheet (Extensions → Apps Script → Project Settings → Script ID), then:\n` +
        `  npm run push:gas -- ${options.prod ? '--prod ' : ''}--script-id <script id>\n` +
        `or create one with: cd appsscript && npx clasp create --type sheets --title "KPI Register" --rootDir dist\n` +
        `尚未設定${options.prod ? '正式' : '開發'}用的指令碼。請先在試算表中開啟「擴充功能 → Apps Script」,於「專案設定」複製指令碼 ID,然後執行上面的指令。`,
    );
  }
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof config.scriptId !== 'string' || !SCRIPT_ID.test(config.scriptId)) {
    throw new UsageError(`${file} has no valid scriptId. / ${file} 沒有有效的 scriptId。`);
  }
  if (path.resolve(options.dir, config.rootDir ?? '.') !== path.join(options.dir, 'dist')) {
    throw new UsageError(
      `${file} must have "rootDir": "dist" (the build output). / ${file} 的 rootDir 必須是 "dist"。`,
    );
  }
  return { file, config };
}

/**
 * Where an installed package lives (clasp's package.json is not among its exports, so it cannot be resolved).
 * @param {string} name
 */
function packageDir(name) {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (fs.existsSync(path.join(dir, name, 'package.json'))) return path.join(dir, name);
  }
  throw new Error(`${name} is not installed: run npm ci.`);
}

/** @param {string} command @param {string[]} args @param {string} [cwd] */
function run(command, args, cwd = ROOT) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** @param {{ prod: boolean, scriptId?: string, status: boolean, skipBuild: boolean, dir: string }} options */
function main(options) {
  const { file } = readProject(options);
  const dist = path.join(options.dir, 'dist');
  if (!options.skipBuild) {
    // A fresh folder: clasp pushes every file in it, so nothing left from before (a Code.gs that
    // `clasp create-script` pulled, an old build) may ride along.
    fs.rmSync(dist, { recursive: true, force: true });
    const webpack = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    run(process.execPath, [
      webpack,
      '--config',
      'webpack.gas.config.js',
      '--mode',
      'production',
      '--env',
      `outDir=${dist}`,
    ]);
  }
  const missing = REQUIRED.filter((name) => !fs.existsSync(path.join(dist, name)));
  if (missing.length) throw new UsageError(`${dist} lacks ${missing.join(', ')}: run without --skip-build.`);
  const clasp = path.join(packageDir('@google/clasp'), 'build/src/index.js');
  const command = options.status ? ['show-file-status'] : ['push', ...(options.prod ? [] : ['--force'])];
  run(process.execPath, [clasp, '--project', file, ...command], options.dir);
}

if (require.main === module) {
  try {
    main(parseArgs(process.argv.slice(2)));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

module.exports = { parseArgs, readProject };
