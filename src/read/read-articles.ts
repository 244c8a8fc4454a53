import { readFile } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GazetteError } from '../errors.ts';
import type { Warning } from '../warnings.ts';
import { decodeText } from './decode.ts';
import { gitStateKey, readGitDates } from './git-dates.ts';
import { notAnArticle, type WalkedFile, type WalkResult, walkAgain, walkInput } from './walk.ts';

/** An article file as read from disk, before any parsing. */
export interface RawArticle {
  /** Path relative to the input folder, `/`-separated. */
  path: string;
  /** Path as shown to the user in messages. */
  displayPath: string;
  text: string;
  /** Last commit date (ISO 8601) when the file is in a git repository. */
  committed: string | undefined;
  /** The file's modification time. */
  modified: Date;
}

/** An article file found in the input folder, not read yet. */
export interface ArticleFile {
  /** Path relative to the input folder, `/`-separated. */
  path: string;
  /** Path as shown to the user in messages. */
  displayPath: string;
  /** Last commit date (ISO 8601) when the file is in a git repository. */
  committed: string | undefined;
  size: number;
  modified: Date;
  /** Why the file cannot be read, when the listing found it out: a link leading nowhere. */
  unreadable?: string | undefined;
  /**
   * The file's state as the folder listing saw it (size, times, inode, place, commit): equal
   * stamps mean an unchanged file, which need not be read again.
   */
  stamp: string;
}

export interface ListResult {
  files: ArticleFile[];
  warnings: Warning[];
}

/**
 * A folder's listing kept from one build to the next in the same process (`--watch`), where
 * a watcher tells which files changed: only those are looked at again, and the git dates are
 * read again only after a commit.
 */
export interface KeptListing {
  /** The last listing, of which folder, with the state of git then. */
  last?: {
    root: string;
    walk: WalkResult;
    gitKey: string | undefined;
    gitDates: Map<string, string>;
  };
  /** Files changed since, by path relative to the folder. */
  changed: Set<string>;
  /** Whether only a whole new listing can follow what happened (a folder came or went). */
  whole: boolean;
}

export function createKeptListing(): KeptListing {
  return { changed: new Set(), whole: true };
}

/**
 * A text in a format Gazette does not read, likely an article saved the wrong way: worth a
 * warning. Other files beside the articles (their pictures, attachments) are theirs to use.
 */
const textDocument = /\.(?:html?|xhtml|rtf|text|rst|adoc|mdx|mdown|mkdn?|mkd)$/i;

/** Lists every article below `root` with its dates, without reading any. */
export async function listArticles(
  root: string,
  displayRoot: string,
  kept?: KeptListing,
): Promise<ListResult> {
  const last = kept?.last?.root === root && !kept.whole ? kept.last : undefined;
  const again = last && kept ? walkAgain(root, last.walk, kept.changed) : undefined;
  const gitKey = kept && gitStateKey(root);
  const sameGit = gitKey !== undefined && last?.gitKey === gitKey;
  // What the watcher tells from now on is for the next listing, even if this one saw it too.
  if (kept) [kept.changed, kept.whole] = [new Set(), false];
  let walk: WalkResult;
  let gitDates: Map<string, string>;
  try {
    [walk, gitDates] = await Promise.all([
      again ?? walkInput(root, displayRoot),
      sameGit ? last.gitDates : readGitDates(root),
    ]);
  } catch (error) {
    if (kept) kept.whole = true;
    throw error;
  }
  if (kept) kept.last = { root, walk, gitKey, gitDates };
  const { files, skipped } = walk;
  const warnings: Warning[] = skipped
    .filter((s) => s.reason !== notAnArticle || textDocument.test(s.path))
    .map((s) => ({
      message: `skipped: ${s.reason}`,
      location: { file: joinDisplay(displayRoot, s.path) },
    }));
  if (files.length === 0) {
    throw new GazetteError('InputEmpty', 'no .txt, .md or .markdown article in this folder', {
      file: displayRoot,
    });
  }
  return { files: files.map((f) => articleFile(f, displayRoot, gitDates.get(f.path))), warnings };
}

// A file the listing found unchanged is the same object: it is described once, while it is
// shown and dated the same.
const described = new WeakMap<WalkedFile, ArticleFile>();

function articleFile(f: WalkedFile, displayRoot: string, committed: string | undefined) {
  const displayPath = joinDisplay(displayRoot, f.path);
  const known = described.get(f);
  if (known?.displayPath === displayPath && known.committed === committed) return known;
  const file: ArticleFile = {
    path: f.path,
    displayPath,
    committed,
    size: f.size,
    modified: new Date(f.mtimeMs),
    unreadable: f.unreadable,
    stamp: [
      displayPath,
      f.size,
      f.mtimeMs,
      f.ctimeMs,
      f.ino,
      committed ?? '',
      f.unreadable ?? '',
    ].join('\0'),
  };
  described.set(f, file);
  return file;
}

type ReadOne = ({ article: RawArticle } | { error: GazetteError }) & { warning?: Warning };

/** Reads and decodes one listed article; files larger than `maxBytes` are refused unread. */
export async function readArticle(
  root: string,
  file: ArticleFile,
  maxBytes: number,
): Promise<ReadOne> {
  const { path, displayPath, committed, modified } = file;
  const location = { file: displayPath };
  if (file.unreadable !== undefined) {
    const message = `cannot read the file: it is a ${file.unreadable}`;
    return { error: new GazetteError('ArticleUnreadable', message, location) };
  }
  if (file.size > maxBytes) {
    const message = `the file is ${megabytes(file.size)}, more than the ${megabytes(maxBytes)} allowed`;
    return { error: new GazetteError('ArticleTooLarge', message, location) };
  }
  let bytes: Buffer;
  try {
    bytes = await readBytes(join(root, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      error: new GazetteError('ArticleUnreadable', `cannot read the file (${reason})`, location),
    };
  }
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'binary') {
    return {
      error: new GazetteError('ArticleBinary', 'the file holds binary data, not text', location),
    };
  }
  const article = { path, displayPath, text: decoded.text, committed, modified };
  if (decoded.encoding === 'windows-1252') {
    const message = 'not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 to silence this.';
    return { article, warning: { message, location } };
  }
  if (decoded.encoding === 'utf-8-repaired' || decoded.encoding === 'utf-16-repaired') {
    const name = decoded.encoding === 'utf-8-repaired' ? 'UTF-8' : 'UTF-16';
    const message = `invalid ${name} bytes, each replaced by \uFFFD (�). Fix the file to keep its text intact.`;
    return { article, warning: { message, location: { ...location, line: decoded.line } } };
  }
  return { article };
}

/**
 * A whole file's bytes, with the callback form of `readFile`: lighter than the promise form,
 * which makes a file handle and a promise for each step; and not synchronous, which is quicker
 * from the system's cache but waits on the disk one file at a time (README, Performance).
 */
const readBytes = promisify(readFile);

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function joinDisplay(root: string, path: string): string {
  return root === '.' ? path : `${root.replace(/\/+$/, '')}/${path}`;
}
