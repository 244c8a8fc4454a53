import { Feed } from 'feed';
import { type Element, xml2js } from 'xml-js';
import type { ResolvedConfig } from '../config.ts';
import type { TextEntry } from '../entry.ts';
import { escapeHtml } from '../html-escape.ts';
import { feedFiles, feedUpdated } from './feed-order.ts';
import { renderContentHtml } from './html.ts';
import { mediaAttributes, mediaContent, pictureOf } from './media.ts';
import { messagesFor } from './messages/index.ts';
import { textElement, writeDocument, type XmlElement, type XmlNode } from './xml.ts';

/**
 * The RSS 2.0 feed. `feed` lays it out: the channel, each item's guid, dates, and its summary
 * and content as HTML. Gazette then puts in what `feed` writes otherwise: titles and links as
 * plain text, the self and hub links, each item's author and tags; and leaves out the `docs`
 * link. The document is read back into elements and written by Gazette's XML writer.
 */
export function renderRss(
  entries: TextEntry[],
  config: ResolvedConfig,
  links: { rel: string; href: string }[],
): string {
  const updated = feedUpdated(entries);
  const feed = new Feed({
    id: config.siteUrl,
    title: config.title,
    link: config.siteUrl,
    language: config.language,
    updated: new Date(updated ?? '2000-01-01T00:00:00Z'),
    generator: 'Gazette',
    copyright: '',
    // Replaced below; given so that `feed` declares the namespace of Atom's links.
    feedLinks: { rss: new URL(feedFiles.rss, config.siteUrl).href },
  });
  for (const entry of entries) {
    feed.addItem({
      id: entry.id,
      guid: entry.id,
      // Replaced below; escaped, it cannot end feed's CDATA section early.
      title: escapeHtml(entry.title),
      link: entry.url,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      // RSS's description is HTML: escaped text is the text itself.
      description: escapeHtml(entry.summary),
      content: renderContentHtml(entry, messagesFor(entry.language).source),
    });
  }
  const rss = elementOf(
    (xml2js(feed.rss2(), { compact: false }) as Element).elements?.find((e) => e.name === 'rss'),
  );
  const channel = rss.children?.find((child): child is XmlElement => named(child, 'channel'));
  if (!channel) throw new Error('feed wrote no <channel> element');
  const items = entries.map((entry, i) => correctItem(channelItems(channel)[i], entry));
  rss.attributes = { ...rss.attributes, ...mediaAttributes(entries) };
  channel.children = [
    textElement('title', config.title),
    textElement('link', config.siteUrl),
    textElement('description', config.subtitle ?? config.title),
    ...(channel.children ?? []).filter((child) =>
      ['lastBuildDate', 'generator', 'language'].some((name) => named(child, name)),
    ),
    ...[
      {
        rel: 'self',
        type: 'application/rss+xml',
        href: new URL(feedFiles.rss, config.siteUrl).href,
      },
      ...links,
    ].map((attributes) => ({ name: 'atom:link', attributes })),
    ...items,
  ];
  return writeDocument(rss);
}

/** An item as `feed` wrote it, its title and link as text, its author and tags added. */
function correctItem(item: XmlElement | undefined, entry: TextEntry): XmlElement {
  if (!item) throw new Error('feed wrote fewer items than entries');
  const picture = pictureOf(entry);
  const children = (item.children ?? []).map((child) => {
    // RSS says nothing of markup in titles: plain text is what readers show literally.
    if (named(child, 'title')) return textElement('title', entry.title);
    if (named(child, 'link')) return textElement('link', entry.url);
    return child;
  });
  return {
    ...item,
    children: [
      ...children,
      // RSS's <author> must be an email address; the name goes to Dublin Core's creator.
      ...(entry.author ? [textElement('dc:creator', entry.author.name)] : []),
      ...entry.tags.map((tag) => textElement('category', tag)),
      ...(picture ? [mediaContent(picture)] : []),
      // An enclosure must say its length: known for a file of the input folder only.
      ...(picture?.type && picture.length !== null
        ? [
            {
              name: 'enclosure',
              attributes: { url: picture.url, length: String(picture.length), type: picture.type },
            },
          ]
        : []),
    ],
  };
}

function channelItems(channel: XmlElement): XmlElement[] {
  return (channel.children ?? []).filter((child): child is XmlElement => named(child, 'item'));
}

function named(node: XmlNode, name: string): boolean {
  return 'name' in node && node.name === name;
}

/** An element as xml-js read it, as the XML writer takes it. */
function elementOf(element: Element | undefined): XmlElement {
  if (!element?.name) throw new Error('feed wrote no <rss> element');
  const children: XmlNode[] = [];
  for (const child of element.elements ?? []) {
    if (child.type === 'element') children.push(elementOf(child));
    else if (child.type === 'text') children.push({ text: String(child.text ?? '') });
    else if (child.type === 'cdata') children.push({ cdata: String(child.cdata ?? '') });
  }
  const attributes = Object.fromEntries(
    Object.entries(element.attributes ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
  return { name: element.name, attributes, children };
}
