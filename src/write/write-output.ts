import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  type Stats,
  statSync,
} from 'node:fs';
import { cp, lstat, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GazetteError } from '../errors.ts';
import { outputMarker, renderOutputMarker } from '../output-folder.ts';
import { isProcessAlive } from '../process-alive.ts';
import type { KeptFile, OutputFile, OutputFiles } from '../render/output-file.ts';
import { notWritable } from './atomic-file.ts';
import {
  type FileState,
  PreviousOutputChanged,
  sameFile,
  writeOutputFile,
} from './output-file-bytes.ts';
import {
  isPlainPath,
  newFiles,
  type PreviousOutput,
  rollBackInterrupted,
  updateInPlace,
} from './update-in-place.ts';

export { type FileState, PreviousOutputChanged, sameFile } from './output-file-bytes.ts';
export type { PreviousOutput } from './update-in-place.ts';

export interface WriteResult {
  written: { path: string; bytes: number }[];
  /** Each file's state as it now is in the output folder, the marker file's included. */
  states: Map<string, FileState>;
  /** How many files were kept from the previous output. */
  reused: number;
  /** Files of the input folder that went or changed before they could be copied: left out. */
  gone: string[];
}

/**
 * Makes kept files of the previous output (the folder `from`) hard links in the folder `to`, or
 * only checks them without `to`: see `linkKept`.
 */
export type Linker = (
  from: string,
  to: string | undefined,
  files: KeptFile[],
) => Promise<boolean[]>;

/**
 * Replaces the output folder with `files` as one step. When the last build's records describe
 * the folder (`previous`) and most files are kept, only the changed files are put in place and
 * the others stay where they are (`updateInPlace`). Otherwise everything is written to a folder
 * beside it, which is then renamed into place. Either way, until then the previous output is
 * untouched; a build that fails or is stopped leaves it as it was. Node has no atomic exchange
 * of two folders, so the swap is two renames: the old folder goes aside, the new one takes its
 * place. A build stopped in the microseconds between them leaves the old output aside, and the
 * next command puts it back. Every output holds Gazette's marker file. Hidden files and folders
 * at the top of the old folder (`.gitkeep`) are carried over, without the links in them.
 */
export async function writeOutput(
  outDir: string,
  files: OutputFiles,
  displayOut: string,
  {
    later,
    link,
    coming,
    ready,
    previous,
  }: {
    /** Takes the removal of the previous output, to let it finish later; else awaited. */
    later?: ((work: Promise<void>) => void) | undefined;
    /** Links (or checks) the kept files on another thread, while this one writes the others. */
    link?: Linker | undefined;
    /** Files still being rendered (the digest): written once rendered, after the others. */
    coming?: Promise<OutputFiles> | undefined;
    /** What must be done before the new output takes the old one's place (the id map saved). */
    ready?: Promise<unknown> | undefined;
    /** The output as the last build's records describe it, to be updated in place. */
    previous?: PreviousOutput | undefined;
  } = {},
): Promise<WriteResult> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const work = join(parent, `.out-${name}-${process.pid}-${Date.now().toString(36)}`);
  const aside = join(parent, `.out-${name}-previous`);
  let linking: Promise<boolean[]> | undefined;
  try {
    // Synchronous calls: each takes microseconds, where a round trip through Node's thread
    // pool, busy with the cache and the id map being saved meanwhile, takes milliseconds.
    rollBackInterrupted(outDir);
    await restoreInterrupted(outDir, aside);
    await removeStale(parent, name);
    const kept = [...files.values()].flatMap((file) => ('kept' in file ? [file.kept] : []));
    const inPlace =
      previous !== undefined && kept.length * 2 >= files.size && isMarkerOf(outDir, previous);
    const stage = inPlace ? newFiles(work) : work;
    const seen = new Map<string, Stats | null>();
    const plain = (path: string) => isPlainPath(outDir, path, previous?.files.get(path), seen);
    mkdirSync(stage, { recursive: true });
    const folders = new Set<string>();
    for (const [path, file] of files) {
      if (inPlace && 'kept' in file) continue;
      // A path that leads through a link, or onto a folder, is not updated in place: the build
      // renders again, everything, into a new folder.
      if (inPlace && !plain(path)) throw new PreviousOutputChanged();
      folders.add(dirname(path));
    }
    for (const folder of [...folders].sort()) mkdirSync(join(stage, folder), { recursive: true });
    const states = new Map<string, FileState>();
    const put: string[] = [];
    // The kept files are linked (checked, in place) on another thread when there is one, while
    // this one writes.
    const target = inPlace ? undefined : stage;
    const linkedCount = kept.length;
    const first = [...kept];
    linking =
      inPlace && previous.unchanged
        ? previous.unchanged.then((unchanged) => first.map(([path]) => unchanged.has(path)))
        : link
          ? link(outDir, target, first)
          : Promise.resolve(linkKept(outDir, target, first));
    const sources = new Map<KeptFile, number>();
    const gone: string[] = [];
    const write = (path: string, file: OutputFile) => {
      if ('kept' in file) return;
      const state = writeOutputFile(join(stage, path), file, outDir, sources);
      if (!state) {
        gone.push(path);
        return;
      }
      states.set(path, state);
      put.push(path);
    };
    // The files made as they are written (the pages) come last, once the digest is done: the
    // thread that compiles it has let its memory go by then.
    const made: [string, OutputFile][] = [];
    try {
      for (const [path, file] of files) {
        if ('lazy' in file) made.push([path, file]);
        else write(path, file);
      }
    } finally {
      for (const fd of sources.values()) closeSync(fd);
    }
    // Written, their bytes (the feeds': the bulk of the memory, at thousands of entries) are let
    // go before thousands of pages are made; what the next build records of them stays.
    for (const file of files.values()) if ('chunks' in file) file.chunks = [];
    const late = coming ? await coming : new Map<string, OutputFile>();
    for (const [path, file] of made) write(path, file);
    for (const [path, file] of late) {
      if ('kept' in file) {
        kept.push(file.kept);
        continue;
      }
      if (inPlace && !plain(path)) throw new PreviousOutputChanged();
      mkdirSync(dirname(join(stage, path)), { recursive: true });
      write(path, file);
    }
    // The few kept files of those rendered last are linked (checked) here.
    const lateKept = kept.slice(linkedCount);
    const linked = [...(await linking), ...linkKept(outDir, target, lateKept)];
    if (linked.some((done) => !done)) throw new PreviousOutputChanged();
    for (const [path, size, mtimeMs, ino] of kept) states.set(path, { size, mtimeMs, ino });
    const marker = writeOutputFile(
      join(stage, outputMarker),
      { chunks: [Buffer.from(renderOutputMarker())] },
      outDir,
      sources,
    );
    if (marker) states.set(outputMarker, marker);
    if (inPlace) {
      // What the last build wrote and this one did not: gone from the entries, or a picture
      // that went while it was copied.
      const remove = [...previous.files.keys()].filter((path) => !states.has(path));
      for (const path of remove) {
        const record = previous.files.get(path);
        if (!isPlainPath(outDir, path, record, seen, true)) throw new PreviousOutputChanged();
      }
      await ready;
      updateInPlace(outDir, work, [...put, outputMarker], remove);
      const removal = rm(work, { recursive: true, force: true });
      if (later) later(removal.catch(() => undefined));
      else await removal;
    } else {
      const existing = existsSync(outDir) ? readdirSync(outDir) : [];
      for (const hidden of existing.filter((f) => f.startsWith('.') && f !== outputMarker)) {
        // Only what is really in the folder: a link (`.etc -> /etc`) would bring in what it
        // points to.
        await cp(join(outDir, hidden), join(stage, hidden), { recursive: true, filter: isPlain });
      }
      await ready;
      if (existsSync(outDir)) renameSync(outDir, aside);
      renameSync(stage, outDir);
      // The old output is out of sight already: the caller may let its removal finish later.
      const removal = rm(aside, { recursive: true, force: true });
      if (later) later(removal.catch(() => undefined));
      else await removal;
    }
    // Every file in place, in the order rendering gave them, then the late ones in theirs.
    const written = [...files.keys(), ...late.keys()].flatMap((path) => {
      const state = states.get(path);
      return state ? [{ path, bytes: state.size }] : [];
    });
    return { written, states, reused: kept.length, gone };
  } catch (error) {
    // A thread still linking into the folder is let finish before it goes.
    await linking?.catch(() => undefined);
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    await restoreInterrupted(outDir, aside).catch(() => undefined);
    // Only a file system's refusal is the output folder's fault; anything else (a problem
    // rendering, a bug) goes on as it is.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || error instanceof GazetteError) throw error;
    const refused = notWritable(error, displayOut, 'the output folder');
    if (refused !== error) throw refused;
    throw new GazetteError('OutputNotWritable', `cannot write the output folder (${code})`, {
      file: displayOut,
    });
  }
}

/** Whether the output folder's marker is the one the records were made with. */
function isMarkerOf(outDir: string, previous: PreviousOutput): boolean {
  const info = lstatSync(join(outDir, outputMarker), { throwIfNoEntry: false });
  return info?.isFile() === true && sameFile(info, previous.marker);
}

/** A file or a folder, not a link nor a device. */
async function isPlain(path: string): Promise<boolean> {
  const info = await lstat(path);
  return info.isFile() || info.isDirectory();
}

/**
 * Makes each file of the folder `from` a hard link in the folder `to` (or, without `to`, only
 * looks at it), when it is still as it was written (same size, time and inode: nobody replaced
 * or edited it since); tells which could be. Synchronous calls, answered from the file system's
 * cache in microseconds each.
 */
export function linkKept(from: string, to: string | undefined, files: KeptFile[]): boolean[] {
  return files.map(([path, size, mtimeMs, ino]) => {
    const source = join(from, path);
    try {
      const info = statSync(source, { throwIfNoEntry: false });
      if (!info || !sameFile(info, { size, mtimeMs, ino })) return false;
      if (to !== undefined) linkSync(source, join(to, path));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Folders a stopped build was writing, never used again: those whose process (its id is in the
 * name) is gone. One of a live process is another build's, being written.
 */
async function removeStale(parent: string, name: string): Promise<void> {
  const prefix = `.out-${name}-`;
  for (const entry of readdirSync(parent)) {
    const pid = /^(\d+)-[0-9a-z]+$/.exec(entry.slice(prefix.length))?.[1];
    if (entry.startsWith(prefix) && pid && !isProcessAlive(Number(pid))) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** A build stopped between its two renames leaves the old output aside: put it back. */
async function restoreInterrupted(outDir: string, previous: string): Promise<void> {
  if (!existsSync(previous)) return;
  if (!existsSync(outDir)) renameSync(previous, outDir);
  else await rm(previous, { recursive: true, force: true });
}
