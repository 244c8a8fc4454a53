import { dirname, join } from 'node:path';
import { type BuildOptions, resolveBuildOptions } from '../config.ts';
import type { BuildEngine } from '../ports.ts';
import type { MjmlCompiler } from '../render/mjml.ts';
import type { KeptFile } from '../render/output-file.ts';
import { removeTemporaryLeftovers } from '../write/atomic-file.ts';
import { createCacheMemory, openCache } from './article-cache.ts';
import { keptMjml } from './kept-mjml.ts';
import { createNormalizer, mjmlThread } from './normalize-pool.ts';
import { openKeptOutput, type SavedRecords } from './output-reuse.ts';

/** The engine as its owner holds it: the ports a build takes, and its threads' lifetime. */
export interface Engine extends BuildEngine {
  /** Stops its threads. */
  close(): Promise<void>;
  /** Loads MJML on its thread ahead of the first digest (`--watch`, while nothing happens). */
  loadMjml(): void;
}

/**
 * The incremental engine: the normalizer's threads, the cache of normalized articles (unless
 * `cacheDir` is false), the records of the output to keep its unchanged files, and the digests
 * compiled before. One engine serves one build, or every build of a session (`--watch`), which
 * then keeps its threads and the cache's records in memory. Its first worker thread starts at
 * once and loads the normalizer while the build lists its folder. `close` stops its threads.
 */
export function createEngine({
  cacheDir,
  cacheShown,
  session = false,
  threads = true,
}: {
  cacheDir: string | false;
  /** The cache folder as the user named it, for messages. */
  cacheShown: string;
  /** Serves a session of builds (`--watch`): its threads stay between them. */
  session?: boolean;
  /**
   * Whether it may start threads. Without, it does everything on the caller's thread, where
   * what it loads (the normalizer, MJML) stays loaded for the next command of the process.
   */
  threads?: boolean;
}): Engine {
  const pool = createNormalizer({ threads });
  // The cache's records and open files, kept from one build to the next of a session.
  const memory = createCacheMemory();
  // The output's records as the session's last build saved them.
  const saved: SavedRecords = {};
  // One build's engine: once normalizing is done, the digest compiles on a thread of its own,
  // started only if the digest is not among those compiled before.
  const mjml = session || !threads ? undefined : mjmlThread();
  let normalizing = true;
  const compile: MjmlCompiler = (text) =>
    mjml && !normalizing ? mjml.compileMjml(text) : pool.compileMjml(text);
  if (cacheDir) removeTemporaryLeftovers(cacheDir);
  return {
    openStore: async (config) => (cacheDir ? openCache(cacheDir, config, memory) : undefined),
    normalizer: pool,
    keptOutput: async (outDir, config) => {
      if (!cacheDir) return undefined;
      const kept = await openKeptOutput(cacheDir, outDir, config, session ? saved : {});
      // A session's thread stays: it looks at the previous output's files while the build
      // renders, instead of once it writes.
      if (!session || !kept.previous) return kept;
      const files = [...kept.previous.files].map(
        ([path, { size, mtimeMs, ino }]): KeptFile => [path, size, mtimeMs, ino],
      );
      const unchanged = pool
        .linkKept(outDir, undefined, files)
        .then((same) => new Set(files.filter((_, i) => same[i]).map(([path]) => path)));
      unchanged.catch(() => undefined);
      return { ...kept, previous: { ...kept.previous, unchanged } };
    },
    compileMjml: cacheDir ? keptMjml(cacheDir, compile) : compile,
    link: pool.linkKept,
    async normalized() {
      if (session || !normalizing) return;
      normalizing = false;
      await pool.close();
    },
    async digested() {
      // The build's one digest is compiled: its thread's memory goes before the pages are made.
      await mjml?.close();
    },
    folders: cacheDir ? [{ path: cacheDir, display: cacheShown, what: 'the cache' }] : [],
    close: async () => {
      memory.reader.close();
      await Promise.all([pool.close(), mjml?.close()]);
    },
    loadMjml() {
      void pool.compileMjml('<mjml><mj-body></mj-body></mjml>').catch(() => undefined);
    },
  };
}

/**
 * The engine of builds with these options: their cache, unless `cacheDir` is false; threads
 * unless `threads` is false.
 */
export function engineFor(options: BuildOptions, session = false, threads = true): Engine {
  const resolved = resolveBuildOptions(options);
  const cacheShown =
    typeof options.cacheDir === 'string'
      ? options.cacheDir
      : join(dirname(resolved.config.display), '.gazette-cache');
  return createEngine({ cacheDir: resolved.cacheDir ?? false, cacheShown, session, threads });
}
