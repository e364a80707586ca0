import * as path from 'node:path';
import { checkHealth, RULE_TITLES, SEVERITY_LABELS, type Finding } from '../../core/health';
import { FileWorkbook } from '../../hosts/file';
import { readRegister, type ReadProblem, type ReadResult } from '../../register/read';
import { say, type CliContext } from '../context';
import { CliError, EXIT } from '../errors';
import { checkInput } from '../files';
import { memoryCheck } from '../memory';
import { message } from '../messages';
import { displayWidth, padEnd, wrap } from '../table';

export interface CheckOptions {
  json?: boolean;
  /** Terminal width for the table (stdout's columns when it is a terminal). */
  width?: number;
}

/**
 * `kpi-register check`: the register's health findings. Exit 0 when clean, 1 when there are findings
 * (or rows the reader could not read: a check that skipped rows is not clean), 2 for unusable input.
 */
export async function check(ctx: CliContext, input: string, options: CheckOptions): Promise<number> {
  const source = path.resolve(ctx.cwd, input);
  checkInput(source, input);
  ctx.progress.update(message(ctx.lang, 'progress.reading'), 0, 0);
  let register;
  try {
    const workbook = await FileWorkbook.open(source, memoryCheck('check', input));
    register = await readRegister(workbook);
  } finally {
    ctx.progress.end();
  }
  if (!isRegister(register)) throw new CliError('error.notRegister', { path: input });

  ctx.progress.update(message(ctx.lang, 'progress.checking'), 0, 0);
  let findings: Finding[];
  try {
    findings = checkHealth({ kpis: register.kpis, checkIns: register.checkIns, today: ctx.today });
  } finally {
    ctx.progress.end();
  }
  if (options.json) printJson(ctx, input, register.kpis.length, findings, register.problems);
  else printTable(ctx, register.kpis.length, findings, register.problems, options.width ?? 100);
  return findings.length > 0 || register.problems.length > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * The reader takes any KPI-like sheet for a register; `check` asks for a real one (one with the built
 * register's own columns, or with our Check-ins sheet beside it), so an ordinary list is sent to `init`
 * instead of being reported row by row as missing every register field. A sheet's name does not decide:
 * a user's own list may be called "Register".
 */
function isRegister(register: ReadResult): boolean {
  if (register.sheets.register === undefined) return false;
  return register.built === true || register.sheets.checkIns !== undefined;
}

function printJson(
  ctx: CliContext,
  file: string,
  kpis: number,
  findings: Finding[],
  problems: ReadProblem[],
): void {
  const { lang } = ctx;
  const report = {
    file,
    lang,
    kpis,
    findings: findings.map((finding) => ({
      rule: finding.rule,
      title: RULE_TITLES[lang][finding.rule],
      severity: finding.severity,
      kpiIds: finding.kpiIds,
      message: finding.message[lang],
      fix: finding.fix[lang],
    })),
    problems,
  };
  ctx.print(JSON.stringify(report, null, 2));
}

/** Rows the reader could not read, listed one by one up to this many (--json lists them all). */
const PROBLEMS_SHOWN = 20;

function printTable(
  ctx: CliContext,
  kpis: number,
  findings: Finding[],
  problems: ReadProblem[],
  width: number,
): void {
  const { lang } = ctx;
  if (problems.length > 0) {
    say(ctx, 'check.readProblems', { count: problems.length });
    // A sheet of thousands of bad rows must not bury the findings: the first ones, then a count.
    for (const problem of problems.slice(0, PROBLEMS_SHOWN)) {
      const where = [problem.sheet, problem.row > 0 ? `#${problem.row}` : ''].filter(Boolean).join(' ');
      ctx.print(`  ${where ? `${where}: ` : ''}${problem.message}`);
    }
    if (problems.length > PROBLEMS_SHOWN)
      say(ctx, 'check.moreProblems', { count: problems.length - PROBLEMS_SHOWN });
    ctx.print();
  }
  if (findings.length === 0) {
    say(ctx, 'check.clean', { kpis });
    return;
  }
  const rows = findings.map((finding) => ({
    severity: SEVERITY_LABELS[lang][finding.severity],
    rule: RULE_TITLES[lang][finding.rule],
    message: finding.message[lang],
    fix: message(lang, 'check.fix', { fix: finding.fix[lang] }),
  }));
  const headers = {
    severity: message(lang, 'check.col.severity'),
    rule: message(lang, 'check.col.rule'),
    message: message(lang, 'check.col.finding'),
  };
  // The message names the KPIs by id and name, so the table needs no column of its own for them.
  const columnWidth = (key: 'severity' | 'rule') =>
    Math.max(displayWidth(headers[key]), ...rows.map((row) => displayWidth(row[key])));
  const widths = { severity: columnWidth('severity'), rule: columnWidth('rule') };
  const indent = widths.severity + widths.rule + 4;
  const textWidth = Math.max(30, width - indent);
  const line = (severity: string, rule: string, text: string) =>
    `${padEnd(severity, widths.severity)}  ${padEnd(rule, widths.rule)}  ${text}`.trimEnd();

  say(ctx, 'check.summary', { count: findings.length, kpis });
  ctx.print();
  ctx.print(line(headers.severity, headers.rule, headers.message));
  ctx.print(line('-'.repeat(widths.severity), '-'.repeat(widths.rule), '-'.repeat(textWidth)));
  rows.forEach((row, index) => {
    const [first, ...rest] = wrap(row.message, textWidth);
    ctx.print(line(row.severity, row.rule, first));
    // Findings of one rule share their advice: say it once, after the last of them.
    const next = rows[index + 1];
    const fix = next && next.rule === row.rule && next.fix === row.fix ? [] : wrap(row.fix, textWidth);
    for (const text of [...rest, ...fix]) ctx.print(`${' '.repeat(indent)}${text}`);
  });
}
