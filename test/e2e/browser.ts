import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium; browser tests skip without it, except in CI where they must run. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const mustRun = process.env.CI === 'true';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh chromium with a throw-away profile (launchPersistentContext is how a user-data dir is given).
 * `ignoreHTTPSErrors` lets it load `npm start`'s server, whose certificate may be self-signed here.
 */
export async function launch(options: { ignoreHTTPSErrors?: boolean } = {}): Promise<RunningBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'kpi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
