import { createHash } from 'node:crypto';
import type { Entry } from '../entry.ts';
import { slugify } from '../normalize/ids.ts';
import { remember } from '../remember.ts';

/** File names of the feeds inside `out/`, also used for their self links. */
export const feedFiles = {
  atom: 'atom.xml',
  rss: 'rss.xml',
  json: 'feed.json',
  tagIndex: 'tags/index.json',
} as const;

/** What the feeds need besides the entries: the permanent feed id and the archive order. */
export interface FeedPlan {
  feedId: string;
  /** Order of first appearance of each entry id; archive pages are filled in this order. */
  sequence: Map<string, number>;
}

// An entry is never changed in place: its dates are parsed once, however often it is sorted.
const publishedTimes = new WeakMap<Entry, number>();
const updatedTimes = new WeakMap<Entry, number>();

/** When the entry was published, in milliseconds since the epoch. */
export const publishedTime = (entry: Entry) => parsedOnce(publishedTimes, entry, entry.published);

/** When the entry was last updated, in milliseconds since the epoch. */
const updatedTime = (entry: Entry) => parsedOnce(updatedTimes, entry, entry.updated);

function parsedOnce(times: WeakMap<Entry, number>, entry: Entry, date: string): number {
  let time = times.get(entry);
  if (time === undefined) {
    time = Date.parse(date);
    times.set(entry, time);
  }
  return time;
}

/** The entry updated last (the first of them), if any. */
export function lastUpdated(entries: Iterable<Entry>): Entry | undefined {
  let latest: Entry | undefined;
  let at = Number.NEGATIVE_INFINITY;
  for (const entry of entries) {
    const time = updatedTime(entry);
    if (time > at) {
      at = time;
      latest = entry;
    }
  }
  return latest;
}

/** The newest `updated` of the entries: a feed changes only when an entry does. */
export function feedUpdated(entries: readonly Entry[]): string | undefined {
  return lastUpdated(entries)?.updated;
}

// The lists `newestFirst` made: frozen, so still in order, and given back as they are.
const inOrder = new WeakSet<readonly Entry[]>();

/**
 * Entries newest first; ties by id, so that the order never depends on the file system. The
 * list is frozen: sorting it again costs nothing.
 */
export function newestFirst(entries: readonly Entry[]): readonly Entry[] {
  if (inOrder.has(entries)) return entries;
  // A list already in order (the one a build sorted before) is only checked.
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++)
    sorted = newerFirst(entries[i - 1] as Entry, entries[i] as Entry) <= 0;
  const list = Object.freeze(sorted ? [...entries] : [...entries].sort(newerFirst));
  inOrder.add(list);
  return list;
}

function newerFirst(a: Entry, b: Entry): number {
  return publishedTime(b) - publishedTime(a) || a.id.localeCompare(b.id);
}

/**
 * Complete archive pages, oldest first, each holding `size` entries in order of first
 * appearance; the entries not on a full page are in the main feed. A full page never changes
 * membership. Within a page, newest first.
 */
export function archivePages(
  entries: readonly Entry[],
  plan: FeedPlan,
  size: number,
): (readonly Entry[])[] {
  if (entries.length <= size) return [];
  const ordered = entries
    .map((entry) => ({ entry, seq: plan.sequence.get(entry.id) ?? 0 }))
    .sort((a, b) => a.seq - b.seq || a.entry.id.localeCompare(b.entry.id))
    .map((sequenced) => sequenced.entry);
  const pages: (readonly Entry[])[] = [];
  for (let start = 0; start + size <= ordered.length; start += size) {
    pages.push(newestFirst(ordered.slice(start, start + size)));
  }
  return pages;
}

/** A tag's feed: its name as first met, its slug and its entries, newest first. */
export interface TagGroup {
  name: string;
  slug: string;
  entries: Entry[];
}

/**
 * Tags carried by at least `minimum` entries, grouped by slug; most used first. `slugs` keeps
 * each tag's slug, for the next builds of a session.
 */
export function tagGroups(
  sorted: readonly Entry[],
  minimum: number,
  slugs: Map<string, string> = new Map(),
): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const entry of sorted) {
    for (const tag of entry.tags) {
      const slug = tagSlugOf(tag, slugs);
      let group = groups.get(slug);
      if (group === undefined) {
        group = { name: tag, slug, entries: [] };
        groups.set(slug, group);
      }
      // Two tags of one entry may share a slug; entries come one after the other.
      if (group.entries.at(-1) !== entry) group.entries.push(entry);
    }
  }
  return [...groups.values()]
    .filter((g) => g.entries.length >= minimum)
    .sort((a, b) => b.entries.length - a.entries.length || a.slug.localeCompare(b.slug));
}

/** A tag's slug, remembered in `slugs` for the next builds of a session. */
export function tagSlugOf(tag: string, slugs: Map<string, string>): string {
  return remember(slugs, 100_000, tag, () => tagSlug(tag));
}

/** A tag's slug; a tag of no letters nor digits gets one from its hash. */
function tagSlug(tag: string): string {
  return slugify(tag) || `tag-${createHash('sha256').update(tag).digest('hex').slice(0, 8)}`;
}
