import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import { outputMarker } from '../output-folder.ts';
import type { KeptOutput } from '../ports.ts';
import type { KeptFile } from '../render/output-file.ts';
import { writeFileAtomicAsync } from '../write/atomic-file.ts';
import { type FileState, sameFile } from '../write/write-output.ts';
import { sourceVersions } from './code-version.ts';

/** A file of the output as the last build wrote it: what it holds, and its state then. */
interface OutputRecord extends FileState {
  /** What it holds; empty for a file that is written again every time. */
  key: string;
  /** For a file of parts: each part's key and length in bytes, in order… */
  parts?: [string, number][] | undefined;
  /** …and the format (head, separator, tail) that places them. */
  format?: string | undefined;
}

/** The records of the output last saved, kept in memory by a session of builds. */
export interface SavedRecords {
  path?: string | undefined;
  records?: Map<string, OutputRecord> | undefined;
  marker?: FileState | undefined;
}

/**
 * What the last build wrote to `outDir`, from the records the cache folder keeps of it: a file
 * is kept while it holds what a new one would (the same key: the same code, settings and
 * entries' versions) and nobody changed it since (the same size, time and inode).
 */
export async function openKeptOutput(
  folder: string,
  outDir: string,
  config: ResolvedConfig,
  /**
   * The records a session's last build saved (`--watch`): not read again from the disk. The
   * files on the disk are still checked against them before anything is kept.
   */
  saved: SavedRecords = {},
): Promise<KeptOutput> {
  const recordsPath = join(
    folder,
    `outputs-${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`,
  );
  const { marker, records } =
    saved.path === recordsPath && saved.records
      ? { marker: saved.marker, records: saved.records }
      : await readRecords(recordsPath);
  const generation = createHash('sha256')
    .update((await sourceVersions()).code)
    .update(JSON.stringify(config))
    .digest('hex');
  /** The previous file at `path`, when it is still as its record says. */
  const unchanged = (path: string, record: OutputRecord): KeptFile | undefined => {
    const info = statSync(join(outDir, path), { throwIfNoEntry: false });
    if (!info || !sameFile(info, record)) return undefined;
    return [path, record.size, record.mtimeMs, record.ino];
  };
  return {
    generation,
    previous: marker && { marker, files: records },
    // Not looked at on the disk here: writing links the file only if it is still as written,
    // on another thread, and a file changed since makes the build render everything again.
    keep(path, key) {
      const record = records.get(path);
      return record?.key && record.key === key
        ? [path, record.size, record.mtimeMs, record.ino]
        : undefined;
    },
    parts(path, format) {
      const record = records.get(path);
      if (!record?.parts || record.format !== format) return undefined;
      const file = unchanged(path, record);
      if (!file) return undefined;
      const [, head, separator] = JSON.parse(format) as string[];
      const at = new Map<string, [number, number]>();
      let offset = Buffer.byteLength(head ?? '');
      for (const [key, length] of record.parts) {
        at.set(key, [offset, length]);
        offset += length + Buffer.byteLength(separator ?? '');
      }
      return { file, at };
    },
    async save(files, states) {
      // Every file is recorded, with a key or not: the next build updates the folder in place
      // only when it knows all that is in it.
      const next: Record<string, OutputRecord> = {};
      for (const [path, file] of files) {
        const state = states.get(path);
        if (!state) continue;
        const { size, mtimeMs, ino } = state;
        const key = file.key ?? '';
        next[path] =
          'chunks' in file
            ? { key, size, mtimeMs, ino, parts: file.parts, format: file.format }
            : { key, size, mtimeMs, ino };
      }
      const markerState = states.get(outputMarker);
      saved.path = recordsPath;
      saved.records = new Map(Object.entries(next));
      saved.marker = markerState;
      try {
        await mkdir(folder, { recursive: true });
        await writeFileAtomicAsync(
          recordsPath,
          JSON.stringify({ marker: markerState, files: next }),
        );
      } catch {
        // Without records, the next build renders every file again: slower, never wrong.
      }
    },
  };
}

async function readRecords(
  path: string,
): Promise<{ marker: FileState | undefined; records: Map<string, OutputRecord> }> {
  try {
    const { marker, files } = JSON.parse(await readFile(path, 'utf8'));
    return { marker, records: new Map(Object.entries(files ?? {})) };
  } catch {
    return { marker: undefined, records: new Map() };
  }
}
