import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../concurrency.ts';
import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import type { Outcome } from '../normalize/process-article.ts';
import type { CachedOutcome, EntryStore, KeyedOutcome } from '../ports.ts';
import { fileState } from '../read/file-state.ts';
import type { RawArticle } from '../read/read-articles.ts';
import type { Warning } from '../warnings.ts';
import { removeTemporaryLeftovers, writeFileAtomicAsync } from '../write/atomic-file.ts';
import { sourceVersions } from './code-version.ts';
import {
  type ContentAt,
  type ContentReader,
  cacheChanged,
  contentBytes,
  contentLayout,
  createContentReader,
  readRanges,
} from './content-files.ts';

/** Records are spread over this many files, so that one edit rewrites a small one. */
const shardCount = 64;
/**
 * A file changed less than this long before it was read may change again within the same
 * timestamp tick, unseen: its stamp is not trusted, and its bytes are compared instead.
 */
const racyMs = 2000;
/** A content file no record points to is removed once unused this long: no build reads it. */
const unusedContentMs = 10 * 60 * 1000;

/** What the cache keeps of one article file. */
interface ArticleRecord {
  /** The file's state when it was read (see `ArticleFile.stamp`). */
  stamp: string;
  /** When it was read, in milliseconds since the epoch. */
  readAt: number;
  /** Hash of everything the outcome depends on, the bytes included. */
  key: string;
  outcome: Outcome;
  /** What reading the bytes warned of (an encoding guessed), repeated while they are unchanged. */
  readWarning?: Warning | undefined;
  /** Where the entry's content is kept, once saved. */
  at?: ContentAt | undefined;
}

/**
 * The cache of normalized articles, in a folder that is safe to delete. An article's outcome
 * is found by its file's stamp, without reading the file, when it has not changed since;
 * otherwise by its key, a hash of everything the outcome depends on: the bytes, where the file
 * is and when it last changed, the settings that shape an entry (the project's boilerplate rules
 * among them), and the normalizer's own code. What the article's folder learned is not in the
 * key: an outcome tells which learned lines it applied, and the build compares.
 * Records live in a few dozen files per normalizer version, read at once and rewritten only
 * when one of their records changed.
 */
export async function openCache(
  folder: string,
  config: ResolvedConfig,
  memory: CacheMemory = createCacheMemory(),
): Promise<EntryStore> {
  const { loaded, shardStates, shardsByPath, reader } = memory;
  const settings = JSON.stringify([
    (await sourceVersions()).normalizer,
    config.language,
    config.timeZone,
    config.siteUrl,
    config.boilerplate,
  ]);
  const generation = createHash('sha256').update(settings).digest('hex').slice(0, 16);
  const root = join(folder, 'articles');
  const dir = join(root, generation);
  removeTemporaryLeftovers(dir);
  const shards = loaded.get(dir) ?? loadShards(dir, shardStates);
  loaded.set(dir, shards);
  const changed = new Set<number>();
  /** The content files `spill` wrote in this build. */
  const spills: string[] = [];
  const shardOf = (path: string) => {
    let shard = shardsByPath.get(path);
    if (shard === undefined) {
      shard = createHash('sha1').update(path).digest().readUInt32BE(0) % shardCount;
      shardsByPath.set(path, shard);
    }
    return shard;
  };
  const recordOf = (path: string) => shards[shardOf(path)]?.get(path);

  return {
    keyOf(raw: RawArticle): string {
      return createHash('sha256')
        .update(settings)
        .update(
          `\0${raw.path}\0${raw.displayPath}\0${raw.committed ?? ''}\0${raw.modified.getTime()}\0`,
        )
        .update(raw.text)
        .digest('hex');
    },
    /** The outcome of a file seen in this same state before, unless it changed too recently. */
    byStamp(path: string, stamp: string, mtimeMs: number): KeyedOutcome | undefined {
      const record = recordOf(path);
      if (!record || record.stamp !== stamp || record.readAt - mtimeMs < racyMs) return undefined;
      return record;
    },
    /** The outcome of a file read again whose bytes, place and dates are unchanged. */
    byKey(path: string, key: string, stamp: string): KeyedOutcome | undefined {
      const record = recordOf(path);
      if (!record || record.key !== key) return undefined;
      if (record.stamp !== stamp) {
        record.stamp = stamp;
        record.readAt = Date.now();
        changed.add(shardOf(path));
      }
      return record;
    },
    set(path: string, stamp: string, key: string, cached: CachedOutcome, readAt: number): void {
      const shard = shardOf(path);
      shards[shard]?.set(path, { stamp, readAt, key, ...cached });
      changed.add(shard);
    },
    /**
     * Writes the texts of these files' entries, normalized and not yet saved, to a content file
     * of their own, and lets the entries read them back when used: a build of very many articles
     * then holds their metadata, not every text. Texts that cannot be written stay in memory.
     */
    spill(paths: string[]): void {
      const file = `spill-${Date.now().toString(36)}-${process.pid}-${memory.spilled++}.content`;
      const layout = contentLayout(file);
      const placed: [ArticleRecord, Entry, ContentAt][] = [];
      for (const path of paths) {
        const record = recordOf(path);
        if (!record || record.at || !('entry' in record.outcome)) continue;
        const { entry } = record.outcome;
        placed.push([record, entry, layout.add(contentBytes(entry))]);
      }
      if (placed.length === 0) return;
      // A scratch file of this build, not a record: read back by this process only, and left
      // unused by a crash, so written as it is, without a temporary file.
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, file), layout.bytes());
      } catch {
        rmSync(join(dir, file), { force: true });
        return;
      }
      // The entries carry their texts no more: the store gives them back (`texts`).
      for (const [record, entry, at] of placed) {
        record.at = at;
        entry.content = null;
      }
      // Until the shards are saved, only this process knows these files are in use: their times
      // say so to others, which remove content files unused for ten minutes.
      spills.push(join(dir, file));
      const now = new Date();
      for (const spill of spills) {
        try {
          utimesSync(spill, now, now);
        } catch {
          // Gone: its entries fail to read back, and are normalized again by the next build.
        }
      }
    },
    /**
     * The text of an entry that carries none (one kept, or sent to a content file): read from
     * where its record says now, as saving the records moves it to a new content file.
     */
    texts(entry: Entry): string[] {
      const at = recordOf(entry.path)?.at;
      try {
        if (!at) throw cacheChanged(dir);
        return reader.read(join(dir, at.file), at);
      } catch (error) {
        // The next build reads the cache again from the disk.
        loaded.clear();
        throw error;
      }
    },
    /** Forgets the files that are gone. */
    keepOnly(paths: Set<string>): void {
      shards.forEach((shard, i) => {
        for (const path of shard.keys()) {
          if (!paths.has(path)) {
            shard.delete(path);
            changed.add(i);
          }
        }
      });
    },
    /**
     * Writes the records that changed, each file replaced whole; records of other settings or
     * normalizer versions are removed. A cache that cannot be written only costs time later.
     */
    async save(): Promise<void> {
      try {
        await mkdir(dir, { recursive: true });
        const stamp = `${Date.now().toString(36)}-${process.pid}`;
        // A few shards at a time: each holds its texts' bytes until written, a few megabytes
        // when there are very many articles.
        await mapLimit([...changed], 4, (i) =>
          saveShard(dir, i, shards[i] ?? new Map(), stamp, shardStates),
        );
        changed.clear();
        reader.close();
        await removeUnused(dir, shards, shardStates);
        for (const other of await readdir(root)) {
          if (other === generation) continue;
          await rm(join(root, other), { recursive: true, force: true });
          loaded.delete(join(root, other));
        }
      } catch {
        // Nothing to do: the next build normalizes again what could not be kept.
      }
    },
  };
}

/**
 * What the cache keeps in memory from one build to the next of a session (`--watch`), which
 * finds its records there. Were the files changed by another process meanwhile, a stale record
 * would only cost a file read.
 */
export interface CacheMemory {
  /** The records, by folder, as the session last opened it. */
  loaded: Map<string, Map<string, ArticleRecord>[]>;
  /**
   * Each shard file's state when the session last read or wrote it: while it is unchanged, its
   * records are the ones in memory.
   */
  shardStates: Map<string, string>;
  /** The shard of each article path, as computed once. */
  shardsByPath: Map<string, number>;
  /** Content files written by `spill`, to name the next. */
  spilled: number;
  reader: ContentReader;
}

export function createCacheMemory(): CacheMemory {
  return {
    loaded: new Map(),
    shardStates: new Map(),
    shardsByPath: new Map(),
    spilled: 0,
    reader: createContentReader(),
  };
}

/** A shard's file: its records, each entry's `content` null and kept at `at`. */
interface ShardFile {
  records: Record<string, ArticleRecord>;
}

/**
 * Every shard's records, read synchronously: the build waits for them anyway, and Node decodes
 * a whole file at once twice as fast as the chunks of an asynchronous read.
 */
function loadShards(dir: string, shardStates: Map<string, string>): Map<string, ArticleRecord>[] {
  return Array.from({ length: shardCount }, (_, i): Map<string, ArticleRecord> => {
    try {
      const path = join(dir, shardName(i));
      shardStates.delete(path);
      // Taken before reading: a file changed meanwhile is another state, read again if need be.
      const state = fileState(path);
      const { records } = JSON.parse(readFileSync(path, 'utf8')) as ShardFile;
      const shard = new Map(Object.entries(records));
      // A shard whose content file is gone or cut short is dropped whole.
      const sizes = new Map<string, number>();
      for (const record of shard.values()) {
        if (!('entry' in record.outcome)) continue;
        if (!record.at) throw new Error('a kept entry without its content');
        const { file, offset, length } = record.at;
        if (!sizes.has(file)) sizes.set(file, statSync(join(dir, file)).size);
        if (offset + length > (sizes.get(file) ?? 0)) throw new Error('content cut short');
      }
      if (state) shardStates.set(path, state);
      return shard;
    } catch {
      return new Map();
    }
  });
}

/**
 * Writes shard `i`: first a new content file holding every entry's paragraphs (copied as bytes
 * from the file they were in, or serialized when fresh), then the records pointing into it.
 * Until the records are renamed into place, the previous ones and their content file hold.
 */
async function saveShard(
  dir: string,
  i: number,
  shard: Map<string, ArticleRecord>,
  stamp: string,
  shardStates: Map<string, string>,
): Promise<void> {
  const file = `${shardName(i).replace(/\.json$/, '')}-${stamp}.content`;
  // The kept texts, read from where their records point, as few ranges of each file as they make.
  const wanted = new Map<string, ContentAt[]>();
  for (const record of shard.values()) {
    if (!record.at || !('entry' in record.outcome)) continue;
    const ranges = wanted.get(record.at.file) ?? [];
    ranges.push(record.at);
    wanted.set(record.at.file, ranges);
  }
  const previous = new Map<ContentAt, Buffer>();
  for (const [from, ranges] of wanted)
    for (const [at, bytes] of readRanges(join(dir, from), ranges)) previous.set(at, bytes);
  const layout = contentLayout(file);
  const records: Record<string, ArticleRecord> = {};
  const placed: [ArticleRecord, ContentAt][] = [];
  for (const [path, record] of shard) {
    const { outcome } = record;
    if (!('entry' in outcome)) {
      records[path] = record;
      continue;
    }
    let bytes: Buffer | undefined;
    if (record.at) {
      // A text that cannot be read back is dropped with its record: normalized again next time.
      bytes = previous.get(record.at);
      if (bytes?.length !== record.at.length) continue;
    } else bytes = contentBytes(outcome.entry);
    const at = layout.add(bytes);
    placed.push([record, at]);
    records[path] = {
      ...record,
      at,
      outcome: { ...outcome, entry: withoutContent(outcome.entry) },
    };
  }
  await writeFileAtomicAsync(join(dir, file), layout.bytes());
  const path = join(dir, shardName(i));
  await writeFileAtomicAsync(path, JSON.stringify({ records } satisfies ShardFile));
  // Its records are those in memory. (Were it replaced by another command right after, that
  // command's records point to content files it just wrote, which stay: too recent to remove.)
  const state = fileState(path);
  if (state) shardStates.set(path, state);
  // The files the records left: unused from now on, which their time now says.
  const retired = new Set(placed.flatMap(([record]) => (record.at ? [record.at.file] : [])));
  for (const [record, at] of placed) record.at = at;
  const now = new Date();
  for (const name of retired) await utimes(join(dir, name), now, now).catch(() => undefined);
}

/** The entry as stored: every field in its place, `content` null (without reading it). */
function withoutContent(entry: Entry): Entry {
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(entry))
    stored[key] = key === 'content' ? null : entry[key as keyof Entry];
  return stored as unknown as Entry;
}

/**
 * Removes the content files that no record points to, in this process or on the disk, and that
 * have been unused long enough that no other command still reads them.
 */
async function removeUnused(
  dir: string,
  shards: Map<string, ArticleRecord>[],
  shardStates: Map<string, string>,
): Promise<void> {
  const used = new Set<string>();
  for (const shard of shards)
    for (const record of shard.values()) if (record.at) used.add(record.at.file);
  const names = await readdir(dir);
  const candidates: string[] = [];
  // Synchronous: a few hundred files retired by a long `--watch` are stated in a millisecond.
  for (const name of names) {
    if (!name.endsWith('.content') || used.has(name)) continue;
    const mtimeMs = statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - mtimeMs > unusedContentMs) candidates.push(name);
  }
  if (candidates.length === 0) return;
  // Another command may have written records since this one read them: the shards that are
  // not as this process last read or wrote them are read again.
  const onDisk = new Set<string>();
  for (const name of names.filter((n) => /^\d+\.json$/.test(n))) {
    const path = join(dir, name);
    const state = shardStates.get(path);
    if (state !== undefined && state === fileState(path)) continue;
    const text = await readFile(path, 'utf8').catch(() => '');
    for (const match of text.matchAll(/"file":"([^"]+\.content)"/g))
      if (match[1]) onDisk.add(match[1]);
  }
  for (const name of candidates) if (!onDisk.has(name)) await rm(join(dir, name), { force: true });
}

function shardName(i: number): string {
  return `${i.toString().padStart(2, '0')}.json`;
}
