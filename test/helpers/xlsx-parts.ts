import { inflateRawSync } from 'node:zlib';

/**
 * The XML parts of an .xlsx file, read with nothing but node's zlib: what a spreadsheet program reads,
 * not what our own reader (exceljs) makes of it.
 */
export function xlsxParts(bytes: Uint8Array): Map<string, string> {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = new Map<string, string>();
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size] = [buf.readUInt16LE(p + 10), buf.readUInt32LE(p + 20)];
    const nameLength = buf.readUInt16LE(p + 28);
    const skip = nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + skip;
  }
  return files;
}

/** A sheet's XML by its name (through workbook.xml and its relationships). */
export function sheetPart(parts: Map<string, string>, name: string): string {
  const workbook = parts.get('xl/workbook.xml') ?? '';
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = parts.get('xl/_rels/workbook.xml.rels') ?? '';
  const target =
    new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  const xml = parts.get(`xl/${target?.replace(/^\/?xl\//, '')}`);
  if (xml === undefined) throw new Error(`No sheet named ${name} in the file.`);
  return xml;
}

/** The number stored in a cell (`<v>` of `<c r="B2">`), or undefined when it holds none. */
export function storedNumber(sheetXml: string, address: string): number | undefined {
  const cell = new RegExp(`<c r="${address}"(?: [^>]*[^/>])?>(.*?)</c>`).exec(sheetXml)?.[1] ?? '';
  const value = /<v>([^<]*)<\/v>/.exec(cell)?.[1];
  return value === undefined ? undefined : Number(value);
}
