import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasChinese } from '../../src/core/i18n';

/** The task pane's part of manifest.xml: its button, its page and its texts in both languages. */
const manifest = readFileSync(join(__dirname, '../../manifest.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');

function string(id: string): { en: string; zh: string } {
  const match = new RegExp(`<bt:String id="${id}" DefaultValue="([^"]*)">([\\s\\S]*?)</bt:String>`).exec(
    manifest,
  );
  const zh = /<bt:Override Locale="zh-HK" Value="([^"]*)"/.exec(match?.[2] ?? '');
  return { en: match?.[1] ?? '', zh: zh?.[1] ?? '' };
}

describe('manifest.xml: the task pane', () => {
  it('opens taskpane.html from a button on the Home tab, and by default', () => {
    expect(manifest).toMatch(
      /<bt:Url id="Taskpane.Url" DefaultValue="https:\/\/localhost:3000\/taskpane.html"/,
    );
    expect(manifest).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html" \/>/);
    const button =
      /<OfficeTab id="TabHome">[\s\S]*?<Action xsi:type="ShowTaskpane">([\s\S]*?)<\/Action>/.exec(manifest);
    expect(button?.[1]).toContain('<SourceLocation resid="Taskpane.Url" />');
  });

  it('labels the button and the get-started text in English and Traditional Chinese', () => {
    for (const id of [
      'Group.Label',
      'Taskpane.Label',
      'Taskpane.Tooltip',
      'GetStarted.Title',
      'GetStarted.Description',
    ]) {
      const text = string(id);
      expect({ id, en: /\w/.test(text.en), zh: hasChinese(text.zh) }).toEqual({ id, en: true, zh: true });
    }
  });
});
