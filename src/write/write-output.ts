import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { cp, lstat, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GazetteError } from '../errors.ts';
import { outputMarker, renderOutputMarker } from '../output-folder.ts';
import { isProcessAlive } from '../process-alive.ts';
import type {
  CopiedFile,
  KeptFile,
  OutputFile,
  OutputFiles,
  PreviousBytes,
} from '../render/output-file.ts';
import { notWritable } from './atomic-file.ts';

/** A file's state as written: what the next build checks before keeping it. */
export interface FileState {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface WriteResult {
  written: { path: string; bytes: number }[];
  /** Each file's state as it now is in the output folder. */
  states: Map<string, FileState>;
  /** How many files were kept from the previous output. */
  reused: number;
  /** Files of the input folder that went or changed before they could be copied: left out. */
  gone: string[];
}

/** Links kept files from the previous output into the new one: see `linkKept`. */
export type Linker = (from: string, to: string, files: KeptFile[]) => Promise<boolean[]>;

/**
 * A file of the previous output that rendering counted on changed or went before it was
 * written into the new one: the build renders again, counting on none.
 */
export class PreviousOutputChanged extends Error {}

/**
 * Replaces the output folder with `files` as one step: everything is written to a folder
 * beside it, which is then renamed into place. Until then the previous output is untouched; a
 * build that fails or is stopped leaves it as it was. Node has no atomic exchange of two
 * folders, so the swap is two renames: the old folder goes aside, the new one takes its place.
 * A build stopped in the microseconds between them leaves the old output aside, and the next
 * command puts it back. Every output holds Gazette's marker file. Hidden files and folders at the
 * top of the old folder (`.gitkeep`) are carried over, without the links in them.
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
  }: {
    /** Takes the removal of the previous output, to let it finish later; else awaited. */
    later?: ((work: Promise<void>) => void) | undefined;
    /** Links the kept files on another thread, while this one writes the others. */
    link?: Linker | undefined;
    /** Files still being rendered (the digest): written once rendered, after the others. */
    coming?: Promise<OutputFiles> | undefined;
    /** What must be done before the new output takes the old one's place (the id map saved). */
    ready?: Promise<unknown> | undefined;
  } = {},
): Promise<WriteResult> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const stage = join(parent, `.out-${name}-${process.pid}-${Date.now().toString(36)}`);
  const aside = join(parent, `.out-${name}-previous`);
  let linking: Promise<boolean[]> | undefined;
  try {
    // Synchronous calls: each takes microseconds, where a round trip through Node's thread
    // pool, busy with the cache and the id map being saved meanwhile, takes milliseconds.
    await restoreInterrupted(outDir, aside);
    await removeStale(parent, name);
    mkdirSync(stage, { recursive: true });
    const folders = new Set([...files.keys()].map((path) => dirname(path)));
    for (const folder of [...folders].sort()) mkdirSync(join(stage, folder), { recursive: true });
    const states = new Map<string, FileState>();
    const written: { path: string; bytes: number }[] = [];
    // The kept files are linked on another thread when there is one, while this one writes.
    const kept = [...files.values()].flatMap((file) => ('kept' in file ? [file.kept] : []));
    linking = link ? link(outDir, stage, kept) : Promise.resolve(linkKept(outDir, stage, kept));
    const sources = new Map<KeptFile, number>();
    const gone: string[] = [];
    const write = (path: string, file: OutputFile) => {
      if ('kept' in file) return;
      const state =
        'copy' in file
          ? copyInto(join(stage, path), file.copy)
          : writeChunks(join(stage, path), file.chunks, (at) =>
              previousFile(outDir, at.file, sources),
            );
      if (!state) {
        gone.push(path);
        return;
      }
      states.set(path, state);
      written.push({ path, bytes: state.size });
    };
    try {
      for (const [path, file] of files) write(path, file);
    } finally {
      for (const fd of sources.values()) closeSync(fd);
    }
    for (const [path, file] of coming ? await coming : []) {
      mkdirSync(dirname(join(stage, path)), { recursive: true });
      write(path, file);
    }
    const linked = await linking;
    if (linked.some((done) => !done)) throw new PreviousOutputChanged();
    for (const [path, size, mtimeMs, ino] of kept) {
      states.set(path, { size, mtimeMs, ino });
      written.push({ path, bytes: size });
    }
    writeFileSync(join(stage, outputMarker), renderOutputMarker());
    const existing = existsSync(outDir) ? readdirSync(outDir) : [];
    for (const hidden of existing.filter((f) => f.startsWith('.') && f !== outputMarker)) {
      // Only what is really in the folder: a link (`.etc -> /etc`) would bring in what it points to.
      await cp(join(outDir, hidden), join(stage, hidden), { recursive: true, filter: isPlain });
    }
    await ready;
    if (existsSync(outDir)) renameSync(outDir, aside);
    renameSync(stage, outDir);
    // The old output is out of sight already: the caller may let its removal finish later.
    const removal = rm(aside, { recursive: true, force: true });
    if (later) later(removal.catch(() => undefined));
    else await removal;
    const order = new Map([...files.keys()].map((path, i) => [path, i]));
    written.sort((a, b) => (order.get(a.path) ?? order.size) - (order.get(b.path) ?? order.size));
    return { written, states, reused: kept.length, gone };
  } catch (error) {
    // A thread still linking into the folder is let finish before it goes.
    await linking?.catch(() => undefined);
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
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

/** A file or a folder, not a link nor a device. */
async function isPlain(path: string): Promise<boolean> {
  const info = await lstat(path);
  return info.isFile() || info.isDirectory();
}

/** The previous output's file, opened once, when it is still as rendering found it. */
function previousFile(outDir: string, file: KeptFile, open: Map<KeptFile, number>): number {
  let fd = open.get(file);
  if (fd === undefined) {
    const [path, size, mtimeMs, ino] = file;
    try {
      fd = openSync(join(outDir, path), 'r');
    } catch {
      throw new PreviousOutputChanged();
    }
    open.set(file, fd);
    // Checked once open: another build cannot swap it meanwhile.
    if (!sameFile(fstatSync(fd), { size, mtimeMs, ino })) throw new PreviousOutputChanged();
  }
  return fd;
}

/** Bytes gathered before they are written out, and bytes copied from a previous file at a time. */
const writeBuffer = 4 * 1024 * 1024;
const copyChunk = 1024 * 1024;

/**
 * Writes the chunks one after the other to a new file, as few calls as the system takes (no
 * copy of them joined), a stretch of a previous file a megabyte at a time; tells the file's
 * state as written.
 */
function writeChunks(
  target: string,
  chunks: (Uint8Array | PreviousBytes)[],
  source: (at: PreviousBytes) => number,
): FileState {
  const fd = openSync(target, 'w');
  try {
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = () => {
      writeAll(fd, pending);
      pending = [];
      pendingBytes = 0;
    };
    for (const chunk of chunks) {
      if (chunk instanceof Uint8Array) {
        pending.push(chunk);
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= writeBuffer) flush();
        continue;
      }
      flush();
      const from = source(chunk);
      const buffer = Buffer.allocUnsafe(Math.min(copyChunk, chunk.length));
      for (let at = chunk.offset, end = chunk.offset + chunk.length; at < end; ) {
        const read = readSync(from, buffer, 0, Math.min(buffer.length, end - at), at);
        if (read === 0) throw new PreviousOutputChanged();
        writeAll(fd, [buffer.subarray(0, read)]);
        at += read;
      }
    }
    flush();
    const { size, mtimeMs, ino } = fstatSync(fd);
    return { size, mtimeMs, ino };
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies a file of the input folder (a picture) into the new output: as a clone where the file
 * system can share its blocks, never as a link, which an edit of the original would change.
 * None when the file went, or changed size, since it was looked up: the next build copies it.
 */
function copyInto(target: string, file: CopiedFile): FileState | undefined {
  try {
    copyFileSync(file.source, target, constants.COPYFILE_FICLONE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(file.source))
      return undefined;
    throw error;
  }
  const info = statSync(target);
  if (info.size === file.size) return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
  rmSync(target, { force: true });
  return undefined;
}

/** Writes the buffers in order; the system may take fewer bytes than given (a disk filling up). */
function writeAll(fd: number, buffers: Uint8Array[]): void {
  if (buffers.length === 0) return;
  let written = writevSync(fd, buffers);
  for (const buffer of buffers) {
    if (written >= buffer.byteLength) {
      written -= buffer.byteLength;
      continue;
    }
    for (let at = written; at < buffer.byteLength; ) at += writeSync(fd, buffer, at);
    written = 0;
  }
}

/**
 * Makes each file of the folder `from` a hard link in the folder `to`, when it is still as it
 * was written (same size, time and inode: nobody replaced or edited it since); tells which
 * could be. Synchronous calls, answered from the file system's cache in microseconds each.
 */
export function linkKept(from: string, to: string, files: KeptFile[]): boolean[] {
  return files.map(([path, size, mtimeMs, ino]) => {
    const source = join(from, path);
    try {
      const info = statSync(source, { throwIfNoEntry: false });
      if (!info || !sameFile(info, { size, mtimeMs, ino })) return false;
      linkSync(source, join(to, path));
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether a file's state is the one recorded when it was written. */
export function sameFile(info: FileState, record: FileState): boolean {
  return info.size === record.size && info.mtimeMs === record.mtimeMs && info.ino === record.ino;
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
