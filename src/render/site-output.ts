import type { ResolvedConfig } from '../config.ts';
import type { Entry, EntryTexts } from '../entry.ts';
import type { PageTemplates } from '../read/page-files.ts';
import type { SentDigest } from '../read/sent-digests.ts';
import { remember } from '../remember.ts';
import { renderArticlePages } from './article-pages.ts';
import { renderDigestArchive } from './digest-pages.ts';
import { lastUpdated, newestFirst, type TagGroup, tagGroups } from './feed-order.ts';
import type { EntryVersions } from './feeds.ts';
import { type ListPage, listPages, renderListPages } from './list-pages.ts';
import { keptIfSame, type OutputFile, type OutputReuse } from './output-file.ts';
import type { KeyMemo } from './remembered-key.ts';
import { createSite } from './site-pages.ts';
import { renderRobots, robotsFile, type SitemapPage, sitemapFiles, urlOf } from './sitemap.ts';

export interface SiteOptions {
  reuse?: OutputReuse | undefined;
  versions?: EntryVersions | undefined;
  texts?: EntryTexts | undefined;
  /** Each tag's slug, remembered across the builds of a session. */
  tagSlugs?: Map<string, string> | undefined;
  /** The pages' keys as the session's last build made them. */
  keys?: KeyMemo | undefined;
  /** The tags that have a feed, when the caller grouped them already. */
  tags?: TagGroup[] | undefined;
  /** The digests `send` sent, as recorded: the digests' archive. */
  sentDigests?: readonly SentDigest[] | undefined;
}

// An entry is never changed in place: its place in the sitemap is written once.
const entryPlaces = new WeakMap<Entry, SitemapPage>();

/** An entry's page, as the sitemap lists it. */
function entryPlace(entry: Entry): SitemapPage {
  let place = entryPlaces.get(entry);
  if (!place) {
    place = placeOf(entry.url, entry.updated);
    entryPlaces.set(entry, place);
  }
  return place;
}

// A list's page is never changed in place (`--watch` keeps those that did not move): its place
// is written once; and a page of the same address and time has the same place.
const listPlaces = new WeakMap<ListPage, SitemapPage>();
const listPlacesByText = new Map<string, SitemapPage>();

function listPlace(page: ListPage): SitemapPage {
  let place = listPlaces.get(page);
  if (!place) {
    const { url } = page;
    const lastmod = lastUpdated(page.entries)?.updated;
    place = remember(listPlacesByText, 100_000, `${url}\0${lastmod ?? ''}`, () =>
      placeOf(url, lastmod),
    );
    listPlaces.set(page, place);
  }
  return place;
}

function placeOf(url: string, lastmod: string | undefined): SitemapPage {
  const place: SitemapPage = { url, lastmod };
  place.written = urlOf(place);
  return place;
}

/**
 * The site around the feeds: a page for every entry, the lists (the index, each tag's page, the
 * page for a missing address), the digests sent, `sitemap.xml` and `robots.txt`.
 */
export function renderSite(
  entries: readonly Entry[],
  config: ResolvedConfig,
  templates: PageTemplates,
  {
    reuse,
    versions,
    texts,
    tagSlugs = new Map(),
    sentDigests = [],
    keys,
    tags: grouped,
  }: SiteOptions = {},
): Map<string, OutputFile> {
  const sorted = newestFirst(entries);
  // The tags that have a feed have a page.
  const tags = grouped ?? tagGroups(sorted, config.feeds.tagMinEntries, tagSlugs);
  const site = createSite(config, templates, new Set(tags.map((tag) => tag.slug)), tagSlugs, keys);
  const lists = listPages(sorted, tags, site);
  const archive = renderDigestArchive(sentDigests, site, { reuse });
  const files = new Map<string, OutputFile>([
    ...renderListPages(lists, site, { reuse }),
    ...renderArticlePages(sorted, site, { reuse, versions, texts }),
    ...archive.files,
  ]);
  // A copy of an article published elsewhere is not the page to index: its original is.
  const indexed: SitemapPage[] = [
    ...lists.filter((page) => !page.noindex).map(listPlace),
    ...sorted.filter((entry) => !entry.source).map(entryPlace),
    ...archive.sitemap,
  ];
  for (const [path, file] of sitemapFiles(indexed, config.siteUrl, reuse)) files.set(path, file);
  files.set(robotsFile, keptIfSame(robotsFile, renderRobots(config.siteUrl), reuse));
  return files;
}
