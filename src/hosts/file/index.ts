// Node entry point. Browser code imports './xlsx-workbook' or './convert' instead (no node:fs there).
export { FileWorkbook } from './file-workbook';
export { XlsxWorkbook } from './xlsx-workbook';
export { fromExcelJs, memoryFromXlsx, memoryToXlsx, toExcelJs } from './convert';
export {
  OPEN_ERRORS,
  SAVE_ERRORS,
  WorkbookOpenError,
  WorkbookSaveError,
  type OpenErrorCode,
  type SaveErrorCode,
} from './errors';
export { LISTS_SHEET } from './validations';
