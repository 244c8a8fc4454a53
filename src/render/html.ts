import { LinkifyIt } from 'linkify-it';
import type { HtmlPart, TextEntry } from '../entry.ts';
import { escapeHtml } from '../html-escape.ts';

// Only addresses written with their scheme: a word with a dot in it is not a link.
const linkify = new LinkifyIt().set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/**
 * The entry's content as HTML: the article's own (Markdown), or its paragraphs with their bare
 * http(s) addresses as links (plain text); then a link to the original when there is one.
 */
export function renderContentHtml(entry: TextEntry, sourceLabel: string): string {
  const paragraphs = entry.html
    ? [renderHtmlParts(entry.html, entry.url)]
    : entry.content.map((p) => `<p>${textWithLinks(p)}</p>`);
  if (entry.source) {
    const href = escapeHtml(entry.source);
    paragraphs.push(`<p>${escapeHtml(sourceLabel)} <a href="${href}">${href}</a></p>`);
  }
  return paragraphs.join('\n');
}

/**
 * The article's HTML, each link's URL absolute (feed readers ignore `xml:base`): the build made
 * local files' and other articles' absolute already; the rest is relative to the entry (`base`).
 */
export function renderHtmlParts(parts: HtmlPart[], base: string): string {
  let html = '';
  for (const part of parts) {
    if (typeof part === 'string') html += part;
    else if ('href' in part) html += ` href="${escapeHtml(absolute(part.href, base))}"`;
    else {
      const size =
        part.width && part.height ? ` width="${part.width}" height="${part.height}"` : '';
      html += `<img src="${escapeHtml(absolute(part.src, base))}"${size}${part.attributes}>`;
    }
  }
  return html;
}

function absolute(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/** Plain text, escaped, its http(s) addresses made links. */
function textWithLinks(text: string): string {
  const links = text.includes('http') ? (linkify.match(text) ?? []) : [];
  let html = '';
  let at = 0;
  for (const link of links) {
    if (link.schema !== 'http:' && link.schema !== 'https:') continue;
    html += escapeHtml(text.slice(at, link.index));
    html += `<a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a>`;
    at = link.lastIndex;
  }
  return html + escapeHtml(text.slice(at));
}
