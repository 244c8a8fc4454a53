import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { GazetteError } from './errors.ts';
import { isProcessAlive } from './process-alive.ts';

/**
 * The one way Gazette writes a file outside `out/` (the id map, the sending state, cache
 * records): a temporary file beside the target, flushed, then renamed over it. A reader sees
 * the old file or the new one, never half of one. A temporary file is named
 * `.<name>.<pid>.<random>.gazette-tmp`, so that the next run can tell a leftover of a killed
 * process (its process is gone) from one being written right now.
 */
export const temporarySuffix = '.gazette-tmp';

/** Writes `data` to `path` as one step. `display` names the file in an error. */
export function writeFileAtomic(path: string, data: string | Uint8Array, display = path): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx');
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw notWritable(error, display);
  }
}

/**
 * Removes the temporary files that killed processes left in `dir` (those of live processes,
 * this one included, are being written and stay).
 */
export function removeTemporaryLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(temporarySuffix)) continue;
    const pid = Number(/\.(\d+)\.[0-9a-f]+\.gazette-tmp$/.exec(name)?.[1]);
    if (Number.isInteger(pid) && isProcessAlive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}

/** The error codes of a file system that refuses a write: full, over quota, read-only, denied. */
const refusals = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'EIO',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EFBIG',
]);

/** A file system's refusal as the catalogue's `OutputNotWritable`; anything else as it is. */
export function notWritable(error: unknown, display: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof GazetteError || typeof code !== 'string' || !refusals.has(code))
    return error;
  return new GazetteError('OutputNotWritable', `cannot write ${display} (${describeCode(code)})`, {
    file: display,
  });
}

function describeCode(code: string): string {
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full: ENOSPC';
    case 'EDQUOT':
      return 'the disk quota is used up: EDQUOT';
    case 'EROFS':
      return 'the file system is read-only: EROFS';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: ${code}`;
    default:
      return code;
  }
}
