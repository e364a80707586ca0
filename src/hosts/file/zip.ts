import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * The entries of a zip whose entries are stored uncompressed (what exceljs writes when asked for
 * `STORE`), and a writer for a deflated zip. The file host reads exceljs's part of the workbook this way,
 * replaces and adds parts (the sheets it writes itself), and compresses the result with node's zlib.
 * Only a single-disk zip without zip64 is read (an .xlsx exceljs wrote never needs either); anything else
 * is refused rather than guessed at.
 *
 * Compressing here rather than in exceljs matters: exceljs deflates through JSZip's pure-JavaScript code,
 * which took 7 of the 12 seconds of saving a 10,000-KPI register (70 MB of XML).
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** An entry compressed while it was written (see DeflatingPart). */
export interface DeflatedEntry {
  name: string;
  deflated: { packed: Buffer[]; size: number; crc: number };
}

/**
 * A part deflated piece by piece as its text is produced, so that the uncompressed XML of a large sheet
 * (70 MB for a 10,000-KPI register) never exists at once. Each piece ends with a sync flush (byte-aligned,
 * not final), so the pieces concatenate into one deflate stream; a final empty block closes it. Each piece
 * starts a fresh dictionary, which costs little with pieces of a few hundred rows.
 */
export class DeflatingPart {
  private readonly packed: Buffer[] = [];
  private size = 0;
  private crc = 0;

  constructor(private readonly level: number) {}

  push(text: string): void {
    if (!text) return;
    const data = Buffer.from(text, 'utf8');
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    this.packed.push(deflateRawSync(data, { level: this.level, finishFlush: constants.Z_SYNC_FLUSH }));
  }

  finish(name: string): DeflatedEntry {
    // The final block: BFINAL set, fixed Huffman codes, nothing but the end-of-block code.
    const packed = [...this.packed, Buffer.from([0x03, 0x00])];
    return { name, deflated: { packed, size: this.size, crc: this.crc } };
  }
}

export function readStoredZip(zip: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('zip: no end of central directory');
  if (buf.readUInt32LE(end + 16) === 0xffffffff) throw new Error('zip: zip64 is not supported');
  const entries: ZipEntry[] = [];
  let central = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    if (buf.readUInt32LE(central) !== 0x02014b50) throw new Error('zip: broken central directory');
    const method = buf.readUInt16LE(central + 10);
    const size = buf.readUInt32LE(central + 24);
    const nameLength = buf.readUInt16LE(central + 28);
    if (method !== 0) throw new Error('zip: expects stored entries');
    const local = buf.readUInt32LE(central + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    entries.push({
      name: buf.toString('utf8', central + 46, central + 46 + nameLength),
      data: buf.subarray(start, start + size),
    });
    central += 46 + nameLength + buf.readUInt16LE(central + 30) + buf.readUInt16LE(central + 32);
  }
  return entries;
}

/** A zip with every non-empty entry deflated at `level`, dated `when` (local time, as zip dates are). */
export function writeZip(
  entries: readonly (ZipEntry | DeflatedEntry)[],
  level: number,
  when = new Date(),
): Buffer {
  const time = (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1);
  const date =
    ((Math.max(1980, when.getFullYear()) - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate();
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const nameBytes = Buffer.from(entry.name, 'utf8');
    let method: number, packed: Buffer[], size: number, crc: number;
    if ('deflated' in entry) {
      ({ packed, size, crc } = entry.deflated);
      method = 8;
    } else {
      const { data } = entry;
      method = data.length > 0 ? 8 : 0;
      packed = [method ? deflateRawSync(data, { level }) : data];
      size = data.length;
      crc = crc32(data);
    }
    const packedSize = packed.reduce((sum, piece) => sum + piece.length, 0);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    parts.push(header, nameBytes, ...packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    header.copy(central, 8, 6, 30); // flags … name length: as in the local header
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += header.length + nameBytes.length + packedSize;
    if (offset > 0xffffffff) throw new Error('zip: the workbook is too large for a zip without zip64');
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(entries.length, 8);
  tail.writeUInt16LE(entries.length, 10);
  tail.writeUInt32LE(directorySize, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...centrals, tail]);
}
