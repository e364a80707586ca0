import { KpiError, isKpiError, type ErrorCode } from '../core/errors';
import type { Arg, Cell, Out, Result } from '../core/values';
import { fuse, type CellFn, type Kernel } from '../core/vectorize';

/**
 * The one place where Excel's values meet the core's values. Excel passes every argument as a 2-D
 * array (all parameters are `any[][]`, so Excel converts nothing: a blank cell arrives as `null`,
 * never as 0), an omitted optional argument as `null` (Microsoft, custom-functions-parameter-options,
 * "Optional parameters": Excel gives an unspecified one null) or `undefined`, an error cell as an error
 * object (the metadata sets `allowErrorForDataTypeAny`), and a linked data type as an object with a
 * `basicValue`. Results go back as 2-D arrays so that ranges spill.
 */

/** Excel's name for each core error code (`CustomFunctions.ErrorCode` members). */
const EXCEL_ERROR = {
  '#VALUE!': 'invalidValue',
  '#DIV/0!': 'divisionByZero',
  '#NUM!': 'invalidNumber',
  '#N/A': 'notAvailable',
} as const satisfies Record<ErrorCode, keyof typeof CustomFunctions.ErrorCode>;

const isCoreCode = (code: string): code is ErrorCode =>
  Object.prototype.hasOwnProperty.call(EXCEL_ERROR, code);

/** An argument as Excel passes it, turned into the core's `Arg`. */
export function fromExcel(value: unknown): Arg {
  if (!Array.isArray(value)) return fromExcelCell(value);
  return value.map((row: unknown) => (Array.isArray(row) ? row.map(fromExcelCell) : [fromExcelCell(row)]));
}

export function fromExcelCell(value: unknown): Cell {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
  }
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const code = inputErrorCode(value as Record<string, unknown>);
    if (code !== undefined) return inputError(code, (value as { message?: unknown }).message);
    if ('basicValue' in value) return fromExcelCell((value as { basicValue: unknown }).basicValue);
  }
  return new KpiError('#VALUE!', 'The argument holds a value that is not a number, text or date.');
}

/** `CustomFunctions.Error` has a `code`; an error cell value has `type: "Error"` and a `basicValue`. */
function inputErrorCode(value: Record<string, unknown>): string | undefined {
  const code = value.type === 'Error' ? value.basicValue : value.code;
  return typeof code === 'string' && code.startsWith('#') ? code : undefined;
}

/**
 * An error cell among the inputs stays an error in its own output cell. Errors a custom function may
 * not return (#REF!, #NAME?, #SPILL!…) come back as #VALUE! naming the original error.
 */
function inputError(code: string, message: unknown): KpiError {
  const text =
    typeof message === 'string' && message.trim() !== '' ? message : `An input cell shows ${code}.`;
  return isCoreCode(code)
    ? new KpiError(code, text)
    : new KpiError('#VALUE!', `An input cell shows ${code}.`);
}

/** A core error as the error object Excel shows in the cell (with the message in its error menu). */
export function toExcelError(error: KpiError): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode[EXCEL_ERROR[error.code]], error.message);
}

export function toExcelCell(value: Out): number | string | CustomFunctions.Error {
  if (isKpiError(value)) return toExcelError(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return toExcelError(new KpiError('#NUM!', 'The result is not a finite number.'));
  }
  return value;
}

/** A core result as Excel's 2-D array: a single value becomes a 1×1 array. */
export function toExcel(result: Result): (number | string | CustomFunctions.Error)[][] {
  if (!Array.isArray(result)) return [[toExcelCell(result)]];
  return result.map((row) => row.map(toExcelCell));
}

/**
 * Runs one core call for Excel. The core never throws by contract; should a bug make it throw, the
 * cell shows #VALUE! with the reason instead of Excel's bare unhandled-exception #VALUE!.
 */
export function invoke(compute: () => Result): ExcelResult {
  return guarded(() => toExcel(compute()));
}

type ExcelResult = (number | string | CustomFunctions.Error)[][];

/**
 * Runs a function that takes ranges for Excel: the fused loop when the call is the common one (columns
 * of one length, single-cell options; see src/core/vectorize.ts's fuse), which reads Excel's arrays in
 * place and writes the result once, cells it does not compute itself going through fromExcelCell, the
 * per-cell function and toExcelCell; otherwise `general`, the core call on the copied arguments. Both
 * give the same cells (test/functions/fused.test.ts).
 */
export function invokeFused(
  args: readonly unknown[],
  fn: CellFn,
  kernel: Kernel,
  general: () => Result,
): ExcelResult {
  return guarded(() => fuse(args, fromExcelCell, toExcelCell, fn, kernel) ?? toExcel(general()));
}

function guarded(compute: () => ExcelResult): ExcelResult {
  try {
    return compute();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [[toExcelError(new KpiError('#VALUE!', `Unexpected failure: ${reason}`))]];
  }
}
