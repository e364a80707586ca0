import { OfficeMockObject } from 'office-addin-mock';
import { detectHost } from '../../src/taskpane/host';
import { isDarkColor } from '../../src/taskpane/theme';

/** The Office namespace as office-addin-mock builds it: onReady and the context the task pane reads. */
function office(host: string | null, displayLanguage: string, bodyBackgroundColor: string, api = '1.17') {
  return new OfficeMockObject({
    context: {
      displayLanguage,
      officeTheme: { bodyBackgroundColor },
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === 'ExcelApi' && Number(version.split('.')[1]) <= Number(api.split('.')[1]),
      },
    },
    onReady: async () => ({ host, platform: host ? 'PC' : null }),
  }) as unknown as Parameters<typeof detectHost>[0];
}

describe('detectHost', () => {
  it("follows Office's display language and theme inside Excel", async () => {
    expect(await detectHost(office('Excel', 'zh-HK', '#262626'))).toEqual({
      host: 'excel',
      lang: 'zh-HK',
      dark: true,
      supported: true,
    });
    expect(await detectHost(office('Excel', 'zh-TW', '#FFFFFF'))).toMatchObject({
      lang: 'zh-HK',
      dark: false,
    });
    expect(await detectHost(office('Excel', 'en-GB', '#E6E6E6'))).toMatchObject({ lang: 'en', dark: false });
  });

  it('tells an Excel too old for the Excel host apart', async () => {
    expect(await detectHost(office('Excel', 'en-US', '#FFFFFF', '1.9'))).toMatchObject({ supported: false });
  });

  it('runs standalone outside Office (host null), in another Office app, or without office.js', async () => {
    expect(await detectHost(office(null, 'en-US', '#FFFFFF'))).toEqual({ host: 'none' });
    expect(await detectHost(office('Word', 'en-US', '#FFFFFF'))).toEqual({ host: 'none' });
    expect(await detectHost(undefined)).toEqual({ host: 'none' });
  });

  it('reads the Office themes by their background colour', () => {
    // White, Colorful, Dark Gray and Black body backgrounds.
    expect(['#FFFFFF', '#F3F3F3', '#666666', '#262626', '#000000'].map(isDarkColor)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(isDarkColor(undefined)).toBe(false);
  });
});
