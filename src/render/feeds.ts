import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config.ts';
import { type Entry, type EntryTexts, type TextEntry, withText } from '../entry.ts';
import { type AtomDocument, atomEntry, atomHead, atomTail } from './atom.ts';
import {
  type ArchiveMemo,
  archivePagesAgain,
  type FeedPlan,
  feedFiles,
  newestFirst,
  type TagGroup,
  type TagGroupMemo,
  tagGroups,
} from './feed-order.ts';
import { renderJsonFeed } from './json-feed.ts';
import { keptIfSame, type OutputFile, type OutputReuse } from './output-file.ts';
import { type KeyMemo, rememberedKey } from './remembered-key.ts';
import { renderRss } from './rss.ts';

/**
 * What rendering the feeds remembers from one build to the next of a session (`--watch`);
 * each memo is only a faster way to the same bytes. A build of its own starts with an empty one.
 */
export interface FeedMemo {
  /** Entries' XML, by generation and version. */
  entryXml: Map<string, Buffer>;
  /** Each document's key (a page's too) as last computed, by path, with what it was made from. */
  documentKeys: KeyMemo;
  /** Each tag's slug. */
  tagSlugs: Map<string, string>;
  /** The tags' groups as the last build made them. */
  tagGroups: TagGroupMemo;
  /** The archive's pages as the last build made them. */
  archive: ArchiveMemo;
}

export function createFeedMemo(): FeedMemo {
  return {
    entryXml: new Map(),
    documentKeys: new Map(),
    tagSlugs: new Map(),
    tagGroups: {},
    archive: {},
  };
}

/** A version of each entry (by id): a hash of all its fields, that changes when any does. */
export type EntryVersions = Map<string, string>;

/** What `renderFeeds` may take from the incremental engine and the session. */
export interface FeedOptions {
  /** The previous output's documents that can be kept; without it, every one is rendered. */
  reuse?: OutputReuse | undefined;
  /** The version of each entry, which documents' keys are made of. */
  versions?: EntryVersions | undefined;
  memo?: FeedMemo | undefined;
  /** The texts of the entries that carry none (the engine's entry store). */
  texts?: EntryTexts | undefined;
  /** The tags that have a feed, when the caller grouped them already. */
  tags?: TagGroup[] | undefined;
}

/**
 * Every feed file: Atom, RSS 2.0 and JSON Feed 1.1 of the newest entries; RFC 5005 archive
 * pages holding the rest; an Atom feed for every tag that enough entries carry, and their index.
 * With `reuse`, each document has a key made of the generation (what else shapes it: the code,
 * the settings), the document and the versions of its entries; a document the previous output
 * holds under the same key is kept, not rendered.
 */
export function renderFeeds(
  entries: readonly Entry[],
  config: ResolvedConfig,
  plan: FeedPlan,
  { reuse, versions = new Map(), memo = createFeedMemo(), texts, tags }: FeedOptions = {},
): Map<string, OutputFile> {
  const url = (path: string) => new URL(path, config.siteUrl).href;
  const sorted = newestFirst(entries);
  const current = sorted.slice(0, config.feeds.limit);
  const hub = config.feeds.hub ? [{ rel: 'hub', href: config.feeds.hub }] : [];
  const pages = archivePagesAgain(entries, plan, config.feeds.limit, memo.archive);
  const pagePath = (n: number) => `archive/${n}.xml`;
  const files = new Map<string, OutputFile>();
  const generation = reuse?.generation;
  const full = (entry: Entry) => withText(entry, texts);
  const entryXml = createEntryXml(config, memo.entryXml, full, (entry) => {
    const version = versions.get(entry.id);
    return version === undefined || !generation ? undefined : `${generation}\0${version}`;
  });
  /** The document kept from the previous output, or rendered. */
  const output = (document: AtomDocument, render: () => Uint8Array[]): OutputFile => {
    if (generation === undefined) return { chunks: render() };
    const key = documentKey(document, generation, versions, memo);
    const kept = reuse?.keep(document.path, key);
    return kept ? { kept, key } : { chunks: render(), key };
  };
  // Every Atom document, the main feed too, is made of its entries' XML, written once.
  const atom = (document: AtomDocument): OutputFile =>
    output(document, () => [
      Buffer.from(atomHead(document, config)),
      ...document.entries.map(entryXml),
      Buffer.from(atomTail),
    ]);

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
  files.set(feedFiles.atom, atom(main));
  files.set(
    feedFiles.rss,
    output({ ...main, path: feedFiles.rss }, () => [
      Buffer.from(renderRss(current.map(full), config, hub)),
    ]),
  );
  files.set(
    feedFiles.json,
    output({ ...main, path: feedFiles.json }, () => [
      Buffer.from(renderJsonFeed(current.map(full), config)),
    ]),
  );

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
      atom({ ...main, path: pagePath(n), entries: page, links, archive: true }),
    );
  });

  const index = [];
  // Everything a tag's feed is made of besides the tag's group.
  const tagAbout = JSON.stringify([
    plan.feedId,
    config.title,
    config.subtitle,
    hub,
    config.feeds.limit,
  ]);
  for (const tag of tags ?? tagGroups(sorted, config.feeds.tagMinEntries, memo.tagSlugs)) {
    const path = `tags/${tag.slug}.xml`;
    // A tag's group that did not change is the same object (`--watch`): so is its document.
    let document =
      tagDocuments.get(tag)?.about === tagAbout ? tagDocuments.get(tag)?.document : undefined;
    if (!document) {
      document = {
        path,
        id: `${plan.feedId}/tags/${tag.slug}`,
        title: `${config.title} · ${tag.name}`,
        subtitle: config.subtitle,
        entries: tag.entries.slice(0, config.feeds.limit),
        links: hub,
        archive: false,
      };
      tagDocuments.set(tag, { about: tagAbout, document });
    }
    files.set(path, atom(document));
    index.push({ tag: tag.name, slug: tag.slug, entries: tag.entries.length, feed: url(path) });
  }
  files.set(
    feedFiles.tagIndex,
    keptIfSame(feedFiles.tagIndex, `${JSON.stringify({ tags: index }, null, 2)}\n`, reuse),
  );
  return files;
}

// A document is never changed in place: what it is about, besides its entries, is written once.
const documentAbouts = new WeakMap<AtomDocument, string>();

// A tag's group is never changed in place: its feed's document is made once for a feed.
const tagDocuments = new WeakMap<TagGroup, { about: string; document: AtomDocument }>();

/**
 * A hash of everything a document holds: the generation, the document's own fields, and its
 * entries' versions. The session's memo spares hashing again a document that did not move.
 */
function documentKey(
  document: AtomDocument,
  generation: string,
  versions: EntryVersions,
  memo: FeedMemo,
): string {
  let about = documentAbouts.get(document);
  if (!about?.startsWith(`${generation}\0`)) {
    about = `${generation}\0${JSON.stringify({ ...document, entries: document.entries.length })}`;
    documentAbouts.set(document, about);
  }
  return rememberedKey(memo.documentKeys, document.path, about, document.entries, () => {
    const held = document.entries.map((entry) => versions.get(entry.id) ?? entry.id);
    // One call with every version: a call into the hash for each costs more than the hashing.
    return createHash('sha256').update(about).update(held.join('\n')).digest('hex');
  });
}

/**
 * Each entry's `<entry>`, written once per build whatever the number of documents holding it.
 * An entry with a version (`keyOf`) is also kept in the session's memo (`--watch`): a document
 * that changed because one of its entries did then writes only that entry again.
 */
function createEntryXml(
  config: ResolvedConfig,
  kept: Map<string, Buffer>,
  full: (entry: Entry) => TextEntry,
  keyOf: (entry: Entry) => string | undefined,
): (entry: Entry) => Buffer {
  const written = new Map<Entry, Buffer>();
  return (entry) => {
    const key = keyOf(entry);
    let xml = written.get(entry) ?? (key === undefined ? undefined : kept.get(key));
    if (xml === undefined) {
      xml = Buffer.from(atomEntry(full(entry), config));
      if (key !== undefined) {
        if (kept.size >= keptEntryCount) kept.clear();
        kept.set(key, xml);
      }
    }
    written.set(entry, xml);
    return xml;
  };
}

/**
 * Entries' XML kept for the next builds of a session: a few thousand at most, as a rebuild
 * after one edit writes a few documents of at most `limit` entries.
 */
const keptEntryCount = 2000;
