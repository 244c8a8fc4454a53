import type { ResolvedConfig } from '../config.ts';
import type { Author, Entry, TextEntry } from '../entry.ts';
import { feedUpdated } from './feed-order.ts';
import { renderContentHtml } from './html.ts';
import { mediaAttributes, mediaContent, pictureOf } from './media.ts';
import { messagesFor } from './messages/index.ts';
import { textElement, writeElement, writeOpening, type XmlElement, xmlDeclaration } from './xml.ts';

/**
 * Atom (RFC 4287) documents, written by Gazette's XML writer rather than by `feed`, which
 * writes titles and summaries as HTML and knows neither archive pages (RFC 5005) nor language
 * and base attributes. Titles, summaries and tags are plain text; the content is HTML. A
 * document is its frame, then its entries: each entry's XML is written once per build and its
 * bytes go into every document that holds it.
 */

const historyNamespace = 'http://purl.org/syndication/history/1.0';

/** A feed without entries says it was updated then. */
const defaultUpdated = '2000-01-01T00:00:00Z';

/** One Atom document: the main feed, a tag's feed or an archive page. */
export interface AtomDocument {
  path: string;
  id: string;
  title: string;
  subtitle?: string | undefined;
  /** Newest first. */
  entries: readonly Entry[];
  links: { rel: string; href: string }[];
  archive: boolean;
}

/** Everything of a document before its entries. */
export function atomHead(document: AtomDocument, config: ResolvedConfig): string {
  const updated = new Date(feedUpdated(document.entries) ?? defaultUpdated).toISOString();
  const feed: XmlElement = {
    name: 'feed',
    attributes: {
      xmlns: 'http://www.w3.org/2005/Atom',
      'xml:lang': config.language,
      ...(document.archive ? { 'xmlns:fh': historyNamespace } : {}),
      ...mediaAttributes(document.entries),
    },
    children: [
      ...(document.archive ? [{ name: 'fh:archive' }] : []),
      textElement('id', document.id),
      textElement('title', document.title, { type: 'text' }),
      textElement('updated', updated),
      textElement('generator', 'Gazette'),
      atomAuthor(config.author),
      ...(document.subtitle ? [textElement('subtitle', document.subtitle, { type: 'text' })] : []),
      link({ rel: 'alternate', type: 'text/html', href: config.siteUrl }),
      link({
        rel: 'self',
        type: 'application/atom+xml',
        href: new URL(document.path, config.siteUrl).href,
      }),
      ...document.links.map(link),
    ],
  };
  return `${xmlDeclaration}\n${writeOpening(feed)}`;
}

/** Everything of a document after its entries. */
export const atomTail = '</feed>\n';

/** An entry's `<entry>`, as every document holding it carries it. */
export function atomEntry(entry: TextEntry, config: ResolvedConfig): string {
  const picture = pictureOf(entry);
  const element: XmlElement = {
    name: 'entry',
    attributes: {
      'xml:base': entry.url,
      ...(entry.language !== config.language ? { 'xml:lang': entry.language } : {}),
    },
    children: [
      textElement('id', entry.id),
      textElement('updated', new Date(entry.updated).toISOString()),
      textElement('published', new Date(entry.published).toISOString()),
      {
        name: 'content',
        attributes: { type: 'html' },
        children: [{ cdata: renderContentHtml(entry, messagesFor(entry.language).source) }],
      },
      textElement('title', entry.title, { type: 'text' }),
      textElement('summary', entry.summary, { type: 'text' }),
      ...(entry.author ? [atomAuthor(entry.author)] : []),
      link({ rel: 'alternate', type: 'text/html', href: entry.url }),
      ...(entry.source ? [link({ rel: 'via', href: entry.source })] : []),
      ...entry.tags.map((tag) => ({ name: 'category', attributes: { term: tag, label: tag } })),
      ...(picture ? [mediaContent(picture)] : []),
    ],
  };
  // Written at the left margin, and so the same bytes in whichever document holds it.
  return `    ${writeElement(element)}\n`;
}

function atomAuthor(author: Author): XmlElement {
  return {
    name: 'author',
    children: [
      textElement('name', author.name),
      ...(author.email ? [textElement('email', author.email)] : []),
    ],
  };
}

function link(attributes: Record<string, string>): XmlElement {
  return { name: 'link', attributes };
}
