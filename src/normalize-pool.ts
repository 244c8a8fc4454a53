import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from './config.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { RawArticle } from './read/read-articles.ts';

/** Below this many articles, this thread joins in only when no worker thread is running. */
const parallelFrom = 200;
const batchSize = 50;

export interface Normalizer {
  /** Outcomes of the articles, in their order. */
  normalizeAll(
    articles: RawArticle[],
    config: ResolvedConfig,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Outcome[]>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * A pool that normalizes articles on every core. Its first worker thread starts at once and
 * loads the normalizer (language models, stopword lists, Markdown: about a quarter of a second)
 * on another core while the build lists its folder and opens its cache: when one article
 * changed, it is ready by the time the build knows which. Many articles (a cold build) go in
 * batches to this thread and one worker per other core; a few go to the first worker alone.
 */
export function createNormalizer(): Normalizer {
  const cores = availableParallelism();
  const workers: Worker[] = [];
  const add = () => {
    const worker = startWorker();
    workers.push(worker);
    // A worker that fails or stops leaves the work to the others, or to this thread.
    const remove = () => {
      const at = workers.indexOf(worker);
      if (at >= 0) workers.splice(at, 1);
    };
    worker.once('error', remove);
    worker.once('exit', remove);
  };
  // Run from TypeScript sources, a worker first compiles the normalizer: not worth it ahead.
  if (cores > 1 && !workerUrl.pathname.endsWith('.ts')) add();
  return {
    async normalizeAll(articles, config, onProgress) {
      if (articles.length === 0) return [];
      const batches: { start: number; articles: RawArticle[] }[] = [];
      for (let start = 0; start < articles.length; start += batchSize)
        batches.push({ start, articles: articles.slice(start, start + batchSize) });
      const threads = Math.min(cores, batches.length);
      if (articles.length >= parallelFrom) while (workers.length < threads - 1) add();
      const useThisThread = workers.length === 0 || articles.length >= parallelFrom;
      const outcomes = new Array<Outcome>(articles.length);
      let done = 0;
      const store = (start: number, results: Outcome[]) => {
        results.forEach((outcome, i) => {
          outcomes[start + i] = outcome;
        });
        done += results.length;
        onProgress?.(done, articles.length);
      };
      await Promise.all([
        // Two batches in flight on each worker: it starts the next without waiting for this
        // thread, busy with its own batch, to hand it one.
        ...workers.flatMap((worker) =>
          [0, 1].map(async () => {
            for (let batch = batches.shift(); batch; batch = batches.shift())
              store(batch.start, await normalizeOn(worker, batch, config));
          }),
        ),
        useThisThread
          ? (async () => {
              const { processArticle } = await import('./normalize/process-article.ts');
              // This thread's share, a batch at a time, letting the workers' replies in between.
              await new Promise((resolve) => setImmediate(resolve));
              for (let batch = batches.shift(); batch; batch = batches.shift()) {
                store(
                  batch.start,
                  batch.articles.map((raw) => processArticle(raw, config)),
                );
                await new Promise((resolve) => setImmediate(resolve));
              }
            })()
          : undefined,
      ]);
      return outcomes;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Replies awaited from each worker, by job id; ids are never reused. */
let nextJob = 0;
const awaited = new WeakMap<Worker, Map<number, PromiseWithResolvers<Outcome[]>>>();

function normalizeOn(
  worker: Worker,
  batch: { start: number; articles: RawArticle[] },
  config: ResolvedConfig,
): Promise<Outcome[]> {
  let jobs = awaited.get(worker);
  if (!jobs) {
    const pending = new Map<number, PromiseWithResolvers<Outcome[]>>();
    worker.on('message', (result: { id: number; outcomes?: Outcome[]; failure?: string }) => {
      const job = pending.get(result.id);
      pending.delete(result.id);
      // An idle worker does not keep the process alive.
      if (pending.size === 0) worker.unref();
      if (result.failure || !result.outcomes)
        job?.reject(new Error(`normalizing failed: ${result.failure}`));
      else job?.resolve(result.outcomes);
    });
    const fail = (error: unknown) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`a normalizing thread stopped (exit code ${code})`)),
    );
    awaited.set(worker, pending);
    jobs = pending;
  }
  const job = promiseWithResolvers<Outcome[]>();
  const id = nextJob++;
  jobs.set(id, job);
  worker.ref();
  worker.postMessage({ id, articles: batch.articles, config });
  return job.promise;
}

interface PromiseWithResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** `Promise.withResolvers`, which Node 20 lacks. */
function promiseWithResolvers<T>(): PromiseWithResolvers<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
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
  const worker = createWorker();
  // Idle until given a job: it does not keep the process alive meanwhile.
  worker.unref();
  return worker;
}

function createWorker(): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(code, { eval: true });
}
