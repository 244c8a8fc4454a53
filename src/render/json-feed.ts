import type { ResolvedConfig } from '../config.ts';
import type { Author, TextEntry } from '../entry.ts';
import { feedFiles } from './feed-order.ts';
import { renderContentHtml } from './html.ts';
import { pictureOf } from './media.ts';
import { messagesFor } from './messages/index.ts';

/** The item's `image`, when the entry has a picture. */
function picture(entry: TextEntry): { image?: string } {
  const image = pictureOf(entry);
  return image ? { image: image.url } : {};
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written directly. */
export function renderJsonFeed(entries: TextEntry[], config: ResolvedConfig): string {
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
      ...picture(entry),
      date_published: entry.published,
      date_modified: entry.updated,
      tags: entry.tags,
      language: entry.language,
      ...(entry.author ? { authors: [author(entry.author)] } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
