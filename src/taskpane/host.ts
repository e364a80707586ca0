import { toLang, type Lang } from '../core/i18n';
import { isDarkColor } from './theme';

/** Where the task pane runs, in its language and theme (Office's display language and theme colours). */
export type HostSettings =
  | {
      host: 'excel';
      lang: Lang;
      dark: boolean;
      /** ExcelApi 1.13 (Excel 2021, Microsoft 365, Excel on the web): what the Excel host's writes need. */
      supported: boolean;
    }
  | { host: 'none' };

/** The Excel JavaScript API version the task pane needs (Table.resize, for appending to the register). */
export const EXCEL_API = '1.13';

/** The part of office.js the task pane asks about (typed loosely: a test hands in office-addin-mock). */
interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  context?: {
    displayLanguage?: string;
    officeTheme?: { bodyBackgroundColor?: string };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
  };
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
    supported: office.context?.requirements?.isSetSupported('ExcelApi', EXCEL_API) ?? true,
  };
}
