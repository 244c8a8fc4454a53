import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
  const articles: RawArticle[] = [];
  for (const path of files) {
    const file = joinDisplay(displayRoot, path);
    const absolute = join(root, path);
    let bytes: Buffer;
    let modified: Date;
    try {
      const info = await stat(absolute);
      if (info.size > maxBytes) {
        errors.push(
          new GazetteError(
            'ArticleTooLarge',
            `the file is ${megabytes(info.size)}, more than the ${megabytes(maxBytes)} allowed`,
            { file },
          ),
        );
        continue;
      }
      bytes = await readFile(absolute);
      modified = info.mtime;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      errors.push(
        new GazetteError('ArticleUnreadable', `cannot read the file (${reason})`, { file }),
      );
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.encoding === 'binary') {
      errors.push(
        new GazetteError('ArticleBinary', 'the file holds binary data, not text', { file }),
      );
      continue;
    }
    if (decoded.encoding === 'windows-1252') {
      warnings.push({
        message: 'not UTF-8; read as Windows-1252 (Latin-1). Save it as UTF-8 to silence this.',
        location: { file },
      });
    }
    if (decoded.encoding === 'utf-8-repaired') {
      warnings.push({
        message:
          'invalid UTF-8 bytes, each replaced by \uFFFD (�). Fix the file to keep its text intact.',
        location: { file, line: decoded.line },
      });
    }
    articles.push({
      path,
      displayPath: file,
      text: decoded.text,
      committed: gitDates.get(path),
      modified,
    });
  }
  return { articles, errors, warnings };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function joinDisplay(root: string, path: string): string {
  return root === '.' ? path : `${root.replace(/\/+$/, '')}/${path}`;
}
