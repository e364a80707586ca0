import type { Root } from 'react-dom/client';
import { createActions } from '../app/actions';
import type { Lang } from '../core/i18n';
import { runInExcel, selectInExcel } from '../hosts/excel/run';
import { App } from './App';

/** The task pane inside Excel: every action is one Excel.run on the open workbook. */
export function renderInExcel(root: Root, { lang, dark }: { lang: Lang; dark: boolean }): void {
  const actions = createActions({ run: runInExcel, select: selectInExcel });
  root.render(<App actions={actions} lang={lang} dark={dark} today={() => new Date()} />);
}
