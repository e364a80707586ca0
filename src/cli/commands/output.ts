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
    const code = errorCode(error);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new CliError('error.outputDiskFull', { path: shown });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new CliError('error.outputDenied', { path: shown });
    if (code === 'ENAMETOOLONG') throw new CliError('error.outputNameTooLong', { path: shown });
    // V8's "Invalid string length" or "Array buffer allocation failed": the file would not fit in memory.
    if (error instanceof RangeError)
      throw new CliError('error.tooLargeToSave', { path: shown, message: error.message });
    throw new CliError('error.outputNotWritable', { path: shown, reason: code });
  } finally {
    ctx.progress.end();
  }
}
