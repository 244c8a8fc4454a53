import type { ResolvedConfig } from './config.ts';
import { Locales } from './normalize/locales.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { Normalizer } from './ports.ts';
import { type ArticleQueue, queueOf } from './read/article-queue.ts';
import type { RawArticle } from './read/read-articles.ts';

/**
 * Normalizes on this thread, article after article: a build without the engine's threads. The
 * normalizer (language models, stopword lists) loads when first given articles, so that a
 * command that normalizes nothing here never loads it.
 */
export const normalizeHere: Normalizer = {
  async normalizeAll(articles: RawArticle[] | ArticleQueue, config: ResolvedConfig, options = {}) {
    const queue = Array.isArray(articles) ? queueOf(articles) : articles;
    const outcomes: Outcome[] = [];
    const first = await queue.take();
    if (!first) return outcomes;
    const [{ processArticle }, { createPageRules }] = await Promise.all([
      import('./normalize/process-article.ts'),
      import('./normalize/page/page-rules.ts'),
    ]);
    const rules = createPageRules(config.boilerplate, options.learned);
    // What this build learns of its languages, for its own articles only.
    const locales = new Locales();
    for (let job: typeof first | undefined = first; job; job = await queue.take()) {
      const { start, batch } = job;
      batch.forEach((raw, i) => {
        outcomes[start + i] = processArticle(raw, config, locales, rules);
      });
      options.onProgress?.(outcomes.length, Math.max(options.count ?? 0, outcomes.length));
    }
    return outcomes;
  },
};
