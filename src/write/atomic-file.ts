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
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GazetteError } from '../errors.ts';
import { isProcessAlive } from '../process-alive.ts';

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
  const temporary = temporaryPath(path);
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
 * `writeFileAtomic` on Node's thread pool: the same steps, for a large file or one written while
 * this thread has other work (the id map and the cache, saved while the output is written).
 */
export async function writeFileAtomicAsync(
  path: string,
  data: string | Uint8Array,
  display = path,
): Promise<void> {
  const temporary = temporaryPath(path);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temporary, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw notWritable(error, display);
  }
}

function temporaryPath(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`,
  );
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

/**
 * A file system's refusal as the catalogue's `OutputNotWritable`, naming `display` (`what` it is:
 * the file, the output folder); anything else as it is.
 */
export function notWritable(error: unknown, display: string, what = 'the file'): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof GazetteError || typeof code !== 'string' || !refusals.has(code))
    return error;
  return new GazetteError('OutputNotWritable', `cannot write ${what} (${describeCode(code)})`, {
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
