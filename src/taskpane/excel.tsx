import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Root } from 'react-dom/client';
import { createActions } from '../app/actions';
import type { Lang } from '../core/i18n';
import { runInExcel, selectInExcel } from '../hosts/excel/run';
import { App } from './App';
import { EXCEL_API } from './host';
import { MESSAGES } from './messages';

/** The task pane inside Excel: every action is one Excel.run on the open workbook. */
export function renderInExcel(
  root: Root,
  { lang, dark, supported }: { lang: Lang; dark: boolean; supported: boolean },
): void {
  const actions = createActions({ run: runInExcel, select: selectInExcel });
  // An older Excel can still read the register; writing to it may fail, so the pane says so up front.
  const banner = supported ? undefined : (
    <MessageBar intent="warning">
      <MessageBarBody>{MESSAGES[lang]['excel.oldApi'].replace('{version}', EXCEL_API)}</MessageBarBody>
    </MessageBar>
  );
  const today = () => new Date();
  root.render(<App actions={actions} lang={lang} dark={dark} today={today} banner={banner} />);
}
