/** The task pane's application service: the user actions as plain async functions over a Workbook. */
export { createActions, KpiNotFoundError, type ActionOptions, type Host } from './actions';
export { addKpi, DraftError, kpiDraftSchema, registerRowCells } from './addKpi';
export { CheckInError, dueCheckIns, dueDate, recordCheckIns } from './checkIns';
export { cascadeTree, health, locate } from './insight';
export { NotARegisterError, openRegister, type OpenRegister } from './register';
export { adopt, previewAdoption, setUpRegister, status } from './setup';
export * from './types';
export { ActionWorkbook } from './view';
