export { SheetsWorkbook, charactersToPixels, type SheetsWorkbookOptions } from './sheetsWorkbook';
export { ZoneShift, parseOffset, type FormatDate } from './zone';
export { toSheetsFormula, fromSheetsFormula, KPI_FUNCTIONS } from './formulas';
