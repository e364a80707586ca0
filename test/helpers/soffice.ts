import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice for tests: finds `soffice`, and converts files with it headless, in a private profile that
 * is told to recalculate every formula on load (LibreOffice's default for .xlsx is to trust the cached
 * results, which would prove nothing about the formulas).
 */

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

export function findSoffice(): string | undefined {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'soffice'))) return join(dir, 'soffice');
  }
  return CANDIDATES.find((path) => existsSync(path));
}

/** `describe` when soffice is here; in CI a missing soffice must fail, elsewhere the suite is skipped. */
export function describeWithSoffice(name: string, body: (soffice: string) => void): void {
  const soffice = findSoffice();
  if (soffice) {
    describe(name, () => body(soffice));
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs LibreOffice (soffice) on CI', () => {
        throw new Error('soffice was not found; CI must install libreoffice-calc.');
      });
    });
  } else {
    describe.skip(`${name} (soffice not found)`, () => body(''));
  }
}

// 0 = always recalculate on load (for .xlsx and for .ods).
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface ConvertOptions {
  /** Target format as soffice takes it: `xlsx`, `pdf`, `csv:Text - txt - csv (StarCalc):44,34,76,1`. */
  to: string;
  outDir: string;
  timeoutMs?: number;
}

/** Converts one file; resolves to the path of the converted file. */
export async function convertWithSoffice(
  soffice: string,
  input: string,
  options: ConvertOptions,
): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'kpi-soffice-profile-'));
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  mkdirSync(options.outDir, { recursive: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--invisible',
    '--norestore',
    '--nolockcheck',
    '--nodefault',
    '--convert-to',
    options.to,
    '--outdir',
    options.outDir,
    input,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        args,
        {
          timeout: options.timeoutMs ?? 120_000,
          killSignal: 'SIGKILL',
          env: { ...process.env, HOME: profile },
        },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve(),
      );
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const extension = options.to.split(':')[0];
  const wanted = `${basename(input, extname(input))}.${extension}`;
  const produced = readdirSync(options.outDir).find((file) => file === wanted);
  if (!produced) throw new Error(`soffice did not produce ${wanted} in ${options.outDir}`);
  return join(options.outDir, produced);
}
