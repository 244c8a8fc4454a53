import { parentPort } from 'node:worker_threads';
import type { ResolvedConfig } from './config.ts';
import { processArticle } from './normalize/process-article.ts';
import type { RawArticle } from './read/read-articles.ts';

/** A worker thread of the normalizing pool: articles in, outcomes out, in order. */
parentPort?.on('message', (job: { id: number; articles: RawArticle[]; config: ResolvedConfig }) => {
  try {
    const outcomes = job.articles.map((raw) => processArticle(raw, job.config));
    parentPort?.postMessage({ id: job.id, outcomes });
  } catch (error) {
    parentPort?.postMessage({
      id: job.id,
      failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
