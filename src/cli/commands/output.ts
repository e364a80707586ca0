import type { BuildStage } from '../../register/build';
import { WorkbookSaveError, type FileWorkbook } from '../../hosts/file';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { errorCode } from '../files';
import { message } from '../messages';

/** Build progress in the user's language: one stage after another, then the save. */
export function buildProgress(ctx: CliContext): (stage: BuildStage, done: number, total: number) => void {
  return (stage, done, total) => ctx.progress.update(message(ctx.lang, `stage.${stage}`), done, total);
}

/** Saves through the file host (atomic: a failure leaves no file behind) and reports a failure in one line. */
export async function saveTo(
  ctx: CliContext,
  workbook: FileWorkbook,
  file: string,
  shown = file,
): Promise<void> {
  ctx.progress.update(message(ctx.lang, 'stage.saving'), 0, 0);
  try {
    await workbook.save(file);
  } catch (error) {
    if (error instanceof WorkbookSaveError) throw error;
    throw new CliError('error.outputNotWritable', { path: shown, reason: errorCode(error) });
  } finally {
    ctx.progress.end();
  }
}
