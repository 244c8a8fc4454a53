import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import type { CopiedFile, KeptFile, OutputFile, PreviousBytes } from '../render/output-file.ts';

/** A file's state as written: what the next build checks before keeping it. */
export interface FileState {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * A file of the previous output that rendering counted on changed or went before it was
 * written into the new one: the build renders again, counting on none.
 */
export class PreviousOutputChanged extends Error {}

/** Whether a file's state is the one recorded when it was written. */
export function sameFile(info: FileState, record: FileState): boolean {
  return info.size === record.size && info.mtimeMs === record.mtimeMs && info.ino === record.ino;
}

/**
 * Writes one output file (bytes, made or copied; never a kept one) at `target`, reading
 * stretches of the previous output in `previousDir` through `open`'s descriptors; tells its
 * state, or none when it is a copy of an input file that went or changed meanwhile.
 */
export function writeOutputFile(
  target: string,
  file: Exclude<OutputFile, { kept: KeptFile }>,
  previousDir: string,
  open: Map<KeptFile, number>,
): FileState | undefined {
  if ('copy' in file) return copyInto(target, file.copy);
  if ('lazy' in file) return writeMade(target, file.lazy());
  return writeChunks(target, file.chunks, (at) => previousFile(previousDir, at.file, open));
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

/**
 * Writes a file made just now: a text is encoded as it is written, into no buffer of its own,
 * so that thousands of pages leave no garbage outside the heap for the collector to find late.
 */
function writeMade(target: string, made: string | Uint8Array): FileState {
  if (typeof made !== 'string') return writeChunks(target, [made], () => -1);
  const fd = openSync(target, 'w');
  try {
    const written = writeSync(fd, made);
    // The system took fewer bytes than given (a disk filling up): the rest, as bytes.
    const bytes = Buffer.byteLength(made);
    if (written < bytes) writeAll(fd, [Buffer.from(made).subarray(written)]);
    const { size, mtimeMs, ino } = fstatSync(fd);
    return { size, mtimeMs, ino };
  } finally {
    closeSync(fd);
  }
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
