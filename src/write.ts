import { createHash } from 'node:crypto';
import { linkSync, statSync } from 'node:fs';
import { cp, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { mapLimit } from './concurrency.ts';
import { GazetteError } from './errors.ts';
import type { PlannedFile } from './render/feeds.ts';

/**
 * What a build writes: paths relative to the output folder, and their contents, or how to
 * render a content that the previous output may already hold.
 */
export type OutputFiles = Map<string, string | Uint8Array | PlannedFile | SplicedFile>;

/**
 * A file made of many parts between a head and a tail: a part whose key the previous output
 * holds is copied from it as bytes, the others are rendered.
 */
export interface SplicedFile {
  head: string;
  separator: string;
  tail: string;
  parts: { key: string; render: () => string }[];
}

/** An output file's whole content, every part rendered. */
export function renderWhole(content: OutputFiles extends Map<string, infer V> ? V : never) {
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
  /** For a spliced file: each part's key and length in bytes, in order. */
  parts?: [string, number][] | undefined;
}

export interface WriteResult {
  written: { path: string; bytes: number }[];
  /** The planned files, by path, as they are now in the output folder. */
  records: Map<string, WrittenRecord>;
  /** How many planned files were taken unchanged from the previous output. */
  reused: number;
}

/** Files written at the same time. */
const writeBatch = 16;

/**
 * Replaces the output folder with `files` as one step: everything is written to a folder
 * beside it, which is then renamed into place. Until then the previous output is untouched; a
 * build that fails or is stopped leaves it as it was. Node has no atomic exchange of two
 * folders, so the swap is two renames: the old folder goes aside, the new one takes its place.
 * A build stopped in the microseconds between them leaves the old output aside, and the next
 * command puts it back. Hidden files at the top of the old folder (`.gitkeep`) are carried over.
 */
export async function writeOutput(
  outDir: string,
  files: OutputFiles,
  displayOut: string,
  previous: Map<string, WrittenRecord> = new Map(),
): Promise<WriteResult> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  const stage = join(parent, `.out-${name}-${process.pid}-${Date.now().toString(36)}`);
  const aside = join(parent, `.out-${name}-previous`);
  try {
    await restoreInterrupted(outDir, aside);
    await removeStale(parent, name);
    await mkdir(stage, { recursive: true });
    const folders = new Set([...files.keys()].map((path) => dirname(join(stage, path))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    const records = new Map<string, WrittenRecord>();
    let reused = 0;
    const written = await mapLimit([...files], writeBatch, async ([path, content]) => {
      const target = join(stage, path);
      if (typeof content === 'string' || content instanceof Uint8Array) {
        await writeFile(target, content);
        return {
          path,
          bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
        };
      }
      if ('parts' in content) {
        const record = await writeSpliced(join(outDir, path), target, content, previous.get(path));
        records.set(path, record);
        return { path, bytes: record.size };
      }
      const kept = keptFile(join(outDir, path), previous.get(path), content.key);
      if (kept && linked(join(outDir, path), target)) {
        records.set(path, kept);
        reused++;
        return { path, bytes: kept.size };
      }
      const text = content.render();
      await writeFile(target, text);
      const info = await stat(target);
      records.set(path, {
        key: content.key,
        size: info.size,
        mtimeMs: info.mtimeMs,
        ino: info.ino,
      });
      return { path, bytes: info.size };
    });
    const existing = await readdir(outDir).catch(() => [] as string[]);
    for (const hidden of existing.filter((f) => f.startsWith('.'))) {
      await cp(join(outDir, hidden), join(stage, hidden), { recursive: true });
    }
    if (await exists(outDir)) await rename(outDir, aside);
    await rename(stage, outDir);
    await rm(aside, { recursive: true, force: true });
    return { written, records, reused };
  } catch (error) {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined);
    await restoreInterrupted(outDir, aside).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new GazetteError('OutputNotWritable', `cannot write the output folder (${code})`, {
      file: displayOut,
    });
  }
}

/**
 * The previous output's file, when it was written for the same key and is still as it was
 * written (same size, time and inode: nobody replaced or edited it since).
 */
function keptFile(
  path: string,
  record: WrittenRecord | undefined,
  key: string,
): WrittenRecord | undefined {
  if (!record || record.key !== key) return undefined;
  // Asked synchronously: answered from the file system's cache in microseconds, less than a
  // round trip through Node's thread pool, for each of thousands of files.
  const info = statSync(path, { throwIfNoEntry: false });
  if (
    !info ||
    info.size !== record.size ||
    info.mtimeMs !== record.mtimeMs ||
    info.ino !== record.ino
  )
    return undefined;
  return record;
}

/**
 * Writes a spliced file to `target`, taking from the previous output's file (when it is still
 * as it was written) the bytes of every part whose key it holds.
 */
async function writeSpliced(
  previousPath: string,
  target: string,
  file: SplicedFile,
  record: WrittenRecord | undefined,
): Promise<WrittenRecord> {
  const key = createHash('sha256')
    .update(JSON.stringify([file.head, file.separator, file.tail]))
    .update(file.parts.map((p) => p.key).join('\n'))
    .digest('hex');
  const old = record?.parts ? keptFile(previousPath, record, record.key) : undefined;
  const kept = new Map<string, Buffer>();
  if (old?.parts) {
    const bytes = await readFile(previousPath);
    let offset = Buffer.byteLength(file.head);
    const separator = Buffer.byteLength(file.separator);
    for (const [partKey, length] of old.parts) {
      kept.set(partKey, bytes.subarray(offset, offset + length));
      offset += length + separator;
    }
  }
  const separator = Buffer.from(file.separator);
  const chunks: Buffer[] = [Buffer.from(file.head)];
  const parts: [string, number][] = [];
  file.parts.forEach((part, i) => {
    if (i > 0) chunks.push(separator);
    const bytes = kept.get(part.key) ?? Buffer.from(part.render());
    chunks.push(bytes);
    parts.push([part.key, bytes.length]);
  });
  chunks.push(Buffer.from(file.tail));
  await writeChunks(target, chunks);
  const info = await stat(target);
  return { key, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, parts };
}

/** Writes the chunks one after the other, without first copying them into one buffer. */
async function writeChunks(path: string, chunks: Buffer[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    // A thousand at a time: the most one system call takes on Linux.
    for (let i = 0; i < chunks.length; i += 1024) {
      const slice = chunks.slice(i, i + 1024);
      const total = slice.reduce((sum, chunk) => sum + chunk.length, 0);
      let written = (await file.writev(slice)).bytesWritten;
      if (written === total) continue;
      // A short write is finished chunk by chunk.
      for (const chunk of slice) {
        const from = Math.min(written, chunk.length);
        written -= from;
        for (let at = from; at < chunk.length; )
          at += (await file.write(chunk, at, chunk.length - at)).bytesWritten;
      }
    }
  } finally {
    await file.close();
  }
}

/** Whether `target` could be made a hard link to `path`. */
function linked(path: string, target: string): boolean {
  try {
    linkSync(path, target);
    return true;
  } catch {
    return false;
  }
}

/** Folders a stopped build was writing: never used again. */
async function removeStale(parent: string, name: string): Promise<void> {
  const prefix = `.out-${name}-`;
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(prefix) && /^\d+-[0-9a-z]+$/.test(entry.slice(prefix.length))) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

/** A build stopped between its two renames leaves the old output aside: put it back. */
async function restoreInterrupted(outDir: string, previous: string): Promise<void> {
  if (!(await exists(outDir)) && (await exists(previous))) await rename(previous, outDir);
  else await rm(previous, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
