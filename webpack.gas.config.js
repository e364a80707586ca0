// @ts-check
/**
 * Builds the Google Sheets add-on into appsscript/dist/ (what `clasp push` uploads; see docs/sheets.md):
 *   gas-server   src/gas/main.ts → Code.js, plus appsscript.json (the manifest)
 *   gas-sidebar  src/gas/sidebar/index.tsx → sidebar.html, one self-contained page (no CDN, no files)
 *   env.outDir  write somewhere else than appsscript/dist (tests build into test/.out)
 *   env.only    build only the named configs, comma-separated (e.g. --env only=gas-server)
 */
const path = require('node:path');
const fs = require('node:fs');
const webpack = require('webpack');
const GasPlugin = require('gas-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { browserTypeScript, downlevelDependencies } = require('./webpack.config');
// webpack's own minimizer (terser behind it), resolved from webpack so it is the one webpack ships with.
const MinimizerPlugin = require(
  require.resolve('minimizer-webpack-plugin', { paths: [require.resolve('webpack')] }),
);

const DEFAULT_OUT = path.resolve(__dirname, 'appsscript', 'dist');
const GAS_ENTRY = path.resolve(__dirname, 'src/gas/main.ts');

/**
 * The parameter names of the custom functions in main.ts (`global.KPI_SCORE = function (actual, target, …)`).
 * terser renames parameters; these stay, so each stub's parameters keep matching its `@param` names.
 * @returns {string[]}
 */
function entryParameterNames() {
  const source = fs.readFileSync(GAS_ENTRY, 'utf8');
  const names = new Set();
  for (const match of source.matchAll(/global\.KPI_\w+\s*=\s*function\s*\(([^)]*)\)/g)) {
    for (const param of match[1].split(',')) {
      const name = param.split(':')[0].trim();
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  return [...names];
}

/**
 * @typedef {{ mode: 'development' | 'production', outDir: string }} BuildContext
 */

/**
 * TypeScript for Code.js: ES2016, so that async/await becomes generators driven by SyncPromise, with
 * TypeScript's helpers (`__awaiter`, …) imported once from tslib (a dependency of Fluent UI) instead of
 * copied into every module that uses them: every byte of Code.js is loaded by every custom-function call.
 * @returns {import('webpack').RuleSetRule}
 */
function gasTypeScript() {
  const rule = browserTypeScript('es2016');
  const use = /** @type {{ options: { compilerOptions: Record<string, unknown> } }} */ (rule.use);
  use.options.compilerOptions.importHelpers = true;
  return rule;
}

/**
 * Code.js. Apps Script loads it as a plain script (no module system) and calls top-level functions by
 * name, so:
 * - gas-webpack-plugin writes a top-level stub for every `global.X = function (…)` in main.ts, with its
 *   JSDoc (`@customfunction` blocks are what Sheets shows in formula autocomplete);
 * - it is minified: Sheets runs every cell that calls a custom function as an execution of its own, and
 *   each one loads the whole file first (docs/sheets.md). terser is told to keep what Apps Script reads:
 *   top-level declarations are never renamed or dropped (`toplevel: false`), their parameters stay
 *   (`keep_fargs`), and every comment holding `@customfunction` is kept whole (`format.comments`);
 *   gas-webpack-plugin adds the stubs when the chunk is made, before terser runs, so they go through it;
 * - async/await is lowered to generators (ES2016) and every `Promise` is the SyncPromise of
 *   src/gas/syncPromise.ts: a server function runs its action to the end before it returns;
 * - dependencies are brought down to ES2020 only (Apps Script's V8 runs it; the tests parse Code.js as
 *   ES2020): their `?.` and `??` stay as they are instead of growing into longer ES2019 code;
 * - no eval-based source maps (Apps Script has no use for them).
 * @param {BuildContext} ctx
 * @returns {import('webpack').Configuration}
 */
function gasServerConfig({ mode, outDir }) {
  return {
    name: 'gas-server',
    mode,
    context: __dirname,
    target: ['web', 'es2020'],
    entry: { Code: GAS_ENTRY },
    output: { path: outDir, filename: '[name].js', clean: false },
    devtool: false,
    node: { global: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [gasTypeScript(), downlevelDependencies('es2020')],
      parser: { javascript: { exportsPresence: 'error' } },
    },
    optimization: {
      minimize: mode === 'production',
      concatenateModules: true,
      minimizer: [
        new MinimizerPlugin({
          minify: {
            implementation: MinimizerPlugin.terserMinify,
            options: {
              ecma: 2020,
              toplevel: false,
              mangle: { reserved: entryParameterNames() },
              compress: { keep_fargs: true, passes: 3 },
              format: { comments: /@customfunction/, ascii_only: false },
            },
          },
          extractComments: false,
        }),
      ],
    },
    performance: { hints: false },
    plugins: [
      new webpack.ProvidePlugin({
        Promise: [path.resolve(__dirname, 'src/gas/syncPromise.ts'), 'SyncPromise'],
      }),
      new GasPlugin({ comment: true, include: [GAS_ENTRY] }),
      emitFile('appsscript.json', path.resolve(__dirname, 'appsscript/appsscript.json')),
    ],
  };
}

/**
 * sidebar.html: the task pane's React UI with the Sheets actions. HtmlService serves one file, so the
 * script is inlined into the page and the separate .js is not emitted.
 * @param {BuildContext} ctx
 * @returns {import('webpack').Configuration}
 */
function gasSidebarConfig({ mode, outDir }) {
  return {
    name: 'gas-sidebar',
    mode,
    context: __dirname,
    target: ['web', 'es2019'],
    entry: { sidebar: path.resolve(__dirname, 'src/gas/sidebar/index.tsx') },
    output: { path: outDir, filename: '[name].js', clean: false },
    devtool: false,
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [browserTypeScript('es2019')],
      parser: { javascript: { exportsPresence: 'error' } },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'sidebar.html',
        template: path.resolve(__dirname, 'src/gas/sidebar/sidebar.html'),
        inject: 'body',
        scriptLoading: 'blocking',
        minify: false,
      }),
      // The task pane loads its screens lazily; HtmlService serves one file, so they all go into it.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      inlineScripts(),
    ],
  };
}

/**
 * Emits a repository file into the output unchanged.
 * @param {string} name
 * @param {string} file
 * @returns {import('webpack').WebpackPluginInstance}
 */
function emitFile(name, file) {
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('emitFile', (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: 'emitFile', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            compilation.fileDependencies.add(file);
            compilation.emitAsset(name, new webpack.sources.RawSource(fs.readFileSync(file)));
          },
        );
      });
    },
  };
}

/**
 * Puts every script the page loads into the page itself and drops the script files. `</script` inside
 * the code is written `<\/script` (same meaning in JavaScript) so it cannot close the tag early.
 * @returns {import('webpack').WebpackPluginInstance}
 */
function inlineScripts() {
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap('inlineScripts', (compilation) => {
        const inlined = new Set();
        HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('inlineScripts', (data) => {
          for (const tag of [...data.headTags, ...data.bodyTags]) {
            const src = tag.tagName === 'script' && tag.attributes && tag.attributes.src;
            if (typeof src !== 'string') continue;
            const name = decodeURIComponent(src.replace(/^\.?\//, '').replace(/\?.*$/, ''));
            const asset = compilation.getAsset(name);
            if (!asset) throw new Error(`inlineScripts: no asset ${name} to inline`);
            tag.innerHTML = asset.source
              .source()
              .toString()
              .replace(/<\/(script)/gi, '<\\/$1');
            delete tag.attributes.src;
            inlined.add(name);
          }
          return data;
        });
        compilation.hooks.processAssets.tap(
          { name: 'inlineScripts', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
          () => {
            for (const name of inlined) {
              compilation.deleteAsset(name);
              compilation.deleteAsset(`${name}.LICENSE.txt`);
            }
          },
        );
      });
    },
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
    outDir: typeof env.outDir === 'string' ? path.resolve(env.outDir) : DEFAULT_OUT,
  };
  const configs = [gasServerConfig(ctx), gasSidebarConfig(ctx)];
  const only = typeof env.only === 'string' ? env.only.split(',') : undefined;
  return only ? configs.filter((config) => only.includes(String(config.name))) : configs;
};
