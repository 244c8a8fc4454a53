import { createHash } from 'node:crypto';
import { keptIfSame, type OutputFile, type OutputReuse } from './output-file.ts';
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
const urlSetOpen = `${xmlDeclaration}\n<urlset xmlns="${namespace}">`;
const urlSetClose = '\n</urlset>\n';

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

/**
 * The sitemap's files as output files. One file is made of blocks of pages: a block is laid out
 * again only when one of its pages is another object (a page's place is never changed in
 * place), so that a rebuild after one edit (`--watch`) lays out one block, not tens of thousands
 * of lines. Its key is a hash of its blocks' hashes: the same bytes, the same key.
 */
export function sitemapFiles(
  pages: SitemapPage[],
  siteUrl: string,
  reuse: OutputReuse | undefined,
): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>();
  if (pages.length === 0 || pages.length > perFile) {
    for (const [path, text] of renderSitemaps(pages, siteUrl))
      files.set(path, keptIfSame(path, text, reuse));
    return files;
  }
  const chunks: Uint8Array[] = [Buffer.from(urlSetOpen)];
  const hash = createHash('sha256').update(urlSetOpen);
  for (let at = 0; at < pages.length; at += blockSize) {
    const block = blockOf(pages.slice(at, at + blockSize));
    chunks.push(block.bytes);
    hash.update(block.hash);
  }
  chunks.push(Buffer.from(urlSetClose));
  const key = hash.update(urlSetClose).digest('base64');
  const kept = reuse?.keep(sitemapFile, key);
  files.set(sitemapFile, kept ? { kept, key } : { chunks, key });
  return files;
}

/** Pages a block of the sitemap holds. */
const blockSize = 128;

interface Block {
  pages: SitemapPage[];
  bytes: Buffer;
  hash: string;
}

/** The last block laid out from each first page. */
const blocks = new WeakMap<SitemapPage, Block>();

function blockOf(pages: SitemapPage[]): Block {
  const first = pages[0] as SitemapPage;
  const last = blocks.get(first);
  if (last && last.pages.length === pages.length && last.pages.every((p, i) => p === pages[i]))
    return last;
  const bytes = Buffer.from(pages.map((page) => page.written ?? urlOf(page)).join(''));
  const block = { pages, bytes, hash: createHash('sha256').update(bytes).digest('base64') };
  blocks.set(first, block);
  return block;
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
  if (pages.length === 0) return `${urlSetOpen.slice(0, -1)}/>\n`;
  return `${urlSetOpen}${pages.map((page) => page.written ?? urlOf(page)).join('')}${urlSetClose}`;
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
