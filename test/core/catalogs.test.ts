import * as fields from '../../src/core/fields';
import * as healthMessages from '../../src/core/health/messages';
import { LANGS } from '../../src/core/i18n';
import * as smartMessages from '../../src/core/smart/messages';

/** Every module under src/core that exports a Catalog: adding one is one line here. */
const MODULES: Record<string, Record<string, unknown>> = {
  'core/fields': fields,
  'core/health/messages': healthMessages,
  'core/smart/messages': smartMessages,
};

type AnyCatalog = Record<(typeof LANGS)[number], Record<string, unknown>>;

/** A catalog is an object with exactly one record per language (that is the `Catalog` type's shape). */
function isCatalog(value: unknown): value is AnyCatalog {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return (
    keys.length === LANGS.length && LANGS.every((lang) => typeof (value as AnyCatalog)[lang] === 'object')
  );
}

const catalogs = Object.entries(MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isCatalog(value))
    .map(([name, value]) => [`${module}.${name}`, value as AnyCatalog] as const),
);

describe('text catalogs', () => {
  it('finds the catalogs of every listed module', () => {
    for (const module of Object.keys(MODULES)) {
      expect(catalogs.some(([name]) => name.startsWith(`${module}.`))).toBe(true);
    }
    expect(catalogs.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'core/fields.FIELD_HEADERS',
        'core/fields.FIELD_HELP',
        'core/fields.ENUM_LABELS',
        'core/fields.CHECKIN_HEADERS',
        'core/fields.SHEET_NAMES',
        'core/health/messages.HEALTH_MESSAGES',
        'core/health/messages.RULE_TITLES',
        'core/health/messages.SEVERITY_LABELS',
        'core/smart/messages.SMART_MESSAGES',
      ]),
    );
  });

  describe.each(catalogs)('%s', (_name, catalog) => {
    it('has the same keys in English and Traditional Chinese', () => {
      const [first, ...others] = LANGS.map((lang) => Object.keys(catalog[lang]).sort());
      for (const keys of others) expect(keys).toEqual(first);
    });

    it('has no empty text and the same placeholders in every language', () => {
      for (const key of Object.keys(catalog.en)) {
        const placeholders = LANGS.map((lang) => {
          const text = catalog[lang][key];
          expect([lang, key, typeof text === 'string' && text.trim() !== '']).toEqual([lang, key, true]);
          return [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        });
        for (const found of placeholders) expect([key, found]).toEqual([key, placeholders[0]]);
      }
    });
  });
});
