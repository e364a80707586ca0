import type { Lang } from '../core/i18n';
import { CliError } from './errors';

/**
 * The language of the command's messages: `--lang` when given, otherwise the POSIX locale
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`), where any `zh_*` locale means zh-HK.
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return locale && /^zh([_.@-]|$)/i.test(locale) ? 'zh-HK' : 'en';
}

/** Reads a `--lang` value; `zh`, `zh_HK`, `zh-TW` and friends all mean zh-HK. */
export function parseLang(value: string): Lang | undefined {
  if (/^en([_-][a-z]{2})?$/i.test(value)) return 'en';
  if (/^zh([_-][a-z]{2,4})?$/i.test(value)) return 'zh-HK';
  return undefined;
}

/**
 * The `--lang` given anywhere on the command line (`--lang zh-HK` or `--lang=zh-HK`), read before the
 * parser runs so that help and usage errors already speak the chosen language.
 */
export function scanLang(argv: readonly string[], fallback: Lang): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === undefined) continue;
    const lang = parseLang(value);
    if (!lang) throw new CliError('usage.badLang', { value }, fallback);
    return lang;
  }
  return fallback;
}
