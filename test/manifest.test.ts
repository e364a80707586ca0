import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasChinese } from '../src/core/i18n';
import { ROOT, buildFunctions } from './helpers/build';

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
      ['--noout', '--schema', path.join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'), MANIFEST],
      { encoding: 'utf8' },
    );
    expect(result.stderr.trim()).toBe(`${MANIFEST} validates`);
    expect(result.status).toBe(0);
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
    const longStrings = new Set(
      all(resources, 'bt:LongStrings').flatMap((l) => l.children.map((e) => e.attrs.id)),
    );
    const kindOf = (element: string) =>
      element === 'bt:Image'
        ? images
        : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(element)
          ? urls
          : undefined;
    const uses = everyElement(manifest).filter((e) => e.attrs.resid);
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const use of uses) {
      const kind = kindOf(use.name);
      const ok = kind
        ? kind.has(use.attrs.resid)
        : shortStrings.has(use.attrs.resid) || longStrings.has(use.attrs.resid);
      expect({ element: use.name, resid: use.attrs.resid, defined: ok }).toEqual({
        element: use.name,
        resid: use.attrs.resid,
        defined: true,
      });
    }
    const ids = ['bt:Image', 'bt:Url', 'bt:String'].flatMap((kind) =>
      all(resources, kind).map((e) => e.attrs.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
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
    // Namespace declarations (xmlns…) are names, not addresses Office fetches.
    const addresses = everyElement(manifest)
      .flatMap((e) => [
        ...Object.entries(e.attrs)
          .filter(([key]) => !key.startsWith('xmlns'))
          .map(([, v]) => v),
        e.text.trim(),
      ])
      .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
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
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { taskpaneConfig } = require('../webpack.config.js');
    const pages = new Set(
      (
        taskpaneConfig({ mode: 'production', outDir: dir, officeJs: 'cdn' }).plugins as {
          userOptions?: { filename?: string };
        }[]
      )
        .map((plugin) => plugin.userOptions?.filename)
        .filter(Boolean)
        .map((name) => `/${name}`),
    );
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
