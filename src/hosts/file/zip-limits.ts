import { EXCEL_MAX_ROWS } from '../../register/limits';
import { WorkbookOpenError } from './errors';

/**
 * Guards against zip bombs before exceljs (JSZip) inflates anything: a 617 KB file whose theme inflates
 * to 600 MB took `init` to 2 GB and a stack trace. Browser-safe (no Buffer, no node:zlib): inflation goes
 * through `DecompressionStream('deflate-raw')`, which node 20 and every current browser have.
 *
 * Two checks, both against the same limits:
 * 1. the sizes the central directory declares, read without inflating anything;
 * 2. the bytes each part really inflates to, counted while inflating piece by piece and stopped as soon as a
 *    limit is passed, because the declared size is the zip writer's word and a bomb may lie about it.
 * While sheets are inflated their row numbers are read too, so that a sheet beyond Excel's last row is
 * refused at once rather than after exceljs has spent minutes and gigabytes loading it.
 */

const MiB = 1024 * 1024;

/**
 * The whole workbook may inflate to max(TOTAL_FLOOR, TOTAL_RATIO × its file size).
 * - Workbook XML compresses well but not without end: a generated 10,000-KPI list and the register built
 *   from it (deflate level 3) inflate 8–9 times (5.5 MB → 49 MB for the register); very repetitive sheets
 *   go further. 100 times leaves an order of magnitude of room and stops the bombs seen (617 KB → 600 MB is
 *   970 times).
 * - The floor lets small files hold an honest part that compresses extremely well (a long column of the
 *   same value), up to several times a 10,000-KPI register's XML.
 * - TOTAL_CEILING: exceljs keeps every cell as an object, several times the XML's size; beyond about 1 GiB
 *   of XML it runs out of node's default heap, so a larger file is refused in one line instead.
 */
export const TOTAL_FLOOR = 256 * MiB;
export const TOTAL_RATIO = 100;
export const TOTAL_CEILING = 1024 * MiB;

/**
 * Parts that hold no cells (theme, styles, drawings' XML, properties, custom XML …) are small in every
 * honest file: Office's theme1.xml is about 7 KB, and a styles.xml at Excel's limit of 65,490 cell formats
 * is of the order of 10 MB (some 150 bytes a format). 64 MiB leaves ample room. Sheets, shared strings and media (images are stored
 * already compressed, so they inflate about 1:1) are bounded by the total only.
 */
export const SMALL_PART_LIMIT = 64 * MiB;

/** The limit on the whole workbook's inflated size for a file of `fileSize` bytes. */
export function totalLimit(fileSize: number): number {
  return Math.min(TOTAL_CEILING, Math.max(TOTAL_FLOOR, TOTAL_RATIO * fileSize));
}

const BULK_PART = /^(xl\/worksheets\/[^/]+\.xml|xl\/sharedStrings\.xml|xl\/media\/.*|xl\/embeddings\/.*)$/i;
const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

export function partLimit(name: string, total: number): number {
  return BULK_PART.test(name) ? total : Math.min(total, SMALL_PART_LIMIT);
}

export interface CentralEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two an .xlsx uses). */
  method: number;
  compressedSize: number;
  declaredSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

/** What is wrong with a workbook's zip, in the terms of WorkbookOpenError's messages. */
export type ZipLimitProblem =
  { kind: 'tooLarge'; part: string; limit: number } | { kind: 'tooManyRows'; part: string; row: number };

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The end-of-central-directory record, searched backwards (a comment of up to 64 KB may follow it). */
function findEnd(bytes: Uint8Array, data: DataView): number {
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (data.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

/**
 * The central directory's entries (zip64 included, as far as sizes and offsets go). Returns undefined for
 * bytes that are not a readable zip: exceljs then says why in its own words (a WorkbookOpenError 'corrupt').
 */
export function readCentralDirectory(bytes: Uint8Array): CentralEntry[] | undefined {
  const data = view(bytes);
  const end = findEnd(bytes, data);
  if (end < 0) return undefined;
  let count = data.getUint16(end + 10, true);
  let offset = data.getUint32(end + 16, true);
  const locator = end - 20;
  if (locator >= 0 && data.getUint32(locator, true) === 0x07064b50) {
    const zip64End = Number(data.getBigUint64(locator + 8, true));
    if (zip64End + 56 > bytes.length || data.getUint32(zip64End, true) !== 0x06064b50) return undefined;
    count = Number(data.getBigUint64(zip64End + 32, true));
    offset = Number(data.getBigUint64(zip64End + 48, true));
  }
  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || data.getUint32(offset, true) !== 0x02014b50) return undefined;
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const entry: CentralEntry = {
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: data.getUint16(offset + 10, true),
      compressedSize: data.getUint32(offset + 20, true),
      declaredSize: data.getUint32(offset + 24, true),
      localOffset: data.getUint32(offset + 42, true),
    };
    readZip64Extra(entry, data, offset + 46 + nameLength, extraLength);
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset of 0xFFFFFFFF are in the zip64 extra field (0x0001), in this order, when present. */
function readZip64Extra(entry: CentralEntry, data: DataView, start: number, length: number): void {
  const FULL = 0xffffffff;
  for (let at = start; at + 4 <= start + length && at + 4 <= data.byteLength;) {
    const id = data.getUint16(at, true);
    const size = data.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= data.byteLength ? Number(data.getBigUint64(field, true)) : Infinity;
        field += 8;
        return value;
      };
      if (entry.declaredSize === FULL) entry.declaredSize = next();
      if (entry.compressedSize === FULL) entry.compressedSize = next();
      if (entry.localOffset === FULL) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** Check 1: the declared sizes, against the part and total limits. */
export function checkDeclaredSizes(
  entries: readonly CentralEntry[],
  fileSize: number,
): ZipLimitProblem | undefined {
  const total = totalLimit(fileSize);
  let sum = 0;
  for (const entry of entries) {
    const limit = partLimit(entry.name, total);
    sum += entry.declaredSize;
    if (entry.declaredSize > limit) return { kind: 'tooLarge', part: entry.name, limit };
    if (sum > total) return { kind: 'tooLarge', part: entry.name, limit: total };
  }
  return undefined;
}

/** The compressed bytes of an entry, found through its local header (whose name and extra lengths may differ). */
function packedBytes(bytes: Uint8Array, entry: CentralEntry): Uint8Array | undefined {
  const data = view(bytes);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || data.getUint32(local, true) !== 0x04034b50) return undefined;
  const start = local + 30 + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) return undefined;
  return bytes.subarray(start, start + entry.compressedSize);
}

/** How much a workbook holds, counted while its sheets are inflated: what loading it will cost. */
export interface WorkbookSize {
  /** The most rows in one sheet. */
  rows: number;
  /** Cells in all sheets. */
  cells: number;
}

/**
 * Finds the highest row a sheet's XML uses, from `<row r="…">` (or by counting rows without `r`), and
 * counts its cells (`<c …>`).
 */
class RowScanner {
  private readonly decoder = new TextDecoder();
  private tail = '';
  maxRow = 0;
  cells = 0;

  push(chunk: Uint8Array): void {
    const text = this.tail + this.decoder.decode(chunk, { stream: true });
    // A tag cut at the chunk's end is read again with the next chunk.
    const cut = text.lastIndexOf('<');
    const whole = cut >= 0 && text.indexOf('>', cut) < 0 ? text.slice(0, cut) : text;
    // No row tag is kilobytes long: an unclosed `<` that far back is not one, and keeping it would make
    // every later chunk copy it again.
    const rest = text.slice(whole.length);
    this.tail = rest.length > 4096 ? '' : rest;
    // A row's start tag, with or without a namespace prefix; its `r` is read from the tag alone.
    const rows = /<(?:[\w.-]+:)?row[\s>/]/g;
    for (let match = rows.exec(whole); match; match = rows.exec(whole)) {
      const tag = whole.slice(match.index, whole.indexOf('>', match.index));
      const r = /\sr="(\d+)"/.exec(tag);
      this.maxRow = r ? Math.max(this.maxRow, Number(r[1])) : this.maxRow + 1;
    }
    const cells = /<(?:[\w.-]+:)?c[\s>/]/g;
    while (cells.exec(whole)) this.cells++;
  }
}

/**
 * Inflates one part, counting its bytes, and stops at `limit`. Returns the inflated size, or undefined
 * when the limit was passed. Memory stays at one piece of output at a time.
 */
async function inflatedSize(
  packed: Uint8Array,
  limit: number,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<number | undefined> {
  const stream = new Blob([packed as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return size;
      size += value.byteLength;
      if (size > limit) return undefined;
      onChunk?.(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Check 2: the real inflated sizes (and the sheets' last rows). Broken deflate data is left to exceljs. */
export async function checkInflatedSizes(
  bytes: Uint8Array,
  entries: readonly CentralEntry[],
  size: WorkbookSize = { rows: 0, cells: 0 },
): Promise<ZipLimitProblem | undefined> {
  const total = totalLimit(bytes.length);
  let sum = 0;
  for (const entry of entries) {
    const packed = packedBytes(bytes, entry);
    if (!packed) continue;
    const ownLimit = partLimit(entry.name, total);
    const limit = Math.min(ownLimit, total - sum);
    // Says the limit that was reached: the part's own, or what was left of the whole workbook's.
    const tooLarge: ZipLimitProblem = {
      kind: 'tooLarge',
      part: entry.name,
      limit: ownLimit <= total - sum ? ownLimit : total,
    };
    const rows = SHEET_PART.test(entry.name) ? new RowScanner() : undefined;
    let inflated: number | undefined;
    if (entry.method === 0) {
      inflated = packed.length;
      rows?.push(packed);
    } else if (entry.method === 8) {
      try {
        inflated = await inflatedSize(packed, limit, rows && ((chunk) => rows.push(chunk)));
      } catch {
        continue; // not valid deflate data: exceljs reports the file as damaged
      }
    } else continue;
    if (inflated === undefined || inflated > limit) return tooLarge;
    if (rows && rows.maxRow > EXCEL_MAX_ROWS)
      return { kind: 'tooManyRows', part: entry.name, row: rows.maxRow };
    if (rows) {
      size.rows = Math.max(size.rows, rows.maxRow);
      size.cells += rows.cells;
    }
    sum += inflated;
  }
  return undefined;
}

/**
 * Both checks; throws the one-line WorkbookOpenError that says which part is too large and what to do.
 * Returns how many rows and cells the sheets hold (zero for bytes that are not a readable zip).
 */
export async function checkZipLimits(bytes: Uint8Array, source: string): Promise<WorkbookSize> {
  const size: WorkbookSize = { rows: 0, cells: 0 };
  const entries = readCentralDirectory(bytes);
  if (!entries) return size;
  const problem =
    checkDeclaredSizes(entries, bytes.length) ?? (await checkInflatedSizes(bytes, entries, size));
  if (!problem) return size;
  if (problem.kind === 'tooManyRows') {
    throw new WorkbookOpenError('tooManyRows', source, problem.part, {
      row: problem.row,
      max: EXCEL_MAX_ROWS,
    });
  }
  throw new WorkbookOpenError('tooLarge', source, problem.part, {
    limit: Math.round(problem.limit / MiB),
  });
}
