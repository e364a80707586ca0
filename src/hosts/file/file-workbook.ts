import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Worksheet } from 'exceljs';
import { WorkbookOpenError, WorkbookSaveError } from './errors';
import { writeSheet } from './sheet-xml';
import { StyleSheetAdditions } from './styles-xml';
import { loadExcel, newExcelWorkbook, XlsxWorkbook } from './xlsx-workbook';
import { readStoredZip, writeZip, type DeflatedEntry, type ZipEntry } from './zip';
import { checkZipLimits, type WorkbookSize } from './zip-limits';

/** Level 3 deflates 70 MB of register XML in a third of level 6's time, for a file 11% larger. */
const LEVEL = 3;
const TABLE_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';

/**
 * An empty stand-in for a sheet while exceljs writes the rest of the workbook: exceljs still lists the
 * sheet in workbook.xml, its relationships, content types and app.xml, but writes no cells for it.
 */
function placeholderOf(ws: Worksheet): Worksheet {
  const Sheet = ws.constructor as new (options: object) => Worksheet;
  // A workbook with no sheets, only so that the name check does not find the real sheet.
  const placeholder = new Sheet({
    workbook: { _worksheets: [] },
    id: ws.id,
    orderNo: (ws as unknown as { orderNo: number }).orderNo,
    name: ws.name,
    state: ws.state,
  });
  (placeholder as unknown as { _workbook: unknown })._workbook = ws.workbook;
  return placeholder;
}

/**
 * An .xlsx file on disk behind the Workbook port (the CLI's host). Writes change the workbook in memory;
 * `save` writes the file. `flush` is a no-op here: nothing reaches the disk until `save`.
 */
export class FileWorkbook extends XlsxWorkbook {
  static override create(): FileWorkbook {
    return new FileWorkbook(newExcelWorkbook());
  }

  static override async fromBuffer(
    bytes: Uint8Array | ArrayBuffer,
    source = 'The file',
    fits?: (size: WorkbookSize) => void,
  ): Promise<FileWorkbook> {
    // Zip bombs and sheets past Excel's last row are refused before exceljs inflates anything, and
    // `fits` may refuse a workbook too large for the memory at hand (the CLI's check) just as early.
    const size = await checkZipLimits(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), source);
    fits?.(size);
    return new FileWorkbook(await loadExcel(bytes, source));
  }

  /** Opens an .xlsx file; anything else (missing, .xls, encrypted, empty, not a workbook) is a WorkbookOpenError. */
  static async open(path: string, fits?: (size: WorkbookSize) => void): Promise<FileWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new WorkbookOpenError('notFound', path);
      throw new WorkbookOpenError('unreadable', path, (error as Error).message);
    }
    return FileWorkbook.fromBuffer(bytes, path, fits);
  }

  /**
   * The .xlsx file, in two parts. exceljs writes the workbook into a stored zip with the sheets the
   * register created replaced by empty stand-ins; this host writes those sheets' XML itself (see
   * sheet-xml: a fraction of exceljs's time and memory on a large register), appends their formats to
   * styles.xml and their tables to the package, and node's zlib compresses every part (the sheets as
   * their XML is produced, so a large sheet's XML never exists uncompressed all at once).
   */
  override async toBuffer(): Promise<Uint8Array> {
    const excel = this.toExcelJs();
    const streamed = this.states.filter((state) => state.created);
    const worksheets = (excel as unknown as { _worksheets: (Worksheet | undefined)[] })._worksheets;
    let stored: Uint8Array;
    try {
      for (const { ws } of streamed) worksheets[ws.id] = placeholderOf(ws);
      stored = await this.serialise({ zip: { compression: 'STORE' } });
    } finally {
      for (const { ws } of streamed) worksheets[ws.id] = ws;
    }

    const entries: (ZipEntry | DeflatedEntry)[] = readStoredZip(stored);
    const indexOf = (name: string) => {
      const index = entries.findIndex((e) => e.name === name);
      if (index < 0) throw new Error(`exceljs wrote no ${name}`);
      return index;
    };
    const entry = (name: string) => entries[indexOf(name)] as ZipEntry;
    const styles = new StyleSheetAdditions(entry('xl/styles.xml').data.toString('utf8'));
    const added: ZipEntry[] = [];
    const types: string[] = [];
    // exceljs numbers its tables table1.xml… by id; the register's follow.
    let tableId = 1;
    for (const { name } of entries) {
      const id = /^xl\/tables\/table(\d+)\.xml$/.exec(name)?.[1];
      if (id) tableId = Math.max(tableId, Number(id) + 1);
    }
    for (const state of streamed) {
      const tables = this.tableList.filter((table) => table.sheet === state).map((table) => table.model);
      const path = `xl/worksheets/sheet${state.ws.id}.xml`;
      const parts = writeSheet(state.ws, state.validations, tables, tableId, styles, path, LEVEL);
      tableId += tables.length;
      entries[indexOf(path)] = parts.sheet;
      if (parts.rels)
        added.push({ name: `xl/worksheets/_rels/sheet${state.ws.id}.xml.rels`, data: parts.rels });
      for (const table of parts.tables) {
        added.push({ name: `xl/tables/${table.file}`, data: table.xml });
        types.push(`<Override PartName="/xl/tables/${table.file}" ContentType="${TABLE_TYPE}"/>`);
      }
    }
    entry('xl/styles.xml').data = Buffer.from(styles.toXml(), 'utf8');
    const contentTypes = entry('[Content_Types].xml');
    contentTypes.data = Buffer.from(
      contentTypes.data.toString('utf8').replace('</Types>', `${types.join('')}</Types>`),
      'utf8',
    );
    return writeZip([...entries, ...added], LEVEL);
  }

  /**
   * Writes the file atomically: the bytes go to a temporary file beside the target, reach the disk, and
   * only then replace the target by a rename, so a crash or a full disk never leaves half a workbook.
   */
  async save(path: string): Promise<void> {
    if (!/\.xlsx$/i.test(path)) throw new WorkbookSaveError('notXlsxPath', path);
    const bytes = await this.toBuffer();
    const temp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const mode = await stat(path).then(
      (info) => info.mode & 0o777,
      () => 0o644,
    );
    try {
      const handle = await open(temp, 'wx', mode);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }
}
