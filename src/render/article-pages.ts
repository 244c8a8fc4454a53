import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { ResolvedConfig } from '../config.ts';
import { type Entry, type EntryTexts, type TextEntry, withText } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import type { PageTemplates } from '../read/page-files.ts';
import { rtlLanguages } from './digest.ts';
import { feedFiles, newestFirst } from './feed-order.ts';
import type { EntryVersions } from './feeds.ts';
import { renderContentHtml } from './html.ts';
import { pictureOf } from './media.ts';
import { fill, type Messages, messagesFor } from './messages/index.ts';
import type { OutputFile, OutputReuse } from './output-file.ts';

/**
 * Every entry's page, at its URL (`<slug>/index.html`): the article as the feeds carry it, with
 * what a reader and a sharing preview need around it. Handlebars fills `article.html.hbs` and
 * its partials, which a project may replace file by file.
 */

/** The path of an entry's page in the output folder. */
export const pagePath = (entry: Entry) => `${entry.slug}/index.html`;

export interface PageOptions {
  /** The previous output's pages that can be kept; without it, every page is rendered. */
  reuse?: OutputReuse | undefined;
  versions?: EntryVersions | undefined;
  texts?: EntryTexts | undefined;
}

export function renderArticlePages(
  entries: Entry[],
  config: ResolvedConfig,
  templates: PageTemplates,
  { reuse, versions, texts }: PageOptions = {},
): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>();
  if (entries.length === 0) return files;
  const page = compilePage(templates);
  const site = siteData(config);
  const sorted = newestFirst(entries);
  // A page shows its neighbours' titles: it is another page when one of them changes.
  const about =
    reuse &&
    createHash('sha256').update(reuse.generation).update(templatesText(templates)).digest('base64');
  sorted.forEach((entry, i) => {
    const next = sorted[i - 1];
    const previous = sorted[i + 1];
    const path = pagePath(entry);
    const version = (e: Entry | undefined) => (e ? versions?.get(e.id) : '');
    const parts = [version(entry), version(previous), version(next)];
    const key =
      about && parts.every((part) => part !== undefined)
        ? JSON.stringify([about, ...parts])
        : undefined;
    const kept = key ? reuse?.keep(path, key) : undefined;
    if (kept && key) files.set(path, { kept, key });
    // Made as it is written, one page at a time: the pages are never all in memory at once.
    else
      files.set(path, {
        key,
        lazy: () => Buffer.from(page(pageData(withText(entry, texts), site, previous, next))),
      });
  });
  return files;
}

function templatesText(templates: PageTemplates): string {
  const { head, header, footer } = templates.partials;
  return JSON.stringify([templates.article.text, head.text, header.text, footer.text]);
}

/** What every page of the site shows alike, and each language's wording and date format. */
function siteData(config: ResolvedConfig) {
  const languages = new Map<string, { messages: Messages; day: Intl.DateTimeFormat }>();
  return {
    config,
    site: { title: config.title, url: config.siteUrl },
    feeds: [
      { file: feedFiles.atom, type: 'application/atom+xml', name: 'Atom' },
      { file: feedFiles.rss, type: 'application/rss+xml', name: 'RSS' },
      { file: feedFiles.json, type: 'application/feed+json', name: 'JSON Feed' },
    ].map((feed) => ({ ...feed, url: new URL(feed.file, config.siteUrl).href })),
    language(language: string) {
      let known = languages.get(language);
      if (!known) {
        const messages = messagesFor(language);
        const day = new Intl.DateTimeFormat(messages.locale, {
          dateStyle: 'long',
          timeZone: config.timeZone,
        });
        known = { messages, day };
        languages.set(language, known);
      }
      return known;
    },
  };
}

type SiteData = ReturnType<typeof siteData>;

/** What an article page's template sees. */
function pageData(
  entry: TextEntry,
  { config, site, feeds, language }: SiteData,
  previous: Entry | undefined,
  next: Entry | undefined,
) {
  const { messages, day } = language(entry.language);
  const updated = entry.updated !== entry.published;
  const image = pictureOf(entry);
  // A copy of an article published elsewhere (`source`) credits the original as the page to
  // index: search engines then send readers to it, not to the copy.
  const canonical = entry.source ?? entry.url;
  const neighbour = (e: Entry | undefined) => e && { title: e.title, url: e.url };
  return {
    lang: entry.language,
    dir: rtlLanguages.has(entry.language) ? 'rtl' : 'ltr',
    ogLocale: messages.locale.replace('-', '_'),
    messages,
    site,
    title: entry.title,
    description: entry.summary,
    url: entry.url,
    canonical,
    published: entry.published,
    updated: entry.updated,
    publishedText: day.format(new Date(entry.published)),
    updatedText: updated
      ? fill(messages.updatedOn, { date: day.format(new Date(entry.updated)) })
      : '',
    author: entry.author ? fill(messages.byline, { name: entry.author.name }) : '',
    readingTime: fill(messages.readingTime, { minutes: entry.readingMinutes }),
    location: entry.location,
    tags: entry.tags,
    html: renderContentHtml(entry, messages.source),
    image,
    previous: neighbour(previous),
    next: neighbour(next),
    feeds,
    jsonLd: jsonLd(entry, config, canonical, image?.url),
  };
}

/** schema.org's `NewsArticle`, as search engines read it; safe inside `<script>`. */
function jsonLd(entry: TextEntry, config: ResolvedConfig, canonical: string, image?: string) {
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
    publisher: { '@type': 'Organization', name: config.title, url: config.siteUrl },
    ...(entry.tags.length > 0 ? { keywords: entry.tags } : {}),
    ...(entry.location ? { contentLocation: { '@type': 'Place', name: entry.location } } : {}),
    wordCount: entry.wordCount,
  };
  // `<` written as an escape: no text of the article can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

type PageData = ReturnType<typeof pageData>;

/** The article template with its partials and helpers, compiled once per build. */
function compilePage(templates: PageTemplates): (data: PageData) => string {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('join', (list: unknown) =>
    Array.isArray(list) ? list.map(String).join(', ') : '',
  );
  handlebars.registerHelper('or', (...values: unknown[]) => values.slice(0, -1).some(Boolean));
  for (const [name, file] of Object.entries(templates.partials))
    handlebars.registerPartial(name, file.text);
  const template = handlebars.compile(templates.article.text, { strict: false });
  return (data) => {
    try {
      return template(data);
    } catch (error) {
      throw new GazetteError('TemplateInvalid', (error as Error).message.split('\n')[0] ?? '', {
        file: templates.article.path,
      });
    }
  };
}
