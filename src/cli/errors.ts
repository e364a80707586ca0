import type { Lang } from '../core/i18n';
import { message, type MessageKey } from './messages';

/**
 * Exit codes: 0 done (and `check` found nothing), 1 `check` has findings, 2 unusable input or usage
 * (including an error nobody foresaw: main() names the file). 3 is left for the launcher
 * (bin/kpi-register.js) should main() itself ever reject.
 */
export const EXIT = { ok: 0, findings: 1, badInput: 2, internal: 3 } as const;

/**
 * An error the user can act on: shown as one line in their language, never with a stack trace.
 * `lang` is set when the error is raised before the command knows the language (a bad `--lang`).
 */
export class CliError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly lang?: Lang,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message(lang ?? 'en', key, params));
    this.name = 'CliError';
  }

  text(lang: Lang): string {
    return message(this.lang ?? lang, this.key, this.params);
  }
}

export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}

/** One line: newlines in a message (from a library) would break "one line on stderr". */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
