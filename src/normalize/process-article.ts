import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { type ErrorName, GazetteError, type Location } from '../errors.ts';
import type { FrontMatter } from '../read/front-matter.ts';
import { parseArticle } from '../read/parse-article.ts';
import type { RawArticle } from '../read/read-articles.ts';
import type { Warning } from '../warnings.ts';
import { textHash } from './identity.ts';
import { normalizeEntry } from './normalize-entry.ts';

/**
 * What became of one article, as plain data: it crosses to and from worker threads and is
 * kept in the cache.
 */
export type Outcome =
  | {
      entry: Entry;
      frontMatter: FrontMatter;
      warnings: Warning[];
      /** The entry's `textHash`, computed once here rather than at every build. */
      textHash: string;
    }
  | {
      error: { name: ErrorName; message: string; location?: Location | undefined };
      warnings: Warning[];
    };

/** Parses and normalizes one article. Pure: the same article and config, the same outcome. */
export function processArticle(raw: RawArticle, config: ResolvedConfig): Outcome {
  const file = raw.displayPath;
  try {
    const { article, warnings } = parseArticle(raw.text, raw.path, file);
    const entry = normalizeEntry(article, raw, config);
    if (!entry) {
      return {
        error: { name: 'ArticleEmpty', message: 'the article has no text', location: { file } },
        warnings,
      };
    }
    return { entry, frontMatter: article.frontMatter, warnings, textHash: textHash(entry) };
  } catch (error) {
    if (!(error instanceof GazetteError)) throw error;
    return {
      error: { name: error.name, message: error.message, location: error.location },
      warnings: [],
    };
  }
}
