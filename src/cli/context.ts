import type { Lang } from '../core/i18n';
import { message, type MessageKey } from './messages';
import type { Progress } from './progress';

/** What every command gets: the language, the day to treat as today, where to print, and progress. */
export interface CliContext {
  lang: Lang;
  /** `--lang` was given (otherwise a register's own language may win where it has one). */
  langGiven: boolean;
  today: Date;
  cwd: string;
  /** Prints one line on stdout. */
  print(line?: string): void;
  /** Progress on stderr, quiet when stderr is not a terminal. */
  progress: Progress;
}

export function say(
  ctx: CliContext,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): void {
  ctx.print(message(ctx.lang, key, params));
}
