import { createHash } from 'node:crypto';
import type { Entry } from '../entry.ts';
import type { TagGroup } from './feed-order.ts';
import { fill } from './messages/index.ts';
import type { OutputFile, OutputReuse } from './output-file.ts';
import { rememberedKey } from './remembered-key.ts';
import {
  type FeedLink,
  pageFrame,
  pageKey,
  type Site,
  tagPageFolder,
  tagsText,
} from './site-pages.ts';

/**
 * The site's lists, from `list.html.hbs`: the index (`index.html`, then `page/2/`, … beyond
 * `feeds.limit` entries), each tag's page (`tags/<slug>/`, paged alike) for every tag that has a
 * feed, and the page for an address that leads nowhere (`404.html`).
 */

/** Entries the page for a missing address suggests. */
const suggested = 5;

/** One page of a list: where it is, and what it shows. */
export interface ListPage {
  /**
   * What the page is made from besides its entries and the site's settings: which list, which
   * page of how many. Everything else it shows derives from these.
   */
  source: string;
  path: string;
  url: string;
  /** The document's title, before the site's; empty on the home page. */
  title: string;
  heading: string;
  intro?: string | undefined;
  description?: string | undefined;
  entries: readonly Entry[];
  feeds: FeedLink[];
  pager?: { newer?: string | undefined; older?: string | undefined; text: string } | undefined;
  noindex?: boolean | undefined;
}

export interface ListOptions {
  reuse?: OutputReuse | undefined;
}

// A tag's group is never changed in place: its pages are made once for a site.
const tagLists = new WeakMap<TagGroup, { about: string; pages: ListPage[] }>();

/** Every list of the site, page by page; `sorted` newest first. */
export function listPages(sorted: readonly Entry[], tags: TagGroup[], site: Site): ListPage[] {
  const { config } = site;
  const { messages } = site.language(config.language);
  // Everything a tag's pages are made of besides the tag's group.
  const about = JSON.stringify([config.language, config.title, site.base, config.feeds.limit]);
  return [
    ...paged(site, sorted, '', 'index', {
      title: '',
      heading: config.title,
      intro: config.subtitle,
      description: config.subtitle,
      feeds: site.feeds,
    }),
    ...tags.flatMap((tag) => {
      // A tag's group that did not change is the same object (`--watch`): so are its pages.
      const known = tagLists.get(tag);
      if (known?.about === about) return known.pages;
      const heading = fill(messages.tagPage, { tag: tag.name });
      const feed = {
        type: 'application/atom+xml',
        title: `${config.title} · ${tag.name}`,
        name: messages.tagFeed,
        url: `${site.base}tags/${tag.slug}.xml`,
      };
      const pages = paged(
        site,
        tag.entries,
        tagPageFolder(tag.slug),
        `tag\0${tag.name}\0${tag.slug}`,
        {
          title: heading,
          heading,
          description: heading,
          feeds: [feed, ...site.feeds],
        },
      );
      tagLists.set(tag, { about, pages });
      return pages;
    }),
    {
      source: '404',
      path: '404.html',
      url: `${site.base}404.html`,
      title: messages.notFound,
      heading: messages.notFound,
      intro: messages.notFoundText,
      entries: sorted.slice(0, suggested),
      feeds: site.feeds,
      noindex: true,
    },
  ];
}

/** The lists' pages, each kept from the previous output while it would show the same. */
export function renderListPages(
  pages: ListPage[],
  site: Site,
  { reuse }: ListOptions = {},
): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>();
  // What else a list's item depends on: the page's language, and which tags have a page.
  const about = `${site.config.language}\0${site.tagPages}\0${site.site.url}`;
  for (const page of pages) {
    // What the page shows of each entry, and nothing else of it: an edit of an entry's text
    // leaves the lists that show its title and summary as they are.
    const key = reuse
      ? rememberedKey(
          site.keys,
          page.path,
          `${reuse.generation}\0${site.templates}\0${about}\0${page.source}`,
          page.entries,
          () =>
            pageKey(site, reuse.generation, [
              page.source,
              ...page.entries.map((entry) => shownHash(site, about, entry)),
            ]),
        )
      : undefined;
    const kept = key ? reuse?.keep(page.path, key) : undefined;
    if (kept && key) files.set(page.path, { kept, key });
    else files.set(page.path, { key, lazy: () => site.list(listData(site, page)) });
  }
  return files;
}

// An entry is never changed in place: what a list shows of it is hashed once for a site,
// however many lists show it, build after build.
const shownHashes = new WeakMap<Entry, { about: string; hash: string }>();

/** A hash of what a list shows of an entry, on a site of that `about`. */
function shownHash(site: Site, about: string, entry: Entry): string {
  let known = shownHashes.get(entry);
  if (known?.about !== about) {
    const { lang, url, title, published, location, summary } = listItem(site, entry);
    const text = [lang, url, title, published, location, summary, tagsText(site, entry)];
    known = { about, hash: createHash('sha1').update(text.join('\u0001')).digest('base64') };
    shownHashes.set(entry, known);
  }
  return known.hash;
}

/** A list cut into pages of `feeds.limit` entries: the first in `folder`, then `page/<n>/`. */
function paged(
  site: Site,
  entries: readonly Entry[],
  folder: string,
  list: string,
  about: Omit<ListPage, 'source' | 'path' | 'url' | 'entries'>,
): ListPage[] {
  const { config } = site;
  const { messages } = site.language(config.language);
  const size = Math.max(1, config.feeds.limit);
  const count = Math.max(1, Math.ceil(entries.length / size));
  const at = (n: number) => (n === 1 ? folder : `${folder}page/${n}/`);
  // The folders are named by slugs, plain ASCII: nothing to escape.
  const url = (n: number) => `${site.base}${at(n)}`;
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    // Only a list of several pages says which one this is.
    const text = count > 1 ? fill(messages.pageOf, { page: n, pages: count }) : '';
    return {
      ...about,
      source: `${list}\0${n}\0${count}`,
      path: `${at(n)}index.html`,
      url: url(n),
      title: n === 1 ? about.title : [about.title, text].filter(Boolean).join(' · '),
      entries: entries.slice(i * size, (i + 1) * size),
      pager:
        count > 1
          ? {
              newer: n > 1 ? url(n - 1) : undefined,
              older: n < count ? url(n + 1) : undefined,
              text,
            }
          : undefined,
    };
  });
}

/** What the list template sees. */
function listData(site: Site, page: ListPage) {
  const { config } = site;
  const frame = pageFrame(site, config.language);
  const { day } = site.language(config.language);
  return {
    ...frame,
    title: page.title,
    heading: page.heading,
    intro: page.intro,
    description: page.description,
    url: page.url,
    canonical: page.url,
    noindex: page.noindex,
    feeds: page.feeds,
    pager: page.pager,
    items: page.entries.map((entry) => ({
      ...listItem(site, entry),
      publishedText: day(entry.published),
    })),
  };
}

/** What a list shows of an entry. */
function listItem(site: Site, entry: Entry) {
  return {
    // An entry's own words may be in another language than the page's; screen readers then
    // switch voice.
    lang: entry.language === site.config.language ? undefined : entry.language,
    url: entry.url,
    title: entry.title,
    published: entry.published,
    location: entry.location,
    summary: entry.summary,
    tags: site.tagLinks(entry),
  };
}
