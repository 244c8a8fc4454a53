import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../config.ts';
import { Locales } from '../normalize/locales.ts';
import { noPageRules, type PageRules } from '../normalize/page/page-reading.ts';
import { createPageRules } from '../normalize/page/page-rules.ts';
import type { RawArticle } from '../read/read-articles.ts';
import { mjmlCompiler } from '../render/mjml.ts';
import type { KeptFile } from '../render/output-file.ts';
import { linkKept } from '../write/write-output.ts';

/** A job for a worker thread of the pool. */
export type WorkerJob = { id: number } & (
  | {
      articles: RawArticle[];
      config: ResolvedConfig;
      /** The folder's learned lines, when they differ from the last job's. */
      learned?: string[] | undefined;
    }
  | { mjml: string }
  | { link: { from: string; to: string | undefined; files: KeptFile[] } }
);

/**
 * The normalizer, loaded as the thread starts (language models, stopword lists, Markdown: about
 * a quarter of a second, while the build lists its folder); a thread started only to compile
 * MJML (`workerData.normalizes` false) loads it if ever given articles.
 */
let normalizer =
  workerData?.normalizes === false ? undefined : import('../normalize/process-article.ts');

/** The page rules of the last job that brought learned lines: the next ones apply them too. */
let rules: PageRules = noPageRules;

/** What this thread learns of its articles' languages, for as long as it runs. */
const locales = new Locales();

/**
 * A worker thread of the normalizing pool: articles in, outcomes out, in order. Kept between
 * builds (`--watch`), it also compiles the digest's MJML while the main thread writes the feeds,
 * and links the unchanged files into the new output while the main thread writes the others.
 */
parentPort?.on('message', async (job: WorkerJob) => {
  try {
    if ('mjml' in job) {
      parentPort?.postMessage({ id: job.id, mjml: await mjmlCompiler(job.mjml) });
      return;
    }
    if ('link' in job) {
      const { from, to, files } = job.link;
      parentPort?.postMessage({ id: job.id, linked: linkKept(from, to, files) });
      return;
    }
    // Taken before waiting for the normalizer: a later job may bring other rules meanwhile.
    if (job.learned) rules = createPageRules(job.config.boilerplate, new Set(job.learned));
    const jobRules = rules;
    normalizer ??= import('../normalize/process-article.ts');
    const { processArticle } = await normalizer;
    const outcomes = job.articles.map((raw) => processArticle(raw, job.config, locales, jobRules));
    parentPort?.postMessage({ id: job.id, outcomes });
  } catch (error) {
    parentPort?.postMessage({
      id: job.id,
      failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
