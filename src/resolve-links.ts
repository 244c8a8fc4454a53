import { posix } from 'node:path';
import type { Entry, EntryImage, HtmlLink, HtmlPart } from './entry.ts';
import type { LinkedFile, PublishedFile } from './read/read-linked-files.ts';
import type { Warning } from './warnings.ts';

/**
 * Where the URLs articles write lead, once the build knows every entry and every file: a local
 * file becomes the URL of its copy in the output (`files/` and its path in the input folder), a
 * link to another article's file that entry's URL; other URLs stay as written, to be read
 * relative to the entry's. Pure: the files were looked up by `readLinkedFiles`.
 */

/** The output folder's copies of the input's files live under this path. */
export const publishedFolder = 'files';

/** What a URL written in an article names in the input folder. */
type Target =
  /** Not a path in the folder: a URL with a scheme, an anchor, a query. */
  undefined | { outside: true } | { path: string; suffix: string };

/** The input-relative path a URL written in the article at `articlePath` names. */
function targetOf(url: string, articlePath: string): Target {
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|^[#?]/i.test(url) || url === '') return undefined;
  const cut = url.search(/[?#]/);
  const written = cut < 0 ? url : url.slice(0, cut);
  // A fragment stays on the URL the link leads to; a query means nothing to a file.
  const hash = url.indexOf('#');
  const suffix = hash < 0 ? '' : url.slice(hash);
  let decoded: string;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    return undefined;
  }
  const from = decoded.startsWith('/') ? '.' : posix.dirname(articlePath);
  const path = posix.normalize(posix.join(from, decoded.replace(/^\/+/, '')));
  if (path === '..' || path.startsWith('../')) return { outside: true };
  if (path === '.' || path.endsWith('/')) return undefined;
  return { path, suffix };
}

/** The URLs of an entry that may name files: its HTML's links and pictures, and its picture. */
function urlsOf(entry: Entry): string[] {
  const urls: string[] = [];
  for (const part of entry.html ?? []) if (typeof part !== 'string') urls.push(urlOf(part));
  if (entry.image) urls.push(entry.image.url);
  return urls;
}

const urlOf = (link: HtmlLink) => ('href' in link ? link.href : link.src);

/** The files of the input folder the entries name, besides articles: what to look up. */
export function linkedPaths(entries: Entry[], articles: ReadonlySet<string>): string[] {
  const paths = new Set<string>();
  for (const entry of entries) {
    for (const url of urlsOf(entry)) {
      const target = targetOf(url, entry.path);
      if (target && 'path' in target && !articles.has(target.path)) paths.add(target.path);
    }
  }
  return [...paths];
}

export interface LinkContext {
  siteUrl: string;
  /** Every article file of the input folder, published or not. */
  articles: ReadonlySet<string>;
  /** The looked-up files that `linkedPaths` named. */
  files: ReadonlyMap<string, LinkedFile>;
  /** An article's path as messages show it. */
  displayOf: (path: string) => string;
}

export interface ResolvedLinks {
  /** The entries, each URL it names that leads to a file or an entry made absolute. */
  entries: Entry[];
  /** The files to copy into the output, by their path there. */
  published: Map<string, PublishedFile>;
  warnings: Warning[];
}

/** Resolves the URLs of every entry that names a file (see the module's comment). */
export function resolveLinks(entries: Entry[], context: LinkContext): ResolvedLinks {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const published = new Map<string, PublishedFile>();
  const warnings: Warning[] = [];
  const said = new Set<string>();
  const warn = (entry: Entry, line: number | undefined, message: string) => {
    // Once a file: the picture its HTML shows is often the entry's picture too.
    const key = `${entry.path}\0${message}`;
    if (said.has(key)) return;
    said.add(key);
    warnings.push({ message, location: { file: context.displayOf(entry.path), line } });
  };

  /**
   * The URL that `url`, written in `entry`, leads to, and the file it is when it is one; or
   * that it is left as written (read against the entry's URL), or left out (warned).
   */
  const resolve = (
    entry: Entry,
    url: string,
    line: number | undefined,
    picture: boolean,
  ): { url: string; file?: PublishedFile } | 'as written' | 'left out' => {
    const target = targetOf(url, entry.path);
    if (target === undefined) return 'as written';
    const what = picture ? 'the picture' : 'the link';
    const leftOut = (why: string) => {
      warn(entry, line, `${what} ${url} ${why}`);
      return 'left out' as const;
    };
    // Only what looks like a file is missed: `../about/` may well be a page of the site.
    const fileLike = picture || /\.\w+$/.test(url.replace(/[?#].*$/, ''));
    if ('outside' in target)
      return fileLike ? leftOut('is outside the input folder: not published') : 'as written';
    if (context.articles.has(target.path)) {
      if (picture) return leftOut('is an article, not a picture');
      const linked = byPath.get(target.path);
      if (linked) return { url: linked.url + target.suffix };
      return leftOut('leads to an article that is not published: the link is left out');
    }
    const file = context.files.get(target.path);
    if (!file || 'missing' in file)
      return fileLike ? leftOut('names no file of the input folder: left out') : 'as written';
    if ('refused' in file) return leftOut(`is not published: ${file.refused}`);
    if (picture && !file.type.startsWith('image/'))
      return leftOut(`is not a picture (${file.type})`);
    const at = `${publishedFolder}/${target.path}`;
    published.set(at, file);
    const path = at.split('/').map(encodeURIComponent).join('/');
    return { url: new URL(path, context.siteUrl).href + target.suffix, file };
  };

  const resolved = entries.map((entry) => {
    if (!entry.html && !entry.image) return entry;
    const html = entry.html?.map((part): HtmlPart => {
      if (typeof part === 'string') return part;
      const found = resolve(entry, urlOf(part), part.line, 'src' in part);
      if (found === 'as written') return part;
      // A picture without its file shows nothing; a link that leads nowhere is its text.
      if (found === 'left out') return '';
      if ('href' in part) return { ...part, href: found.url };
      const size =
        !part.sized && found.file ? { width: found.file.width, height: found.file.height } : {};
      return { ...part, src: found.url, ...size };
    });
    return { ...entry, html: html ?? null, image: entry.image && resolveImage(entry, entry.image) };
  });

  /** The entry's picture, absolute; none when it names a file that is not there. */
  function resolveImage(entry: Entry, image: EntryImage): EntryImage | null {
    const found = resolve(entry, image.url, image.line, true);
    if (found === 'left out') return null;
    if (found === 'as written') return image;
    const file = found.file;
    if (!file) return { ...image, url: found.url };
    return {
      ...image,
      url: found.url,
      width: file.width ?? image.width,
      height: file.height ?? image.height,
      type: file.type,
      length: file.size,
    };
  }

  return { entries: resolved, published, warnings };
}
