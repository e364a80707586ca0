import { format, hasChinese, toLang } from '../../src/core/i18n';

describe('language helpers', () => {
  it('maps Office language tags to en or zh-HK', () => {
    expect(toLang('zh-HK')).toBe('zh-HK');
    expect(toLang('zh-TW')).toBe('zh-HK');
    expect(toLang('en-GB')).toBe('en');
    expect(toLang(undefined)).toBe('en');
  });
  it('detects Chinese text', () => {
    expect(hasChinese('提升銷售')).toBe(true);
    expect(hasChinese('Grow sales 10%')).toBe(false);
  });
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{n}/5 {x}', { n: 3 })).toBe('3/5 {x}');
  });
});
