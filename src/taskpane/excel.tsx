import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Root } from 'react-dom/client';
import type { Lang } from '../core/i18n';
import { App } from './App';
import { EXCEL_API } from './host';
import { lazyActions } from './lazyActions';
import { MESSAGES } from './messages';

/** The task pane inside Excel: every action is one Excel.run on the open workbook. */
export function renderInExcel(
  root: Root,
  { lang, dark, supported }: { lang: Lang; dark: boolean; supported: boolean },
): void {
  // The actions and the Excel adapter download after the first paint (one chunk, on the first call).
  const actions = lazyActions(async () => {
    const [{ createActions }, { runInExcel, selectInExcel }] = await Promise.all([
      import(/* webpackChunkName: "actions" */ '../app/actions'),
      import(/* webpackChunkName: "actions" */ '../hosts/excel/run'),
    ]);
    return createActions({ run: runInExcel, select: selectInExcel });
  });
  // An older Excel can still read the register; writing to it may fail, so the pane says so up front.
  const banner = supported ? undefined : (
    <MessageBar intent="warning">
      <MessageBarBody>{MESSAGES[lang]['excel.oldApi'].replace('{version}', EXCEL_API)}</MessageBarBody>
    </MessageBar>
  );
  const today = () => new Date();
  root.render(<App actions={actions} lang={lang} dark={dark} today={today} banner={banner} />);
}
