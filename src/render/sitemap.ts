import { escapeText, textElement, writeDocument, type XmlElement, xmlDeclaration } from './xml.ts';

/**
 * `sitemap.xml` (the sitemaps.org protocol): every page a search engine should index, with the
 * time of its last change; and `robots.txt`, which points to it. A site of more addresses than
 * one sitemap may hold is split into `sitemaps/<n>.xml`, which `sitemap.xml` then lists.
 */

/** A page's address and the time its content last changed (RFC 3339). */
export interface SitemapPage {
  url: string;
  lastmod?: string | undefined;
  /** Its element as `urlOf` writes it, when already written. */
  written?: string | undefined;
}

export const sitemapFile = 'sitemap.xml';
export const robotsFile = 'robots.txt';

/** The protocol's limit of addresses in one file. */
const perFile = 50_000;
const namespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The sitemap files, by path in the output folder. */
export function renderSitemaps(pages: SitemapPage[], siteUrl: string): Map<string, string> {
  const files = new Map<string, string>();
  if (pages.length <= perFile) {
    files.set(sitemapFile, urlSet(pages));
    return files;
  }
  const parts: SitemapPage[] = [];
  for (let start = 0, n = 1; start < pages.length; start += perFile, n++) {
    const slice = pages.slice(start, start + perFile);
    const path = `sitemaps/${n}.xml`;
    files.set(path, urlSet(slice));
    parts.push({ url: new URL(path, siteUrl).href, lastmod: newest(slice) });
  }
  const index: XmlElement = {
    name: 'sitemapindex',
    attributes: { xmlns: namespace },
    children: parts.map((part) => place('sitemap', part)),
  };
  files.set(sitemapFile, writeDocument(index));
  return files;
}

/** Lets every crawler in, and tells where the sitemap is. */
export function renderRobots(siteUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL(sitemapFile, siteUrl).href}\n`;
}

/**
 * A list of addresses, laid out as `writeDocument` lays out any element: written line by line,
 * since a site may have tens of thousands.
 */
function urlSet(pages: SitemapPage[]): string {
  const open = `${xmlDeclaration}\n<urlset xmlns="${namespace}">`;
  if (pages.length === 0) return `${open.slice(0, -1)}/>\n`;
  return `${open}${pages.map((page) => page.written ?? urlOf(page)).join('')}\n</urlset>\n`;
}

/** A page's `<url>` element, on its lines. */
export function urlOf({ url, lastmod }: SitemapPage): string {
  const modified = lastmod ? `\n        <lastmod>${escapeText(lastmod)}</lastmod>` : '';
  return `\n    <url>\n        <loc>${escapeText(url)}</loc>${modified}\n    </url>`;
}

function place(name: string, { url, lastmod }: SitemapPage): XmlElement {
  return {
    name,
    children: [textElement('loc', url), ...(lastmod ? [textElement('lastmod', lastmod)] : [])],
  };
}

/** The latest of the pages' times. */
function newest(pages: { lastmod?: string | undefined }[]): string | undefined {
  let latest: string | undefined;
  let at = Number.NEGATIVE_INFINITY;
  for (const { lastmod } of pages) {
    const time = lastmod ? Date.parse(lastmod) : Number.NaN;
    if (time > at) {
      at = time;
      latest = lastmod;
    }
  }
  return latest;
}
