import * as path from 'node:path';
import { FIELD_HEADERS } from '../../core/fields';
import { FileWorkbook } from '../../hosts/file';
import { adoptWorkbook, type AdoptProblem, type AdoptResult } from '../../register/adopt';
import { buildRegister } from '../../register/build';
import { columnLetter } from '../../register/workbook';
import { say, type CliContext } from '../context';
import { checkInput, checkOutput, shownPath } from '../files';
import { memoryCheck } from '../memory';
import { message } from '../messages';
import { displayWidth, padEnd, rowRanges } from '../table';
import { quote } from './demo';
import { buildProgress, saveTo } from './output';

export interface InitOptions {
  output?: string;
  sheet?: string;
  portable?: boolean;
  force?: boolean;
}

/** `finance.xlsx` → `finance.register.xlsx`, beside the input. */
export function defaultOutput(input: string): string {
  const parsed = path.parse(input);
  const name = /\.xlsx$/i.test(parsed.base) ? parsed.name : parsed.base;
  return path.join(parsed.dir, `${name}.register.xlsx`);
}

/**
 * `kpi-register init`: adopts an ordinary workbook. The register is built into a copy of it, so the
 * user's sheets travel along untouched, and written to a new file.
 */
export async function init(ctx: CliContext, input: string, options: InitOptions): Promise<number> {
  const source = path.resolve(ctx.cwd, input);
  checkInput(source, input);
  const file = options.output ? path.resolve(ctx.cwd, options.output) : defaultOutput(source);
  const shown = shownPath(ctx.cwd, file);
  checkOutput(file, { force: options.force, input: source, shown });

  ctx.progress.update(message(ctx.lang, 'progress.reading'), 0, 0);
  const workbook = await FileWorkbook.open(source, memoryCheck('init', input)).finally(() =>
    ctx.progress.end(),
  );
  ctx.progress.update(message(ctx.lang, 'progress.adopting'), 0, 0);
  const adopted = await adoptWorkbook(workbook, {
    lang: ctx.lang,
    sheet: options.sheet,
    today: ctx.today,
  }).finally(() => ctx.progress.end());
  printAdoption(ctx, adopted);

  await buildRegister(
    workbook,
    { kpis: adopted.kpis, checkIns: adopted.checkIns, extraColumns: adopted.extraColumns },
    {
      lang: ctx.langGiven ? ctx.lang : adopted.sheetLang,
      portable: options.portable,
      today: ctx.today,
      onProgress: buildProgress(ctx),
    },
  );
  await saveTo(ctx, workbook, file, shown);
  ctx.print();
  say(ctx, 'init.written', { path: shown, kpis: adopted.kpis.length, skipped: adopted.problems.length });
  say(ctx, 'init.hint', { path: quote(shown) });
  return 0;
}

/** The column mapping, the defaults filled in and the rows not adopted: what init did, before it builds. */
export function printAdoption(ctx: CliContext, adopted: AdoptResult): void {
  const { lang } = ctx;
  say(ctx, 'init.sheet', { sheet: adopted.sheet, row: adopted.headerRow });
  // A header's line break (Alt+Enter, or CR LF pasted in) shown as ↵: one line per column.
  const oneLine = (header: string) => header.replace(/\r\n|[\r\n]/g, '↵');
  const width = Math.min(
    32,
    Math.max(...adopted.columns.map((column) => displayWidth(oneLine(column.header)))),
  );
  for (const column of adopted.columns) {
    const params = {
      col: padEnd(columnLetter(column.col), 3),
      header: padEnd(oneLine(column.header), width),
      field: column.field ? `${FIELD_HEADERS[lang][column.field]} [${column.field}]` : '',
    };
    say(ctx, column.field ? 'init.mapped' : 'init.kept', params);
  }
  const more = (count: number) => message(lang, 'rows.more', { count });
  if (adopted.defaults.length > 0) {
    ctx.print();
    say(ctx, 'init.defaultsTitle');
    for (const entry of adopted.defaults) {
      say(ctx, 'init.default', {
        field: FIELD_HEADERS[lang][entry.field],
        value: entry.text,
        rows: message(lang, entry.rows.length === 1 ? 'rows.one' : 'rows.many', {
          rows: rowRanges(entry.rows, more),
        }),
      });
    }
  }
  if (adopted.blanks.length > 0) {
    ctx.print();
    say(ctx, 'init.blanksTitle');
    printRowFindings(ctx, adopted.blanks);
  }
  if (adopted.problems.length > 0) {
    ctx.print();
    say(ctx, 'init.problemsTitle');
    printRowFindings(ctx, adopted.problems);
  }
}

/** More rows than this with findings of one kind print as one line (a template numbered down to row 50,000). */
const ROWS_SHOWN_ONE_BY_ONE = 5;

/** One line per row, or, for a kind found on many rows, one line with their count and the first rows. */
function printRowFindings(ctx: CliContext, findings: readonly AdoptProblem[]): void {
  const kinds = new Map<string, AdoptProblem[]>();
  for (const finding of findings) {
    const kind = kinds.get(finding.summary);
    if (kind) kind.push(finding);
    else kinds.set(finding.summary, [finding]);
  }
  const more = (count: number) => message(ctx.lang, 'rows.more', { count });
  const few = [...kinds.values()].filter((kind) => kind.length <= ROWS_SHOWN_ONE_BY_ONE).flat();
  for (const finding of few.sort((a, b) => a.row - b.row))
    say(ctx, 'init.problem', { row: finding.row, reason: finding.reason });
  for (const [summary, kind] of kinds) {
    if (kind.length <= ROWS_SHOWN_ONE_BY_ONE) continue;
    const rows = rowRanges(
      kind.map((finding) => finding.row),
      more,
      3,
    );
    say(ctx, 'init.problemRows', { rows, count: kind.length, reason: summary });
  }
}
