import { Feed } from 'feed';
import type { ResolvedConfig } from '../config.ts';
import type { Author, Entry } from '../entry.ts';
import { escapeHtml, renderContentHtml } from './html.ts';
import { messagesFor } from './messages/index.ts';

/** File names of the feeds inside `out/`, also used for their self links. */
export const feedFiles = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' } as const;

export interface RenderedFeeds {
  atom: string;
  rss: string;
  json: string;
}

/** The newest `updated` of the entries: the feed changes only when an entry does. */
export function feedUpdated(entries: Entry[]): string | undefined {
  return entries.reduce<string | undefined>(
    (newest, e) => (!newest || Date.parse(e.updated) > Date.parse(newest) ? e.updated : newest),
    undefined,
  );
}

/** Entries newest first; ties by id, so that the order never depends on the file system. */
export function newestFirst(entries: Entry[]): Entry[] {
  return [...entries].sort(
    (a, b) => Date.parse(b.published) - Date.parse(a.published) || a.id.localeCompare(b.id),
  );
}

/**
 * Atom and RSS 2.0 through `feed`, JSON Feed 1.1 directly. `feed` writes titles and summaries
 * as HTML, so text is escaped before it is handed over.
 */
export function renderFeeds(entries: Entry[], config: ResolvedConfig): RenderedFeeds {
  const sorted = newestFirst(entries);
  const updated = new Date(feedUpdated(sorted) ?? '2000-01-01T00:00:00Z');
  const link = (file: string) => new URL(file, config.siteUrl).href;
  const feed = new Feed({
    id: config.siteUrl,
    title: escapeHtml(config.title),
    description: config.subtitle ? escapeHtml(config.subtitle) : undefined,
    link: config.siteUrl,
    language: config.language,
    updated,
    generator: 'Gazette',
    copyright: '',
    author: toFeedAuthor(config.author),
    feedLinks: { atom: link(feedFiles.atom), rss: link(feedFiles.rss), json: link(feedFiles.json) },
  });
  for (const entry of sorted) {
    feed.addItem({
      id: entry.id,
      guid: entry.id,
      title: escapeHtml(entry.title),
      link: entry.url,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      description: escapeHtml(entry.summary),
      content: renderContentHtml(entry, messagesFor(entry.language).source),
      category: entry.tags.map((tag) => ({ name: tag, term: tag })),
      author: entry.author ? [toFeedAuthor(entry.author)] : undefined,
    });
  }
  const atom = feed.atom1().replace('<feed xmlns="http://www.w3.org/2005/Atom">', () => {
    return `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(config.language)}">`;
  });
  return { atom, rss: feed.rss2(), json: renderJsonFeed(sorted, config, link(feedFiles.json)) };
}

function toFeedAuthor(author: Author): { name: string; email?: string } {
  return author.email ? { name: author.name, email: author.email } : { name: author.name };
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
function renderJsonFeed(entries: Entry[], config: ResolvedConfig, feedUrl: string): string {
  const author = (a: Author) => ({
    name: a.name,
    ...(a.email ? { url: `mailto:${a.email}` } : {}),
  });
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: config.title,
    ...(config.subtitle ? { description: config.subtitle } : {}),
    home_page_url: config.siteUrl,
    feed_url: feedUrl,
    language: config.language,
    authors: [author(config.author)],
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
