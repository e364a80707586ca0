/** The register: build one into any workbook, read one back. Hosts implement the Workbook port. */
export {
  buildRegister,
  type BuildOptions,
  type BuildReport,
  type BuildStage,
  type RegisterData,
} from './build';
export { readRegister, type ReadProblem, type ReadResult } from './read';
export {
  idGenerator,
  newKpiId,
  uuidRandomSource,
  cryptoRandomSource,
  ID_PATTERN,
  type RandomSource,
} from './ids';
export { formulas, kpiFormulas, type Dialect, type FormulaSet } from './formulas';
export { portable } from './portable';
export { registerLayout, type RegisterLayout } from './layout';
export * from './workbook';
