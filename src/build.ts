import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type BuildOptions,
  type ResolvedBuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from './config.ts';
import type { Entry, EntryTexts } from './entry.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import type { IdMap } from './normalize/identity.ts';
import { rehostProvisionalIds } from './normalize/provisional-ids.ts';
import { checkOutputFolder, type KeptPath, lockOutputFolder } from './output-folder.ts';
import type { BuildEngine } from './ports.ts';
import { type DigestTemplates, readDkimKey, readTemplates } from './read/digest-files.ts';
import { type KeptIdMap, readIdMap, writeIdMap } from './read/id-map.ts';
import { readPageTemplates } from './read/page-files.ts';
import { createKeptListing, type KeptListing } from './read/read-articles.ts';
import { readSentDigests, sentDigestsFolder } from './read/sent-digests.ts';
import { createEntryMemo, type DraftCount, type EntryMemo, readEntries } from './read-entries.ts';
import { digestWarnings, type RenderedDigest } from './render/digest.ts';
import { createFeedMemo, type FeedMemo } from './render/feeds.ts';
import { type MjmlCompiler, mjmlCompiler } from './render/mjml.ts';
import { renderOutput } from './render/output.ts';
import type { OutputFiles, OutputReuse } from './render/output-file.ts';
import type { Warning } from './warnings.ts';
import { removeTemporaryLeftovers } from './write/atomic-file.ts';
import { PreviousOutputChanged, type WriteResult, writeOutput } from './write/write-output.ts';

export {
  type DraftCount,
  type EntryPolicy,
  type ReadEntriesResult,
  readEntries,
} from './read-entries.ts';
export { outputFiles } from './render/output.ts';

/** The id map lives beside the config file. */
export const idMapFile = 'gazette.ids.json';

/** What a build needs from outside: the clock, which decides only what is scheduled. */
export interface BuildDeps {
  now: () => Date;
  /** Told how many of the files to read again are done so far (normalized, found by their bytes, or unreadable), out of how many. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * The incremental engine (`src/incremental/`): its cache, worker threads and reuse of the
   * previous output's unchanged files. Without it, everything is done on this thread.
   */
  engine?: BuildEngine | undefined;
  /** What the builds of a session (`--watch`) keep from one to the next. */
  session?: BuildSession | undefined;
  /**
   * Takes what may finish after the build has returned (removing the previous output once the
   * new one is in place, saving the cache and the output's records); without it, the build
   * waits for it.
   */
  later?: ((work: Promise<void>) => void) | undefined;
  /**
   * MJML's compiler. Default: the engine's (on another thread, while this one writes the
   * feeds), else on this thread.
   */
  compileMjml?: MjmlCompiler | undefined;
  /** How long to wait for another build of the same output folder, in ms. Default: a minute. */
  lockWait?: number | undefined;
  /** Told, with its process id, that another build holds the output folder: this one waits. */
  onLockWait?: ((holder: number) => void) | undefined;
}

/**
 * What a session of builds (`--watch`) keeps from one to the next, each part only a faster way
 * to the same output: the input folder's listing (which the watcher marks as files change), the
 * id map as last written, and what reading and rendering remember.
 */
export interface BuildSession {
  listing: KeptListing;
  idMap: KeptIdMap;
  entries: EntryMemo;
  feeds: FeedMemo;
}

export function createBuildSession(): BuildSession {
  return {
    listing: createKeptListing(),
    idMap: {},
    entries: createEntryMemo(),
    feeds: createFeedMemo(),
  };
}

export interface BuildResult {
  config: ResolvedConfig;
  /** Newest first. */
  entries: readonly Entry[];
  /** Entries normalized by this build, by path; the other entries came from the cache. */
  normalized: string[];
  /** How many article files this build read; the others were unchanged since the last. */
  read: number;
  /** How many feeds and archive pages were kept from the previous output, unrendered. */
  reused: number;
  /** The digest as `out/digest.html` holds it. */
  digest: { subject: string; preheader: string; htmlBytes: number };
  /** The same digest as rendered, before any reader's own values are put in. */
  renderedDigest: RenderedDigest;
  /** The digest's templates, as this build read them. */
  templates: DigestTemplates;
  /** What was written, relative to the output folder, with sizes in bytes. */
  written: { path: string; bytes: number }[];
  warnings: Warning[];
  /** When each entry, by id, was first built as one, where the id map knows it (never a draft). */
  firstSeen: ReadonlyMap<string, string>;
  /** The drafts: left out, or shown among `entries` (`drafts`), but never in the digest. */
  drafts: DraftCount;
  /** The texts of the entries that carry none (kept in the cache). */
  texts: EntryTexts | undefined;
}

/**
 * Reads the articles, normalizes them into entries, gives them their permanent ids and dates,
 * records the ids while it renders every output in memory, then replaces the output folder in
 * one step. Every problem in the articles, the templates and the config is reported together,
 * before anything is written. An output folder that is not Gazette's to replace is refused;
 * one that another build is writing is waited for.
 */
export async function build(options: BuildOptions, deps: BuildDeps): Promise<BuildResult> {
  const resolved = resolveBuildOptions(options);
  const config = await readConfig(resolved.config.path, resolved.config.display);
  checkOutputFolder(resolved.out, [
    ...keptPaths(resolved, options, config),
    ...(deps.engine?.folders ?? []),
  ]);
  const lock = await lockOutputFolder(resolved.out, {
    wait: deps.lockWait,
    onWait: deps.onLockWait,
  });
  // The cache is saved while the output is rendered and written; the build ends with it, unless
  // `deps.later` takes it (`--watch`).
  const saving: Promise<void>[] = [];
  // What changes the output folder after the build has returned (`--watch`): the lock is held
  // until it is done.
  const outputWork: Promise<void>[] = [];
  try {
    removeTemporaryLeftovers(dirname(resolved.config.path));
    const run = () =>
      runBuild(resolved, config, options, deps, {
        later: (work) => saving.push(work),
        laterOutput: deps.later && ((work) => outputWork.push(work)),
      });
    try {
      return await run();
    } catch (error) {
      // Another command changed the cache under this one: read it again from the disk, once.
      if (!(error instanceof GazetteError && error.name === 'CacheChanged')) throw error;
      return await run();
    }
  } finally {
    const released = Promise.all(outputWork).then(
      () => lock.release(),
      () => lock.release(),
    );
    if (deps.later) deps.later(released);
    else saving.push(released);
    await Promise.all(saving);
  }
}

/**
 * What a build reads or keeps, outside the output folder: the output folder must not be one of
 * them, nor hold one.
 */
function keptPaths(
  resolved: ResolvedBuildOptions,
  options: BuildOptions,
  config: ResolvedConfig,
): KeptPath[] {
  const project = dirname(resolved.config.path);
  const projectShown = dirname(resolved.config.display);
  const kept: KeptPath[] = [
    { ...resolved.input, what: 'the input folder' },
    { ...resolved.config, what: 'the config file' },
    {
      path: join(project, sentDigestsFolder),
      display: join(projectShown, sentDigestsFolder),
      what: 'the records of the digests sent',
    },
    { path: project, display: projectShown, what: "the project's folder" },
    { path: resolved.cwd, display: '.', what: 'the folder the command runs in' },
    {
      path: resolved.templates[0] ?? project,
      display: options.templates ?? join(projectShown, 'templates'),
      what: 'the templates folder',
    },
  ];
  const key = config.digest.dkim?.privateKeyFile;
  if (key) kept.push({ path: resolve(project, key), display: key, what: 'the DKIM key file' });
  return kept;
}

/** The build itself; `later` takes what may go on meanwhile, which the build then awaits. */
async function runBuild(
  resolved: ResolvedBuildOptions,
  config: ResolvedConfig,
  options: BuildOptions,
  deps: BuildDeps,
  {
    later,
    laterOutput,
  }: {
    later: (work: Promise<void>) => void;
    /** Takes what changes the output folder after the build has returned (`--watch`). */
    laterOutput: ((work: Promise<void>) => void) | undefined;
  },
): Promise<BuildResult> {
  const idMapPath = join(dirname(resolved.config.path), idMapFile);
  const idMapShown = join(dirname(resolved.config.display), idMapFile);
  const digestsFolder = join(dirname(resolved.config.path), sentDigestsFolder);
  const previous = rehostProvisionalIds(
    await readIdMap(idMapPath, idMapShown, deps.session?.idMap),
    config.siteUrl,
    anyDigestSent(digestsFolder),
  );
  const { entries, normalized, read, warnings, map, plan, versions, texts, drafts, files } =
    await readEntries(resolved.input.path, resolved.input.display, config, previous, {
      now: deps.now(),
      skipInvalid: options.skipInvalid,
      drafts: options.drafts,
      engine: deps.engine,
      memo: deps.session?.entries,
      onProgress: deps.onProgress,
      listing: deps.session?.listing,
      // The cache's saving may outlive a build that is followed by another (`--watch`).
      later: deps.later ?? later,
    });
  const [templates, pages, sentDigests] = await Promise.all([
    readTemplates(resolved.templates, resolved.cwd),
    readPageTemplates(resolved.templates, resolved.cwd),
    readSentDigests(digestsFolder, join(dirname(resolved.config.display), sentDigestsFolder)),
  ]);
  const dkimPrivateKey = await readDkimKey(config, dirname(resolved.config.path));
  // The id map holds what this build decided, whether or not the output then gets written (the
  // next build decides the same), so it is written while the output is rendered; under --strict,
  // only once the rendering has found no warning either.
  const writingIdMap = () => writeIdMap(idMapPath, map, deps.session?.idMap, idMapShown);
  const idMapWritten = options.strict ? undefined : writingIdMap();
  if (idMapWritten) later(idMapWritten.catch(() => undefined));
  // The digest's MJML compiles on the engine's thread while this one renders and writes the
  // feeds.
  const compileMjml = deps.compileMjml ?? deps.engine?.compileMjml ?? mjmlCompiler;
  const outDir = resolved.out.path;
  const kept = await deps.engine?.keptOutput(outDir, config);
  const render = (reuse: OutputReuse | undefined) =>
    renderOutput(entries, config, plan, templates, {
      dkimPrivateKey,
      reuse,
      versions,
      feedMemo: deps.session?.feeds,
      compileMjml,
      texts,
      published: files,
      pages,
      sentDigests,
    });
  let rendered = render(kept);
  let digestFiles = rendered.digest.then(async ({ digest, files }) => {
    warnings.push(...digestWarnings(digest));
    await deps.engine?.digested();
    return files;
  });
  // Awaited while writing; a failure meanwhile must not go unhandled.
  digestFiles.catch(() => undefined);
  // Under --strict, nothing is written before every warning is known, the digest's included.
  if (options.strict) await digestFiles;
  if (options.strict && warnings.length > 0) {
    throw new GazetteErrors(
      warnings.map((w) => new GazetteError('StrictWarning', w.message, w.location)),
    );
  }
  // The new output takes the old one's place only once the ids it shows are kept.
  const idMapSaved = idMapWritten ?? writingIdMap();
  idMapSaved.catch(() => undefined);
  const write = (files: OutputFiles, coming: Promise<OutputFiles>) =>
    writeOutput(outDir, files, resolved.out.display, {
      later: laterOutput,
      link: deps.engine?.link,
      coming,
      ready: idMapSaved,
      previous: kept?.previous,
    });
  let result: WriteResult;
  try {
    result = await write(rendered.files, digestFiles);
  } catch (error) {
    if (!(error instanceof PreviousOutputChanged)) throw error;
    // A file of the previous output changed while this build counted on it: all is rendered.
    rendered = { ...render(undefined), digest: rendered.digest };
    digestFiles = rendered.digest.then(({ whole }) => whole);
    result = await write(rendered.files, digestFiles);
  }
  const { written, reused, states } = result;
  for (const path of result.gone) {
    warnings.push({
      message: 'went or changed while the build copied it: not published by this build',
      location: { file: join(resolved.input.display, path.slice(path.indexOf('/') + 1)) },
    });
  }
  if (kept) {
    // Records for the next build, which waits for them when they are still being written.
    const files = new Map([...rendered.files, ...(await digestFiles)]);
    if (laterOutput) {
      // Recorded once the build has returned (`--watch`): the next one waits for it.
      laterOutput(
        new Promise((resolve) => setImmediate(resolve)).then(() => kept.save(files, states)),
      );
    } else await kept.save(files, states);
  }
  const { digest } = await rendered.digest;
  let firstSeen: ReadonlyMap<string, string> | undefined;
  return {
    config,
    entries,
    normalized,
    read,
    reused,
    written,
    warnings,
    digest: {
      subject: digest.subject,
      preheader: digest.preheader,
      htmlBytes: Buffer.byteLength(digest.html),
    },
    renderedDigest: digest,
    templates,
    // Asked for by `send` only: worked out then, once.
    get firstSeen() {
      firstSeen ??= firstSightings(entries, map);
      return firstSeen;
    },
    drafts,
    texts,
  };
}

function firstSightings(entries: readonly Entry[], map: IdMap): Map<string, string> {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const at = map.entries.get(entry.path)?.seen;
    if (at) seen.set(entry.id, at);
  }
  return seen;
}

/** Whether a digest was ever sent for real: its record is in the digests folder. */
function anyDigestSent(folder: string): boolean {
  try {
    return readdirSync(folder).some((name) => name.endsWith('.json'));
  } catch {
    return false;
  }
}
