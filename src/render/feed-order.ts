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

/** The order the session's last build sorted its entries in, and what it sorted. */
export interface OrderMemo {
  last?: { from: readonly Entry[]; to: readonly Entry[] } | undefined;
}

/**
 * `newestFirst`, from the last build's order when each entry is the one in its place then, or
 * another of the same id and date (an edit that moved nothing, `--watch`): no sorting again.
 */
export function newestFirstAgain(entries: readonly Entry[], memo: OrderMemo): readonly Entry[] {
  const sorted = reordered(memo.last, entries) ?? newestFirst(entries);
  memo.last = { from: entries, to: sorted };
  return sorted;
}

/** The last order with the entries now in their places, when their ids and dates are the same. */
function reordered(
  last: OrderMemo['last'],
  entries: readonly Entry[],
): readonly Entry[] | undefined {
  const replaced = last && replacements(last.from, entries, sameIdAndDate);
  return last && replaced && (replaced.size === 0 ? last.to : inOrderWith(last.to, replaced));
}

/**
 * Which entry of `before` each of `after` replaces, place by place, when every entry of `after`
 * is the one in its place in `before` or one that `same` accepts there; else none.
 */
function replacements(
  before: readonly Entry[],
  after: readonly Entry[],
  same: (was: Entry, now: Entry) => boolean,
): Map<Entry, Entry> | undefined {
  if (before.length !== after.length) return undefined;
  const replaced = new Map<Entry, Entry>();
  for (let i = 0; i < after.length; i++) {
    const was = before[i] as Entry;
    const now = after[i] as Entry;
    if (was === now) continue;
    if (!same(was, now)) return undefined;
    replaced.set(was, now);
  }
  return replaced;
}

/** Whether two entries are of the same id and date: one sorts where the other did. */
const sameIdAndDate = (was: Entry, now: Entry) =>
  was.id === now.id && publishedTime(was) === publishedTime(now);

/** A list in order with entries replaced by others of the same place in it: in order too. */
function inOrderWith(list: readonly Entry[], replaced: Map<Entry, Entry>): readonly Entry[] {
  const next = Object.freeze(list.map((entry) => replaced.get(entry) ?? entry));
  inOrder.add(next);
  return next;
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

/** The archive pages of the session's last build, and what they were made from. */
export interface ArchiveMemo {
  last?:
    | { entries: readonly Entry[]; sequence: number[]; size: number; pages: (readonly Entry[])[] }
    | undefined;
}

/**
 * `archivePages`, from the last build's pages when each entry is the one in its place then, or
 * another of the same id, date and place in the sequence (an edit that moved nothing,
 * `--watch`): the pages with the new entries in the old ones' places.
 */
export function archivePagesAgain(
  entries: readonly Entry[],
  plan: FeedPlan,
  size: number,
  memo: ArchiveMemo,
): (readonly Entry[])[] {
  const sequence = entries.map((entry) => plan.sequence.get(entry.id) ?? 0);
  const last = memo.last;
  const replaced =
    last?.size === size ? replacements(last.entries, entries, sameIdAndDate) : undefined;
  const moved = replaced && last?.sequence.some((seq, at) => seq !== sequence[at]);
  const pages =
    (last &&
      replaced &&
      !moved &&
      last.pages.map((page) =>
        page.some((entry) => replaced.has(entry)) ? inOrderWith(page, replaced) : page,
      )) ||
    archivePages(entries, plan, size);
  memo.last = { entries, sequence, size, pages };
  return pages;
}

/** A tag's feed: its name as first met, its slug and its entries, newest first. */
export interface TagGroup {
  name: string;
  slug: string;
  entries: Entry[];
}

/** The tag groups of the session's last build, and the entries they were made from. */
export interface TagGroupMemo {
  last?: { sorted: readonly Entry[]; minimum: number; groups: TagGroup[] } | undefined;
}

/**
 * Tags carried by at least `minimum` entries, grouped by slug; most used first. `slugs` keeps
 * each tag's slug, and `memo` the groups, for the next builds of a session.
 */
export function tagGroups(
  sorted: readonly Entry[],
  minimum: number,
  slugs: Map<string, string> = new Map(),
  memo?: TagGroupMemo,
): TagGroup[] {
  const last = memo?.last;
  const groups =
    (last?.minimum === minimum ? regrouped(last.sorted, last.groups, sorted, slugs) : undefined) ??
    grouped(sorted, minimum, slugs);
  if (memo) memo.last = { sorted, minimum, groups };
  return groups;
}

/**
 * The groups made from `before`, for `sorted`: when each entry of `sorted` is the one in its
 * place before, or another carrying the same tags (an edit that moved nothing, `--watch`), the
 * same groups, with the new entries in the old ones' places; else none. A group with a new
 * entry is a new group: one left as it was is the same object, with the same entries.
 */
function regrouped(
  before: readonly Entry[],
  groups: TagGroup[],
  sorted: readonly Entry[],
  slugs: Map<string, string>,
): TagGroup[] | undefined {
  const replaced = replacements(
    before,
    sorted,
    (was, now) =>
      was.tags.length === now.tags.length && was.tags.every((tag, t) => tag === now.tags[t]),
  );
  if (!replaced) return undefined;
  if (replaced.size === 0) return groups;
  // Each entry carries the tags of the one it replaces: in the groups it is in, it takes that
  // one's place, every replacement at once (two entries may have swapped places).
  const bySlug = new Map(groups.map((group, at) => [group.slug, at]));
  const touched = new Set<number>();
  for (const now of replaced.values()) {
    for (const tag of now.tags) {
      const at = bySlug.get(tagSlugOf(tag, slugs));
      if (at !== undefined) touched.add(at);
    }
  }
  const next = [...groups];
  for (const at of touched) {
    const group = groups[at] as TagGroup;
    next[at] = { ...group, entries: group.entries.map((entry) => replaced.get(entry) ?? entry) };
  }
  return next;
}

/** The groups of `sorted`, made anew. */
function grouped(
  sorted: readonly Entry[],
  minimum: number,
  slugs: Map<string, string>,
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
