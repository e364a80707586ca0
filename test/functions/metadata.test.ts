import { hasChinese } from '../../src/core/i18n';
import {
  localizeMetadata,
  type Metadata,
  type TranslationTable,
} from '../../scripts/functions-metadata-plugin';
import table from '../../src/functions/functions.zh-HK.json';
import { buildFunctions, readBuilt } from '../helpers/build';

/**
 * What Excel reads before it ever runs the code: the generated functions.json and its zh-HK copy.
 * Parameter types decide whether Excel converts arguments (a blank cell would become 0 for `number`),
 * dimensionality decides whether ranges are accepted and results spill.
 */
const SIGNATURES: Record<string, [name: string, optional: boolean][]> = {
  SCORE: [
    ['actual', false],
    ['target', false],
    ['baseline', true],
    ['polarity', true],
    ['cap', true],
  ],
  STATUS: [
    ['score', false],
    ['framework', true],
    ['green_at', true],
    ['amber_at', true],
  ],
  ROLLUP: [
    ['scores', false],
    ['weights', true],
    ['cap', true],
  ],
  CHANGE: [
    ['current', false],
    ['previous', false],
  ],
  PACE: [
    ['actual', false],
    ['target', false],
    ['start', false],
    ['end', false],
    ['as_of', true],
    ['baseline', true],
  ],
  FEASIBILITY: [
    ['target', false],
    ['history', false],
    ['polarity', true],
    ['easy_within', true],
    ['unrealistic_beyond', true],
  ],
  SMARTCHECK: [
    ['text', false],
    ['target', true],
    ['unit', true],
    ['deadline', true],
    ['parent', true],
    ['baseline', true],
  ],
  NEXTREVIEW: [
    ['last_review', false],
    ['cadence', false],
  ],
};

let english: Metadata;
let chinese: Metadata;
let html: string;

beforeAll(async () => {
  const dir = await buildFunctions();
  english = JSON.parse(readBuilt(dir, 'functions.json'));
  chinese = JSON.parse(readBuilt(dir, 'functions.zh-HK.json'));
  html = readBuilt(dir, 'functions.html');
}, 180_000);

describe('functions.json', () => {
  it('declares exactly the eight functions, each named as its id', () => {
    expect(english.functions.map((fn) => fn.id).sort()).toEqual(Object.keys(SIGNATURES).sort());
    for (const fn of english.functions) expect(fn.name).toBe(fn.id);
  });

  it.each(Object.entries(SIGNATURES))(
    '%s: parameters are unconverted ranges, optional as in the spec',
    (id, signature) => {
      const fn = english.functions.find((f) => f.id === id)!;
      expect(fn.parameters.map((p) => [p.name, p.optional === true])).toEqual(signature);
      for (const p of fn.parameters) {
        expect(p.type).toBe('any');
        expect(p.dimensionality).toBe('matrix');
      }
      expect(fn.result.dimensionality).toBe('matrix');
    },
  );

  it('describes every function and every parameter', () => {
    for (const fn of english.functions) {
      expect(fn.description).toEqual(expect.stringMatching(/\S/));
      for (const p of fn.parameters) {
        expect({ fn: fn.id, p: p.name, d: p.description }).toEqual({
          fn: fn.id,
          p: p.name,
          d: expect.stringMatching(/\S/),
        });
      }
    }
  });

  it('marks only PACE volatile (it reads today when as_of is omitted)', () => {
    const volatile = english.functions.filter((fn) => fn.options?.volatile).map((fn) => fn.id);
    expect(volatile).toEqual(['PACE']);
  });

  it('lets error cells reach the functions, so one bad cell stays in its own cell', () => {
    expect(english.allowErrorForDataTypeAny).toBe(true);
  });
});

describe('functions.zh-HK.json', () => {
  it('has the same ids, names, parameters, types and options, with Chinese descriptions', () => {
    const strip = (m: Metadata) =>
      m.functions.map((fn) => ({
        ...fn,
        description: undefined,
        parameters: fn.parameters.map((p) => ({ ...p, description: undefined })),
      }));
    expect(strip(chinese)).toEqual(strip(english));
    expect(chinese.allowErrorForDataTypeAny).toBe(true);
    chinese.functions.forEach((fn, i) => {
      expect(hasChinese(fn.description ?? '')).toBe(true);
      expect(fn.description).not.toBe(english.functions[i].description);
      for (const p of fn.parameters) {
        expect({ fn: fn.id, p: p.name, chinese: hasChinese(p.description ?? '') }).toEqual({
          fn: fn.id,
          p: p.name,
          chinese: true,
        });
      }
    });
  });

  it('the build refuses a missing or stale translation', () => {
    const withoutCap: TranslationTable = JSON.parse(JSON.stringify(table));
    delete withoutCap.SCORE.parameters.cap;
    expect(() => localizeMetadata(english, withoutCap)).toThrow(/SCORE\(cap\) has no translated description/);
    const stale: TranslationTable = { ...table, SCORES: table.SCORE };
    expect(() => localizeMetadata(english, stale)).toThrow(/SCORES is translated but is not a function/);
    const renamed: TranslationTable = JSON.parse(JSON.stringify(table));
    renamed.PACE.parameters.asof = renamed.PACE.parameters.as_of;
    expect(() => localizeMetadata(english, renamed)).toThrow(
      /PACE\(asof\) is translated but is not a parameter/,
    );
  });
});

describe('functions.html (the page Excel on the web runs the functions in)', () => {
  it('loads the custom functions runtime before functions.js', () => {
    const runtime = html.indexOf('custom-functions-runtime.js');
    const bundle = html.search(/src="?functions\.js/);
    expect(runtime).toBeGreaterThan(-1);
    expect(bundle).toBeGreaterThan(runtime);
  });
});
