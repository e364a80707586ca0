import { dateToSerial } from '../../src/core/dates';
import { KpiError, isKpiError, type ErrorCode } from '../../src/core/errors';
import { NEXTREVIEW, ROLLUP, SCORE, SMARTCHECK, STATUS } from '../../src/core/functions';
import type { Cell, Out, Result } from '../../src/core/values';
import { fromSnapshotValue, sheetOf, type WorkbookSnapshot } from '../../src/hosts/memory';
import type { CellValue } from '../../src/register/workbook';

/**
 * A deliberately small evaluator for the formulas the register writes in the KPI.* dialect (and the
 * native lookups and counts around them), run against a memory workbook's snapshot. Tests use it to
 * prove that every formula reads the right cells: evaluating the formula from the cells it names must
 * give the cached result the builder wrote. Anything it does not recognise throws, so a new kind of
 * formula cannot slip through untested.
 */

const ERRORS: readonly ErrorCode[] = ['#VALUE!', '#DIV/0!', '#NUM!', '#N/A'];

/** A cached cell as Excel would pass it on: error codes become errors, blanks become ''. */
function asCell(value: CellValue): Exclude<Cell, undefined> {
  if (value === null) return '';
  if (typeof value === 'string' && (ERRORS as readonly string[]).includes(value)) {
    return new KpiError(value as ErrorCode, 'cached error');
  }
  return value;
}

const one = (result: Result): Out => (Array.isArray(result) ? result[0][0] : result);

/** Splits a function's arguments at top-level commas (outside parentheses and string literals). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export class RegisterEvaluator {
  constructor(
    private readonly snapshot: WorkbookSnapshot,
    private readonly today: Date,
  ) {}

  value(sheet: string, row: number, col: number): CellValue {
    const cell = sheetOf(this.snapshot, sheet)?.cells[row - 1]?.[col - 1];
    return cell ? fromSnapshotValue(cell.value) : null;
  }

  private column(sheet: string, col: number): CellValue[] {
    const data = sheetOf(this.snapshot, sheet);
    return (data?.cells ?? []).map((_, r) => this.value(sheet, r + 1, col));
  }

  private ref(sheet: string, text: string): Cell | Cell[][] {
    const range = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(text);
    if (range) {
      const [c1, r1, c2, r2] = [
        columnNumber(range[1]),
        Number(range[2]),
        columnNumber(range[3]),
        Number(range[4]),
      ];
      const out: Cell[][] = [];
      for (let r = r1; r <= r2; r++) {
        const line: Cell[] = [];
        for (let c = c1; c <= c2; c++) line.push(asCell(this.value(sheet, r, c)));
        out.push(line);
      }
      return out;
    }
    const single = /^\$?([A-Z]+)\$?(\d+)$/.exec(text);
    if (single) return asCell(this.value(sheet, Number(single[2]), columnNumber(single[1])));
    const trim = /^TRIM\(([A-Z]+\d+)&" "&([A-Z]+\d+)\)$/.exec(text);
    if (trim) {
      const joined = `${this.text(sheet, trim[1])} ${this.text(sheet, trim[2])}`;
      return joined.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
    }
    // The Relevant argument: the parent, or the level of a company-level KPI with no parent.
    const relevant = /^IF\(AND\(([A-Z]+\d+)="",([A-Z]+\d+)=("[^"]*")\),([A-Z]+\d+),([A-Z]+\d+)\)$/.exec(text);
    if (relevant) {
      const [, parent, level, label, then, otherwise] = relevant;
      const chosen =
        this.text(sheet, parent) === '' && this.text(sheet, level) === JSON.parse(label) ? then : otherwise;
      return this.ref(sheet, chosen);
    }
    throw new Error(`register-eval: unsupported argument ${text}`);
  }

  private text(sheet: string, ref: string): string {
    const value = this.ref(sheet, ref);
    return value === null || value === undefined ? '' : String(value);
  }

  /** Evaluates one formula as written on `sheet`. */
  evaluate(sheet: string, formula: string): Out | CellValue {
    const call = /^=KPI\.([A-Z]+)\((.*)\)$/.exec(formula);
    if (call) {
      const args = splitArgs(call[2]).map((arg) => this.ref(sheet, arg.trim()));
      switch (call[1]) {
        case 'SCORE':
          return one(SCORE(...(args as [Cell, Cell, Cell, Cell])));
        case 'STATUS':
          return one(STATUS(...(args as [Cell, Cell])));
        case 'SMARTCHECK':
          return one(SMARTCHECK(...(args as [Cell, Cell, Cell, Cell, Cell, Cell])));
        case 'NEXTREVIEW':
          return one(NEXTREVIEW(...(args as [Cell, Cell])));
        case 'ROLLUP':
          return ROLLUP(...(args as [Cell[][], Cell[][]]));
      }
    }
    const lookup =
      /^=IF\(INDEX\((.+)!\$([A-Z]+):\$[A-Z]+,MATCH\(\$([A-Z]+)(\d+),(.+)!\$([A-Z]+):\$[A-Z]+,0\)\)="","",INDEX\(.*\)\)$/.exec(
        formula,
      );
    if (lookup) {
      const [, target, valueCol, keyCol, keyRow, keySheet, idCol] = lookup;
      const id = this.value(sheet, Number(keyRow), columnNumber(keyCol));
      const ids = this.column(unquote(keySheet), columnNumber(idCol));
      const index = ids.findIndex(
        (value) => value !== null && String(value).toLowerCase() === String(id).toLowerCase(),
      );
      if (index < 0) return new KpiError('#N/A', 'no match');
      const found = this.value(unquote(target), index + 1, columnNumber(valueCol));
      return found === null ? '' : asCell(found);
    }
    if (/^=(COUNTIFS\(.*\)\+?)+$/.test(formula)) {
      return formula
        .slice(1)
        .split(/(?<=\))\+(?=COUNTIFS)/)
        .reduce((sum, part) => sum + this.countifs(part), 0);
    }
    const difference = /^=([A-Z]+\d+)-([A-Z]+\d+)-([A-Z]+\d+)-([A-Z]+\d+)$/.exec(formula);
    if (difference) {
      const [a, b, c, d] = difference.slice(1).map((ref) => Number(this.ref(sheet, ref)));
      return a - b - c - d;
    }
    if (formula === '=TODAY()')
      return new Date(this.today.getFullYear(), this.today.getMonth(), this.today.getDate());
    throw new Error(`register-eval: unsupported formula ${formula}`);
  }

  /** COUNTIFS with whole-column ranges and `"=text"` or `"<"&TODAY()` criteria. */
  private countifs(part: string): number {
    const inner = /^COUNTIFS\((.*)\)$/.exec(part);
    if (!inner) throw new Error(`register-eval: unsupported count ${part}`);
    const args = splitArgs(inner[1]);
    const tests: ((row: number) => boolean)[] = [];
    let sheetName = '';
    let rows = 0;
    for (let i = 0; i < args.length; i += 2) {
      const column = /^(.+)!\$([A-Z]+):\$[A-Z]+$/.exec(args[i]);
      if (!column) throw new Error(`register-eval: unsupported range ${args[i]}`);
      sheetName = unquote(column[1]);
      const values = this.column(sheetName, columnNumber(column[2]));
      rows = values.length;
      const criterion = args[i + 1];
      if (criterion === '"<"&TODAY()') {
        const today = dateToSerial(this.today);
        tests.push((r) => values[r] instanceof Date && dateToSerial(values[r] as Date) < today);
        continue;
      }
      if (criterion === '"<>"') {
        tests.push((r) => values[r] !== null && values[r] !== '');
        continue;
      }
      const exact = /^"=(.*)"$/.exec(criterion);
      if (!exact) throw new Error(`register-eval: unsupported criterion ${criterion}`);
      const wanted = exact[1]
        .replace(/""/g, '"')
        .replace(/~([~*?])/g, '$1')
        .toLowerCase();
      tests.push((r) => {
        const value = values[r];
        if (wanted === '') return value === null || value === '';
        return typeof value === 'string' && value.toLowerCase() === wanted;
      });
    }
    let count = 0;
    for (let r = 0; r < rows; r++) if (tests.every((test) => test(r))) count++;
    return count;
  }
}

function unquote(sheet: string): string {
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** The cached result a computed value should have been written with (KPI.* dialect; blank is null). */
export function expectedCache(value: Out | CellValue): CellValue {
  if (isKpiError(value)) return value.code;
  if (value === '') return null;
  return value as CellValue;
}
