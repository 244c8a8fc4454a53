import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../concurrency.ts';
import { GazetteError } from '../errors.ts';
import type { Warning } from '../warnings.ts';
import { decodeText } from './decode.ts';
import { readGitDates } from './git-dates.ts';
import { walkInput } from './walk.ts';

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

export interface ReadResult {
  articles: RawArticle[];
  errors: GazetteError[];
  warnings: Warning[];
}

/** Reads every article below `root`. Problems with single files are collected, not thrown. */
/**
 * Reads every article below `root`. Problems with single files are collected, not thrown.
 * Files larger than `maxBytes` are refused before they are read.
 */
export async function readArticles(
  root: string,
  displayRoot: string,
  maxBytes: number,
): Promise<ReadResult> {
  const { files, skipped } = await walkInput(root, displayRoot);
  const warnings: Warning[] = skipped.map((s) => ({
    message: `skipped: ${s.reason}`,
    location: { file: joinDisplay(displayRoot, s.path) },
  }));
  if (files.length === 0) {
    throw new GazetteError('InputEmpty', 'no .txt, .md or .markdown article in this folder', {
      file: displayRoot,
    });
  }
  const gitDates = await readGitDates(root);
  const errors: GazetteError[] = [];
  // Files are read a few dozen at a time: enough to keep the disk busy, few enough for memory.
  const results = await mapLimit(files, 32, (path) =>
    readOne(root, path, joinDisplay(displayRoot, path), maxBytes, gitDates.get(path)),
  );
  const articles: RawArticle[] = [];
  for (const result of results) {
    if ('error' in result) errors.push(result.error);
    else articles.push(result.article);
    if (result.warning) warnings.push(result.warning);
  }
  return { articles, errors, warnings };
}

type ReadOne = ({ article: RawArticle } | { error: GazetteError }) & { warning?: Warning };

async function readOne(
  root: string,
  path: string,
  file: string,
  maxBytes: number,
  committed: string | undefined,
): Promise<ReadOne> {
  const absolute = join(root, path);
  let bytes: Buffer;
  let modified: Date;
  try {
    const info = await stat(absolute);
    if (info.size > maxBytes) {
      const message = `the file is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} allowed`;
      return { error: new GazetteError('ArticleTooLarge', message, { file }) };
    }
    bytes = await readFile(absolute);
    modified = info.mtime;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      error: new GazetteError('ArticleUnreadable', `cannot read the file (${reason})`, { file }),
    };
  }
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'binary') {
    return {
      error: new GazetteError('ArticleBinary', 'the file holds binary data, not text', { file }),
    };
  }
  const article = { path, displayPath: file, text: decoded.text, committed, modified };
  if (decoded.encoding === 'windows-1252') {
    const message = 'not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 to silence this.';
    return { article, warning: { message, location: { file } } };
  }
  if (decoded.encoding === 'utf-8-repaired') {
    const message =
      'invalid UTF-8 bytes, each replaced by \uFFFD (�). Fix the file to keep its text intact.';
    return { article, warning: { message, location: { file, line: decoded.line } } };
  }
  return { article };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function joinDisplay(root: string, path: string): string {
  return root === '.' ? path : `${root.replace(/\/+$/, '')}/${path}`;
}
