import { Command, CommanderError, Option } from 'commander';
import { parseIsoDate, today as todayOf } from '../core/dates';
import type { Lang } from '../core/i18n';
import { WorkbookOpenError, WorkbookSaveError } from '../hosts/file';
import { isAdoptError } from '../register/adopt';
import { EXCEL_MAX_ROWS, RowLimitError } from '../register/limits';
import { sheetName } from '../core/fields';
import { check } from './commands/check';
import { demo, DEMO_FILE } from './commands/demo';
import { init } from './commands/init';
import type { CliContext } from './context';
import { CliError, EXIT, isCliError, oneLine } from './errors';
import { langFromEnv, scanLang } from './lang';
import { message, type MessageKey } from './messages';
import { progressOn, type ProgressStream } from './progress';

/** Where the command reads and writes: the process, or a test's stand-ins. */
export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now?: () => Date;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

const MEMORY_LIMIT = /Invalid (string|array|typed array) length|allocation failed|Maximum call stack/i;

/** Commander's usage errors, said in the user's language. */
const USAGE_ERRORS: Readonly<Record<string, MessageKey>> = {
  'commander.unknownOption': 'usage.unknownOption',
  'commander.unknownCommand': 'usage.unknownCommand',
  'commander.missingArgument': 'usage.missingArgument',
  'commander.optionMissingArgument': 'usage.optionMissingArgument',
  'commander.excessArguments': 'usage.excessArguments',
};

/** Runs `kpi-register` with the arguments after the program name; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let lang: Lang = langFromEnv(io.env);
  // The file the command works on, named by an error nobody foresaw.
  const where: { file?: string } = {};
  const fail = (line: string, code: number) => {
    io.stderr.write(`${message(lang, 'error.prefix')} ${oneLine(line)}\n`);
    return code;
  };
  try {
    lang = scanLang(argv, lang);
    return await run(argv, io, lang, where);
  } catch (error) {
    if (isCliError(error)) return fail(error.text(lang), error.exitCode);
    if (error instanceof WorkbookOpenError || error instanceof WorkbookSaveError) {
      return fail(error.localized(lang), EXIT.badInput);
    }
    if (isAdoptError(error)) return fail(error.text(lang), EXIT.badInput);
    if (error instanceof CommanderError) return fail(usageError(error, lang), EXIT.badInput);
    if (error instanceof RowLimitError) {
      const sheet = {
        register: 'register',
        checkIns: 'checkins',
        dashboard: 'dashboard',
        cascade: 'company',
      } as const;
      return fail(
        message(lang, 'error.tooManyRows', {
          sheet: sheetName(sheet[error.sheet], lang),
          rows: error.rows,
          max: EXCEL_MAX_ROWS,
        }),
        EXIT.badInput,
      );
    }
    if (io.env.KPI_REGISTER_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    // Anything else came from the file (a library's complaint about an odd workbook, a register too large
    // for memory): one line that names the file and says what to try, exit 2 like any unusable input.
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    // V8's own limits ("Invalid string length", "Array buffer allocation failed", …): the register is
    // larger than this machine can hold, which no re-saving of the file would change.
    if (where.file !== undefined && error instanceof RangeError && MEMORY_LIMIT.test(text))
      return fail(message(lang, 'error.tooLargeToSave', { path: where.file, message: text }), EXIT.badInput);
    if (where.file === undefined)
      return fail(message(lang, 'error.unexpected', { message: text }), EXIT.badInput);
    return fail(message(lang, 'error.unexpectedFile', { path: where.file, message: text }), EXIT.badInput);
  }
}

function usageError(error: CommanderError, lang: Lang): string {
  const key = USAGE_ERRORS[error.code] ?? 'usage.other';
  // Commander's message names the option or argument in quotes: reuse that name, not its English text.
  const name = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const text = message(lang, key, {
    option: name,
    command: name,
    argument: name,
    message: error.message.replace(/^error:\s*/, ''),
  });
  return `${text} ${message(lang, 'usage.seeHelp')}`;
}

async function run(
  argv: readonly string[],
  io: CliIo,
  lang: Lang,
  where: { file?: string } = {},
): Promise<number> {
  const t = (key: MessageKey) => message(lang, key);
  let exitCode: number = EXIT.ok;
  const context = (options: { lang?: string; today?: string }): CliContext => ({
    lang,
    langGiven: options.lang !== undefined,
    today: readToday(options.today, io, lang),
    cwd: io.cwd,
    print: (line = '') => io.stdout.write(`${line}\n`),
    progress: progressOn(io.stderr),
  });

  const titles: Readonly<Record<string, string>> = {
    'Usage:': t('help.usage'),
    'Options:': t('help.options'),
    'Commands:': t('help.commands'),
    'Arguments:': t('help.arguments'),
    'Global Options:': t('help.globalOptions'),
  };
  const configure = (command: Command): Command =>
    command
      .helpOption('-h, --help', t('help.option'))
      .configureHelp({ styleTitle: (title: string) => titles[title] ?? title, sortSubcommands: false })
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        // Errors are printed once, translated, by main().
        outputError: () => undefined,
      })
      .exitOverride();
  // --lang is read before parsing (so help is translated); declaring it keeps it in the help and valid anywhere.
  const common = (command: Command): Command =>
    command
      .addOption(new Option('--lang <lang>', t('option.lang')))
      .addOption(new Option('--today <date>', t('option.today')));

  const program = configure(new Command('kpi-register'))
    .description(t('program.description'))
    .helpCommand('help [command]', t('help.command'));
  common(program);

  configure(common(program.command('demo').description(t('demo.description'))))
    .option('-o, --output <file>', t('demo.option.output'))
    .option('--formulas <dialect>', t('option.formulas'))
    .option('--portable', t('option.portable'))
    .option('--force', t('option.force'))
    .action(async (options) => {
      where.file = options.output ?? DEMO_FILE;
      const portable = readPortable(options, lang);
      exitCode = await demo(context({ ...program.opts(), ...options }), { ...options, portable });
    });

  configure(common(program.command('init').description(t('init.description'))))
    .argument('<workbook>', t('init.argument'))
    .option('-o, --output <file>', t('init.option.output'))
    .option('--sheet <name>', t('init.option.sheet'))
    .option('--formulas <dialect>', t('option.formulas'))
    .option('--portable', t('option.portable'))
    .option('--force', t('option.force'))
    .action(async (workbook: string, options) => {
      where.file = workbook;
      const portable = readPortable(options, lang);
      exitCode = await init(context({ ...program.opts(), ...options }), workbook, { ...options, portable });
    });

  configure(common(program.command('check').description(t('check.description'))))
    .argument('<register>', t('check.argument'))
    .option('--json', t('check.option.json'))
    .action(async (register: string, options) => {
      where.file = register;
      exitCode = await check(context({ ...program.opts(), ...options }), register, {
        json: options.json,
        width: io.stdout.isTTY ? io.stdout.columns : undefined,
      });
    });

  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.badInput;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' || error.code === 'commander.help')
    )
      return EXIT.ok;
    throw error;
  }
  return exitCode;
}

/** `--formulas kpi|portable` (any case), with `--portable` kept as its alias: whether to write portable formulas. */
export function readPortable(options: { formulas?: string; portable?: boolean }, lang: Lang): boolean {
  if (options.formulas === undefined) return options.portable === true;
  const dialect = options.formulas.trim().toLowerCase();
  if (dialect !== 'kpi' && dialect !== 'portable')
    throw new CliError('usage.badFormulas', { value: options.formulas }, lang);
  if (options.portable && dialect !== 'portable')
    throw new CliError('usage.formulasConflict', { value: options.formulas }, lang);
  return dialect === 'portable';
}

function readToday(value: string | undefined, io: CliIo, lang: Lang): Date {
  if (value === undefined) return todayOf(io.now?.() ?? new Date());
  const date = parseIsoDate(value);
  if (!date) throw new CliError('usage.badDate', { value }, lang);
  return date;
}
