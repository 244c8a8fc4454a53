import { createHash } from 'node:crypto';
import type { ResolvedConfig } from './config.ts';
import { type Entry, type EntryTexts, withText } from './entry.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import { formatDate } from './normalize/dates.ts';
import { resolveWithDrafts } from './normalize/draft-identities.ts';
import { type Candidate, candidatesToHash, type IdMap } from './normalize/identity.ts';
import { Locales } from './normalize/locales.ts';
import { normalizeHere } from './normalize-here.ts';
import type { BuildEngine } from './ports.ts';
import { type KeptListing, listArticles } from './read/read-articles.ts';
import {
  type PictureSizes,
  type PublishedFile,
  readLinkedFiles,
} from './read/read-linked-files.ts';
import { readOutcomes } from './read-outcomes.ts';
import {
  type FeedPlan,
  newestFirstAgain,
  type OrderMemo,
  publishedTime,
} from './render/feed-order.ts';
import type { EntryVersions } from './render/feeds.ts';
import { linkedPaths, type ResolvedLinks, resolveLinks } from './resolve-links.ts';
import type { Warning } from './warnings.ts';

/**
 * What reading the entries remembers from one build to the next of a session (`--watch`): each
 * memo only a faster way to the same entries. A build of its own starts with an empty one.
 */
export interface EntryMemo {
  /**
   * Versions already hashed, with the cache key they were hashed with; an entry's id and dates
   * never change in the same object.
   */
  versions: WeakMap<Entry, { key: string; version: string }>;
  /** Dates already parsed, by text. */
  times: Map<string, number>;
  /** The time zones dates are written in, with the instants they wrote. */
  locales: Locales;
  /** The sizes of the pictures articles show, read once while the files stay as they were. */
  pictures: PictureSizes;
  /** The entries' order as the last reading sorted them. */
  order: OrderMemo;
  /** Outcomes' keys joined with the learned lines they applied. */
  versionKeys: WeakMap<object, { key: string; joined: string }>;
  /** The candidates of the last reading, when none had a slug or id another had before. */
  unique?: readonly Entry[] | undefined;
}

export function createEntryMemo(): EntryMemo {
  return {
    versions: new WeakMap(),
    times: new Map(),
    locales: new Locales(),
    pictures: new Map(),
    order: {},
    versionKeys: new WeakMap(),
  };
}

export interface ReadEntriesResult {
  /** Newest first (a frozen list: sorting it again costs nothing). */
  entries: readonly Entry[];
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
  /** The drafts: how many were left out, and how many shown among the entries (`drafts`). */
  drafts: DraftCount;
  /** The texts of the entries that carry none (kept in the cache). */
  texts: EntryTexts | undefined;
  /** Files of the input folder the entries show or link to, by their path in the output. */
  files: Map<string, PublishedFile>;
}

/** The articles marked `draft: true` in their front matter. */
export interface DraftCount {
  leftOut: number;
  shown: number;
}

/** How strictly `readEntries` treats the articles. */
export interface EntryPolicy {
  /** Entries dated after this are scheduled: left out until then. */
  now: Date;
  /** The incremental engine: the store of normalized entries and the normalizer's threads. */
  engine?: BuildEngine | undefined;
  /** What the session's earlier readings remember (`--watch`). */
  memo?: EntryMemo | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  listing?: KeptListing | undefined;
  /** Takes the saving of the cache, to let it finish while the build goes on; else awaited. */
  later?: ((work: Promise<void>) => void) | undefined;
  /** Leave invalid articles out (as warnings) instead of stopping. */
  skipInvalid?: boolean | undefined;
  /**
   * Show the drafts among the entries, flagged (`draft: true`), for a preview; else they are
   * left out, only counted. Either way, the id map records no draft. Default false.
   */
  drafts?: boolean | undefined;
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
  const memo = policy.memo ?? createEntryMemo();
  const zone = memo.locales.timeZone(config.timeZone);
  const listing = await listArticles(input, displayInput, policy.listing);
  const found = await readOutcomes(input, listing.files, config, policy, {
    normalizer: policy.engine?.normalizer ?? normalizeHere,
    store: await policy.engine?.openStore(config),
  });
  await policy.engine?.normalized();
  const { files: listed, warnings } = listing;
  const { outcomes, keys, normalized, read, errors, learned, texts } = found;
  const keyOf = new Map<string, string>();
  const candidates: Candidate[] = [];
  let leftOut = 0;
  const files = new Map<string, string>();
  listed.forEach((raw, i) => {
    const outcome = outcomes[i];
    if (!outcome) return;
    const file = raw.displayPath;
    for (const warning of outcome.warnings) warnings.push(warning);
    if ('error' in outcome) {
      errors.push(
        new GazetteError(outcome.error.name, outcome.error.message, outcome.error.location),
      );
      return;
    }
    const { entry, frontMatter, sourceHash } = outcome;
    // Left out before it is given an id: the id map must not record it as seen.
    if (entry.draft && !policy.drafts) {
      leftOut++;
      return;
    }
    // A draft shown is a preview of it, whatever its date.
    if (!entry.draft && publishedTime(entry) > policy.now.getTime()) {
      warnings.push({
        message: `dated ${entry.published}, in the future: left out until then`,
        location: { file },
      });
      return;
    }
    const changed = raw.committed ? new Date(raw.committed) : raw.modified;
    candidates.push({
      entry,
      frontMatter,
      changed: formatDate(changed, zone),
      hash: sourceHash,
    });
    files.set(raw.path, file);
    // The same bytes read with other learned lines are another entry: another version.
    const key = keys[i] && versionKey(keys[i], outcome, memo.versionKeys);
    if (key) keyOf.set(raw.path, key);
  });
  const unique = uniqueCandidates(candidates, files, errors, memo);
  // An entry recognised by its text needs it, even when kept in the cache.
  for (const candidate of candidatesToHash(unique, previous))
    candidate.entry = withText(candidate.entry, texts);
  const host = new URL(config.siteUrl).hostname;
  const shown = unique.filter((c) => c.entry.draft);
  const identified = resolveWithDrafts(
    shown.length > 0 ? unique.filter((c) => !c.entry.draft) : unique,
    shown,
    previous,
    host,
    zone,
    formatDate(policy.now, zone),
    memo.times,
  );
  // Ids kept from before may now clash; the candidates' own did not.
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
    identified.entries.map((e) => [e.id, identified.order.entries.get(e.path)?.seq ?? 0]),
  );
  const display = new Map(listed.map((raw) => [raw.path, raw.displayPath]));
  const linked = await linkFiles(input, identified.entries, display, config.siteUrl, memo.pictures);
  warnings.push(...linked.warnings);
  // Only the files that became entries: the others (dated in the future, invalid, empty, drafts
  // left out) are neither entries normalized nor entries from the cache.
  const published = new Set(identified.entries.map((e) => e.path));
  return {
    entries: newestFirstAgain(linked.entries, memo.order),
    files: linked.published,
    normalized: normalized.filter((path) => published.has(path)),
    read,
    warnings,
    map: identified.map,
    plan: { feedId: identified.feedId, sequence },
    versions: linked.entries.every((e) => keyOf.has(e.path))
      ? versionsOf(linked.entries, keyOf, memo.versions)
      : undefined,
    learned,
    texts,
    drafts: { leftOut, shown: shown.length },
  };
}

/**
 * An outcome's cache key with the learned lines it applied, which make it another version: an
 * outcome is never changed in place, and its key is joined once.
 */
function versionKey(
  key: string,
  outcome: { learned: readonly string[] },
  known: EntryMemo['versionKeys'],
): string {
  if (outcome.learned.length === 0) return key;
  const last = known.get(outcome);
  if (last?.key === key) return last.joined;
  const joined = [key, ...outcome.learned].join('\0');
  known.set(outcome, { key, joined });
  return joined;
}

/**
 * The candidates whose slug and id no file that sorts before theirs has; a problem in `errors`
 * for each other. When each candidate is the one in its place at the last reading, or another
 * of the same file, slug and id, and the last reading found none twice (`--watch`), none is.
 */
function uniqueCandidates(
  candidates: Candidate[],
  files: Map<string, string>,
  errors: GazetteError[],
  memo: EntryMemo,
): Candidate[] {
  const entries = candidates.map((c) => c.entry);
  const last = memo.unique;
  memo.unique = undefined;
  if (
    last &&
    last.length === entries.length &&
    entries.every((entry, i) => {
      const was = last[i] as Entry;
      return (
        was === entry || (was.path === entry.path && was.slug === entry.slug && was.id === entry.id)
      );
    })
  ) {
    memo.unique = entries;
    return candidates;
  }
  const first = firstOfEach(entries);
  const unique = candidates.filter((candidate) => {
    const problem = duplicateOf(candidate.entry, first, files);
    if (problem) errors.push(problem);
    return !problem;
  });
  if (unique.length === candidates.length) memo.unique = entries;
  return unique;
}

/**
 * The entries with the URLs they write resolved (`resolveLinks`): the files of the input folder
 * they name looked up, and those to publish.
 */
async function linkFiles(
  input: string,
  entries: Entry[],
  display: ReadonlyMap<string, string>,
  siteUrl: string,
  pictures: PictureSizes,
): Promise<ResolvedLinks> {
  const articles = new Set(display.keys());
  const paths = linkedPaths(entries, articles);
  const files = paths.length > 0 ? await readLinkedFiles(input, paths, pictures) : new Map();
  const displayOf = (path: string) => display.get(path) ?? path;
  return resolveLinks(entries, { siteUrl, articles, files, displayOf });
}

/**
 * A version of each entry that changes whenever its JSON does: an outcome is a function of its
 * cache key, and identity then sets only the entry's id and dates.
 */
function versionsOf(
  entries: Entry[],
  keyOf: Map<string, string>,
  known: EntryMemo['versions'],
): EntryVersions {
  return new Map(
    entries.map((e) => {
      const key = keyOf.get(e.path) ?? '';
      let version = known.get(e);
      if (version?.key !== key) {
        // What its links lead to is the build's doing, not the article's: part of it too.
        const links = e.html || e.image ? JSON.stringify([e.html, e.image]) : '';
        const of = `${key}\0${e.id}\0${e.published}\0${e.updated}\0${links}`;
        version = { key, version: createHash('sha1').update(of).digest('base64') };
        known.set(e, version);
      }
      return [e.id, version.version];
    }),
  );
}

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
