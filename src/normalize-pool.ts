import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from './config.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { WorkerJob } from './normalize-worker.ts';
import type { RawArticle } from './read/read-articles.ts';
import { type MjmlCompiler, type MjmlResult, mjmlCompiler } from './render/mjml.ts';
import { type Linker, linkKept } from './write.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Below this many articles, this thread joins in only when no worker thread is running. */
const parallelFrom = 200;
/** Articles in a batch, and characters of text: a larger article goes alone. */
const batchSize = 50;
const batchChars = 2_000_000;
/**
 * A worker thread's old generation, in megabytes. The normalizer holds about 70 MB (language
 * models, the words it has read, its code), MJML about 40 more; left to itself, V8 lets the
 * garbage of tens of thousands of articles grow to three times that before collecting it, in
 * every worker at once. A job that needs more (an article of tens of megabytes) stops its
 * worker, and is done on this thread instead.
 */
const workerHeapMb = 192;

export interface Normalizer {
  /**
   * Outcomes of the articles, in their order. `apart`: on worker threads only, one per core,
   * so that this thread's memory holds the outcomes and none of the normalizer's garbage.
   */
  normalizeAll(
    articles: RawArticle[],
    config: ResolvedConfig,
    onProgress?: (done: number, total: number) => void,
    apart?: boolean,
  ): Promise<Outcome[]>;
  /** Compiles MJML on a worker thread when there is one, else on this thread. */
  compileMjml: MjmlCompiler;
  /** Links the previous output's unchanged files, on a worker thread when there is one. */
  linkKept: Linker;
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
export function createNormalizer({ heapMb = workerHeapMb }: { heapMb?: number } = {}): Normalizer {
  const cores = availableParallelism();
  const lanes: Lane[] = [];
  // A worker that fails or stops leaves the work to the others, or to this thread.
  const add = () => {
    const lane = startLane(heapMb, () => {
      const at = lanes.indexOf(lane);
      if (at >= 0) lanes.splice(at, 1);
    });
    lanes.push(lane);
  };
  // Run from TypeScript sources, a worker first compiles the normalizer: not worth it ahead.
  if (cores > 1 && !workerUrl.pathname.endsWith('.ts')) add();
  return {
    async normalizeAll(articles, config, onProgress, apart = false) {
      if (articles.length === 0) return [];
      const batches = batchesOf(articles);
      const threads = Math.min(cores, batches.length);
      const workers = apart ? threads : threads - 1;
      if (articles.length >= parallelFrom) while (lanes.length < workers) add();
      const useThisThread = lanes.length === 0 || (articles.length >= parallelFrom && !apart);
      const outcomes = new Array<Outcome>(articles.length);
      let next = 0;
      let done = 0;
      /** The next batch, with where its outcomes go. */
      const take = () => batches[next++];
      const here = async (batch: RawArticle[]) => {
        const { processArticle } = await import('./normalize/process-article.ts');
        return batch.map((raw) => processArticle(raw, config));
      };
      const store = (start: number, results: Outcome[]) => {
        results.forEach((outcome, i) => {
          outcomes[start + i] = outcome;
        });
        done += results.length;
        onProgress?.(done, articles.length);
      };
      await Promise.all([
        // Two batches in flight on each worker: it starts the next without waiting for this
        // thread, busy with its own batch, to hand it one. A worker gone (out of memory, or
        // stopped) leaves its batches to this thread.
        ...lanes.flatMap((lane) =>
          [0, 1].map(async () => {
            for (let job = take(); job; job = take()) {
              const results = lanes.includes(lane)
                ? await lane.normalize(job.batch, config).catch((error: unknown) => {
                    if (lanes.includes(lane)) throw error;
                  })
                : undefined;
              store(job.start, results ?? (await here(job.batch)));
            }
          }),
        ),
        useThisThread
          ? (async () => {
              // This thread's share, a batch at a time, letting the workers' replies in between.
              await new Promise((resolve) => setImmediate(resolve));
              for (let job = take(); job; job = take()) {
                store(job.start, await here(job.batch));
                await new Promise((resolve) => setImmediate(resolve));
              }
            })()
          : undefined,
      ]);
      return outcomes;
    },
    async compileMjml(mjml) {
      const lane = lanes[0];
      if (lane) {
        try {
          return await lane.compileMjml(mjml);
        } catch (error) {
          // A worker gone leaves the compilation to this thread.
          if (lanes.includes(lane)) throw error;
        }
      }
      return mjmlCompiler(mjml);
    },
    linkKept: async (from, to, files) =>
      lanes[0] ? lanes[0].linkKept(from, to, files) : linkKept(from, to, files),
    async close() {
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}

/**
 * Articles cut into batches: up to `batchSize` articles and `batchChars` of text each, an
 * article larger than that alone. Each batch comes with where its first article stands.
 */
function batchesOf(articles: RawArticle[]): { start: number; batch: RawArticle[] }[] {
  const batches: { start: number; batch: RawArticle[] }[] = [];
  let start = 0;
  while (start < articles.length) {
    let end = start + 1;
    let chars = articles[start]?.text.length ?? 0;
    while (end < articles.length && end - start < batchSize) {
      chars += articles[end]?.text.length ?? 0;
      if (chars > batchChars) break;
      end++;
    }
    batches.push({ start, batch: articles.slice(start, end) });
    start = end;
  }
  return batches;
}

/** A worker thread of the pool, with the jobs it was given and has not answered. */
interface Lane {
  worker: Worker;
  normalize(articles: RawArticle[], config: ResolvedConfig): Promise<Outcome[]>;
  compileMjml: MjmlCompiler;
  linkKept: Linker;
}

/** A worker's answer to a job. */
interface Reply {
  id: number;
  outcomes?: Outcome[];
  mjml?: MjmlResult;
  linked?: boolean[];
  failure?: string;
}

/**
 * Starts a worker thread running the normalizer. It keeps the process alive only while it has
 * jobs; when it fails or stops, its jobs fail and `onGone` is told.
 */
function startLane(heapMb: number, onGone: () => void): Lane {
  const worker = createWorker(heapMb);
  worker.unref();
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  let nextJob = 0;
  worker.on('message', (reply: Reply) => {
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.failure) job?.reject(new Error(`a worker thread failed: ${reply.failure}`));
    else job?.resolve(reply);
  });
  const fail = (error: unknown) => {
    onGone();
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a normalizing thread stopped (exit code ${code})`)));
  const send = (job: DistributiveOmit<WorkerJob, 'id'>) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextJob++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...job, id });
    });
  return {
    worker,
    normalize: async (articles, config) => {
      const reply = await send({ articles, config });
      if (!reply.outcomes) throw new Error('a worker thread normalized nothing');
      return reply.outcomes;
    },
    compileMjml: async (mjml) => {
      const reply = await send({ mjml });
      if (!reply.mjml) throw new Error('a worker thread compiled no MJML');
      return reply.mjml;
    },
    linkKept: async (from, to, files) => {
      const reply = await send({ link: { from, to, files } });
      if (!reply.linked) throw new Error('a worker thread linked nothing');
      return reply.linked;
    },
  };
}

const workerUrl = new URL(
  `./normalize-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * A worker thread running the normalizer. Run from TypeScript sources, the thread first loads
 * tsx itself: Node 20 does not apply the parent's `--import` hooks to a worker's entry file.
 */
function createWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(code, { eval: true, resourceLimits });
}
