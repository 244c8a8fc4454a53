import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { type AtomDocument, atomEntry, atomHead, atomTail } from './atom.ts';
import { archivePages, type FeedPlan, feedFiles, newestFirst, tagGroups } from './feed-order.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';

/**
 * What rendering the feeds remembers from one build to the next of a session (`--watch`);
 * each memo is only a faster way to the same bytes. A build of its own starts with an empty one.
 */
export interface FeedMemo {
  /** Entries' XML, by generation and version. */
  entryXml: Map<string, Buffer>;
  /** Each document's key as last computed, by path, with what it was hashed from. */
  documentKeys: Map<string, { about: string; held: string[]; key: string }>;
  /** Each tag's slug. */
  tagSlugs: Map<string, string>;
}

export function createFeedMemo(): FeedMemo {
  return { entryXml: new Map(), documentKeys: new Map(), tagSlugs: new Map() };
}

/**
 * An output rendered only when needed: `key` is a hash of everything its content depends on,
 * so an unchanged key means unchanged content.
 */
export interface PlannedFile {
  key: string;
  render: () => string;
  /**
   * The same content as UTF-8 byte ranges, to be written one after the other, when the file is
   * made of parts that several files share (an Atom document's entries).
   */
  chunks?: (() => Uint8Array[]) | undefined;
}

/** A version of each entry (by id): a hash of all its fields, that changes when any does. */
export type EntryVersions = Map<string, string>;

/**
 * Every feed file: Atom, RSS 2.0 and JSON Feed 1.1 of the newest entries; RFC 5005 archive
 * pages holding the rest; an Atom feed for every tag that enough entries carry, and their index.
 */
export function renderFeeds(
  entries: Entry[],
  config: ResolvedConfig,
  plan: FeedPlan,
): Map<string, string> {
  const files = planFeeds(entries, config, plan, new Map(), '', createFeedMemo());
  return new Map(
    [...files].map(([path, file]) => [path, typeof file === 'string' ? file : file.render()]),
  );
}

/**
 * The feed files as `renderFeeds` makes them, but the feeds, archive pages and tag feeds left
 * unrendered, each with a key made of `generation` (what else shapes them: the code, the
 * settings), the document and the versions of its entries.
 */
export function planFeeds(
  entries: Entry[],
  config: ResolvedConfig,
  plan: FeedPlan,
  versions: EntryVersions,
  generation: string,
  memo: FeedMemo,
): Map<string, string | PlannedFile> {
  const url = (path: string) => new URL(path, config.siteUrl).href;
  const sorted = newestFirst(entries);
  const current = sorted.slice(0, config.feeds.limit);
  const hub = config.feeds.hub ? [{ rel: 'hub', href: config.feeds.hub }] : [];
  const pages = archivePages(entries, plan, config.feeds.limit);
  const pagePath = (n: number) => `archive/${n}.xml`;
  const files = new Map<string, string | PlannedFile>();
  // How many planned documents hold each entry: its XML is kept until the last is rendered.
  const uses = new Map<Entry, number>();
  const fragment = createFragments(config, uses, memo.entryXml, (entry) => {
    const version = versions.get(entry.id);
    return version === undefined || !generation ? undefined : `${generation}\0${version}`;
  });
  const keyed = (
    document: AtomDocument,
    render: () => string,
    chunks?: () => Uint8Array[],
  ): PlannedFile => {
    const about = `${generation}\0${JSON.stringify({ ...document, entries: document.entries.length })}`;
    const held = document.entries.map((entry) => versions.get(entry.id) ?? entry.id);
    const last = memo.documentKeys.get(document.path);
    if (last && last.about === about && sameItems(last.held, held))
      return { key: last.key, render, chunks };
    // One call with every version: a call into the hash for each costs more than the hashing.
    const key = createHash('sha256').update(about).update(held.join('\n')).digest('hex');
    if (memo.documentKeys.size >= 100_000) memo.documentKeys.clear();
    memo.documentKeys.set(document.path, { about, held, key });
    return { key, render, chunks };
  };
  // Every Atom document, the main feed too, is made of its entries' XML, written once.
  const planned = (document: AtomDocument): PlannedFile => {
    for (const entry of document.entries) uses.set(entry, (uses.get(entry) ?? 0) + 1);
    const chunks = () => [
      Buffer.from(atomHead(document, config)),
      ...document.entries.map(fragment),
      Buffer.from(atomTail),
    ];
    return keyed(document, () => Buffer.concat(chunks()).toString(), chunks);
  };

  const main: AtomDocument = {
    path: feedFiles.atom,
    id: plan.feedId,
    title: config.title,
    subtitle: config.subtitle,
    entries: current,
    links: [
      ...hub,
      ...(pages.length > 0 ? [{ rel: 'prev-archive', href: url(pagePath(pages.length)) }] : []),
    ],
    archive: false,
  };
  // The newest entries' feeds too are rendered only when one of their entries changed.
  files.set(feedFiles.atom, planned(main));
  files.set(
    feedFiles.rss,
    keyed({ ...main, path: feedFiles.rss }, () => renderRss(current, config, hub)),
  );
  files.set(
    feedFiles.json,
    keyed({ ...main, path: feedFiles.json }, () => renderJsonFeed(current, config)),
  );

  // Each tag's feed comes right after the last archive page that holds one of its entries (the
  // newest entries are on none: after them all). An entry's XML, written for its page, then
  // waits for a few documents, not for every tag's: a large build holds little of it at once.
  const pageOf = new Map<Entry, number>();
  pages.forEach((page, index) => {
    for (const entry of page) pageOf.set(entry, index);
  });
  const tagFeeds = Array.from({ length: pages.length + 1 }, (): [string, PlannedFile][] => []);
  const index = [];
  for (const tag of tagGroups(sorted, config.feeds.tagMinEntries, memo.tagSlugs)) {
    const path = `tags/${tag.slug}.xml`;
    const held = tag.entries.slice(0, config.feeds.limit);
    const after = held.reduce(
      (last, entry) => Math.max(last, pageOf.get(entry) ?? pages.length),
      0,
    );
    tagFeeds[after]?.push([
      path,
      planned({
        path,
        id: `${plan.feedId}/tags/${tag.slug}`,
        title: `${config.title} · ${tag.name}`,
        subtitle: config.subtitle,
        entries: held,
        links: hub,
        archive: false,
      }),
    ]);
    index.push({ tag: tag.name, slug: tag.slug, entries: tag.entries.length, feed: url(path) });
  }

  const atomUrl = url(feedFiles.atom);
  const pageUrls = pages.map((_, index) => url(pagePath(index + 1)));
  pages.forEach((page, index) => {
    const n = index + 1;
    const links = [
      { rel: 'current', href: atomUrl },
      ...(n > 1 ? [{ rel: 'prev-archive', href: pageUrls[index - 1] as string }] : []),
      ...(n < pages.length ? [{ rel: 'next-archive', href: pageUrls[index + 1] as string }] : []),
    ];
    files.set(
      pagePath(n),
      planned({ ...main, path: pagePath(n), entries: page, links, archive: true }),
    );
    for (const [path, file] of tagFeeds[index] ?? []) files.set(path, file);
  });
  for (const [path, file] of tagFeeds[pages.length] ?? []) files.set(path, file);
  files.set(feedFiles.tagIndex, `${JSON.stringify({ tags: index }, null, 2)}\n`);
  return files;
}

function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * The `<entry>` of an entry, written once; kept for the
 * other documents that hold it (`uses` counts them), and dropped after the last. An entry with
 * a version (`keyOf`) is also kept in the session's memo (`--watch`): a document
 * that changed because one of its entries did then writes only that entry again.
 */
function createFragments(
  config: ResolvedConfig,
  uses: Map<Entry, number>,
  kept: Map<string, Buffer>,
  keyOf: (entry: Entry) => string | undefined,
): (entry: Entry) => Buffer {
  // Entries' XML waits as UTF-8 bytes, out of the JavaScript heap, and is encoded once: tens of
  // thousands are in an archive page first and in a tag's feed much later.
  const written = new Map<Entry, Buffer>();
  return (entry) => {
    const left = (uses.get(entry) ?? 1) - 1;
    uses.set(entry, left);
    const key = keyOf(entry);
    let xml = written.get(entry) ?? (key === undefined ? undefined : kept.get(key));
    if (left <= 0) written.delete(entry);
    if (xml === undefined) {
      xml = Buffer.from(atomEntry(entry, config));
      if (left > 0) written.set(entry, xml);
      if (key !== undefined) {
        if (kept.size >= keptEntryCount) kept.clear();
        kept.set(key, xml);
      }
    }
    return xml;
  };
}

/**
 * Entries' XML kept for the next builds of a session: a few thousand at most, as a rebuild
 * after one edit writes a few documents of at most `limit` entries.
 */
const keptEntryCount = 2000;
