// @ts-check
/**
 * Builds everything Office loads, into dist/ (a self-contained folder to deploy):
 *   functions   src/functions/functions.ts → functions.js, functions.json (+ .zh-HK.json), functions.html
 *   taskpane    src/taskpane/index.tsx → taskpane.html, taskpane.js and lazy chunks (see docs/taskpane.md)
 * The export is a function of (env, argv) returning one small config per bundle; add a bundle (task
 * pane, CLI…) by writing another `xxxConfig(ctx)` and adding it to the array at the bottom.
 *   env.outDir  write somewhere else than dist/ (tests build into test/.out)
 *   env.only    build only the named configs, comma-separated (e.g. --env only=functions)
 *   env.officeJs  where the pages load office.js and the custom-functions runtime from (see OFFICE_JS_MODES)
 *   env.origin    an https origin (e.g. https://kpi.example.com): also writes manifest.xml into the output with
 *                 every URL pointing there (`npm run build -- --env origin=https://kpi.example.com`)
 *   support       support.html (the manifest's SupportUrl), built with the functions
 */
const path = require('node:path');
const fs = require('node:fs');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { FunctionsMetadataPlugin } = require('./scripts/functions-metadata-plugin');

/** Where `npm start` serves dist/; manifest.xml points here. */
const DEV_ORIGIN = 'https://localhost:3000';

/** Microsoft's published office.js (and everything it loads beside itself). */
const OFFICE_JS_DIST = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
/** The folder the pages load a local office.js from, relative to the page. */
const OFFICE_JS_FOLDER = 'office-js';
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted';

/**
 * Where office.js and custom-functions-runtime.js come from:
 *   cdn     Microsoft's CDN (production builds; what Office itself expects).
 *   served  `office-js/…` beside the page, served by `npm start`'s dev server from the whole of
 *           node_modules/@microsoft/office-js/dist (a static route, not emitted into the build). Inside a
 *           host office.js loads its host file and `<locale>/office_strings.js` from beside itself, so it
 *           needs the whole folder (see `startDevServer` in scripts/start.js).
 *   local   `office-js/…` with only the files office.js loads outside Office copied into the build
 *           (office.js, o15apptofilemappingtable.js, custom-functions-runtime.js): the offline browser
 *           tests, the benchmark and `npm run build:dev`. Such a build runs the standalone page; to run
 *           inside Excel, serve it with `npm start` instead.
 * @typedef {'cdn' | 'served' | 'local'} OfficeJsMode
 */
const OFFICE_JS_MODES = ['cdn', 'served', 'local'];

/**
 * The URL a page loads an Office script from.
 * @param {OfficeJsMode} officeJs
 * @param {string} file office.js or custom-functions-runtime.js
 */
function officeScriptUrl(officeJs, file) {
  return officeJs === 'cdn' ? `${CDN}/${file}` : `${OFFICE_JS_FOLDER}/${file}`;
}

/**
 * Copies the named files of Microsoft's office.js folder into the output's office-js/ (only for
 * `officeJs: 'local'`).
 * @param {string[]} names
 * @returns {import('webpack').WebpackPluginInstance}
 */
function copyOfficeJs(names) {
  return {
    apply(compiler) {
      const { Compilation, sources } = require('webpack');
      compiler.hooks.thisCompilation.tap('copyOfficeJs', (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: 'copyOfficeJs', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            for (const name of names) {
              const file = path.join(OFFICE_JS_DIST, name);
              compilation.fileDependencies.add(file);
              compilation.emitAsset(
                `${OFFICE_JS_FOLDER}/${name}`,
                new sources.RawSource(fs.readFileSync(file)),
              );
            }
          },
        );
      });
    },
  };
}

/**
 * @typedef {{ mode: 'development' | 'production', outDir: string, officeJs?: OfficeJsMode, origin?: string }} BuildContext
 */

/**
 * ts-loader for code that runs in Office or a browser. tsconfig.json says `module: commonjs` (for jest
 * and node), which would stop webpack tree-shaking, so browser bundles compile to ES modules here.
 * Type errors are `npm run typecheck`'s job; the bundle only needs the JavaScript.
 * @param {string} target ECMAScript level of the output syntax
 * @returns {import('webpack').RuleSetRule}
 */
function browserTypeScript(target) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'ts-loader',
      options: {
        transpileOnly: true,
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target, sourceMap: true },
      },
    },
  };
}

/**
 * Brings the syntax of dependencies down to `target` too (date-fns 4 ships `?.`), for runtimes that are
 * not evergreen browsers.
 * @param {string} target
 * @returns {import('webpack').RuleSetRule}
 */
function downlevelDependencies(target) {
  return {
    test: /\.m?js$/,
    include: /node_modules/,
    use: {
      loader: 'ts-loader',
      options: {
        instance: 'dependencies',
        transpileOnly: true,
        compilerOptions: { module: 'esnext', target, allowJs: true, sourceMap: true },
      },
    },
  };
}

/**
 * The custom functions. They run in Excel's JavaScript-only runtime on Windows and Mac (a React Native
 * engine, not a browser: no DOM, no window) and in a hidden page on the web, so the bundle targets
 * ES2017 and must not touch browser globals. See docs/functions.md.
 * @param {BuildContext} ctx
 * @returns {import('webpack').Configuration}
 */
function functionsConfig({ mode, outDir, officeJs = 'cdn', origin }) {
  const source = path.resolve(__dirname, 'src/functions/functions.ts');
  return {
    name: 'functions',
    mode,
    context: __dirname,
    target: ['web', 'es2017'],
    entry: { functions: source },
    output: { path: outDir, filename: '[name].js' },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [browserTypeScript('es2017'), downlevelDependencies('es2017')],
      // transpileOnly cannot see a missing export; webpack can, and it must stop the build.
      parser: { javascript: { exportsPresence: 'error' } },
    },
    plugins: [
      // Reads the JSDoc of functions.ts, writes functions.json and appends CustomFunctions.associate calls.
      new CustomFunctionsMetadataPlugin({ input: source, output: 'functions.json' }),
      new FunctionsMetadataPlugin({
        metadata: 'functions.json',
        translations: { 'zh-HK': path.resolve(__dirname, 'src/functions/functions.zh-HK.json') },
      }),
      new HtmlWebpackPlugin({
        filename: 'functions.html',
        template: path.resolve(__dirname, 'src/functions/functions.html'),
        chunks: ['functions'],
        customFunctionsRuntime: officeScriptUrl(officeJs, 'custom-functions-runtime.js'),
      }),
      // The manifest's SupportUrl: how to get help, in English and Traditional Chinese.
      new HtmlWebpackPlugin({
        filename: 'support.html',
        template: path.resolve(__dirname, 'src/support/support.html'),
        chunks: [],
        inject: false,
      }),
      copyFiles('assets', /^icon-\d+\.png$/),
      ...(officeJs === 'local' ? [copyOfficeJs(['custom-functions-runtime.js'])] : []),
      ...(origin ? [productionManifest(origin)] : []),
    ],
  };
}

/**
 * Copies matching files of a repository folder into the output under the same folder name.
 * (copy-webpack-plugin would do, but in this dependency tree its schema-utils resolves the wrong ajv
 * major through legacy-peer-deps and crashes; this is all the copying the bundles need.)
 * @param {string} folder
 * @param {RegExp} pattern
 * @returns {import('webpack').WebpackPluginInstance}
 */
function copyFiles(folder, pattern) {
  const { Compilation, sources } = require('webpack');
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('copyFiles', (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: 'copyFiles', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            const dir = path.resolve(__dirname, folder);
            compilation.contextDependencies.add(dir);
            for (const name of fs.readdirSync(dir).filter((file) => pattern.test(file))) {
              const file = path.join(dir, name);
              compilation.fileDependencies.add(file);
              compilation.emitAsset(`${folder}/${name}`, new sources.RawSource(fs.readFileSync(file)));
            }
          },
        );
      });
    },
  };
}

/**
 * `--env origin=…` as an https origin (scheme, host and optional port; no path), or a one-line error.
 * @param {unknown} value
 * @returns {string}
 */
function checkOrigin(value) {
  const problem = `--env origin must be an https origin such as https://kpi.example.com, not "${String(value)}".`;
  let url;
  try {
    url = new URL(String(value));
  } catch {
    throw new Error(problem);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (url.protocol !== 'https:' || !bare || /localhost/i.test(url.hostname)) throw new Error(problem);
  return url.origin;
}

/**
 * manifest.xml for a deployment at `origin`: every URL that points at `npm start`'s server points there
 * instead (the pages, the functions and their metadata, the icons and the support page).
 * @param {string} source manifest.xml
 * @param {string} origin as returned by checkOrigin
 * @returns {string}
 */
function manifestFor(source, origin) {
  return source
    .replace(
      /Every URL points at `npm start`'s server \(https:\/\/localhost:3000, serving dist\/\)\./,
      // An XML comment may not hold a double hyphen, so the command is not quoted here.
      `Built for ${origin} (npm run build with the origin option): every URL points there.`,
    )
    .split(DEV_ORIGIN)
    .join(origin);
}

/**
 * Writes manifest.xml for `origin` into the output, beside the files it points at.
 * @param {string} origin
 * @returns {import('webpack').WebpackPluginInstance}
 */
function productionManifest(origin) {
  const { Compilation, sources } = require('webpack');
  const file = path.resolve(__dirname, 'manifest.xml');
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('productionManifest', (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: 'productionManifest', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            compilation.fileDependencies.add(file);
            const manifest = manifestFor(fs.readFileSync(file, 'utf8'), origin);
            compilation.emitAsset('manifest.xml', new sources.RawSource(manifest));
          },
        );
      });
    },
  };
}

/**
 * The task pane (React + Fluent UI) and its standalone page: one HTML page whose entry asks Office which
 * host it is in, then loads the Excel chunk or the standalone chunk (in-memory workbook, preview, and
 * exceljs only when a file is opened or downloaded). See docs/taskpane.md.
 * office.js comes from Microsoft's CDN in production builds; `npm start` and builds made with
 * `--env officeJs=local` (the browser tests, the standalone page here) use a local copy from
 * node_modules/@microsoft/office-js/dist instead, because the CDN is not reachable everywhere
 * (see OFFICE_JS_MODES).
 * @param {BuildContext} ctx
 * @returns {import('webpack').Configuration}
 */
function taskpaneConfig({ mode, outDir, officeJs = 'cdn' }) {
  return {
    name: 'taskpane',
    mode,
    context: __dirname,
    target: ['web', 'es2020'],
    entry: { taskpane: path.resolve(__dirname, 'src/taskpane/index.tsx') },
    output: {
      path: outDir,
      filename: '[name].js',
      chunkFilename: mode === 'production' ? 'taskpane-[name].[contenthash:8].js' : 'taskpane-[name].js',
    },
    devtool: 'source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [browserTypeScript('es2020')],
      parser: { javascript: { exportsPresence: 'error' } },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: path.resolve(__dirname, 'src/taskpane/taskpane.html'),
        chunks: ['taskpane'],
        officeJs: officeScriptUrl(officeJs, 'office.js'),
      }),
      // Outside Office, office.js loads only its app-to-file table from beside itself.
      ...(officeJs === 'local' ? [copyOfficeJs(['office.js', 'o15apptofilemappingtable.js'])] : []),
    ],
  };
}

/**
 * @param {Record<string, string | boolean | undefined>} [env]
 * @param {{ mode?: string }} [argv]
 * @returns {import('webpack').Configuration[]}
 */
module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  if (env.officeJs !== undefined && !OFFICE_JS_MODES.includes(String(env.officeJs)))
    throw new Error(`--env officeJs must be one of ${OFFICE_JS_MODES.join(', ')}, not "${env.officeJs}".`);
  /** @type {BuildContext} */
  const ctx = {
    mode,
    outDir: typeof env.outDir === 'string' ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist'),
    officeJs: /** @type {OfficeJsMode} */ (env.officeJs ?? (mode === 'development' ? 'local' : 'cdn')),
    origin: env.origin === undefined ? undefined : checkOrigin(env.origin),
  };
  const configs = [functionsConfig(ctx), taskpaneConfig(ctx)];
  const only = typeof env.only === 'string' ? env.only.split(',') : undefined;
  return only ? configs.filter((config) => only.includes(String(config.name))) : configs;
};

module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.OFFICE_JS_DIST = OFFICE_JS_DIST;
module.exports.OFFICE_JS_FOLDER = OFFICE_JS_FOLDER;
module.exports.checkOrigin = checkOrigin;
module.exports.manifestFor = manifestFor;
module.exports.browserTypeScript = browserTypeScript;
module.exports.downlevelDependencies = downlevelDependencies;
module.exports.functionsConfig = functionsConfig;
module.exports.taskpaneConfig = taskpaneConfig;
