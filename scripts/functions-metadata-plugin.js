// @ts-check
/**
 * Completes the functions.json that custom-functions-metadata-plugin generates from the JSDoc:
 * - sets `allowErrorForDataTypeAny`, which the generator cannot emit, so that an error cell inside a
 *   range reaches the function and stays in its own output cell instead of failing the whole formula;
 * - emits one localized copy per translation table (functions.zh-HK.json): same ids, names, types and
 *   options, translated descriptions. Names stay English, as Excel keeps built-in function names in
 *   Chinese Office. A missing or stale translation fails the build.
 */
const fs = require('node:fs');
const { Compilation, WebpackError, sources } = require('webpack');

const PLUGIN = 'FunctionsMetadataPlugin';

/**
 * @typedef {{ name: string, description?: string }} ParameterMetadata
 * @typedef {{ id: string, name: string, description?: string, parameters: ParameterMetadata[] }} FunctionMetadata
 * @typedef {{ functions: FunctionMetadata[], [key: string]: unknown }} Metadata
 * @typedef {{ description: string, parameters: Record<string, string> }} FunctionTranslation
 * @typedef {Record<string, FunctionTranslation>} TranslationTable
 */

/**
 * Returns the metadata with translated descriptions, or throws listing every missing or stale entry.
 * @param {Metadata} metadata
 * @param {TranslationTable} table
 * @returns {Metadata}
 */
function localizeMetadata(metadata, table) {
  const problems = [];
  const ids = new Set(metadata.functions.map((fn) => fn.id));
  for (const id of Object.keys(table))
    if (!ids.has(id)) problems.push(`${id} is translated but is not a function`);
  const functions = metadata.functions.map((fn) => {
    const entry = table[fn.id];
    if (!entry || !nonEmpty(entry.description)) {
      problems.push(`${fn.id} has no translated description`);
      return fn;
    }
    const names = new Set(fn.parameters.map((p) => p.name));
    for (const name of Object.keys(entry.parameters ?? {})) {
      if (!names.has(name)) problems.push(`${fn.id}(${name}) is translated but is not a parameter`);
    }
    const parameters = fn.parameters.map((p) => {
      const description = entry.parameters?.[p.name];
      if (!nonEmpty(description)) problems.push(`${fn.id}(${p.name}) has no translated description`);
      return { ...p, description };
    });
    return { ...fn, description: entry.description, parameters };
  });
  if (problems.length > 0)
    throw new Error(`Function translations are incomplete:\n  ${problems.join('\n  ')}`);
  return { ...metadata, functions };
}

/** @param {unknown} text */
const nonEmpty = (text) => typeof text === 'string' && text.trim() !== '';

class FunctionsMetadataPlugin {
  /**
   * @param {{ metadata: string, translations: Record<string, string> }} options
   *   metadata: the asset written by custom-functions-metadata-plugin (functions.json);
   *   translations: locale → path of its translation table (the output is functions.<locale>.json).
   */
  constructor(options) {
    this.options = options;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const { metadata: file, translations } = this.options;
          const asset = compilation.getAsset(file);
          if (!asset) return; // the generator reported its errors already
          /** @type {Metadata} */
          const metadata = {
            ...JSON.parse(asset.source.source().toString()),
            allowErrorForDataTypeAny: true,
          };
          compilation.updateAsset(file, new sources.RawSource(JSON.stringify(metadata, null, 2)));
          for (const [locale, tablePath] of Object.entries(translations)) {
            compilation.fileDependencies.add(tablePath);
            try {
              const table = JSON.parse(fs.readFileSync(tablePath, 'utf8'));
              const localized = localizeMetadata(metadata, table);
              const output = file.replace(/\.json$/, `.${locale}.json`);
              compilation.emitAsset(output, new sources.RawSource(JSON.stringify(localized, null, 2)));
            } catch (error) {
              compilation.errors.push(
                new WebpackError(`${PLUGIN} (${tablePath}): ${/** @type {Error} */ (error).message}`),
              );
            }
          }
        },
      );
    });
  }
}

module.exports = { FunctionsMetadataPlugin, localizeMetadata };
