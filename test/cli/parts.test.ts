import { execFileSync } from 'node:child_process';
import { LANGS } from '../../src/core/i18n';
import { langFromEnv, parseLang, scanLang } from '../../src/cli/lang';
import { MESSAGES } from '../../src/cli/messages';
import { progressOn } from '../../src/cli/progress';
import { displayWidth, padEnd, rowRanges, wrap } from '../../src/cli/table';
import { defaultOutput } from '../../src/cli/commands/init';
import { buildCli, BIN, removeTempDirs, tempDir } from './cli-helpers';

describe('the message catalog', () => {
  it('has every message in both languages, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES['zh-HK']).sort()).toEqual(keys);
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of keys as (keyof typeof MESSAGES.en)[]) {
      expect([key, placeholders(MESSAGES['zh-HK'][key])]).toEqual([key, placeholders(MESSAGES.en[key])]);
      for (const lang of LANGS) expect(MESSAGES[lang][key].trim()).not.toBe('');
    }
  });
});

describe('choosing the language', () => {
  it('reads the POSIX locale: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromEnv({ LANG: 'zh_HK.UTF-8' })).toBe('zh-HK');
    expect(langFromEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-HK');
    expect(langFromEnv({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_HK.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US' })).toBe('zh-HK');
    expect(langFromEnv({ LANG: 'C' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect(langFromEnv({ LANG: 'zu_ZA.UTF-8' })).toBe('en');
  });

  it('takes --lang anywhere on the line, in either spelling, and refuses an unknown one', () => {
    expect(parseLang('zh-HK')).toBe('zh-HK');
    expect(parseLang('zh_hk')).toBe('zh-HK');
    expect(parseLang('zh')).toBe('zh-HK');
    expect(parseLang('en-GB')).toBe('en');
    expect(parseLang('fr')).toBeUndefined();
    expect(scanLang(['demo', '--lang', 'zh-HK'], 'en')).toBe('zh-HK');
    expect(scanLang(['--lang=en', 'check', 'x.xlsx'], 'zh-HK')).toBe('en');
    expect(scanLang(['check', 'x.xlsx'], 'zh-HK')).toBe('zh-HK');
    expect(scanLang(['init', '--', '--lang', 'zh'], 'en')).toBe('en');
    expect(() => scanLang(['--lang', 'fr'], 'en')).toThrow('Unknown language "fr"');
  });
});

describe('progress', () => {
  it('stays silent when stderr is not a terminal', () => {
    const written: string[] = [];
    const progress = progressOn({ isTTY: false, write: (text) => written.push(text) });
    progress.update('Building', 1, 5);
    progress.end();
    expect(written).toEqual([]);
  });

  it('redraws one line on a terminal, at most ten times a second, and clears it at the end', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = progressOn(
      { isTTY: true, columns: 80, write: (text) => written.push(text) },
      () => clock,
    );
    progress.update('Building', 1, 5);
    clock = 50;
    progress.update('Building', 2, 5); // too soon: skipped
    clock = 200;
    progress.update('Building', 3, 5);
    progress.update('Saving', 0, 0); // a new stage is always shown
    progress.end();
    expect(written).toEqual([
      '\r\x1b[2KBuilding… 1/5 (20%)',
      '\r\x1b[2KBuilding… 3/5 (60%)',
      '\r\x1b[2KSaving…',
      '\r\x1b[2K',
    ]);
  });

  it('shows on a real terminal (the command run under a pseudo-terminal)', () => {
    buildCli();
    const dir = tempDir('tty');
    // `script` runs the command with a terminal for stdin, stdout and stderr.
    const shown = execFileSync(
      'script',
      ['-qec', `${process.execPath} ${BIN} demo --today 2026-05-15`, '/dev/null'],
      {
        cwd: dir,
        env: { ...process.env, LANG: 'C.UTF-8' },
        encoding: 'utf8',
      },
    );
    expect(shown).toContain('\r\x1b[2KBuilding the Register sheet…');
    expect(shown).toContain('Wrote kpi-register-demo.xlsx');
  }, 240_000);
});

describe('terminal text', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('KPI')).toBe(3);
    expect(displayWidth('指標名稱')).toBe(8);
    expect(padEnd('目標', 6)).toBe('目標  ');
  });

  it('wraps English at spaces and Chinese between characters', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('甲乙丙丁戊己', 8)).toEqual(['甲乙丙丁', '戊己']);
    expect(wrap('', 10)).toEqual(['']);
  });

  it('lists rows as ranges and shortens long lists', () => {
    const more = (count: number) => `(+${count})`;
    expect(rowRanges([4, 5, 6, 8, 10, 11], more)).toBe('4–6, 8, 10–11');
    expect(rowRanges([1, 3, 5, 7, 9, 11, 13, 15], more, 3)).toBe('1, 3, 5 (+5)');
  });

  it('names the register after the input', () => {
    expect(defaultOutput('/data/finance.xlsx')).toBe('/data/finance.register.xlsx');
    expect(defaultOutput('/data/Finance.XLSX')).toBe('/data/Finance.register.xlsx');
    expect(defaultOutput('/data/kpis')).toBe('/data/kpis.register.xlsx');
  });
});

afterAll(removeTempDirs);
