import { GazetteError } from '../../errors.ts';
import { parseArticle } from '../../read/parse-article.ts';
import type { RawArticle } from '../../read/read-articles.ts';
import { readParagraphs } from '../paragraphs.ts';
import { pageFingerprints } from './learn-lines.ts';

/**
 * The fingerprints an article's outcome will hold as its `lines`, found without normalizing it:
 * its paragraphs, when it is page text, as page reading gets them. None for an article that
 * cannot be parsed, or whose lines are the author's (Markdown).
 */
export function articleLines(raw: RawArticle): string[] {
  try {
    const { article } = parseArticle(raw.text, raw.path, raw.displayPath);
    const { paragraphs, pageText } = readParagraphs(article.body, article.format);
    return pageText ? pageFingerprints(paragraphs) : [];
  } catch (error) {
    if (error instanceof GazetteError) return [];
    throw error;
  }
}
