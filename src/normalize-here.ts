import type { ResolvedConfig } from './config.ts';
import { createPageRules } from './normalize/page/page-rules.ts';
import { type Outcome, processArticle } from './normalize/process-article.ts';
import type { Normalizer } from './ports.ts';
import { type ArticleQueue, queueOf } from './read/article-queue.ts';
import type { RawArticle } from './read/read-articles.ts';

/** Normalizes on this thread, article after article: a build without the engine's threads. */
export const normalizeHere: Normalizer = {
  async normalizeAll(articles: RawArticle[] | ArticleQueue, config: ResolvedConfig, options = {}) {
    const rules = createPageRules(config.boilerplate, options.learned);
    const queue = Array.isArray(articles) ? queueOf(articles) : articles;
    const outcomes: Outcome[] = [];
    for (let job = await queue.take(); job; job = await queue.take()) {
      const { start, batch } = job;
      batch.forEach((raw, i) => {
        outcomes[start + i] = processArticle(raw, config, rules);
      });
      options.onProgress?.(outcomes.length, Math.max(options.count ?? 0, outcomes.length));
    }
    return outcomes;
  },
};
