import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';
import { type FileState, sameFile } from './output-file-bytes.ts';

/**
 * Updating the output folder in place, file by file, when the last build's records describe it:
 * an edit then costs the files it changes, not a new copy of every folder of the site. The new
 * files are written beside the output first (`<work>/new/`); a journal beside the output lists
 * what changes; each replaced or removed file is kept aside (`<work>/old/`, a hard link) before
 * the new one is renamed over it, so that a reader of the folder sees each file whole, old or
 * new. The update is done when the journal goes. A failure rolls every file back; so does the
 * next build when a stopped one left its journal: the output is then the previous one again.
 */

/** The previous output, as the last build's records describe it. */
export interface PreviousOutput {
  /** The state of the marker file that build wrote: the records are of this very output. */
  marker: FileState;
  /** Every file that build wrote, with its state then. */
  files: ReadonlyMap<string, FileState>;
  /**
   * Those of them still in that state, looked at ahead on another thread while the build
   * renders (`--watch`); without it, the files kept are looked at as they are written.
   */
  unchanged?: Promise<ReadonlySet<string>> | undefined;
}

interface Journal {
  work: string;
  /** Files put in place, in order (a new file or one replaced). */
  put: string[];
  /** Files removed. */
  remove: string[];
}

export const journalPath = (outDir: string) =>
  join(dirname(outDir), `.out-${basename(outDir)}-journal.json`);

/** Where an update keeps the new files, and the replaced ones. */
export const newFiles = (work: string) => join(work, 'new');
const oldFiles = (work: string) => join(work, 'old');

/**
 * Whether `path` can be put or removed in place: every folder on its way is a real folder of
 * the output (never a link, which would lead out of it), and the file is a plain file, or absent
 * for a new one; a file to remove must be the one the last build wrote. `seen` keeps what was
 * looked up, for the next path.
 */
export function isPlainPath(
  outDir: string,
  path: string,
  record: FileState | undefined,
  seen: Map<string, Stats | null>,
  removing = false,
): boolean {
  const look = (relative: string) => {
    let info = seen.get(relative);
    if (info === undefined) {
      info = lstatSync(join(outDir, relative), { throwIfNoEntry: false }) ?? null;
      seen.set(relative, info);
    }
    return info;
  };
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const folder = look(parts.slice(0, i).join('/'));
    if (folder === null) return !removing;
    if (!folder.isDirectory()) return false;
  }
  const file = look(path);
  if (file === null) return true;
  if (!file.isFile()) return false;
  return !removing || (record !== undefined && sameFile(file, record));
}

/**
 * Puts the files of `<work>/new/` in their places in the output and removes `remove`, as one
 * update that is either done or rolled back.
 */
export function updateInPlace(outDir: string, work: string, put: string[], remove: string[]): void {
  const journal: Journal = { work, put, remove };
  writeFileAtomic(journalPath(outDir), JSON.stringify(journal));
  try {
    const old = oldFiles(work);
    const folders = new Set<string>();
    const keepAside = (path: string) => {
      const aside = join(old, path);
      ensureFolder(dirname(aside), folders);
      try {
        linkSync(join(outDir, path), aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    };
    for (const path of remove) {
      keepAside(path);
      unlinkSync(join(outDir, path));
      removeEmptyFolders(outDir, dirname(path));
    }
    for (const path of put) {
      keepAside(path);
      ensureFolder(dirname(join(outDir, path)), folders);
      renameSync(join(newFiles(work), path), join(outDir, path));
    }
  } catch (error) {
    rollBack(outDir, journal);
    throw error;
  }
  // Done: from here on, the new output is the output.
  rmSync(journalPath(outDir), { force: true });
}

/** An update that a stopped build left half done: its files are put back as they were. */
export function rollBackInterrupted(outDir: string): void {
  const path = journalPath(outDir);
  if (!existsSync(path)) return;
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // A journal is written whole before any file moves: one that cannot be read moved none.
    rmSync(path, { force: true });
    return;
  }
  rollBack(outDir, journal);
}

/**
 * Each file as it was before the update: a replaced or removed one comes back from aside, a new
 * one goes. Safe to run again after it was stopped itself.
 */
function rollBack(outDir: string, { work, put, remove }: Journal): void {
  const old = oldFiles(work);
  const folders = new Set<string>();
  for (const path of [...put].reverse()) {
    const target = join(outDir, path);
    if (existsSync(join(old, path))) renameSync(join(old, path), target);
    else if (!existsSync(join(newFiles(work), path))) {
      rmSync(target, { force: true });
      removeEmptyFolders(outDir, dirname(path));
    }
  }
  for (const path of [...remove].reverse()) {
    if (!existsSync(join(old, path))) continue;
    ensureFolder(dirname(join(outDir, path)), folders);
    renameSync(join(old, path), join(outDir, path));
  }
  rmSync(journalPath(outDir), { force: true });
  rmSync(work, { recursive: true, force: true });
}

function ensureFolder(folder: string, made: Set<string>): void {
  if (made.has(folder)) return;
  mkdirSync(folder, { recursive: true });
  made.add(folder);
}

/** Removes `folder` (relative to the output) and its parents while they are empty. */
function removeEmptyFolders(outDir: string, folder: string): void {
  for (let at = folder; at !== '.' && at !== ''; at = dirname(at)) {
    try {
      rmdirSync(join(outDir, at));
    } catch {
      return;
    }
  }
}
