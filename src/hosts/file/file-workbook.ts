import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { recompress } from './recompress';
import { WorkbookOpenError, WorkbookSaveError } from './errors';
import { loadExcel, newExcelWorkbook, XlsxWorkbook } from './xlsx-workbook';

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
  ): Promise<FileWorkbook> {
    return new FileWorkbook(await loadExcel(bytes, source));
  }

  /** Opens an .xlsx file; anything else (missing, .xls, encrypted, empty, not a workbook) is a WorkbookOpenError. */
  static async open(path: string): Promise<FileWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new WorkbookOpenError('notFound', path);
      throw new WorkbookOpenError('unreadable', path, (error as Error).message);
    }
    return FileWorkbook.fromBuffer(bytes, path);
  }

  /**
   * The .xlsx file: exceljs writes the parts into a stored zip, node's zlib compresses them (see
   * recompress). Level 3 deflates 70 MB of register XML in a third of level 6's time, for a file 11% larger.
   */
  override async toBuffer(): Promise<Uint8Array> {
    return recompress(await this.serialise({ zip: { compression: 'STORE' } }), 3);
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
