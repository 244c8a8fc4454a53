import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { simpleParser } from 'mailparser';

/** The subscription service's addresses: answered by `gazette listen`, not files of out/. */
const serviceEndpoint = /^(unsubscribe|subscribe|confirm|preferences)(\/|$|\?)/;

/** Every file of a folder, by path relative to it. */
export async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The text of an output file as a reader's program sees it: a message's parts decoded. */
async function readable(path: string): Promise<string> {
  if (extname(path) !== '.eml') return readFile(path, 'utf8');
  const mail = await simpleParser(await readFile(path));
  const headers = [...mail.headerLines].map((line) => line.line).join('\n');
  return [headers, mail.html || '', mail.text || ''].join('\n');
}

/**
 * Every address inside the site (under `siteUrl`) written in the pages, feeds, digest and
 * message of an output folder that leads to no file of it: `document: url` for each.
 */
export async function brokenLinks(outDir: string, siteUrl: string): Promise<string[]> {
  const escaped = siteUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`${escaped}[^\\s"'<>\\\\)\\]]*`, 'g');
  const broken = new Set<string>();
  for (const document of await filesOf(outDir)) {
    if (!['.html', '.xml', '.json', '.txt', '.eml'].includes(extname(document))) continue;
    const text = (await readable(join(outDir, document)))
      .replaceAll('\\/', '/')
      .replaceAll('&amp;', '&');
    for (const [match] of text.matchAll(pattern)) {
      // A sentence may end right after an address, in the text part.
      const url = match.replace(/[.,;:!?]+$/, '');
      const path = decodeURIComponent(new URL(url).pathname).slice(
        new URL(siteUrl).pathname.length,
      );
      if (serviceEndpoint.test(path)) continue;
      const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
      if (!existsSync(join(outDir, file))) broken.add(`${document}: ${url}`);
    }
  }
  return [...broken];
}
