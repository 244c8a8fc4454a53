import Handlebars from 'handlebars';

/** One item of the digest, as its templates show it. */
export interface DigestItem {
  id: string;
  title: string;
  url: string;
  date: string;
  readingTime: string;
  summary: string;
  tags: string[];
  location: string | null;
  /** The entry's picture (absolute URL), its alt text, and the width to show it at. */
  image: string | null;
  imageAlt: string;
  imageWidth: number | null;
  /** The article's content as the feeds carry it, HTML: `{{{html}}}` in a template. */
  html: string;
}

/** The bytes `text` takes in the digest's HTML, escaped as the template escapes it. */
export function htmlBytes(text: string): number {
  return Buffer.byteLength(Handlebars.Utils.escapeExpression(text));
}

const ellipsis = '…';

/**
 * `text` cut to at most `maxBytes` of HTML with an ellipsis: after its last whole sentence,
 * else after its last whole word, when that keeps at least half of what fits; else where it
 * must (a text with no spaces, such as Chinese, or one long word).
 */
export function shortenText(text: string, maxBytes: number, locale: string): string {
  if (htmlBytes(text) <= maxBytes) return text;
  const room = maxBytes - htmlBytes(` ${ellipsis}`);
  let end = 0;
  let bytes = 0;
  for (const char of text) {
    bytes += htmlBytes(char);
    if (bytes > room) break;
    end += char.length;
  }
  const fits = text.slice(0, end);
  const boundary = (granularity: 'sentence' | 'word') => {
    let last = 0;
    for (const { index } of new Intl.Segmenter(locale, { granularity }).segment(fits)) {
      last = index;
    }
    return last >= end / 2 ? last : 0;
  };
  // The last segment is cut short (or ends where the text does, which is whole enough).
  const sentence = boundary('sentence');
  const cut = sentence || boundary('word') || end;
  return `${fits.slice(0, cut).trimEnd()}${sentence ? ' ' : ''}${ellipsis}`;
}

/**
 * An item whose text (title, summary, tags) takes more than `maxBytes` of HTML, made to fit:
 * the title and the tags keep up to a quarter each, the summary takes what is left.
 */
export function fitItem(item: DigestItem, maxBytes: number, locale: string): DigestItem {
  const size = (i: DigestItem) =>
    htmlBytes(i.title) + htmlBytes(i.summary) + htmlBytes(i.tags.join(', '));
  if (size(item) <= maxBytes) return item;
  const title = shortenText(item.title, Math.floor(maxBytes / 4), locale);
  const tags: string[] = [];
  let tagBytes = 0;
  for (const tag of item.tags) {
    tagBytes += htmlBytes(tag) + (tags.length > 0 ? 2 : 0);
    if (tagBytes > maxBytes / 4) break;
    tags.push(tag);
  }
  // An item with tags keeps its line of tags, if only as an ellipsis.
  if (tags.length === 0 && item.tags[0] !== undefined) {
    tags.push(shortenText(item.tags[0], Math.floor(maxBytes / 4), locale));
  }
  const left = maxBytes - htmlBytes(title) - htmlBytes(tags.join(', '));
  return { ...item, title, tags, summary: shortenText(item.summary, left, locale) };
}
