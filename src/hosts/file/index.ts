// Node entry point. Browser code imports './xlsx-workbook' or './convert' instead (no node:fs there).
export { FileWorkbook } from './file-workbook';
export { XlsxWorkbook } from './xlsx-workbook';
export { fromExcelJs, memoryFromXlsx, memoryToXlsx, toExcelJs } from './convert';
export { OPEN_ERRORS, WorkbookOpenError, type OpenErrorCode } from './open-errors';
export { LISTS_SHEET } from './validations';
