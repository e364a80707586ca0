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

/**
 * Loads a functions bundle as Excel's runtime would. With `plainGlobals`, the code runs inside a function
 * whose parameters are the context's own standard globals (Math, Array, Number…): node's vm answers every
 * global lookup through its context's interceptor (a call into C++, ~1,000× a plain global lookup), a cost
 * Excel's runtime does not have, which would otherwise dominate any timing. The globals are still the
 * context's own, and CustomFunctions stays the one host global (the benchmark uses this; tests need not).
 */
export function loadInExcelRuntime(
  code: string,
  { plainGlobals = false }: { plainGlobals?: boolean } = {},
): Map<string, ExcelFunction> {
  const associated = new Map<string, ExcelFunction>();
  const CustomFunctions = {
    associate(idOrMap: string | Record<string, ExcelFunction>, fn?: ExcelFunction) {
      if (typeof idOrMap === 'string') associated.set(idOrMap, fn!);
      else for (const [id, f] of Object.entries(idOrMap)) associated.set(id, f);
    },
    Error: FakeExcelError,
    ErrorCode,
  };
  const context = vm.createContext({ CustomFunctions });
  if (!plainGlobals) {
    vm.runInContext(code, context, { filename: 'functions.js' });
    return associated;
  }
  const names = (vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]).filter(
    (name) => /^[A-Za-z_$][\w$]*$/.test(name) && !['CustomFunctions', 'eval', 'arguments'].includes(name),
  );
  const list = names.join(', ');
  vm.runInContext(`(function (${list}) {\n${code}\n}).call(this, ${list});`, context, {
    filename: 'functions.js',
  });
  return associated;
}
