import { crc32, inflateRawSync } from 'node:zlib';
import { Workbook as ExcelWorkbook } from 'exceljs';
import { DeflatingPart, readStoredZip, writeZip } from '../../src/hosts/file/zip';

interface Entry {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}

/** Every entry of a zip, read through its central directory and local headers. */
function entries(bytes: Uint8Array): Entry[] {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: Entry[] = [];
  let p = buf.readUInt32LE(end + 16);
  for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    expect(buf.readUInt16LE(local + 8)).toBe(method);
    expect(buf.readUInt32LE(local + 14)).toBe(buf.readUInt32LE(p + 16));
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method,
      crc: buf.readUInt32LE(p + 16),
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

async function storedXlsx(): Promise<Buffer> {
  const excel = new ExcelWorkbook();
  const ws = excel.addWorksheet('Übersicht 概覽');
  for (let r = 1; r <= 500; r++)
    ws.addRow([`KPI ${r}`, r * 1.5, '=not a formula', new Date(Date.UTC(2026, 0, r))]);
  return Buffer.from(await excel.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
}

const recompress = (zip: Uint8Array, level = 6) => writeZip(readStoredZip(zip), level);

describe("the file host's zip reader and writer", () => {
  it('deflates every part of a stored zip, keeping names, order, contents and CRCs', async () => {
    const stored = await storedXlsx();
    const packed = recompress(stored, 3);
    const before = entries(stored);
    const after = entries(packed);
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    after.forEach((entry, i) => {
      expect(entry.data.equals(before[i].data)).toBe(true);
      expect(entry.crc).toBe(crc32(entry.data));
      expect(entry.method).toBe(entry.data.length > 0 ? 8 : 0);
    });
    expect(packed.length).toBeLessThan(stored.length / 3);
  });

  it('makes a file exceljs reads back cell for cell', async () => {
    const excel = new ExcelWorkbook();
    await excel.xlsx.load(recompress(await storedXlsx()) as unknown as ArrayBuffer);
    const ws = excel.getWorksheet('Übersicht 概覽');
    expect(ws?.rowCount).toBe(500);
    expect(ws?.getRow(7).values).toEqual([
      undefined,
      'KPI 7',
      10.5,
      '=not a formula',
      new Date(Date.UTC(2026, 0, 7)),
    ]);
  });

  it('refuses bytes that are not a zip, and a zip whose parts are already compressed', async () => {
    expect(() => recompress(Buffer.from('not a zip at all, just some text'))).toThrow(
      /no end of central directory/,
    );
    const excel = new ExcelWorkbook();
    excel.addWorksheet('A').addRow(['x']);
    const deflated = Buffer.from(await excel.xlsx.writeBuffer());
    expect(() => recompress(deflated)).toThrow(/stored/);
  });

  it('joins a part deflated piece by piece into one entry that inflates to the whole text', () => {
    const pieces = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 1}">${'數據 data '.repeat(i * 40)}</row>`,
    );
    const part = new DeflatingPart(3);
    pieces.forEach((piece) => part.push(piece));
    part.push('');
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('plain') }, part.finish('big.xml')], 3);
    const [plain, big] = entries(zip);
    expect(plain.data.toString('utf8')).toBe('plain');
    expect(big.name).toBe('big.xml');
    expect(big.method).toBe(8);
    expect(big.data.toString('utf8')).toBe(pieces.join(''));
    expect(big.crc).toBe(crc32(big.data));
  });
});
