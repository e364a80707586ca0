import { inflateRawSync } from 'node:zlib';

/**
 * The parts of an .xlsx (a zip) by name, read straight from the bytes: what a consumer of the file sees,
 * without going through exceljs or our own host. Stored and deflated entries; no zip64 (tests only).
 */
export function zipEntries(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip');
  const parts = new Map<string, Buffer>();
  let central = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const method = buf.readUInt16LE(central + 10);
    const packedSize = buf.readUInt32LE(central + 20);
    const nameLength = buf.readUInt16LE(central + 28);
    const name = buf.toString('utf8', central + 46, central + 46 + nameLength);
    const local = buf.readUInt32LE(central + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + packedSize);
    parts.set(name, method === 8 ? inflateRawSync(packed) : Buffer.from(packed));
    central += 46 + nameLength + buf.readUInt16LE(central + 30) + buf.readUInt16LE(central + 32);
  }
  return parts;
}

/** The text of one part; throws when the file has no such part. */
export function entryText(parts: Map<string, Buffer>, name: string): string {
  const part = parts.get(name);
  if (!part) throw new Error(`no part ${name} (has ${[...parts.keys()].join(', ')})`);
  return part.toString('utf8');
}
