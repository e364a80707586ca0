import { toLang, type Lang } from '../core/i18n';
import { isDarkColor } from './theme';

/** Where the task pane runs, in its language and theme (Office's display language and theme colours). */
export type HostSettings = { host: 'excel'; lang: Lang; dark: boolean } | { host: 'none' };

/** The part of office.js the task pane asks about (typed loosely: a test hands in office-addin-mock). */
interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  context?: { displayLanguage?: string; officeTheme?: { bodyBackgroundColor?: string } };
}

/**
 * The one question the task pane asks Office: are we inside Excel? Outside Office (`host: null`) or
 * without office.js at all, the standalone page takes over.
 */
export async function detectHost(office: OfficeLike | undefined): Promise<HostSettings> {
  if (!office) return { host: 'none' };
  const info = await office.onReady();
  if (info.host !== 'Excel') return { host: 'none' };
  return {
    host: 'excel',
    lang: toLang(office.context?.displayLanguage),
    dark: isDarkColor(office.context?.officeTheme?.bodyBackgroundColor),
  };
}
