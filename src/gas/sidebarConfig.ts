import { z } from 'zod';
import { LANGS } from '../core/i18n';
import { SCREENS } from '../taskpane/screens/screens';

/**
 * What the server tells the sidebar when it opens it: the user's language (from their Google locale)
 * and the screen the menu item asked for. It is written into the page as a small script before the
 * bundle runs, so the sidebar needs no round trip to know how to start.
 */
export const sidebarConfigSchema = z.object({
  lang: z.enum(LANGS),
  screen: z.enum(SCREENS),
});
export type SidebarConfig = z.infer<typeof sidebarConfigSchema>;

export const SIDEBAR_CONFIG_GLOBAL = '__KPI_SIDEBAR__';

/** The page with the config set before anything else runs (`<` escaped so the JSON cannot end the script). */
export function injectSidebarConfig(html: string, config: SidebarConfig): string {
  const json = JSON.stringify(sidebarConfigSchema.parse(config)).replace(/</g, '\\u003c');
  const script = `<script>window.${SIDEBAR_CONFIG_GLOBAL}=${json};</script>`;
  const head = html.indexOf('</head>');
  return head >= 0 ? `${html.slice(0, head)}${script}${html.slice(head)}` : `${script}${html}`;
}

/** The config the page was opened with; English home when there is none (the page opened on its own). */
export function readSidebarConfig(value: unknown): SidebarConfig {
  const parsed = sidebarConfigSchema.safeParse(value);
  return parsed.success ? parsed.data : { lang: 'en', screen: 'home' };
}
