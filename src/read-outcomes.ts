import { mapLimit } from './concurrency.ts';
import type { ResolvedConfig } from './config.ts';
import { type EntryTexts, manyArticles } from './entry.ts';
import type { GazetteError } from './errors.ts';
import {
  appliedLearned,
  articleLines,
  createLineCounter,
  learnLines,
  sameFingerprints,
} from './normalize/page/learn-lines.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { EntryStore, Normalizer } from './ports.ts';
import { articleQueue } from './read/article-queue.ts';
import { type ArticleFile, readArticle } from './read/read-articles.ts';
import type { Warning } from './warnings.ts';

/** Articles read, then normalized, at a time: a few tens of megabytes of text. */
const chunkSize = 4000;

/**
 * Outcomes of every listed article, in order (undefined for a file that could not be read): from
 * the cache, unread, when the file is as it was; from the cache when its bytes, place and dates
 * are; the others normalized (on worker threads when there are many) and cached. Each is read
 * with what the folder teaches, the lines that recur in its articles: they are counted before
 * any article is normalized, and an article whose reading applied other learned lines than the
 * folder's (one kept from a build of another folder's state) is normalized again, read again.
 */
export async function readOutcomes(
  input: string,
  files: ArticleFile[],
  config: ResolvedConfig,
  {
    onProgress,
    later,
    textsInMemory = manyArticles,
  }: {
    onProgress?: ((done: number, total: number) => void) | undefined;
    /** Takes the saving of the cache, to let it finish while the build goes on; else awaited. */
    later?: ((work: Promise<void>) => void) | undefined;
    /** Up to this many articles to normalize, their texts stay in memory (see `manyArticles`). */
    textsInMemory?: number | undefined;
  },
  { normalizer, store: cache }: { normalizer: Normalizer; store: EntryStore | undefined },
): Promise<{
  outcomes: (Outcome | undefined)[];
  /** The cache key of each outcome, when there is a cache. */
  keys: (string | undefined)[];
  normalized: string[];
  read: number;
  errors: GazetteError[];
  learned: Set<string>;
  /** The texts of the entries that carry none, from the cache. */
  texts: EntryTexts | undefined;
}> {
  const maxBytes = config.maxArticleSize * 1024 * 1024;
  const outcomes: (Outcome | undefined)[] = [];
  const keys: (string | undefined)[] = [];
  const readWarnings: (Warning | undefined)[] = [];
  const unread: number[] = [];
  files.forEach((file, i) => {
    const cached = cache?.byStamp(file.path, file.stamp, file.modified.getTime());
    if (cached)
      [outcomes[i], readWarnings[i], keys[i]] = [cached.outcome, cached.readWarning, cached.key];
    else unread.push(i);
  });
  const errors: GazetteError[] = [];
  /** The fingerprints of the lines of the articles read to be normalized, as they will be. */
  const foreseen: (string[] | undefined)[] = [];
  /**
   * Reads the files at `indices`: unless `again`, the outcomes the cache has by key, and the
   * fingerprints of the others' lines; the others into a queue that the normalizer empties.
   */
  const readChunk = (indices: number[], again: boolean) => {
    const queue = articleQueue();
    // What is kept of each article to normalize; its text goes with the queue, and is let go
    // once normalized.
    const toNormalize: { index: number; path: string; key: string; readAt: number }[] = [];
    // Files are read a few dozen at a time: enough to keep the disk busy, few enough for memory.
    const reading = mapLimit(indices, 32, async (i) => {
      const file = files[i] as ArticleFile;
      const readAt = Date.now();
      const result = await readArticle(input, file, maxBytes);
      readWarnings[i] = result.warning;
      if ('error' in result) {
        errors.push(result.error);
        outcomes[i] = undefined;
        return;
      }
      const key = cache?.keyOf(result.article) ?? '';
      if (cache) keys[i] = key;
      const cached = again ? undefined : cache?.byKey(file.path, key, file.stamp);
      if (cached) outcomes[i] = cached.outcome;
      else {
        if (!again) foreseen[i] = articleLines(result.article);
        toNormalize.push({ index: i, path: file.path, key, readAt });
        queue.push(result.article);
      }
    }).then(
      () => queue.end(),
      (error: unknown) => queue.end(error),
    );
    return { indices, queue, toNormalize, reading };
  };
  // The lines of the articles at hand, and of each chunk as it is read.
  const counted = createLineCounter();
  for (const outcome of outcomes) if (outcome) counted.add(outcome.lines);
  const normalized = new Map<number, string>();
  const read = new Set(unread);
  let done = 0;
  let total = unread.length;
  /**
   * Reads and normalizes the files at `indices`, applying `learned`, else what the folder's
   * articles read so far teach. Very many files are read and normalized a chunk at a time, the
   * next chunk read while one is normalized: memory holds the raw texts of two chunks, not those
   * of every article. (Fewer go at once: at each chunk's end, a thread may wait for the other's
   * last batch.)
   */
  const normalizeFiles = async (indices: number[], learned?: ReadonlySet<string>) => {
    const again = learned !== undefined;
    const chunkCount = indices.length > manyArticles ? Math.ceil(indices.length / chunkSize) : 1;
    const chunks = Array.from({ length: chunkCount }, (_, c) =>
      indices.slice(
        Math.floor((c * indices.length) / chunkCount),
        Math.floor(((c + 1) * indices.length) / chunkCount),
      ),
    );
    // Very many articles: their texts go to the cache as they come, and this thread, left to
    // hold the entries, normalizes none itself.
    const spilling = cache !== undefined && indices.length > textsInMemory;
    let current = chunks[0] ? readChunk(chunks[0], again) : undefined;
    for (let c = 0; current; c++) {
      const following = chunks[c + 1];
      // The next chunk is read once this one is.
      const next = following ? current.reading.then(() => readChunk(following, again)) : undefined;
      const before = done;
      // Normalizing waits for the chunk's reading: the lines read teach what to apply, and an
      // article is then most often normalized once, even in a cold build.
      await current.reading;
      if (!learned)
        for (const i of current.indices) counted.add(outcomes[i]?.lines ?? foreseen[i] ?? []);
      const applying = learned ?? counted.learned();
      const fresh = await normalizer.normalizeAll(current.queue, config, {
        count: current.indices.length,
        onProgress: onProgress && ((n) => onProgress(before + n, total)),
        apart: spilling,
        learned: applying,
      });
      // Read, normalized, found by their bytes or unreadable: each file of the chunk is done.
      done += current.indices.length;
      onProgress?.(done, total);
      current.toNormalize.forEach(({ index, path, key, readAt }, n) => {
        const outcome = fresh[n] as Outcome;
        outcomes[index] = outcome;
        foreseen[index] = undefined;
        normalized.set(index, path);
        const file = files[index] as ArticleFile;
        const cached = { outcome, readWarning: readWarnings[index] };
        cache?.set(file.path, file.stamp, key, cached, readAt);
      });
      if (spilling) cache?.spill(current.toNormalize.map((t) => t.path));
      current = await next;
    }
  };
  await normalizeFiles(unread);
  // What the whole folder teaches: the articles normalized before a later chunk was read, those
  // kept from a build that learned otherwise, and any read again that changed meanwhile are
  // normalized again. A few rounds settle it; none is needed when nothing changes under the build.
  let learned = new Set<string>();
  for (let round = 0; round < 3; round++) {
    learned = learnLines(files.map((_, i) => outcomes[i]?.lines ?? []));
    const stale = files.flatMap((_, i) => {
      const outcome = outcomes[i];
      if (!outcome) return [];
      const applied = appliedLearned(outcome.lines, learned);
      return sameFingerprints(outcome.learned, applied) ? [] : [i];
    });
    if (stale.length === 0) break;
    for (const i of stale) read.add(i);
    total += stale.length;
    await normalizeFiles(stale, learned);
  }
  if (cache) {
    cache.keepOnly(new Set(files.map((f) => f.path)));
    const saving = cache.save();
    if (later) later(saving);
    else await saving;
  }
  files.forEach((_, i) => {
    const warning = readWarnings[i];
    if (warning && outcomes[i])
      outcomes[i] = { ...outcomes[i], warnings: [warning, ...outcomes[i].warnings] };
  });
  errors.sort((a, b) => ((a.location?.file ?? '') < (b.location?.file ?? '') ? -1 : 1));
  return {
    outcomes,
    keys,
    normalized: [...normalized].sort(([a], [b]) => a - b).map(([, path]) => path),
    read: read.size,
    errors,
    learned,
    texts: cache?.texts,
  };
}
