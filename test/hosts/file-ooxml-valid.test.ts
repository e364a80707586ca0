import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Lang } from '../../src/core/i18n';
import { FileWorkbook, memoryToXlsx } from '../../src/hosts/file';
import { MemoryWorkbook } from '../../src/hosts/memory';
import { writeZip } from '../../src/hosts/file/zip';
import { adoptWorkbook } from '../../src/register/adopt';
import { buildRegister } from '../../src/register/build';
import { demoRegister } from '../../src/register/demo';
import { zipEntries } from '../helpers/zip-entries';

/**
 * Issue 8 item 7: every XML part of the registers the file host writes is valid OOXML, checked by an
 * outside oracle: xmllint against the ECMA-376 transitional schemas in ../shared/ooxml-schemas, after
 * dropping what markup compatibility lets a consumer drop (`mc:Ignorable` and everything in the
 * namespaces it names; see that folder's README). Registers: the demo in both languages and both
 * dialects, and a workbook adopted by init.
 */

const ROOT = path.join(__dirname, '..', '..');
const SCHEMAS = path.resolve(ROOT, '..', 'shared', 'ooxml-schemas');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'finance-kpis-en.xlsx');
const TODAY = new Date(2026, 4, 15);

/** The schema for a part, by its name; undefined for a part no schema describes (legacy VML). */
function schemaOf(name: string): string | undefined {
  if (name === '[Content_Types].xml') return 'opc-xsd/opc-contentTypes.xsd';
  if (name.endsWith('.rels')) return 'opc-xsd/opc-relationships.xsd';
  if (name === 'docProps/core.xml') return 'core'; // see coreSchema()
  if (name === 'docProps/app.xml') return 'shared-documentPropertiesExtended.xsd';
  if (name === 'docProps/custom.xml') return 'shared-documentPropertiesCustom.xsd';
  if (/^xl\/theme\/[^/]+\.xml$/.test(name)) return 'dml-main.xsd';
  if (/^xl\/drawings\/[^/]+\.xml$/.test(name)) return 'dml-spreadsheetDrawing.xsd';
  if (/^xl\/charts\/[^/]+\.xml$/.test(name)) return 'dml-chart.xsd';
  // VML (comments' boxes) has the root element <xml>, which no schema declares (ECMA-376 Part 4, legacy).
  if (name.endsWith('.vml')) return undefined;
  if (/^xl\/.+\.xml$/.test(name)) return 'sml.xsd';
  throw new Error(`no schema is known for the part ${name}`);
}

/**
 * opc-coreProperties.xsd imports the Dublin Core schemas and xml.xsd from the web (not reachable here):
 * a copy of it pointing at local stand-ins that declare what core.xml uses (the DCMI elements as simple
 * literals, dcterms:W3CDTF dates, xml:lang), so everything else in core.xml is still checked.
 */
function coreSchema(dir: string): string {
  const xs = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
  writeFileSync(
    path.join(dir, 'xml.xsd'),
    `<xs:schema ${xs} targetNamespace="http://www.w3.org/XML/1998/namespace">` +
      '<xs:attribute name="lang" type="xs:language"/></xs:schema>',
  );
  const literal = ['title', 'creator', 'subject', 'description', 'identifier', 'language', 'date']
    .map((name) => `<xs:element name="${name}" type="dc:SimpleLiteral"/>`)
    .join('');
  writeFileSync(
    path.join(dir, 'dc.xsd'),
    `<xs:schema ${xs} xmlns:dc="http://purl.org/dc/elements/1.1/" targetNamespace="http://purl.org/dc/elements/1.1/" elementFormDefault="qualified">` +
      '<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>' +
      '<xs:complexType name="SimpleLiteral"><xs:simpleContent><xs:extension base="xs:string">' +
      '<xs:attribute ref="xml:lang" use="optional"/></xs:extension></xs:simpleContent></xs:complexType>' +
      `${literal}</xs:schema>`,
  );
  writeFileSync(
    path.join(dir, 'dcterms.xsd'),
    `<xs:schema ${xs} xmlns:dc="http://purl.org/dc/elements/1.1/" targetNamespace="http://purl.org/dc/terms/" elementFormDefault="qualified">` +
      '<xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="dc.xsd"/>' +
      '<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>' +
      '<xs:element name="created" type="dc:SimpleLiteral"/><xs:element name="modified" type="dc:SimpleLiteral"/>' +
      '<xs:complexType name="W3CDTF"><xs:simpleContent><xs:restriction base="dc:SimpleLiteral">' +
      // W3C-DTF: a year, month, day, or date and time with a zone (a pattern, as string is the base).
      '<xs:pattern value="\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+\\-]\\d{2}:\\d{2}))?)?)?"/>' +
      '<xs:attribute ref="xml:lang" use="prohibited"/></xs:restriction></xs:simpleContent></xs:complexType></xs:schema>',
  );
  const original = readFileSync(path.join(SCHEMAS, 'opc-xsd', 'opc-coreProperties.xsd'), 'utf8');
  const local = original
    .replace(/schemaLocation="[^"]*\/dc\.xsd"/, 'schemaLocation="dc.xsd"')
    .replace(/schemaLocation="[^"]*\/dcterms\.xsd"/, 'schemaLocation="dcterms.xsd"')
    .replace(
      '<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace"/>',
      '<xs:import id="xml" namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>',
    );
  const file = path.join(dir, 'opc-coreProperties.xsd');
  writeFileSync(file, local);
  return file;
}

/**
 * What a markup-compatibility consumer reads: `mc:Ignorable` gone, with every attribute and element of
 * the namespaces it names (ECMA-376 Part 3). Namespace declarations may stay.
 */
export function dropIgnorable(xml: string): string {
  const ignorable = /\bmc:Ignorable="([^"]*)"/.exec(xml)?.[1].split(/\s+/).filter(Boolean) ?? [];
  let out = xml.replace(/\s+mc:Ignorable="[^"]*"/g, '');
  for (const prefix of ignorable) {
    out = out
      .replace(new RegExp(`\\s+${prefix}:[\\w.-]+="[^"]*"`, 'g'), '')
      .replace(new RegExp(`<${prefix}:([\\w.-]+)\\b[^>]*/>`, 'g'), '')
      .replace(new RegExp(`<${prefix}:([\\w.-]+)\\b[^>]*>[\\s\\S]*?</${prefix}:\\1>`, 'g'), '');
  }
  return out;
}

function xmllintMissing(): string | undefined {
  if (spawnSync('xmllint', ['--version']).error)
    return 'xmllint is not installed (apt-get install libxml2-utils)';
  if (!existsSync(path.join(SCHEMAS, 'sml.xsd'))) return `the ECMA-376 schemas are not at ${SCHEMAS}`;
  return undefined;
}

/** Each part's xmllint verdict: '' when it validates, else xmllint's messages. */
function validate(bytes: Uint8Array, dir: string, core: string): Map<string, string> {
  const parts = zipEntries(bytes);
  const bySchema = new Map<string, { part: string; file: string }[]>();
  const verdicts = new Map<string, string>();
  let n = 0;
  for (const [name, data] of parts) {
    if (name.endsWith('/')) continue; // a folder entry
    const schema = schemaOf(name);
    if (!schema) continue;
    const file = path.join(dir, `part${n++}.xml`);
    writeFileSync(file, dropIgnorable(data.toString('utf8')));
    const list = bySchema.get(schema) ?? [];
    list.push({ part: name, file });
    bySchema.set(schema, list);
  }
  for (const [schema, list] of bySchema) {
    const xsd = schema === 'core' ? core : path.join(SCHEMAS, schema);
    const result = spawnSync('xmllint', ['--noout', '--schema', xsd, ...list.map((p) => p.file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (/failed to compile/.test(result.stderr)) throw new Error(`${schema}: ${result.stderr}`);
    for (const { part, file } of list) {
      const lines = result.stderr.split('\n').filter((line) => line.startsWith(file));
      const ok = lines.some((line) => line === `${file} validates`);
      verdicts.set(part, ok ? '' : lines.join('\n').replaceAll(file, part).slice(0, 2000));
    }
  }
  return verdicts;
}

async function demo(lang: Lang, portable: boolean): Promise<Uint8Array> {
  const workbook = FileWorkbook.create();
  await buildRegister(workbook, demoRegister({ lang, today: TODAY }), { lang, today: TODAY, portable });
  return workbook.toBuffer();
}

/** The standalone page's Download: an in-memory register written by XlsxWorkbook (exceljs alone). */
async function download(): Promise<Uint8Array> {
  const memory = new MemoryWorkbook();
  await buildRegister(memory, demoRegister({ lang: 'zh-HK', today: TODAY }), { lang: 'zh-HK', today: TODAY });
  return memoryToXlsx(memory);
}

async function adopted(portable: boolean): Promise<Uint8Array> {
  const workbook = await FileWorkbook.open(FIXTURE);
  const result = await adoptWorkbook(workbook, { lang: 'en', today: TODAY });
  await buildRegister(
    workbook,
    { kpis: result.kpis, checkIns: result.checkIns, extraColumns: result.extraColumns },
    { lang: result.sheetLang, today: TODAY, portable },
  );
  return workbook.toBuffer();
}

describe('every XML part the file host writes is valid OOXML (xmllint, ECMA-376 schemas)', () => {
  const missing = xmllintMissing();
  let dir: string;
  let core: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kpi-ooxml-'));
    mkdirSync(path.join(dir, 'schemas'));
    if (!missing) core = coreSchema(path.join(dir, 'schemas'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => Promise<Uint8Array>][] = [
    ['the demo in English, KPI.* formulas', () => demo('en', false)],
    ['the demo in English, portable formulas', () => demo('en', true)],
    ['the demo in Traditional Chinese, KPI.* formulas', () => demo('zh-HK', false)],
    ['the demo in Traditional Chinese, portable formulas', () => demo('zh-HK', true)],
    ['a workbook adopted by init (finance-kpis-en.xlsx), KPI.* formulas', () => adopted(false)],
    ['a workbook adopted by init (finance-kpis-en.xlsx), portable formulas', () => adopted(true)],
    ["the standalone page's download (exceljs writes every sheet), KPI.* formulas", () => download()],
  ];

  it.each(cases)(
    '%s',
    async (_name, write) => {
      if (missing) {
        if (process.env.CI === 'true') throw new Error(`OOXML validation is required in CI, but ${missing}`);
        console.warn(`OOXML validation skipped: ${missing}`);
        return;
      }
      const out = mkdtempSync(path.join(dir, 'case-'));
      const verdicts = validate(await write(), out, core);
      // The parts a register has, so a writer that stops producing one (or a mapping that misses it) shows.
      for (const part of [
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/styles.xml',
        'docProps/core.xml',
        'docProps/app.xml',
        'xl/theme/theme1.xml',
      ])
        expect(verdicts.has(part)).toBe(true);
      expect(
        [...verdicts.keys()].filter((part) => part.startsWith('xl/worksheets/sheet')).length,
      ).toBeGreaterThan(1);
      expect([...verdicts.keys()].some((part) => part.startsWith('xl/tables/'))).toBe(true);
      const invalid = [...verdicts].filter(([, verdict]) => verdict !== '');
      expect(invalid).toEqual([]);
    },
    120_000,
  );

  it('finds an invalid part (the oracle can fail)', async () => {
    if (missing) {
      if (process.env.CI === 'true') throw new Error(`OOXML validation is required in CI, but ${missing}`);
      return;
    }
    const parts = zipEntries(await demo('en', false));
    const broken = [...parts].map(([name, data]) => ({
      name,
      data:
        name === 'xl/workbook.xml'
          ? Buffer.from(data.toString('utf8').replace(/<calcPr /, '<calcPr bogus="1" '))
          : name === 'xl/styles.xml'
            ? Buffer.from(data.toString('utf8').replace('<fonts ', '<fonts wrong="1" '))
            : data,
    }));
    const verdicts = validate(writeZip(broken, 1), mkdtempSync(path.join(dir, 'broken-')), core);
    expect(verdicts.get('xl/workbook.xml')).toMatch(/bogus/);
    expect(verdicts.get('xl/styles.xml')).toMatch(/wrong/);
    expect(verdicts.get('xl/worksheets/sheet1.xml')).toBe('');
  });

  it('drops what markup compatibility marks ignorable, and nothing else', () => {
    const xml =
      '<worksheet xmlns="m" xmlns:mc="mc" mc:Ignorable="x14ac xr" xmlns:x14ac="a" xmlns:xr="r" xr:uid="{1}">' +
      '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><xr:extra a="1"/><xr:more>t</xr:more></worksheet>';
    expect(dropIgnorable(xml)).toBe(
      '<worksheet xmlns="m" xmlns:mc="mc" xmlns:x14ac="a" xmlns:xr="r"><sheetFormatPr defaultRowHeight="15"/></worksheet>',
    );
  });
});
