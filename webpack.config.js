// @ts-check
/**
 * Builds everything Office loads, into dist/ (a self-contained folder to deploy):
 *   functions   src/functions/functions.ts → functions.js, functions.json (+ .zh-HK.json), functions.html
 *   taskpane    src/taskpane/index.tsx → taskpane.html, taskpane.js and lazy chunks (see docs/taskpane.md)
 * The export is a function of (env, argv) returning one small config per bundle; add a bundle (task
 * pane, CLI…) by writing another `xxxConfig(ctx)` and adding it to the array at the bottom.
 *   env.outDir  write somewhere else than dist/ (tests build into test/.out)
 *   env.only    build only the named configs, comma-separated (e.g. --env only=functions)
 *   env.officeJs  `local` serves office.js from dist/office-js (tests, offline); `cdn` (production default)
 */
const path = require('node:path');
const fs = require('node:fs');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { FunctionsMetadataPlugin } = require('./scripts/functions-metadata-plugin');

/** Where `npm start` serves dist/; manifest.xml points here. */
const DEV_ORIGIN = 'https://localhost:3000';

/**
 * @typedef {{ mode: 'development' | 'production', outDir: string }} BuildContext
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
function functionsConfig({ mode, outDir }) {
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
      }),
      copyFiles('assets', /^icon-\d+\.png$/),
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
 * The task pane (React + Fluent UI) and its standalone page: one HTML page whose entry asks Office which
 * host it is in, then loads the Excel chunk or the standalone chunk (in-memory workbook, preview, and
 * exceljs only when a file is opened or downloaded). See docs/taskpane.md.
 * office.js comes from Microsoft's CDN in production builds; development builds, and builds made with
 * `--env officeJs=local` (the browser tests, the standalone page here), use a local copy from
 * node_modules/@microsoft/office-js/dist instead, because the CDN is not reachable everywhere.
 * @param {BuildContext & { officeJs: 'cdn' | 'local' }} ctx
 * @returns {import('webpack').Configuration}
 */
function taskpaneConfig({ mode, outDir, officeJs }) {
  const officeDist = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
  /** @type {import('webpack').WebpackPluginInstance} */
  const copyOfficeJs = {
    apply(compiler) {
      const { Compilation, sources } = require('webpack');
      compiler.hooks.thisCompilation.tap('copyOfficeJs', (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: 'copyOfficeJs', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            // office.js loads its app-to-file table from beside itself; outside Office that is all it loads.
            for (const name of ['office.js', 'o15apptofilemappingtable.js']) {
              const file = path.join(officeDist, name);
              compilation.fileDependencies.add(file);
              compilation.emitAsset(`office-js/${name}`, new sources.RawSource(fs.readFileSync(file)));
            }
          },
        );
      });
    },
  };
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
        officeJs:
          officeJs === 'local'
            ? 'office-js/office.js'
            : 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
      }),
      ...(officeJs === 'local' ? [copyOfficeJs] : []),
    ],
  };
}

/**
 * @param {Record<string, string | boolean | undefined>} [env]
 * @param {{ mode?: string }} [argv]
 * @returns {import('webpack').Configuration[]}
 */
module.exports = (env = {}, argv = {}) => {
  /** @type {BuildContext} */
  const ctx = {
    mode: argv.mode === 'development' ? 'development' : 'production',
    outDir: typeof env.outDir === 'string' ? path.resolve(env.outDir) : path.resolve(__dirname, 'dist'),
  };
  const officeJs =
    env.officeJs === 'local' || (env.officeJs !== 'cdn' && ctx.mode === 'development') ? 'local' : 'cdn';
  const configs = [functionsConfig(ctx), taskpaneConfig({ ...ctx, officeJs })];
  const only = typeof env.only === 'string' ? env.only.split(',') : undefined;
  return only ? configs.filter((config) => only.includes(String(config.name))) : configs;
};

module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.browserTypeScript = browserTypeScript;
module.exports.downlevelDependencies = downlevelDependencies;
module.exports.functionsConfig = functionsConfig;
module.exports.taskpaneConfig = taskpaneConfig;
