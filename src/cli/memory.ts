import { getHeapStatistics } from 'node:v8';
import type { WorkbookSize } from '../hosts/file/zip-limits';
import { CliError } from './errors';

/*
 * Resident memory of `init` and `check`, measured on flat KPI lists of 20,000 and 40,000 KPIs and their
 * registers (node 20): `init` 730 MB and 1,170 MB (about 22 KB more for each KPI the register is built
 * from: its cells on the Register, cascade and Dashboard sheets, with formulas and styles); `check` of the
 * registers (840,109 and 1,680,109 cells) 970 MB and 2,200 MB, at most 1.2 KB a loaded cell; about 300 MB
 * to start with.
 */
const BASE = 300 * 1024 * 1024;
const PER_CELL = 1.2 * 1024;
const PER_KPI = 22 * 1024;
/** The estimate counts resident memory, which runs ahead of the heap: only a clear excess is refused. */
const MARGIN = 1.25;

const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);

/**
 * A check, run once the workbook's zip has been measured and before it is loaded, that refuses a workbook
 * too large for the heap node gives this process (a 200,000-KPI list ran out of it after two minutes and
 * ended in V8's many-line crash report). `rows` stands for the KPIs: the longest sheet is the list.
 */
export function memoryCheck(
  command: 'init' | 'check',
  shown: string,
  heapLimit = getHeapStatistics().heap_size_limit,
): (size: WorkbookSize) => void {
  return (size) => {
    const needed = BASE + size.cells * PER_CELL + (command === 'init' ? size.rows * PER_KPI : 0);
    if (needed <= MARGIN * heapLimit) return;
    throw new CliError('error.tooLargeForMemory', {
      path: shown,
      rows: size.rows,
      cells: size.cells,
      needed: gb(needed),
      available: gb(heapLimit),
    });
  };
}
