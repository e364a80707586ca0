import { createRoot, type Root } from 'react-dom/client';
import { detectHost } from './host';
import { MESSAGES } from './messages';

/**
 * Outside Office, office.js still schedules a hidden frame to Microsoft's telemetry service (its ULS
 * logger, three seconds after loading). A page with no Office host has nothing to report, and the
 * standalone page must work offline, so the frame is marked as already there before it is created.
 */
function silenceOfficeTelemetry(): void {
  const osf = (window as unknown as { OSF?: { Logger?: { ulsEndpoint?: { proxyFrame?: unknown } } } }).OSF;
  const endpoint = osf?.Logger?.ulsEndpoint;
  if (endpoint && endpoint.proxyFrame == null) endpoint.proxyFrame = { contentWindow: { postMessage() {} } };
}

/**
 * The task pane's entry, and the one place that asks which host it runs in. Inside Excel the pane runs
 * against the workbook through Office.js; opened in a plain browser (Office.onReady reports no host, or
 * office.js could not load at all) the same pane runs against an in-memory workbook beside a preview.
 * Each side is its own chunk, so Excel never downloads the standalone page's code and the other way round.
 */
async function start(root: Root): Promise<void> {
  const settings = await detectHost(typeof Office === 'undefined' ? undefined : Office);
  if (settings.host === 'excel') {
    const { lang, dark, supported } = settings;
    document.documentElement.lang = lang;
    document.title = MESSAGES[lang]['app.title'];
    const { renderInExcel } = await import(/* webpackChunkName: "excel" */ './excel');
    renderInExcel(root, { lang, dark, supported });
    return;
  }
  silenceOfficeTelemetry();
  const { renderStandalone } = await import(/* webpackChunkName: "standalone" */ './standalone/page');
  renderStandalone(root, new URLSearchParams(window.location.search));
}

const container = document.getElementById('root');
if (container) void start(createRoot(container));
