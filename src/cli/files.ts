import { existsSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { WorkbookSaveError } from '../hosts/file';
import { CliError } from './errors';

/**
 * A path as the messages show it: relative to the current folder when the file is inside it, else
 * absolute (`-o /dev/full` is shown as `/dev/full`, not as `../../dev/full`).
 */
export function shownPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ||
    relative === '..' ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
    ? file
    : relative;
}

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
  // The same file under another name (a link to it, or to its folder): --force must not replace the input.
  if (options.input !== undefined && sameFile(target, options.input)) {
    throw new CliError('error.outputIsInputLink', { path: shown, input: options.input });
  }
  if (existsSync(target)) {
    const info = statSync(target);
    if (info.isDirectory()) throw new CliError('error.outputIsFolder', { path: shown });
    // A device (a link to /dev/full), a pipe or a socket: not a file a workbook can be saved as.
    if (!info.isFile()) throw new CliError('error.outputNotFile', { path: shown });
    if (!options.force) throw new CliError('error.outputExists', { path: shown });
  }
  const folder = path.dirname(target);
  let isFolder = false;
  let exists = false;
  try {
    const info = statSync(folder);
    exists = true;
    isFolder = info.isDirectory();
  } catch {
    // reported below
  }
  if (exists && !isFolder) throw new CliError('error.outputFolderIsFile', { path: shown, folder });
  if (!isFolder) throw new CliError('error.outputNoFolder', { path: shown, folder });
}

/**
 * Whether `output` names the file `input` is, once links are followed: the output's real path (or, when it
 * does not exist yet, its folder's real path and its name), or the same device and inode (a hard link).
 */
export function sameFile(output: string, input: string): boolean {
  let real: string;
  try {
    real = realpathSync(input);
  } catch {
    return false;
  }
  try {
    const a = statSync(output);
    const b = statSync(real);
    if (a.dev === b.dev && a.ino === b.ino) return true;
  } catch {
    // the output does not exist (yet): compare where it would be written
  }
  try {
    return path.join(realpathSync(path.dirname(output)), path.basename(output)) === real;
  } catch {
    return false;
  }
}

/** `EACCES`, `ENOSPC`, … : short and the same in every language. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return error instanceof Error ? error.message : String(error);
}
