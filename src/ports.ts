import type { ResolvedConfig } from './config.ts';
import type { EntryTexts } from './entry.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { ArticleQueue } from './read/article-queue.ts';
import type { RawArticle } from './read/read-articles.ts';
import type { MjmlCompiler } from './render/mjml.ts';
import type { OutputFile, OutputReuse } from './render/output-file.ts';
import type { Warning } from './warnings.ts';
import type { FileState, Linker, PreviousOutput } from './write/write-output.ts';

/**
 * The ports through which the incremental engine (`src/incremental/`: the cache, the worker
 * threads, the reuse of unchanged files) plugs into a build. The pipeline knows these types
 * only; without an engine, a build normalizes and renders everything on its own thread, and
 * writes the same bytes.
 */
export interface BuildEngine {
  /** The store of entries normalized by earlier builds, for these settings; none without a cache. */
  openStore(config: ResolvedConfig): Promise<EntryStore | undefined>;
  /** Normalizes many articles at once. */
  normalizer: Normalizer;
  /** The previous output, as far as it can be kept; none without a cache. */
  keptOutput(outDir: string, config: ResolvedConfig): Promise<KeptOutput | undefined>;
  /** Compiles the digest's MJML. */
  compileMjml: MjmlCompiler;
  /** Links the previous output's kept files into the new one. */
  link: Linker;
  /**
   * Told that the build normalizes nothing more: an engine of one build lets its normalizer's
   * threads go, and compiles the digest on a thread of its own if it must.
   */
  normalized(): Promise<void>;
  /** Told that the build's digest is compiled: an engine of one build lets its thread go. */
  digested(): Promise<void>;
  /** Folders the engine keeps, which no output folder may be: the cache. */
  folders: { path: string; display: string; what: string }[];
}

/** Normalizes many articles. */
export interface Normalizer {
  /**
   * Outcomes of the articles, in their order: given as a list, or as a queue that reading
   * fills, of about `count` articles. `apart`: without the work of this thread, so that its
   * memory holds the outcomes and none of the normalizer's garbage. `learned`: the
   * fingerprints of the lines the articles' folder repeats (none by default).
   */
  normalizeAll(
    articles: RawArticle[] | ArticleQueue,
    config: ResolvedConfig,
    options?: {
      count?: number | undefined;
      onProgress?: ((done: number, total: number) => void) | undefined;
      apart?: boolean | undefined;
      learned?: ReadonlySet<string> | undefined;
    },
  ): Promise<Outcome[]>;
}

/** An outcome kept from an earlier build, with the warning its reading gave. */
export interface CachedOutcome {
  outcome: Outcome;
  readWarning?: Warning | undefined;
}

/** A kept outcome with the key it was normalized under. */
export type KeyedOutcome = CachedOutcome & { key: string };

/** The entries normalized by earlier builds: their outcomes, and the texts they carry not. */
export interface EntryStore {
  /** A hash of everything an article's outcome depends on, its bytes included. */
  keyOf(raw: RawArticle): string;
  /** The outcome of a file seen in this same state before. */
  byStamp(path: string, stamp: string, mtimeMs: number): KeyedOutcome | undefined;
  /** The outcome of a file read again whose bytes, place and dates are unchanged. */
  byKey(path: string, key: string, stamp: string): KeyedOutcome | undefined;
  set(path: string, stamp: string, key: string, cached: CachedOutcome, readAt: number): void;
  /** Takes these files' texts out of memory, into the store. */
  spill(paths: string[]): void;
  texts: EntryTexts;
  /** Forgets the files that are gone. */
  keepOnly(paths: Set<string>): void;
  save(): Promise<void>;
}

/** The previous output, as far as a build may keep it; and the recording of the new. */
export interface KeptOutput extends OutputReuse {
  /** The output folder as the last build left it, when its records tell every file in it. */
  previous: PreviousOutput | undefined;
  /** Records the files just written, with their states, for the next build. */
  save(files: Map<string, OutputFile>, states: Map<string, FileState>): Promise<void>;
}
