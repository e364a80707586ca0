import { deflateRawSync } from 'node:zlib';

/**
 * Compresses a zip whose entries are stored uncompressed, with node's native zlib.
 *
 * exceljs compresses through JSZip's pure-JavaScript deflate, which took 7 of the 12 seconds of saving a
 * 10,000-KPI register (70 MB of XML). The file host asks exceljs for a stored zip instead and deflates
 * it here, natively: the entries, their order, names, dates and CRCs stay exactly as exceljs wrote them.
 * Only what this needs is read: the central directory of a single-disk zip without zip64 (an .xlsx
 * exceljs wrote never needs either). Anything else is refused rather than guessed at.
 */
export function recompress(zip: Uint8Array, level = 6): Buffer {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = endOfCentralDirectory(buf);
  const count = buf.readUInt16LE(end + 10);
  let central = buf.readUInt32LE(end + 16);

  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(central) !== 0x02014b50) throw new Error('recompress: broken central directory');
    const flags = buf.readUInt16LE(central + 8);
    const method = buf.readUInt16LE(central + 10);
    const size = buf.readUInt32LE(central + 24);
    const nameLength = buf.readUInt16LE(central + 28);
    const entryLength = 46 + nameLength + buf.readUInt16LE(central + 30) + buf.readUInt16LE(central + 32);
    if (method !== 0 || size === 0xffffffff) throw new Error('recompress: expects stored, non-zip64 entries');
    const local = buf.readUInt32LE(central + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    const name = buf.subarray(central + 46, central + 46 + nameLength);

    // Empty entries (folders) stay stored; the rest are deflated. Bit 3 (sizes after the data) is
    // dropped: the sizes are known and written in the header.
    const packed = size > 0 ? deflateRawSync(data, { level }) : data;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: deflate
    header.writeUInt16LE(flags & ~0x0008, 6);
    header.writeUInt16LE(size > 0 ? 8 : 0, 8);
    buf.copy(header, 10, central + 12, central + 20); // time, date, CRC-32
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameLength, 26);
    header.writeUInt16LE(0, 28);
    locals.push(header, name, packed);

    const entry = Buffer.from(buf.subarray(central, central + entryLength));
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags & ~0x0008, 8);
    entry.writeUInt16LE(size > 0 ? 8 : 0, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(offset, 42);
    centrals.push(entry);

    offset += header.length + nameLength + packed.length;
    central += entryLength;
  }

  const directorySize = centrals.reduce((sum, entry) => sum + entry.length, 0);
  const tail = Buffer.from(buf.subarray(end, end + 22));
  tail.writeUInt16LE(0, 20); // no comment
  tail.writeUInt32LE(directorySize, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, tail]);
}

function endOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) !== 0x06054b50) continue;
    if (buf.readUInt16LE(p + 4) !== 0 || buf.readUInt16LE(p + 8) !== buf.readUInt16LE(p + 10))
      throw new Error('recompress: multi-disk zips are not supported');
    if (buf.readUInt32LE(p + 16) === 0xffffffff) throw new Error('recompress: zip64 is not supported');
    return p;
  }
  throw new Error('recompress: not a zip (no end of central directory)');
}
