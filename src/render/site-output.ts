import type { ResolvedConfig } from '../config.ts';
import type { Entry, EntryTexts } from '../entry.ts';
import type { PageTemplates } from '../read/page-files.ts';
import type { SentDigest } from '../read/sent-digests.ts';
import { renderArticlePages } from './article-pages.ts';
import { renderDigestArchive } from './digest-pages.ts';
import { newestFirst, type TagGroup, tagGroups } from './feed-order.ts';
import type { EntryVersions } from './feeds.ts';
import { listPages, renderListPages } from './list-pages.ts';
import { keptIfSame, type OutputFile, type OutputReuse } from './output-file.ts';
import type { KeyMemo } from './remembered-key.ts';
import { createSite } from './site-pages.ts';
import { renderRobots, renderSitemaps, robotsFile, type SitemapPage } from './sitemap.ts';

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

/**
 * The site around the feeds: a page for every entry, the lists (the index, each tag's page, the
 * page for a missing address), the digests sent, `sitemap.xml` and `robots.txt`.
 */
export function renderSite(
  entries: Entry[],
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
    ...renderListPages(lists, site, { reuse, versions }),
    ...renderArticlePages(sorted, site, { reuse, versions, texts }),
    ...archive.files,
  ]);
  // The time of each entry's last change, read once however many lists show it.
  const times = new Map<Entry, number>();
  const lastChange = (shown: Entry[]) => {
    let latest: Entry | undefined;
    let at = Number.NEGATIVE_INFINITY;
    for (const entry of shown) {
      let time = times.get(entry);
      if (time === undefined) {
        time = Date.parse(entry.updated);
        times.set(entry, time);
      }
      if (time > at) {
        at = time;
        latest = entry;
      }
    }
    return latest?.updated;
  };
  // A copy of an article published elsewhere is not the page to index: its original is.
  const indexed: SitemapPage[] = [
    ...lists
      .filter((page) => !page.noindex)
      .map((page) => ({
        url: page.url,
        lastmod: lastChange(page.entries),
      })),
    ...sorted
      .filter((entry) => !entry.source)
      .map((entry) => ({ url: entry.url, lastmod: entry.updated })),
    ...archive.sitemap,
  ];
  for (const [path, text] of renderSitemaps(indexed, config.siteUrl))
    files.set(path, keptIfSame(path, text, reuse));
  files.set(robotsFile, keptIfSame(robotsFile, renderRobots(config.siteUrl), reuse));
  return files;
}
