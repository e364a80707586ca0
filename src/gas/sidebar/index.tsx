import { ProgressBar } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../taskpane/App';
import { ScriptClient, createSheetsActions, googleScriptRun } from '../client';
import { SIDEBAR_CONFIG_GLOBAL, readSidebarConfig } from '../sidebarConfig';

/**
 * The Google Sheets sidebar: the same task pane as Excel's, its actions carried out by the Apps Script
 * server functions (client.ts). The server wrote the user's language and the screen the menu item
 * asked for into the page before this script.
 */
function BusyBar({ client }: { client: ScriptClient }) {
  const [busy, setBusy] = useState(client.busy);
  useEffect(() => client.subscribe(setBusy), [client]);
  return busy ? <ProgressBar thickness="medium" aria-label="…" /> : null;
}

function start(): void {
  const config = readSidebarConfig((window as unknown as Record<string, unknown>)[SIDEBAR_CONFIG_GLOBAL]);
  document.documentElement.lang = config.lang;
  const client = new ScriptClient(googleScriptRun, config.lang);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <App
      actions={createSheetsActions(client)}
      lang={config.lang}
      dark={false}
      today={() => new Date()}
      banner={<BusyBar client={client} />}
      initialScreen={config.screen}
    />,
  );
}

start();
