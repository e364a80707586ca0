import * as vm from 'node:vm';

/**
 * A stand-in for Excel's JavaScript-only custom functions runtime: a bare JavaScript context whose
 * only host global is `CustomFunctions` (associate, Error, ErrorCode), as on Excel desktop.
 * No window, no document, no console: a bundle that touches them fails to load here.
 */
export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Excel calls with whatever the cells hold
export type ExcelFunction = (...args: any[]) => unknown[][];

export function loadInExcelRuntime(code: string): Map<string, ExcelFunction> {
  const associated = new Map<string, ExcelFunction>();
  const CustomFunctions = {
    associate(idOrMap: string | Record<string, ExcelFunction>, fn?: ExcelFunction) {
      if (typeof idOrMap === 'string') associated.set(idOrMap, fn!);
      else for (const [id, f] of Object.entries(idOrMap)) associated.set(id, f);
    },
    Error: FakeExcelError,
    ErrorCode,
  };
  vm.runInContext(code, vm.createContext({ CustomFunctions }), { filename: 'functions.js' });
  return associated;
}
