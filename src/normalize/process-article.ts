import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { type ErrorName, GazetteError, type Location } from '../errors.ts';
import type { FrontMatter } from '../read/front-matter.ts';
import { parseArticle } from '../read/parse-article.ts';
import type { RawArticle } from '../read/read-articles.ts';
import type { Warning } from '../warnings.ts';
import { sourceHash } from './identity.ts';
import type { Locales } from './locales.ts';
import { normalizeEntry } from './normalize-entry.ts';
import { appliedLearned } from './page/learn-lines.ts';
import { noPageRules, type PageReading, type PageRules } from './page/page-reading.ts';

/**
 * What an article adds to what its folder learns, and what it took from it: the outcome is a
 * function of the article, the config and `learned`.
 */
export interface LineFingerprints {
  /** Fingerprints of the lines of a saved page, each once (none for a Markdown article). */
  lines: string[];
  /** Those of `lines` that the folder's learned lines held when the page was read. */
  learned: string[];
}

/**
 * What became of one article, as plain data: it crosses to and from worker threads and is
 * kept in the cache.
 */
export type Outcome = LineFingerprints &
  (
    | {
        entry: Entry;
        frontMatter: FrontMatter;
        warnings: Warning[];
        /** The article's `sourceHash`, of the text as read: what moves `updated`. */
        sourceHash: string;
      }
    | {
        error: { name: ErrorName; message: string; location?: Location | undefined };
        warnings: Warning[];
      }
  );

/**
 * Parses and normalizes one article. Pure: the same article, config and rules, the same outcome;
 * of the rules' learned lines, only those the article has count. `locales` is the memo of the
 * build (or session, or worker thread) that asks. `onPage` is shown the page as the entry was
 * made from it.
 */
export function processArticle(
  raw: RawArticle,
  config: ResolvedConfig,
  locales: Locales,
  rules: PageRules = noPageRules,
  onPage?: (page: PageReading, pageText: boolean) => void,
): Outcome {
  const file = raw.displayPath;
  const seen: LineFingerprints = { lines: [], learned: [] };
  try {
    const { article, warnings } = parseArticle(raw.text, raw.path, file);
    let entry = normalizeEntry(article, raw, config, locales, rules, (page, pageText) => {
      onPage?.(page, pageText);
      // A Markdown article's own lines are the author's: they neither teach nor learn.
      if (!pageText) return;
      seen.lines = page.fingerprints;
      seen.learned = appliedLearned(seen.lines, rules.learned);
    });
    // A page made only of lines its folder repeats (a folder of one-line notes) is not all
    // furniture: what the folder taught is no reason to lose an article.
    if (!entry && seen.learned.length > 0)
      entry = normalizeEntry(
        article,
        raw,
        config,
        locales,
        { ...rules, learned: new Set() },
        onPage,
      );
    if (!entry) {
      return {
        error: { name: 'ArticleEmpty', message: 'the article has no text', location: { file } },
        warnings,
        ...seen,
      };
    }
    return {
      entry,
      frontMatter: article.frontMatter,
      warnings,
      sourceHash: sourceHash(raw.text),
      ...seen,
    };
  } catch (error) {
    if (!(error instanceof GazetteError)) throw error;
    return {
      error: { name: error.name, message: error.message, location: error.location },
      warnings: [],
      ...seen,
    };
  }
}
