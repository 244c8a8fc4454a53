import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { cp, lstat, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { notWritable } from './atomic-file.ts';
import { GazetteError } from './errors.ts';
import { outputMarker, renderOutputMarker } from './output-folder.ts';
import { isProcessAlive } from './process-alive.ts';
import type { PlannedFile } from './render/feeds.ts';

/**
 * What a build writes: paths relative to the output folder, and their contents, or how to
 * render a content that the previous output may already hold.
 */
export type OutputFiles = Map<string, OutputFile>;

export type OutputFile = string | Uint8Array | PlannedFile | SplicedFile;

/**
 * A file made of many parts between a head and a tail: a part whose key the previous output
 * holds is copied from it as bytes, the others are rendered.
 */
export interface SplicedFile {
  /** What else shapes the parts (the code, the settings): a new version renders them all. */
  version: string;
  head: string;
  separator: string;
  tail: string;
  parts: { key: string; render: () => string }[];
}

/** An output file's whole content, every part rendered. */
export function renderWhole(content: OutputFile): string | Uint8Array {
  if (typeof content === 'string' || content instanceof Uint8Array) return content;
  if ('parts' in content)
    return `${content.head}${content.parts.map((p) => p.render()).join(content.separator)}${content.tail}`;
  return content.render();
}

/** A planned file as written: what identifies it in the output folder, to reuse it next time. */
export interface WrittenRecord {
  key: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** For a spliced file: each part's key and length in bytes, in order… */
  parts?: [string, number][] | undefined;
  /** …and its head, separator and tail, which place them. */
  format?: string | undefined;
}

export interface WriteResult {
  written: { path: string; bytes: number }[];
  /** The planned files, by path, as they are now in the output folder. */
  records: Map<string, WrittenRecord>;
  /** How many planned files were taken unchanged from the previous output. */
  reused: number;
}

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
    previous = new Map(),
    later,
    link,
    coming,
    ready,
  }: {
    /** The records of the previous output's planned files. */
    previous?: Map<string, WrittenRecord> | undefined;
    /** Takes the removal of the previous output, to let it finish later; else awaited. */
    later?: ((work: Promise<void>) => void) | undefined;
    /** Links the kept files on another thread, while this one writes the others. */
    link?: Linker | undefined;
    /** Files still being made (the digest): written once made, after the others. */
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
    // The steps around the files, and the small files, are synchronous calls: each takes
    // microseconds, where a round trip through Node's thread pool, busy with the cache and the
    // id map being saved meanwhile, takes milliseconds.
    await restoreInterrupted(outDir, aside);
    await removeStale(parent, name);
    mkdirSync(stage, { recursive: true });
    const folders = new Set([...files.keys()].map((path) => dirname(path)));
    for (const folder of [...folders].sort()) mkdirSync(join(stage, folder), { recursive: true });
    const records = new Map<string, WrittenRecord>();
    const write = (path: string, content: OutputFile) => {
      const target = join(stage, path);
      if (typeof content === 'string' || content instanceof Uint8Array) {
        writeFileSync(target, content);
        return {
          path,
          bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
        };
      }
      if ('parts' in content) {
        const record = writeSpliced(join(outDir, path), target, content, previous.get(path));
        records.set(path, record);
        return { path, bytes: record.size };
      }
      const info = content.chunks
        ? writeChunks(target, content.chunks())
        : writeRendered(target, content.render());
      records.set(path, {
        key: content.key,
        size: info.size,
        mtimeMs: info.mtimeMs,
        ino: info.ino,
      });
      return { path, bytes: info.size };
    };
    // Planned files that the previous output holds are linked into the new one, when they are
    // still as written: on another thread when there is one, while this one writes the rest.
    const all = [...files];
    const keep: KeptFile[] = [];
    const keptAt: number[] = [];
    all.forEach(([path, content], i) => {
      const record = previous.get(path);
      if (record && isPlanned(content) && record.key === content.key) {
        keep.push([path, record.size, record.mtimeMs, record.ino]);
        keptAt.push(i);
      }
    });
    linking = link ? link(outDir, stage, keep) : Promise.resolve(linkKept(outDir, stage, keep));
    const linkedAt = new Set(keptAt);
    const written = all.map(([path, content], i) =>
      linkedAt.has(i) ? undefined : write(path, content),
    );
    for (const [path, content] of coming ? await coming : []) {
      mkdirSync(dirname(join(stage, path)), { recursive: true });
      written.push(write(path, content));
    }
    const linked = await linking;
    let reused = 0;
    keptAt.forEach((i, n) => {
      const [path, content] = all[i] as [string, OutputFile];
      const record = previous.get(path);
      if (linked[n] && record) {
        records.set(path, record);
        reused++;
        written[i] = { path, bytes: record.size };
      } else written[i] = write(path, content);
    });
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
    return { written: written.filter((w) => w !== undefined), records, reused };
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

/** Writes a file and tells its state as written. */
function writeRendered(target: string, content: string) {
  writeFileSync(target, content);
  return statSync(target);
}

/**
 * Writes byte ranges one after the other to a new file, with as few calls as the system takes
 * (no copy of them joined), and tells the file's state as written.
 */
function writeChunks(target: string, chunks: Uint8Array[]) {
  const fd = openSync(target, 'w');
  try {
    let written = writevSync(fd, chunks);
    // The system may take fewer bytes than given (a disk filling up): the rest is written
    // after, which then tells why.
    for (const chunk of chunks) {
      if (written >= chunk.byteLength) {
        written -= chunk.byteLength;
        continue;
      }
      for (let at = written; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
      written = 0;
    }
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A planned file of the previous output: its path in the folder, its size, time and inode. */
export type KeptFile = [path: string, size: number, mtimeMs: number, ino: number];

/** Links kept files from the previous output into the new one: see `linkKept`. */
export type Linker = (from: string, to: string, files: KeptFile[]) => Promise<boolean[]>;

/**
 * Makes each file of the folder `from` a hard link in the folder `to`, when it is still as it
 * was written (same size, time and inode: nobody replaced or edited it since); tells which
 * could be. Synchronous calls, answered from the file system's cache in microseconds each, less
 * than a round trip through Node's thread pool, for each of thousands of files.
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
      // Written instead.
      return false;
    }
  });
}

function isPlanned(content: OutputFile): content is PlannedFile {
  return typeof content === 'object' && 'key' in content;
}

/** Whether a file's state is the one recorded when it was written. */
function sameFile(
  info: { size: number; mtimeMs: number; ino: number },
  record: { size: number; mtimeMs: number; ino: number },
) {
  return info.size === record.size && info.mtimeMs === record.mtimeMs && info.ino === record.ino;
}

/**
 * Writes a spliced file to `target`, taking from the previous output's file (when it is still
 * as it was written) the bytes of every part whose key it holds. The file is streamed: parts
 * that followed each other before are copied as one range, a megabyte at a time, so memory
 * holds neither the old file nor the new one. The calls are synchronous: copying tens of
 * megabytes so takes a fraction of the time that as many round trips through Node's thread
 * pool would.
 */
function writeSpliced(
  previousPath: string,
  target: string,
  file: SplicedFile,
  record: WrittenRecord | undefined,
): WrittenRecord {
  const format = JSON.stringify([file.version, file.head, file.separator, file.tail]);
  const key = createHash('sha256')
    .update(format)
    .update(file.parts.map((p) => p.key).join('\n'))
    .digest('hex');
  const separator = Buffer.from(file.separator);
  // The previous file, when it is still the one the record describes (checked once open, so
  // that another build cannot swap it meanwhile), and where each of its parts is.
  let source = record?.parts && record.format === format ? openOrNot(previousPath) : undefined;
  if (source !== undefined && record && !sameFile(fstatSync(source), record)) {
    closeSync(source);
    source = undefined;
  }
  const kept = new Map<string, [number, number]>();
  if (source !== undefined && record?.parts) {
    let offset = Buffer.byteLength(file.head);
    for (const [partKey, length] of record.parts) {
      kept.set(partKey, [offset, length]);
      offset += length + separator.length;
    }
  }
  const output = openSync(target, 'w');
  const parts: [string, number][] = [];
  try {
    const stream = createStream(output, source);
    stream.add(Buffer.from(file.head));
    for (const [i, part] of file.parts.entries()) {
      const at = kept.get(part.key);
      if (i > 0) {
        // Right after the previous part in the old file: the separator between them comes too.
        if (at && stream.continues(at[0] - separator.length))
          stream.copy(at[0] - separator.length, at[0]);
        else stream.add(separator);
      }
      if (at) {
        stream.copy(at[0], at[0] + at[1]);
        parts.push([part.key, at[1]]);
      } else {
        const bytes = Buffer.from(part.render());
        stream.add(bytes);
        parts.push([part.key, bytes.length]);
      }
    }
    stream.add(Buffer.from(file.tail));
    stream.flush();
  } finally {
    closeSync(output);
    if (source !== undefined) closeSync(source);
  }
  const info = statSync(target);
  return { key, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, parts, format };
}

function openOrNot(path: string): number | undefined {
  try {
    return openSync(path, 'r');
  } catch {
    return undefined;
  }
}

/** Bytes queued before they are written out. */
const streamBuffer = 4 * 1024 * 1024;

/** Bytes copied from the previous file at a time. */
const copyChunk = 1024 * 1024;

/**
 * Writes to `output`, in order, buffers and ranges of `source` copied as bytes; a range that
 * starts where the last one queued ended extends it.
 */
function createStream(output: number, source: number | undefined) {
  type Item = { buffer: Buffer } | { from: number; end: number };
  let queue: Item[] = [];
  let queued = 0;
  const writeAll = (buffer: Buffer) => {
    for (let at = 0; at < buffer.length; ) at += writeSync(output, buffer, at, buffer.length - at);
  };
  const copyRange = (from: number, end: number) => {
    if (source === undefined) throw new Error('no previous file to copy from');
    const chunk = Buffer.allocUnsafe(Math.min(copyChunk, end - from));
    for (let at = from; at < end; ) {
      const bytesRead = readSync(source, chunk, 0, Math.min(chunk.length, end - at), at);
      if (bytesRead === 0) throw new Error('the previous output was cut short');
      writeAll(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
  };
  const flush = () => {
    const items = queue;
    queue = [];
    queued = 0;
    let buffers: Buffer[] = [];
    for (const item of items) {
      if ('buffer' in item) {
        buffers.push(item.buffer);
        continue;
      }
      if (buffers.length > 0) writeAll(Buffer.concat(buffers));
      buffers = [];
      copyRange(item.from, item.end);
    }
    if (buffers.length > 0) writeAll(Buffer.concat(buffers));
  };
  const grow = (bytes: number) => {
    queued += bytes;
    if (queued >= streamBuffer) flush();
  };
  return {
    /** Whether a range starting at `offset` would extend the last one queued. */
    continues(offset: number): boolean {
      const last = queue.at(-1);
      return last !== undefined && 'end' in last && last.end === offset;
    },
    add(buffer: Buffer): void {
      queue.push({ buffer });
      grow(buffer.length);
    },
    copy(from: number, end: number): void {
      const last = queue.at(-1);
      if (last && 'end' in last && last.end === from) last.end = end;
      else queue.push({ from, end });
      grow(end - from);
    },
    flush,
  };
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
