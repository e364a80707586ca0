import { SIDEBAR_CONFIG_GLOBAL, injectSidebarConfig, readSidebarConfig } from '../../src/gas/sidebarConfig';

describe('the sidebar’s start-up config', () => {
  it('goes into the head, before any script of the page', () => {
    const page = '<html><head><title>x</title></head><body><script>run()</script></body></html>';
    const html = injectSidebarConfig(page, { lang: 'zh-HK', screen: 'health' });
    expect(html).toBe(
      `<html><head><title>x</title><script>window.${SIDEBAR_CONFIG_GLOBAL}={"lang":"zh-HK","screen":"health"};</script></head><body><script>run()</script></body></html>`,
    );
  });

  it('accepts only known languages and screens, so nothing else can be written into the page', () => {
    expect(() =>
      injectSidebarConfig('<head></head>', { lang: '</script><script>x' as 'en', screen: 'home' }),
    ).toThrow();
    expect(() =>
      injectSidebarConfig('<head></head>', { lang: 'en', screen: 'settings' as 'home' }),
    ).toThrow();
  });

  it('starts in English on Home when the page was opened without one', () => {
    expect(readSidebarConfig(undefined)).toEqual({ lang: 'en', screen: 'home' });
    expect(readSidebarConfig({ lang: 'fr', screen: 'home' })).toEqual({ lang: 'en', screen: 'home' });
    expect(readSidebarConfig({ lang: 'zh-HK', screen: 'checkin' })).toEqual({
      lang: 'zh-HK',
      screen: 'checkin',
    });
  });
});
