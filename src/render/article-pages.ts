import type { Entry, EntryTexts, TextEntry } from '../entry.ts';
import { withText } from '../entry.ts';
import type { EntryVersions } from './feeds.ts';
import { renderContentHtml } from './html.ts';
import { pictureOf } from './media.ts';
import { fill } from './messages/index.ts';
import type { OutputFile, OutputReuse } from './output-file.ts';
import { rememberedKey } from './remembered-key.ts';
import { pageFrame, pageKey, type Site, tagsText } from './site-pages.ts';

/**
 * Every entry's page, at its URL (`<slug>/index.html`): the article as the feeds carry it, with
 * what a reader and a sharing preview need around it, from `article.html.hbs`.
 */

/** The path of an entry's page in the output folder. */
export const pagePath = (entry: Entry) => `${entry.slug}/index.html`;

export interface PageOptions {
  /** The previous output's pages that can be kept; without it, every page is rendered. */
  reuse?: OutputReuse | undefined;
  versions?: EntryVersions | undefined;
  texts?: EntryTexts | undefined;
}

/** The entries' pages, `sorted` newest first: each links to the one before and after it. */
export function renderArticlePages(
  sorted: readonly Entry[],
  site: Site,
  { reuse, versions, texts }: PageOptions = {},
): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>();
  // What every page's key is also made of, and which neighbours the page has.
  const about = reuse && `${reuse.generation}\0${site.templates}\0${site.tagPages}`;
  const sides = about && ['', 'previous', 'next', 'previous, next'].map((s) => `${about}\0${s}`);
  sorted.forEach((entry, i) => {
    const next = sorted[i - 1];
    const previous = sorted[i + 1];
    const path = pagePath(entry);
    const version = versions?.get(entry.id);
    // A page shows the entry (its version), its neighbours' titles, and its tags' pages; the
    // same entry and neighbours, the same objects, make the same page (`--watch`).
    const key =
      reuse && sides && version !== undefined
        ? rememberedKey(
            site.keys,
            path,
            sides[(previous ? 1 : 0) + (next ? 2 : 0)] as string,
            [previous, entry, next].filter((e) => e !== undefined),
            () =>
              pageKey(site, reuse.generation, [
                version,
                previous ? `${previous.title}\u0001${previous.url}` : '',
                next ? `${next.title}\u0001${next.url}` : '',
                tagsText(site, entry),
              ]),
          )
        : undefined;
    const kept = key ? reuse?.keep(path, key) : undefined;
    if (kept && key) files.set(path, { kept, key });
    // Made as it is written, one page at a time: the pages are never all in memory at once.
    else
      files.set(path, {
        key,
        lazy: () => site.article(pageData(withText(entry, texts), site, previous, next)),
      });
  });
  return files;
}

/** What a page shows of the entry before or after it. */
const neighbour = (e: Entry | undefined) => e && { title: e.title, url: e.url };

/** What an article page's template sees. */
function pageData(
  entry: TextEntry,
  site: Site,
  previous: Entry | undefined,
  next: Entry | undefined,
) {
  const { messages, day } = site.language(entry.language);
  const updated = entry.updated !== entry.published;
  const image = pictureOf(entry);
  // A copy of an article published elsewhere (`source`) credits the original as the page to
  // index: search engines then send readers to it, not to the copy.
  const canonical = entry.source ?? entry.url;
  return {
    ...pageFrame(site, entry.language),
    title: entry.title,
    description: entry.summary,
    url: entry.url,
    canonical,
    published: entry.published,
    updated: entry.updated,
    publishedText: day(entry.published),
    updatedText: updated ? fill(messages.updatedOn, { date: day(entry.updated) }) : '',
    author: entry.author ? fill(messages.byline, { name: entry.author.name }) : '',
    readingTime: fill(messages.readingTime, { minutes: entry.readingMinutes }),
    location: entry.location,
    tags: site.tagLinks(entry),
    html: renderContentHtml(entry, messages.source),
    image,
    previous: neighbour(previous),
    next: neighbour(next),
    jsonLd: jsonLd(entry, site, canonical, image?.url),
  };
}

/** schema.org's `NewsArticle`, as search engines read it; safe inside `<script>`. */
function jsonLd(entry: TextEntry, site: Site, canonical: string, image?: string) {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: entry.title,
    description: entry.summary,
    inLanguage: entry.language,
    datePublished: entry.published,
    dateModified: entry.updated,
    mainEntityOfPage: canonical,
    url: entry.url,
    ...(image ? { image: [image] } : {}),
    ...(entry.author ? { author: [{ '@type': 'Person', name: entry.author.name }] } : {}),
    publisher: { '@type': 'Organization', name: site.site.title, url: site.site.url },
    ...(entry.tags.length > 0 ? { keywords: entry.tags } : {}),
    ...(entry.location ? { contentLocation: { '@type': 'Place', name: entry.location } } : {}),
    wordCount: entry.wordCount,
  };
  // `<` written as an escape: no text of the article can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
