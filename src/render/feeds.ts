import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import type { Element } from 'xml-js';
import type { ResolvedConfig } from '../config.ts';
import type { Author, Entry } from '../entry.ts';
import { slugify } from '../normalize/ids.ts';
import { remember } from '../remember.ts';
import { escapeHtml, renderContentHtml } from './html.ts';
import { messagesFor } from './messages/index.ts';
import {
  child,
  children,
  emptyElement,
  parseXml,
  placeholderUrl,
  removeChildren,
  replaceChild,
  serializeXml,
  textElement,
} from './xml-tree.ts';

/** File names of the feeds inside `out/`, also used for their self links. */
export const feedFiles = {
  atom: 'atom.xml',
  rss: 'rss.xml',
  json: 'feed.json',
  tagIndex: 'tags/index.json',
} as const;

const historyNamespace = 'http://purl.org/syndication/history/1.0';

/** What the feeds need besides the entries: the permanent feed id and the archive order. */
export interface FeedPlan {
  feedId: string;
  /** Order of first appearance of each entry id; archive pages are filled in this order. */
  sequence: Map<string, number>;
}

/** One Atom document: the main feed, a tag's feed or an archive page. */
interface AtomDocument {
  path: string;
  id: string;
  title: string;
  subtitle?: string | undefined;
  /** Newest first. */
  entries: Entry[];
  links: { rel: string; href: string }[];
  archive: boolean;
}

/** The newest `updated` of the entries: a feed changes only when an entry does. */
export function feedUpdated(entries: Entry[]): string | undefined {
  return entries.reduce<string | undefined>(
    (newest, e) => (!newest || Date.parse(e.updated) > Date.parse(newest) ? e.updated : newest),
    undefined,
  );
}

/** Entries newest first; ties by id, so that the order never depends on the file system. */
export function newestFirst(entries: Entry[]): Entry[] {
  const time = (e: Entry) => {
    let parsed = publishedTimes.get(e);
    if (parsed === undefined) {
      parsed = Date.parse(e.published);
      publishedTimes.set(e, parsed);
    }
    return parsed;
  };
  type Timed = { entry: Entry; time: number };
  const timed = entries.map((entry): Timed => ({ entry, time: time(entry) }));
  const order = (a: Timed, b: Timed) => b.time - a.time || a.entry.id.localeCompare(b.entry.id);
  // A list already in order (the one a build sorted before) is only checked.
  if (timed.every((t, i) => i === 0 || order(timed[i - 1] as Timed, t) <= 0)) return [...entries];
  return timed.sort(order).map((t) => t.entry);
}

/** Each entry's publication time, parsed once however many lists it is sorted in. */
const publishedTimes = new WeakMap<Entry, number>();

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
  const files = planFeeds(entries, config, plan, new Map(), '');
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
  // What shapes a document's frame besides the document itself.
  const settings = JSON.stringify(config);
  const fragment = createFragments(config, uses, (entry) => {
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
    const last = documentKeys.get(document.path);
    if (last && last.about === about && sameItems(last.held, held))
      return { key: last.key, render, chunks };
    // One call with every version: a call into the hash for each costs more than the hashing.
    const key = createHash('sha256').update(about).update(held.join('\n')).digest('hex');
    if (documentKeys.size >= 100_000) documentKeys.clear();
    documentKeys.set(document.path, { about, held, key });
    return { key, render, chunks };
  };
  // Every Atom document, the main feed too, is made of its entries' XML, written once.
  const planned = (document: AtomDocument): PlannedFile => {
    for (const entry of document.entries) uses.set(entry, (uses.get(entry) ?? 0) + 1);
    const chunks = () => atomChunks(document, config, fragment, settings);
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
  for (const tag of tagGroups(sorted, config.feeds.tagMinEntries)) {
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

/**
 * Each document's key as last computed in this process, by path, with what it was hashed from
 * (`--watch`): a document whose entries and settings did not move is not hashed again.
 */
const documentKeys = new Map<string, { about: string; held: string[]; key: string }>();

function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Complete archive pages, oldest first, each holding `size` entries in order of first
 * appearance; the entries not on a full page are in the main feed. A full page never changes
 * membership. Within a page, newest first.
 */
function archivePages(entries: Entry[], plan: FeedPlan, size: number): Entry[][] {
  if (entries.length <= size) return [];
  const ordered = entries
    .map((entry) => ({ entry, seq: plan.sequence.get(entry.id) ?? 0 }))
    .sort((a, b) => a.seq - b.seq || a.entry.id.localeCompare(b.entry.id))
    .map((sequenced) => sequenced.entry);
  const pages: Entry[][] = [];
  for (let start = 0; start + size <= ordered.length; start += size) {
    pages.push(newestFirst(ordered.slice(start, start + size)));
  }
  return pages;
}

/** The slug of each tag met, kept across builds in one process (a few thousand, usually). */
const tagSlugs = new Map<string, string>();

/** The slugs of an entry's tags, in order, kept with the entry. */
const entrySlugs = new WeakMap<Entry, string[]>();

function slugsOf(entry: Entry): string[] {
  let slugs = entrySlugs.get(entry);
  if (slugs === undefined) {
    slugs = entry.tags.map((tag) =>
      remember(
        tagSlugs,
        100_000,
        tag,
        () => slugify(tag) || `tag-${createHash('sha256').update(tag).digest('hex').slice(0, 8)}`,
      ),
    );
    entrySlugs.set(entry, slugs);
  }
  return slugs;
}

/** Tags carried by at least `minimum` entries, grouped by slug; most used first. */
function tagGroups(sorted: Entry[], minimum: number) {
  const groups = new Map<string, { name: string; slug: string; entries: Entry[] }>();
  for (const entry of sorted) {
    const slugs = slugsOf(entry);
    entry.tags.forEach((tag, i) => {
      const slug = slugs[i] as string;
      let group = groups.get(slug);
      if (group === undefined) {
        group = { name: tag, slug, entries: [] };
        groups.set(slug, group);
      }
      // Two tags of one entry may share a slug; entries come one after the other.
      if (group.entries.at(-1) !== entry) group.entries.push(entry);
    });
  }
  return [...groups.values()]
    .filter((g) => g.entries.length >= minimum)
    .sort((a, b) => b.entries.length - a.entries.length || a.slug.localeCompare(b.slug));
}

/**
 * People are written by Gazette itself, not by `feed`: a name such as "A &amp; B" would not
 * survive `feed`'s own serializer.
 */
function atomAuthor(author: Author): Element {
  return {
    type: 'element',
    name: 'author',
    elements: [
      textElement('name', author.name),
      ...(author.email ? [textElement('email', author.email)] : []),
    ],
  };
}

/** A feed without entries says it was updated then. */
const defaultUpdated = '2000-01-01T00:00:00Z';

/** Lays a document out with `feed`, then corrects what `feed` cannot express. */
function createFeed(document: AtomDocument, config: ResolvedConfig, newest?: string): Feed {
  const updated = new Date(newest ?? feedUpdated(document.entries) ?? defaultUpdated);
  const feed = new Feed({
    id: document.id,
    title: document.title,
    link: placeholderUrl(config.siteUrl),
    language: config.language,
    updated,
    generator: 'Gazette',
    copyright: '',
    feedLinks: {
      atom: placeholderUrl(new URL(document.path, config.siteUrl).href),
      rss: placeholderUrl(new URL(feedFiles.rss, config.siteUrl).href),
    },
  });
  for (const entry of document.entries) {
    feed.addItem({
      id: entry.id,
      guid: entry.id,
      // `feed` writes titles and summaries as HTML: escaped text is the text itself.
      title: escapeHtml(entry.title),
      link: placeholderUrl(entry.url),
      date: new Date(entry.updated),
      published: new Date(entry.published),
      description: escapeHtml(entry.summary),
      content: renderContentHtml(entry, messagesFor(entry.language).source),
    });
  }
  return feed;
}

/**
 * An Atom document as UTF-8 byte ranges: the document laid out by `feed` without its entries,
 * then each entry's XML, written and encoded once per build however many documents hold it.
 */
function atomChunks(
  document: AtomDocument,
  config: ResolvedConfig,
  fragment: (entry: Entry) => Buffer,
  settings: string,
): Uint8Array[] {
  const { entries, ...frame } = document;
  const about = `${settings}\0${JSON.stringify(frame)}`;
  const skeleton = remember(keptSkeletons, 5000, about, () => {
    const text = renderAtom({ ...document, entries: [] }, config, sentinelDate);
    const at = text.indexOf(sentinelUpdated);
    if (at < 0 || text.indexOf(sentinelUpdated, at + 1) >= 0)
      throw new Error('feed wrote its <updated> other than once');
    const close = text.lastIndexOf('</feed>');
    return {
      head: text.slice(0, at),
      middle: text.slice(at + sentinelUpdated.length, close),
      tail: Buffer.from(text.slice(close)),
    };
  });
  const updated = new Date(feedUpdated(entries) ?? defaultUpdated).toISOString();
  const head = Buffer.from(`${skeleton.head}<updated>${updated}</updated>${skeleton.middle}`);
  return [head, ...entries.map(fragment), skeleton.tail];
}

/**
 * Documents' frames, without their entries and with a stand-in date, as written by earlier
 * builds in this process (`--watch`): a tag's feed or the main feed that changed because of one
 * entry is not laid out by `feed` again.
 */
const keptSkeletons = new Map<string, { head: string; middle: string; tail: Buffer }>();
const sentinelDate = '1970-01-01T00:00:00.000Z';
const sentinelUpdated = `<updated>${sentinelDate}</updated>`;

/**
 * The `<entry>` of an entry, as `renderAtom` writes it, serialized on its own; kept for the
 * other documents that hold it (`uses` counts them), and dropped after the last. An entry with
 * a version (`keyOf`) is also kept for the next builds in this process (`--watch`): a document
 * that changed because one of its entries did then writes only that entry again.
 */
function createFragments(
  config: ResolvedConfig,
  uses: Map<Entry, number>,
  keyOf: (entry: Entry) => string | undefined,
): (entry: Entry) => Buffer {
  // Entries' XML waits as UTF-8 bytes, out of the JavaScript heap, and is encoded once: tens of
  // thousands are in an archive page first and in a tag's feed much later.
  const written = new Map<Entry, Buffer>();
  return (entry) => {
    const left = (uses.get(entry) ?? 1) - 1;
    uses.set(entry, left);
    const key = keyOf(entry);
    let xml = written.get(entry) ?? (key === undefined ? undefined : keptFragments.get(key));
    if (left <= 0) written.delete(entry);
    if (xml === undefined) {
      const element: Element = {
        type: 'element',
        name: 'entry',
        elements: [
          textElement('id', entry.id),
          textElement('updated', new Date(entry.updated).toISOString()),
          textElement('published', new Date(entry.published).toISOString()),
          {
            type: 'element',
            name: 'content',
            attributes: { type: 'html' },
            elements: [
              {
                type: 'cdata',
                cdata: renderContentHtml(entry, messagesFor(entry.language).source),
              },
            ],
          },
        ],
      };
      correctAtomEntry(element, entry, config);
      xml = Buffer.from(`    ${serializeXml({ elements: [element] }).trim()}\n`);
      if (left > 0) written.set(entry, xml);
      if (key !== undefined) {
        if (keptFragments.size >= keptFragmentCount) keptFragments.clear();
        keptFragments.set(key, xml);
      }
    }
    return xml;
  };
}

/**
 * Entries' XML written by earlier builds in this process, by generation and version; no more
 * than a few thousand (a rebuild after one edit writes a few documents of at most `limit`).
 */
const keptFragments = new Map<string, Buffer>();
const keptFragmentCount = 2000;

function renderAtom(document: AtomDocument, config: ResolvedConfig, updated?: string): string {
  const feed = createFeed(document, config, updated);
  const tree = parseXml(feed.atom1());
  const root = child(tree, 'feed');
  if (!root) throw new Error('feed wrote no <feed> element');
  root.attributes = {
    ...root.attributes,
    'xml:lang': config.language,
    ...(document.archive ? { 'xmlns:fh': historyNamespace } : {}),
  };
  replaceChild(root, 'title', textElement('title', document.title, { type: 'text' }));
  removeChildren(root, 'subtitle');
  removeChildren(root, 'link');
  const links: Element[] = [
    atomAuthor(config.author),
    ...(document.subtitle ? [textElement('subtitle', document.subtitle, { type: 'text' })] : []),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: config.siteUrl }),
    emptyElement('link', {
      rel: 'self',
      type: 'application/atom+xml',
      href: new URL(document.path, config.siteUrl).href,
    }),
    ...document.links.map((link) => emptyElement('link', link)),
  ];
  const entryIndex = (root.elements ?? []).findIndex((e) => e.name === 'entry');
  root.elements?.splice(entryIndex < 0 ? (root.elements?.length ?? 0) : entryIndex, 0, ...links);
  if (document.archive)
    root.elements?.splice(entryIndex < 0 ? 0 : entryIndex, 0, emptyElement('fh:archive', {}));

  children(root, 'entry').forEach((element, i) => {
    const entry = document.entries[i];
    if (entry) correctAtomEntry(element, entry, config);
  });
  return serializeXml(tree);
}

function correctAtomEntry(element: Element, entry: Entry, config: ResolvedConfig): void {
  element.attributes = {
    'xml:base': entry.url,
    ...(entry.language !== config.language ? { 'xml:lang': entry.language } : {}),
  };
  replaceChild(element, 'title', textElement('title', entry.title, { type: 'text' }));
  replaceChild(element, 'summary', textElement('summary', entry.summary, { type: 'text' }));
  removeChildren(element, 'link');
  removeChildren(element, 'category');
  element.elements?.push(
    ...(entry.author ? [atomAuthor(entry.author)] : []),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
    ...(entry.source ? [emptyElement('link', { rel: 'via', href: entry.source })] : []),
    ...entry.tags.map((tag) => emptyElement('category', { term: tag, label: tag })),
  );
}

function renderRss(
  entries: Entry[],
  config: ResolvedConfig,
  extraLinks: { rel: string; href: string }[],
): string {
  const document: AtomDocument = {
    path: feedFiles.rss,
    id: config.siteUrl,
    title: config.title,
    subtitle: config.subtitle,
    entries,
    links: [],
    archive: false,
  };
  const tree = parseXml(createFeed(document, config).rss2());
  const channel = child(child(tree, 'rss') ?? {}, 'channel');
  if (!channel) throw new Error('feed wrote no <channel> element');
  replaceChild(channel, 'title', textElement('title', config.title));
  replaceChild(channel, 'link', textElement('link', config.siteUrl));
  replaceChild(channel, 'description', textElement('description', config.subtitle ?? config.title));
  removeChildren(channel, 'atom:link');
  removeChildren(channel, 'docs');
  const links = [
    { rel: 'self', type: 'application/rss+xml', href: new URL(feedFiles.rss, config.siteUrl).href },
    ...extraLinks,
  ].map((link) => emptyElement('atom:link', link));
  const firstItem = (channel.elements ?? []).findIndex((e) => e.name === 'item');
  channel.elements?.splice(
    firstItem < 0 ? (channel.elements?.length ?? 0) : firstItem,
    0,
    ...links,
  );
  children(channel, 'item').forEach((item, i) => {
    const entry = entries[i];
    if (!entry) return;
    // RSS says nothing of markup in titles: plain text is what readers show literally.
    replaceChild(item, 'title', textElement('title', entry.title));
    replaceChild(item, 'link', textElement('link', entry.url));
    // RSS's <author> must be an email address; the name goes to Dublin Core's creator.
    if (entry.author) item.elements?.push(textElement('dc:creator', entry.author.name));
    for (const tag of entry.tags) item.elements?.push(textElement('category', tag));
  });
  return serializeXml(tree);
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written directly. */
function renderJsonFeed(entries: Entry[], config: ResolvedConfig): string {
  const author = (a: Author) => ({
    name: a.name,
    ...(a.email ? { url: `mailto:${a.email}` } : {}),
  });
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: config.title,
    ...(config.subtitle ? { description: config.subtitle } : {}),
    home_page_url: config.siteUrl,
    feed_url: new URL(feedFiles.json, config.siteUrl).href,
    language: config.language,
    authors: [author(config.author)],
    ...(config.feeds.hub ? { hubs: [{ type: 'WebSub', url: config.feeds.hub }] } : {}),
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      ...(entry.source ? { external_url: entry.source } : {}),
      title: entry.title,
      summary: entry.summary,
      content_html: renderContentHtml(entry, messagesFor(entry.language).source),
      date_published: entry.published,
      date_modified: entry.updated,
      tags: entry.tags,
      language: entry.language,
      ...(entry.author ? { authors: [author(entry.author)] } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
