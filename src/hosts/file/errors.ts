import { format, type Catalog, type Lang } from '../../core/i18n';

/** Why a file could not be opened or saved as a workbook; each has a one-line message in every language. */
export type OpenErrorCode =
  | 'notFound'
  | 'unreadable'
  | 'empty'
  | 'legacyXls'
  | 'encrypted'
  | 'ods'
  | 'xlsb'
  | 'notXlsx'
  | 'notWorkbook'
  | 'noSheets'
  | 'corrupt'
  | 'tooLarge'
  | 'tooManyRows';

export const OPEN_ERRORS: Catalog<OpenErrorCode> = {
  en: {
    notFound: '{source}: no such file.',
    unreadable: '{source} cannot be read: {detail}',
    empty: '{source} is empty (0 bytes), not an Excel workbook.',
    legacyXls: '{source} is an Excel 97-2003 (.xls) file; open it in Excel and save it as .xlsx.',
    encrypted: '{source} is password-protected; open it in Excel, remove the password and save it again.',
    ods: '{source} is an OpenDocument spreadsheet (.ods); save it as .xlsx first.',
    xlsb: '{source} is an Excel binary workbook (.xlsb); save it as .xlsx first.',
    notXlsx: '{source} is not an .xlsx workbook; save it from Excel as .xlsx.',
    notWorkbook: '{source} is a zip file but not an Excel workbook.',
    noSheets: '{source} contains no worksheets.',
    corrupt:
      '{source} could not be read as an .xlsx workbook (damaged, or saved by a program that writes it differently: {detail}); open it in Excel and save it again as .xlsx.',
    tooLarge:
      '{source} unpacks to more than {limit} MB (part {detail}), far beyond any ordinary workbook of its size, so it was not opened; open it in Excel, remove what is not needed and save it again.',
    tooManyRows:
      "{source} has rows down to {row} ({detail}), past Excel's last row {max}; Excel cannot open it either: move the extra rows to another sheet and save it again.",
  },
  'zh-HK': {
    notFound: '{source}：找不到檔案。',
    unreadable: '無法讀取 {source}：{detail}',
    empty: '{source} 是空檔案（0 位元組），不是 Excel 活頁簿。',
    legacyXls: '{source} 是 Excel 97-2003（.xls）檔案；請在 Excel 開啟後另存為 .xlsx。',
    encrypted: '{source} 受密碼保護；請在 Excel 開啟、移除密碼後再儲存。',
    ods: '{source} 是 OpenDocument 試算表（.ods）；請先另存為 .xlsx。',
    xlsb: '{source} 是 Excel 二進位活頁簿（.xlsb）；請先另存為 .xlsx。',
    notXlsx: '{source} 不是 .xlsx 活頁簿；請在 Excel 另存為 .xlsx。',
    notWorkbook: '{source} 是 zip 檔案，但不是 Excel 活頁簿。',
    noSheets: '{source} 沒有任何工作表。',
    corrupt:
      '無法把 {source} 讀取為 .xlsx 活頁簿（檔案損壞，或由寫法不同的程式儲存：{detail}）；請在 Excel 開啟後另存為 .xlsx。',
    tooLarge:
      '{source} 解壓後超過 {limit} MB（部分 {detail}），遠超同樣大小的一般活頁簿，因此沒有開啟；請在 Excel 開啟、移除不需要的內容後再儲存。',
    tooManyRows:
      '{source} 的資料列延伸至第 {row} 列（{detail}），超出 Excel 的最後一列 {max}；Excel 也無法開啟：請把多出的列移到另一個工作表後再儲存。',
  },
};

/** Thrown by FileWorkbook.open/fromBuffer. `message` is the English line; `localized` gives the others. */
export class WorkbookOpenError extends Error {
  override name = 'WorkbookOpenError';

  constructor(
    readonly code: OpenErrorCode,
    readonly source: string,
    readonly detail = '',
    /** Further values some messages name (a size limit, a row number). */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(format(OPEN_ERRORS.en[code], { ...params, source, detail: firstLine(detail) }));
  }

  localized(lang: Lang): string {
    return format(OPEN_ERRORS[lang][this.code], {
      ...this.params,
      source: this.source,
      detail: firstLine(this.detail),
    });
  }
}

const firstLine = (text: string) => text.split('\n')[0].trim().slice(0, 200);

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/** Byte search that works on a plain Uint8Array (browsers have no Buffer). */
function includes(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  for (
    let i = bytes.indexOf(first);
    i !== -1 && i <= bytes.length - pattern.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < pattern.length && bytes[i + j] === pattern[j]) j++;
    if (j === pattern.length) return true;
  }
  return false;
}

const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));
const utf16 = (text: string) => Array.from(text).flatMap((ch) => [ch.charCodeAt(0), 0]);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Says what a file is before exceljs tries it, so the user learns "this is a password-protected file"
 * rather than a zip library's complaint. An encrypted .xlsx is not a zip at all: it is an OLE2 (CFB)
 * container holding an EncryptedPackage stream, like a legacy .xls without one.
 */
export function checkSignature(bytes: Uint8Array, source: string): void {
  if (bytes.length === 0) throw new WorkbookOpenError('empty', source);
  if (startsWith(bytes, CFB)) {
    const encrypted = includes(bytes, utf16('EncryptedPackage')) || includes(bytes, utf16('EncryptionInfo'));
    throw new WorkbookOpenError(encrypted ? 'encrypted' : 'legacyXls', source);
  }
  if (startsWith(bytes, EMPTY_ZIP)) throw new WorkbookOpenError('notWorkbook', source);
  if (!startsWith(bytes, ZIP)) throw new WorkbookOpenError('notXlsx', source);
}

/** After a zip opened with no worksheets: an .ods, another zip, or a workbook with no sheets. */
export function explainNoSheets(bytes: Uint8Array, source: string): WorkbookOpenError {
  if (includes(bytes, ascii('application/vnd.oasis.opendocument.spreadsheet')))
    return new WorkbookOpenError('ods', source);
  if (includes(bytes, ascii('xl/workbook.bin'))) return new WorkbookOpenError('xlsb', source);
  if (!includes(bytes, ascii('xl/workbook.xml'))) return new WorkbookOpenError('notWorkbook', source);
  return new WorkbookOpenError('noSheets', source);
}

export type SaveErrorCode = 'notXlsxPath';

export const SAVE_ERRORS: Catalog<SaveErrorCode> = {
  en: {
    notXlsxPath: '{path}: a register is saved as an .xlsx workbook; choose a file name ending in .xlsx.',
  },
  'zh-HK': {
    notXlsxPath: '{path}：登記冊會儲存為 .xlsx 活頁簿；請使用以 .xlsx 結尾的檔名。',
  },
};

/**
 * Thrown by FileWorkbook.save before anything is written. Saving only to `.xlsx` names means a macro
 * workbook (.xlsm), whose macros exceljs cannot keep, is never overwritten by a file without them.
 */
export class WorkbookSaveError extends Error {
  override name = 'WorkbookSaveError';

  constructor(
    readonly code: SaveErrorCode,
    readonly path: string,
  ) {
    super(format(SAVE_ERRORS.en[code], { path }));
  }

  localized(lang: Lang): string {
    return format(SAVE_ERRORS[lang][this.code], { path: this.path });
  }
}
