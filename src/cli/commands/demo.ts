import * as path from 'node:path';
import { FileWorkbook } from '../../hosts/file';
import { buildRegister } from '../../register/build';
import { demoRegister } from '../../register/demo';
import { say, type CliContext } from '../context';
import { checkOutput, shownPath } from '../files';
import { buildProgress, saveTo } from './output';

export interface DemoOptions {
  output?: string;
  portable?: boolean;
  force?: boolean;
}

export const DEMO_FILE = 'kpi-register-demo.xlsx';

/** `kpi-register demo`: the sample register, in the chosen language, dated from `--today`. */
export async function demo(ctx: CliContext, options: DemoOptions): Promise<number> {
  const file = path.resolve(ctx.cwd, options.output ?? DEMO_FILE);
  const shown = shownPath(ctx.cwd, file);
  checkOutput(file, { force: options.force, shown });
  const data = demoRegister({ lang: ctx.lang, today: ctx.today });
  const workbook = FileWorkbook.create();
  await buildRegister(workbook, data, {
    lang: ctx.lang,
    portable: options.portable,
    today: ctx.today,
    onProgress: buildProgress(ctx),
  });
  await saveTo(ctx, workbook, file, shown);
  say(ctx, 'demo.written', { path: shown, kpis: data.kpis.length, checkIns: data.checkIns.length });
  say(ctx, 'demo.hint', { path: quote(shown) });
  return 0;
}

/** A path as it can be pasted back into a shell. */
export function quote(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : `"${file.replace(/(["\\$`])/g, '\\$1')}"`;
}
