export { MemoryWorkbook } from './memory-workbook';
export { WorkbookInputError } from './checks';
export {
  cellOf,
  fromSnapshotValue,
  outlined,
  replaySnapshot,
  sheetOf,
  toSnapshotValue,
  validationOf,
  type ConditionalFormatSnapshot,
  type SheetSnapshot,
  type SnapshotCell,
  type SnapshotValue,
  type ValidationSnapshot,
  type WorkbookSnapshot,
} from './snapshot';
