import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import {
  type BuildOptions,
  type ResolvedBuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from './config.ts';
import { type Entry, type EntryTexts, withText } from './entry.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import { keptMjml } from './incremental/kept-mjml.ts';
import { openKeptOutput } from './incremental/output-reuse.ts';
import { formatDate } from './normalize/dates.ts';
import { type Draft, draftsToHash, type IdMap, resolveIdentities } from './normalize/identity.ts';
import { createNormalizer, mjmlThread, type Normalizer } from './normalize-pool.ts';
import { checkOutputFolder, type KeptPath, lockOutputFolder } from './output-folder.ts';
import { type DigestTemplates, readDkimKey, readTemplates } from './read/digest-files.ts';
import { type KeptIdMap, readIdMap, writeIdMap } from './read/id-map.ts';
import { type KeptListing, listArticles } from './read/read-articles.ts';
import { readOutcomes } from './read-outcomes.ts';
import { digestWarnings, type RenderedDigest } from './render/digest.ts';
import { type FeedPlan, newestFirst } from './render/feed-order.ts';
import type { EntryVersions, FeedMemo } from './render/feeds.ts';
import { type MjmlCompiler, mjmlCompiler } from './render/mjml.ts';
import { renderOutput } from './render/output.ts';
import type { OutputFiles, OutputReuse } from './render/output-file.ts';
import type { Warning } from './warnings.ts';
import { removeTemporaryLeftovers } from './write/atomic-file.ts';
import { PreviousOutputChanged, type WriteResult, writeOutput } from './write/write-output.ts';

export { outputFiles } from './render/output.ts';

/** The id map lives beside the config file. */
export const idMapFile = 'gazette.ids.json';

/** What a build needs from outside: the clock, which decides only what is scheduled. */
export interface BuildDeps {
  now: () => Date;
  /** Told how many of the files to read again are done so far (normalized, found by their bytes, or unreadable), out of how many. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** A normalizer kept across builds (`--watch`); else each build starts and stops its own. */
  normalizer?: Normalizer | undefined;
  /** The input folder's listing, kept across builds (`--watch`). */
  listing?: KeptListing | undefined;
  /** The id map, kept across builds (`--watch`). */
  idMap?: KeptIdMap | undefined;
  /** What rendering the feeds remembers across builds (`--watch`). */
  feedMemo?: FeedMemo | undefined;
  /**
   * Takes what may finish after the build has returned (removing the previous output once the
   * new one is in place, saving the cache and the output's records); without it, the build
   * waits for it.
   */
  later?: ((work: Promise<void>) => void) | undefined;
  /**
   * MJML's compiler. Default: one on a thread of its own (the kept normalizer's, under
   * `--watch`), while this one writes the feeds.
   */
  compileMjml?: MjmlCompiler | undefined;
  /** How long to wait for another build of the same output folder, in ms. Default: a minute. */
  lockWait?: number | undefined;
  /** Told, with its process id, that another build holds the output folder: this one waits. */
  onLockWait?: ((holder: number) => void) | undefined;
}

export interface BuildResult {
  config: ResolvedConfig;
  entries: Entry[];
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
  /** When each entry, by id, was first built as one, where the id map knows it. */
  firstSeen: ReadonlyMap<string, string>;
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
  checkOutputFolder(resolved.out, keptPaths(resolved, options, config));
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
    if (resolved.cacheDir) removeTemporaryLeftovers(resolved.cacheDir);
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
    { path: project, display: projectShown, what: "the project's folder" },
    { path: resolved.cwd, display: '.', what: 'the folder the command runs in' },
    {
      path: resolved.templates[0] ?? project,
      display: options.templates ?? join(projectShown, 'templates'),
      what: 'the templates folder',
    },
  ];
  if (resolved.cacheDir) {
    const display =
      typeof options.cacheDir === 'string'
        ? options.cacheDir
        : join(projectShown, '.gazette-cache');
    kept.push({ path: resolved.cacheDir, display, what: 'the cache' });
  }
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
  const previous = await readIdMap(idMapPath, idMapShown, deps.idMap);
  const { entries, normalized, read, warnings, map, plan, versions, texts } = await readEntries(
    resolved.input.path,
    resolved.input.display,
    config,
    previous,
    {
      now: deps.now(),
      skipInvalid: options.skipInvalid,
      cacheDir: resolved.cacheDir,
      onProgress: deps.onProgress,
      normalizer: deps.normalizer,
      listing: deps.listing,
      // The cache's saving may outlive a build that is followed by another (`--watch`).
      later: deps.later ?? later,
    },
  );
  const templates = await readTemplates(resolved.templates, resolved.cwd);
  const dkimPrivateKey = await readDkimKey(config, dirname(resolved.config.path));
  // The id map holds what this build decided, whether or not the output then gets written (the
  // next build decides the same), so it is written while the output is rendered; under --strict,
  // only once the rendering has found no warning either.
  const writingIdMap = () => writeIdMap(idMapPath, map, deps.idMap, idMapShown);
  const idMapWritten = options.strict ? undefined : writingIdMap();
  if (idMapWritten) later(idMapWritten.catch(() => undefined));
  const cacheDir = resolved.cacheDir;
  // The digest's MJML compiles on another thread (the kept normalizer's, under `--watch`)
  // while this one renders and writes the feeds.
  const thread = deps.normalizer || deps.compileMjml ? undefined : mjmlThread();
  const compiler = deps.compileMjml ?? (deps.normalizer ?? thread)?.compileMjml ?? mjmlCompiler;
  const compileMjml = cacheDir ? keptMjml(cacheDir, compiler) : compiler;
  const outDir = resolved.out.path;
  const kept = cacheDir ? await openKeptOutput(cacheDir, outDir, config) : undefined;
  const render = (reuse: OutputReuse | undefined) =>
    renderOutput(entries, config, plan, templates, {
      dkimPrivateKey,
      reuse,
      versions,
      feedMemo: deps.feedMemo,
      compileMjml,
      texts,
    });
  let rendered = render(kept);
  const digestFiles = rendered.digest.then(({ digest, files }) => {
    warnings.push(...digestWarnings(digest));
    return files;
  });
  // Awaited while writing; a failure meanwhile must not go unhandled.
  digestFiles.catch(() => undefined);
  if (thread) later(rendered.digest.then(thread.close, thread.close));
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
  const write = (files: OutputFiles) =>
    writeOutput(outDir, files, resolved.out.display, {
      later: laterOutput,
      link: deps.normalizer?.linkKept,
      coming: digestFiles,
      ready: idMapSaved,
    });
  let result: WriteResult;
  try {
    result = await write(rendered.files);
  } catch (error) {
    if (!(error instanceof PreviousOutputChanged)) throw error;
    // A file of the previous output changed while this build counted on it: all is rendered.
    rendered = { ...render(undefined), digest: rendered.digest };
    result = await write(rendered.files);
  }
  const { written, reused, states } = result;
  if (kept) {
    // Records for the next build, which waits for them when they are still being written.
    const files = new Map([...rendered.files, ...(await digestFiles)]);
    const recording = kept.save(files, states);
    if (laterOutput) laterOutput(recording);
    else await recording;
  }
  const { digest } = await rendered.digest;
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
    firstSeen: firstSightings(entries, map),
  };
}

function firstSightings(entries: Entry[], map: IdMap): Map<string, string> {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const at = map.entries.get(entry.path)?.seen;
    if (at) seen.set(entry.id, at);
  }
  return seen;
}

export interface ReadEntriesResult {
  entries: Entry[];
  /** Entries normalized by this build, by path (the other entries came from the cache). */
  normalized: string[];
  /** How many article files were read (the others were unchanged since the last build). */
  read: number;
  warnings: Warning[];
  map: IdMap;
  plan: FeedPlan;
  /** A version of each entry, by id, when every entry came through the cache. */
  versions: EntryVersions | undefined;
  /** Fingerprints of the lines the folder's articles repeat, which page reading applied. */
  learned: ReadonlySet<string>;
  /** The texts of the entries that carry none (kept in the cache). */
  texts: EntryTexts | undefined;
}

/** How strictly `readEntries` treats the articles. */
export interface EntryPolicy {
  /** Entries dated after this are scheduled: left out until then. */
  now: Date;
  /** Folder of the cache of normalized articles; none when undefined. */
  cacheDir?: string | undefined;
  onProgress?: BuildDeps['onProgress'];
  normalizer?: Normalizer | undefined;
  listing?: KeptListing | undefined;
  /** Takes the saving of the cache, to let it finish while the build goes on; else awaited. */
  later?: ((work: Promise<void>) => void) | undefined;
  /** Leave invalid articles out (as warnings) instead of stopping. */
  skipInvalid?: boolean | undefined;
  /**
   * Up to this many articles to normalize, their texts stay in memory until written; beyond,
   * with a cache, each chunk's texts go to it as soon as normalized (`manyArticles`).
   */
  textsInMemory?: number | undefined;
}

/**
 * Reads, parses and normalizes every article, and gives the entries their permanent ids.
 * Throws all the problems found at once, unless told to leave the invalid articles out.
 */
export async function readEntries(
  input: string,
  displayInput: string,
  config: ResolvedConfig,
  previous: IdMap,
  policy: EntryPolicy,
): Promise<ReadEntriesResult> {
  // The normalizer loads on another core while the folder is listed and the cache opened.
  const normalizer = policy.normalizer ?? createNormalizer();
  let listing: Awaited<ReturnType<typeof listArticles>>;
  let found: Awaited<ReturnType<typeof readOutcomes>>;
  try {
    listing = await listArticles(input, displayInput, policy.listing);
    found = await readOutcomes(input, listing.files, config, policy, normalizer);
  } finally {
    if (normalizer !== policy.normalizer) await normalizer.close();
  }
  const { files: listed, warnings } = listing;
  const { outcomes, keys, normalized, read, errors, learned, texts } = found;
  const keyOf = new Map<string, string>();
  const drafts: Draft[] = [];
  const files = new Map<string, string>();
  listed.forEach((raw, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const file = raw.displayPath;
    warnings.push(...outcome.warnings);
    if ('error' in outcome) {
      errors.push(
        new GazetteError(outcome.error.name, outcome.error.message, outcome.error.location),
      );
      return;
    }
    const { entry, frontMatter, sourceHash } = outcome;
    if (Date.parse(entry.published) > policy.now.getTime()) {
      warnings.push({
        message: `dated ${entry.published}, in the future: left out until then`,
        location: { file },
      });
      return;
    }
    const changed = raw.committed ? new Date(raw.committed) : raw.modified;
    drafts.push({
      entry,
      frontMatter,
      changed: formatDate(changed, config.timeZone),
      hash: sourceHash,
    });
    files.set(raw.path, file);
    // The same bytes read with other learned lines are another entry: another version.
    const key = keys[i] && [keys[i], ...outcome.learned].join('\0');
    if (key) keyOf.set(raw.path, key);
  });
  const firstDrafts = firstOfEach(drafts.map((d) => d.entry));
  const unique = drafts.filter((draft) => {
    const problem = duplicateOf(draft.entry, firstDrafts, files);
    if (problem) errors.push(problem);
    return !problem;
  });
  // An entry recognised by its text needs it, even when kept in the cache.
  for (const draft of draftsToHash(unique, previous)) draft.entry = withText(draft.entry, texts);
  const host = new URL(config.siteUrl).hostname;
  const identified = resolveIdentities(
    unique,
    previous,
    host,
    config.timeZone,
    formatDate(policy.now, config.timeZone),
  );
  // Ids kept from before may now clash; the drafts' own did not.
  if (identified.idsMoved) {
    const firstIdentified = firstOfEach(identified.entries);
    for (const entry of identified.entries) {
      const problem = duplicateOf(entry, firstIdentified, files);
      if (problem?.name === 'DuplicateId') throw new GazetteErrors([problem]);
    }
  }
  if (errors.length > 0 && !policy.skipInvalid) throw new GazetteErrors(errors);
  for (const error of errors)
    warnings.push({ message: `left out: ${error.message}`, location: error.location });
  const sequence = new Map(
    identified.entries.map((e) => [e.id, identified.map.entries.get(e.path)?.seq ?? 0]),
  );
  // Only the files that became entries: the others (dated in the future, invalid, empty) are
  // neither entries normalized nor entries from the cache.
  const published = new Set(identified.entries.map((e) => e.path));
  return {
    entries: newestFirst(identified.entries),
    normalized: normalized.filter((path) => published.has(path)),
    read,
    warnings,
    map: identified.map,
    plan: { feedId: identified.feedId, sequence },
    versions: identified.entries.every((e) => keyOf.has(e.path))
      ? versionsOf(identified.entries, keyOf)
      : undefined,
    learned,
    texts,
  };
}

/**
 * A version of each entry that changes whenever its JSON does: an outcome is a function of its
 * cache key, and identity then sets only the entry's id and dates.
 */
function versionsOf(entries: Entry[], keyOf: Map<string, string>): EntryVersions {
  return new Map(
    entries.map((e) => {
      const key = keyOf.get(e.path) ?? '';
      let known = knownVersions.get(e);
      if (known?.key !== key) {
        const of = `${key}\0${e.id}\0${e.published}\0${e.updated}`;
        known = { key, version: createHash('sha1').update(of).digest('base64') };
        knownVersions.set(e, known);
      }
      return [e.id, known.version];
    }),
  );
}

/**
 * Versions already hashed in this process (`--watch`), with the cache key they were hashed
 * with; an entry's id and dates never change in the same object.
 */
const knownVersions = new WeakMap<Entry, { key: string; version: string }>();

/** For every slug and every id, the entry whose file sorts first. */
function firstOfEach(entries: Entry[]) {
  const bySlug = new Map<string, Entry>();
  const byId = new Map<string, Entry>();
  const byPath = (a: Entry, b: Entry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  // Entries come in the listing's order, by path, unless some are new.
  const inOrder = entries.every((e, i) => i === 0 || byPath(entries[i - 1] as Entry, e) < 0);
  for (const entry of inOrder ? entries : [...entries].sort(byPath)) {
    if (!bySlug.has(entry.slug)) bySlug.set(entry.slug, entry);
    if (!byId.has(entry.id)) byId.set(entry.id, entry);
  }
  return { bySlug, byId };
}

/**
 * A problem when an entry shares its slug (and so its URL and derived id) or its id with one
 * from a file that sorts before its own; the first of the two is kept.
 */
function duplicateOf(
  entry: Entry,
  first: ReturnType<typeof firstOfEach>,
  files: Map<string, string>,
): GazetteError | undefined {
  const file = files.get(entry.path) ?? entry.path;
  const sameSlug = first.bySlug.get(entry.slug);
  if (sameSlug && sameSlug !== entry) {
    return new GazetteError(
      'DuplicateSlug',
      `the slug ${entry.slug} (and so the URL ${entry.url}) is also that of ${files.get(sameSlug.path)}`,
      { file },
    );
  }
  const sameId = first.byId.get(entry.id);
  if (sameId && sameId !== entry) {
    return new GazetteError(
      'DuplicateId',
      `the id ${entry.id} is also the id of ${files.get(sameId.path)}`,
      {
        file,
      },
    );
  }
  return undefined;
}
