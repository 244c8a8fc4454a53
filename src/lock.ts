import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { type ErrorName, GazetteError } from './errors.ts';
import { isProcessAlive } from './process-alive.ts';

/** A lock file held by this process until `release`. */
export interface Lock {
  readonly path: string;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another holder to let go before giving up, in ms (0: not at all). */
  wait?: number;
  /** The catalogue's name for "someone else holds it". */
  error: ErrorName;
  /** What is locked, for the message ("the output folder out/"). */
  what: string;
  /** Waits between two tries. */
  sleep?: (ms: number) => Promise<void>;
  /** Told once, when the lock is found held and this process starts waiting. */
  onWait?: (holder: number) => void;
}

/** A lock file's content is written at once; an empty one this old was left by a crash. */
const emptyLockAgeMs = 5000;

/**
 * Takes the lock file at `path`: created exclusively, holding this process's id. A lock whose
 * process is gone (killed, or the machine restarted) is taken over. Held by a live process, it
 * is waited for up to `wait` ms, then refused with the catalogue's `error`.
 */
export async function acquireLock(path: string, options: LockOptions): Promise<Lock> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (options.wait ?? 0);
  let told = false;
  for (;;) {
    const holder = tryCreate(path);
    if (holder === undefined) return { path, release: () => releaseLock(path) };
    if (holder === 'stale') continue;
    if (Date.now() >= deadline) {
      throw new GazetteError(
        options.error,
        `${options.what} is in use by another Gazette process (pid ${holder})${options.wait ? `, still after ${Math.round(options.wait / 1000)} s` : ''}`,
        { file: path },
      );
    }
    if (!told) options.onWait?.(holder);
    told = true;
    await sleep(Math.min(200, Math.max(1, deadline - Date.now())));
  }
}

/** Undefined once created; else the live holder's pid, or 'stale' when a dead one's was removed. */
function tryCreate(path: string): number | 'stale' | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (fd !== undefined) {
    try {
      writeSync(fd, `${process.pid}\n`);
    } catch (error) {
      // A full disk: a lock without its holder would stop others for nothing.
      closeSync(fd);
      rmSync(path, { force: true });
      throw error;
    }
    closeSync(fd);
    return undefined;
  }
  const seen = readHolder(path);
  if (seen === undefined) return 'stale';
  const pid = Number.parseInt(seen, 10);
  if (pid === process.pid) {
    // This process holds it already (a lock is not re-entrant): wait as for anyone else.
    return pid;
  }
  if (Number.isInteger(pid) && isProcessAlive(pid)) return pid;
  if (!Number.isInteger(pid) && !isOld(path)) return 0;
  // Removed only if it still holds what was read: another process may have taken it over.
  if (readHolder(path) === seen) rmSync(path, { force: true });
  return 'stale';
}

function readHolder(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > emptyLockAgeMs;
  } catch {
    return true;
  }
}

function releaseLock(path: string): void {
  if (readHolder(path)?.trim() === String(process.pid)) rmSync(path, { force: true });
}
