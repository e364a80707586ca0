/** Spreadsheet error codes the KPI functions can return. */
export type ErrorCode = '#VALUE!' | '#DIV/0!' | '#NUM!' | '#N/A';

/**
 * An error value that travels through the core like any other cell value, so that one bad cell
 * stays in its cell and the rest of a range still computes. Hosts turn it into their own error
 * (CustomFunctions.Error in Excel, a thrown Error in Sheets).
 */
export class KpiError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}

  toString(): string {
    return `${this.code} ${this.message}`;
  }
}

export function isKpiError(value: unknown): value is KpiError {
  return value instanceof KpiError;
}

export const valueError = (message: string): KpiError => new KpiError('#VALUE!', message);
export const divError = (message: string): KpiError => new KpiError('#DIV/0!', message);
export const numError = (message: string): KpiError => new KpiError('#NUM!', message);
export const naError = (message: string): KpiError => new KpiError('#N/A', message);
