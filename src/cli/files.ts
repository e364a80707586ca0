import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkbookSaveError } from '../hosts/file';
import { CliError } from './errors';

/** The input workbook must exist and be a file; which kind of file is the host's job to tell. */
export function checkInput(file: string, shown = file): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new CliError('error.fileMissing', { path: shown });
  }
  if (!isFile) throw new CliError('error.notFile', { path: shown });
}

/**
 * Checks an output path before any work is done, so that a long build never ends in "cannot write":
 * it must not be the input, must not exist unless `force`, and its folder must exist.
 */
export function checkOutput(
  file: string,
  options: { force?: boolean; input?: string; shown?: string } = {},
): void {
  const shown = options.shown ?? file;
  const target = path.resolve(file);
  // The file host writes .xlsx only (never a name that could be a macro workbook): say so before building.
  if (!/\.xlsx$/i.test(target)) throw new WorkbookSaveError('notXlsxPath', shown);
  if (options.input !== undefined && target === path.resolve(options.input)) {
    throw new CliError('error.outputIsInput', { path: shown });
  }
  if (existsSync(target)) {
    if (!statSync(target).isFile()) throw new CliError('error.outputIsFolder', { path: shown });
    if (!options.force) throw new CliError('error.outputExists', { path: shown });
  }
  const folder = path.dirname(target);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new CliError('error.outputNoFolder', { path: shown, folder });
}

/** `EACCES`, `ENOSPC`, … : short and the same in every language. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.message : String(error);
}
