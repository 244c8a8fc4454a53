import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from './config.ts';
import { type Outcome, processArticle } from './normalize/process-article.ts';
import type { RawArticle } from './read/read-articles.ts';

/** Below this many articles, starting threads costs more than it saves. */
const parallelFrom = 200;
const batchSize = 50;

/**
 * Normalizes articles on every core (cold builds of many articles): this thread and one worker
 * thread per other core take batches in turn; with few articles, this thread alone. Outcomes
 * come back in the order of `articles`.
 */
export async function normalizeAll(
  articles: RawArticle[],
  config: ResolvedConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<Outcome[]> {
  const threads = Math.min(availableParallelism(), Math.ceil(articles.length / batchSize));
  if (articles.length < parallelFrom || threads < 2) {
    return articles.map((raw, i) => {
      if (i % batchSize === 0) onProgress?.(i, articles.length);
      return processArticle(raw, config);
    });
  }
  let done = 0;
  const outcomes = new Array<Outcome>(articles.length);
  const batches: { start: number; articles: RawArticle[] }[] = [];
  for (let start = 0; start < articles.length; start += batchSize) {
    batches.push({ start, articles: articles.slice(start, start + batchSize) });
  }
  const workers = Array.from({ length: threads - 1 }, startWorker);
  const store = (start: number, results: Outcome[]) => {
    results.forEach((outcome, i) => {
      outcomes[start + i] = outcome;
    });
    done += results.length;
    onProgress?.(done, articles.length);
  };
  try {
    await Promise.all([
      ...workers.map(async (worker) => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          const current = batch;
          const result = await new Promise<{ outcomes?: Outcome[]; failure?: string }>(
            (resolve, reject) => {
              worker.once('error', reject);
              worker.once('message', (message) => {
                worker.off('error', reject);
                resolve(message);
              });
              worker.postMessage({ id: current.start, articles: current.articles, config });
            },
          );
          if (result.failure || !result.outcomes)
            throw new Error(`normalizing failed: ${result.failure}`);
          store(current.start, result.outcomes);
        }
      }),
      (async () => {
        // This thread's share, a batch at a time, letting the workers' replies in between.
        await new Promise((resolve) => setImmediate(resolve));
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          store(
            batch.start,
            batch.articles.map((raw) => processArticle(raw, config)),
          );
          await new Promise((resolve) => setImmediate(resolve));
        }
      })(),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}

const workerUrl = new URL(
  `./normalize-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * A worker thread running the normalizer. Run from TypeScript sources, the thread first loads
 * tsx itself: Node 20 does not apply the parent's `--import` hooks to a worker's entry file.
 */
function startWorker(): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(code, { eval: true });
}
