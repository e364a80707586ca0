import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasChinese } from '../src/core/i18n';
import { ROOT, buildFunctions, cachedBuild } from './helpers/build';

/**
 * manifest.xml, checked offline: the XML schema (xmllint against the published Office schemas in
 * ../shared/office-schemas), then what the schema cannot see — resource ids, the namespace, URLs,
 * permission, icons and localisation.
 */
const MANIFEST = path.join(ROOT, 'manifest.xml');
const SCHEMAS = path.resolve(ROOT, '..', 'shared', 'office-schemas');
const DEV_ORIGIN = 'https://localhost:3000';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Enough XML for a manifest: elements, attributes and text; comments and the declaration are skipped. */
function parseXml(source: string): XmlElement {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const body = source.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    stack[stack.length - 1].text += decode(body.slice(last, match.index));
    last = tag.lastIndex;
    const [, closing, name, attrText, selfClosing] = match;
    if (closing) {
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, value] of attrText.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[key] = decode(value);
    const element: XmlElement = { name, attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  return root.children[0];
}

function all(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (e.name === name) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}
function everyElement(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(everyElement)];
}
const only = (element: XmlElement, name: string): XmlElement => {
  const found = all(element, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
};

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** xmllint against the Office add-in manifest schema (skipped by hand without xmllint, never in CI). */
function expectSchemaValid(file: string): void {
  const missing = spawnSync('xmllint', ['--version']).error
    ? 'xmllint is not installed (apt-get install libxml2-utils)'
    : fs.existsSync(path.join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'))
      ? undefined
      : `the Office schemas are not at ${SCHEMAS}`;
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`Schema validation is required in CI, but ${missing}`);
    console.warn(`Schema validation skipped: ${missing}`);
    return;
  }
  const result = spawnSync(
    'xmllint',
    ['--noout', '--schema', path.join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'), file],
    { encoding: 'utf8' },
  );
  expect(result.stderr.trim()).toBe(`${file} validates`);
  expect(result.status).toBe(0);
}

/** Every `resid` a manifest uses is defined, as a resource of the kind its element needs; ids are unique. */
function expectResidsDefined(manifest: XmlElement): void {
  const resources = only(manifest, 'Resources');
  const ids = (kind: string) => new Set(all(resources, kind).map((e) => e.attrs.id));
  const urls = ids('bt:Url');
  const images = ids('bt:Image');
  const strings = new Set([
    ...all(only(resources, 'bt:ShortStrings'), 'bt:String').map((e) => e.attrs.id),
    ...all(resources, 'bt:LongStrings').flatMap((l) => l.children.map((e) => e.attrs.id)),
  ]);
  const kindOf = (element: string) =>
    element === 'bt:Image'
      ? images
      : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(element)
        ? urls
        : strings;
  const uses = everyElement(manifest).filter((e) => e.attrs.resid);
  expect(uses.length).toBeGreaterThanOrEqual(4);
  for (const use of uses) {
    expect({
      element: use.name,
      resid: use.attrs.resid,
      defined: kindOf(use.name).has(use.attrs.resid),
    }).toEqual({
      element: use.name,
      resid: use.attrs.resid,
      defined: true,
    });
  }
  const all_ = ['bt:Image', 'bt:Url', 'bt:String'].flatMap((kind) =>
    all(resources, kind).map((e) => e.attrs.id),
  );
  expect(new Set(all_).size).toBe(all_.length);
}

/** Every address Office fetches (namespace declarations, xmlns…, are names, not addresses). */
function addressesOf(manifest: XmlElement): string[] {
  return everyElement(manifest)
    .flatMap((e) => [
      ...Object.entries(e.attrs)
        .filter(([key]) => !key.startsWith('xmlns'))
        .map(([, v]) => v),
      e.text.trim(),
    ])
    .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
}

/** The pages the task pane's webpack config declares (not built by the functions build). */
function taskpanePages(outDir: string): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { taskpaneConfig } = require('../webpack.config.js');
  return new Set(
    (
      taskpaneConfig({ mode: 'production', outDir, officeJs: 'cdn' }).plugins as {
        userOptions?: { filename?: string };
      }[]
    )
      .map((plugin) => plugin.userOptions?.filename)
      .filter(Boolean)
      .map((name) => `/${name}`),
  );
}

const source = fs.readFileSync(MANIFEST, 'utf8');
const manifest = parseXml(source);
const resources = only(manifest, 'Resources');
const defined = (kind: string) => new Map(all(resources, kind).map((e) => [e.attrs.id, e]));
const urls = defined('bt:Url');
const images = defined('bt:Image');
const shortStrings = new Map(
  all(only(resources, 'bt:ShortStrings'), 'bt:String').map((e) => [e.attrs.id, e]),
);

describe('manifest.xml', () => {
  it('validates against the Office add-in manifest schema', () => {
    expectSchemaValid(MANIFEST);
  });

  it('is an Excel add-in with a stable GUID and the en-US default locale', () => {
    expect(manifest.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(only(manifest, 'Id').text.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(only(manifest, 'DefaultLocale').text.trim()).toBe('en-US');
    expect(only(manifest, 'ProviderName').text.trim()).not.toBe('');
    const hosts = manifest.children.find((e) => e.name === 'Hosts')!;
    expect(hosts.children.map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(only(manifest, 'SupportUrl').attrs.DefaultValue).toMatch(/^https:\/\//);
  });

  it('defines every resource id it uses, of the right kind', () => {
    expectResidsDefined(manifest);
  });

  it('declares the custom functions with the namespace KPI', () => {
    const point = all(manifest, 'ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions')!;
    expect(point).toBeDefined();
    const resid = (name: string) => only(only(point, name), 'SourceLocation').attrs.resid;
    expect(urls.get(resid('Script'))!.attrs.DefaultValue).toBe(`${DEV_ORIGIN}/functions.js`);
    expect(urls.get(resid('Page'))!.attrs.DefaultValue).toBe(`${DEV_ORIGIN}/functions.html`);
    expect(urls.get(resid('Metadata'))!.attrs.DefaultValue).toBe(`${DEV_ORIGIN}/functions.json`);
    expect(shortStrings.get(only(point, 'Namespace').attrs.resid)!.attrs.DefaultValue).toBe('KPI');
  });

  it('serves the zh-HK function descriptions to Chinese Office (zh-HK and zh-TW)', () => {
    const point = all(manifest, 'ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions')!;
    const metadata = urls.get(only(only(point, 'Metadata'), 'SourceLocation').attrs.resid)!;
    const overrides = Object.fromEntries(
      all(metadata, 'bt:Override').map((o) => [o.attrs.Locale, o.attrs.Value]),
    );
    expect(overrides).toEqual({
      'zh-HK': `${DEV_ORIGIN}/functions.zh-HK.json`,
      'zh-TW': `${DEV_ORIGIN}/functions.zh-HK.json`,
    });
  });

  it('has its display name and description in English and Traditional Chinese', () => {
    for (const name of ['DisplayName', 'Description']) {
      const element = manifest.children.find((e) => e.name === name)!;
      expect(element.attrs.DefaultValue).toMatch(/\w/);
      const zh = element.children.find((o) => o.name === 'Override' && o.attrs.Locale === 'zh-HK');
      expect(hasChinese(zh?.attrs.Value ?? '')).toBe(true);
    }
  });

  it('asks for the least permission the task pane needs (it writes the register and selects rows)', () => {
    // Custom functions alone would need only Restricted; the task pane's Excel.run writes need ReadWriteDocument.
    expect(only(manifest, 'Permissions').text.trim()).toBe('ReadWriteDocument');
  });

  it('uses only https URLs and trusts no outside domain', () => {
    const addresses = addressesOf(manifest);
    expect(addresses.length).toBeGreaterThan(5);
    for (const url of addresses) expect(url).toMatch(/^https:\/\//);
    for (const domain of all(manifest, 'AppDomain'))
      expect(domain.text.trim()).toMatch(/^https:\/\/localhost(:\d+)?$/);
  });

  it('references icons that exist in assets/ with the pixel size Office expects', () => {
    const expected: [string, number][] = [
      [only(manifest, 'IconUrl').attrs.DefaultValue, 32],
      [only(manifest, 'HighResolutionIconUrl').attrs.DefaultValue, 64],
      ...[...images.values()].map((e): [string, number] => [
        e.attrs.DefaultValue,
        Number(/(\d+)x\1$/.exec(e.attrs.id)![1]),
      ]),
    ];
    for (const [url, size] of expected) {
      expect(url.startsWith(`${DEV_ORIGIN}/assets/`)).toBe(true);
      const file = path.join(ROOT, new URL(url).pathname);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  it('points every localhost URL at a file the build produces', async () => {
    const dir = await buildFunctions();
    // The task pane's page is not built here (the browser tests build it); its config must declare it.
    const pages = taskpanePages(dir);
    expect([...pages]).toEqual(['/taskpane.html']);
    const local = [...source.matchAll(/"(https:\/\/localhost:3000\/[^"]*)"/g)].map((m) => m[1]);
    expect(local.length).toBeGreaterThan(5);
    for (const url of local) {
      const file = path.join(dir, new URL(url).pathname);
      const built = fs.existsSync(file) || pages.has(new URL(url).pathname);
      expect({ url, built }).toEqual({ url, built: true });
    }
  }, 180_000);
});

describe('the support page (SupportUrl)', () => {
  it('is a help page of its own, in English and Traditional Chinese, not the functions runtime page', async () => {
    expect(only(manifest, 'SupportUrl').attrs.DefaultValue).toBe(`${DEV_ORIGIN}/support.html`);
    const page = fs.readFileSync(path.join(await buildFunctions(), 'support.html'), 'utf8');
    expect(page).not.toMatch(/custom-functions-runtime|functions\.js|<script/);
    const section = (lang: string) =>
      new RegExp(`<section id="?${lang}"? lang="?${lang}"?>([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';
    const en = section('en');
    const zh = section('zh-HK');
    expect(en).toMatch(/Getting help/);
    expect(en).toMatch(/#DIV\/0!/);
    expect(hasChinese(zh)).toBe(true);
    expect(zh).toMatch(/取得協助/);
    // Both halves tell the same things: the same functions, the same headings count.
    const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;
    expect(count(zh, /<h2>/g)).toBe(count(en, /<h2>/g));
    expect(count(zh, /KPI\.[A-Z]+\(/g)).toBe(count(en, /KPI\.[A-Z]+\(/g));
    expect(count(en, /<a href="?https:/g)).toBeGreaterThan(0);
    expect(count(en, /<a href="?https:/g)).toBe(count(zh, /<a href="?https:/g));
  }, 180_000);
});

describe('production manifest (npm run build -- --env origin=https://kpi.example.com)', () => {
  const ORIGIN = 'https://kpi.example.com';
  const OUT = path.join(ROOT, 'test', '.out', 'functions-origin');
  let dir: string;
  let produced: string;
  let built: XmlElement;

  beforeAll(async () => {
    dir = await cachedBuild({
      out: OUT,
      inputs: [
        'manifest.xml',
        'src/functions',
        'src/support',
        'src/core',
        'assets',
        'webpack.config.js',
        'scripts/functions-metadata-plugin.js',
        'package-lock.json',
      ],
      args: [
        '--mode',
        'production',
        '--env',
        `outDir=${OUT}`,
        '--env',
        'only=functions',
        '--env',
        `origin=${ORIGIN}`,
      ],
    });
    produced = fs.readFileSync(path.join(dir, 'manifest.xml'), 'utf8');
    built = parseXml(produced);
  }, 180_000);

  it('is written into the build and validates against the Office add-in manifest schema', () => {
    expectSchemaValid(path.join(dir, 'manifest.xml'));
  });

  it('points every URL at the origin, at a file the build produces, and nowhere at localhost', () => {
    expect(produced).not.toMatch(/localhost/i);
    const addresses = addressesOf(built);
    expect(addresses.length).toBe([...source.matchAll(/"https:\/\/localhost:3000\/[^"]*"/g)].length);
    const pages = taskpanePages(dir);
    for (const url of addresses) {
      expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
      const file = new URL(url).pathname;
      expect({ url, built: fs.existsSync(path.join(dir, file)) || pages.has(file) }).toEqual({
        url,
        built: true,
      });
    }
    expect(only(built, 'SupportUrl').attrs.DefaultValue).toBe(`${ORIGIN}/support.html`);
    expect(only(only(built, 'DefaultSettings'), 'SourceLocation').attrs.DefaultValue).toBe(
      `${ORIGIN}/taskpane.html`,
    );
  });

  it('keeps everything else of manifest.xml: ids, resources, permission, namespace', () => {
    expectResidsDefined(built);
    expect(only(built, 'Id').text).toBe(only(manifest, 'Id').text);
    expect(only(built, 'Permissions').text.trim()).toBe('ReadWriteDocument');
    // Only the addresses (and the comment that names them) differ.
    const strip = (xml: string, origin: string) =>
      xml
        .replace(/<!--[\s\S]*?-->/, '')
        .split(origin)
        .join('<origin>');
    expect(strip(produced, ORIGIN)).toBe(strip(source, DEV_ORIGIN));
  });

  it('is not written without an origin (npm run build keeps its output), and a bad origin is a one-line error', async () => {
    expect(fs.existsSync(path.join(await buildFunctions(), 'manifest.xml'))).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../webpack.config.js');
    for (const origin of [
      'http://kpi.example.com',
      'https://kpi.example.com/app',
      'kpi.example.com',
      'https://localhost:3000',
    ])
      expect(() => config({ origin }, { mode: 'production' })).toThrow(
        /^--env origin must be an https origin/,
      );
    expect(config.checkOrigin('https://kpi.example.com:8443/')).toBe('https://kpi.example.com:8443');
  });
});
