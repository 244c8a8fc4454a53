import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config.ts';
import { Locales } from '../normalize/locales.ts';
import { createPageRules } from '../normalize/page/page-rules.ts';
import type { Outcome } from '../normalize/process-article.ts';
import type { Normalizer } from '../ports.ts';
import { batchSize, queueOf } from '../read/article-queue.ts';
import type { RawArticle } from '../read/read-articles.ts';
import { type MjmlCompiler, type MjmlResult, mjmlCompiler } from '../render/mjml.ts';
import { type Linker, linkKept } from '../write/write-output.ts';
import type { WorkerJob } from './normalize-worker.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Below this many articles, this thread joins in only when no worker thread is running. */
const parallelFrom = 200;
/**
 * A worker thread's old generation, in megabytes: room for what the normalizer holds (language
 * models, the words it has read, its code) and MJML (README, Performance); left to itself, V8
 * lets the garbage of tens of thousands of articles grow to several times that before
 * collecting it, in every worker at once. A job that needs more (an article of tens of megabytes) stops its
 * worker, and is done on this thread instead.
 */
const workerHeapMb = 192;

/** The normalizer's threads, which also compile MJML and link kept files. */
export interface NormalizerPool extends Normalizer {
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
export function createNormalizer({
  heapMb = workerHeapMb,
  ahead = !workerUrl.pathname.endsWith('.ts'),
  threads: startsThreads = true,
}: {
  heapMb?: number;
  /** Whether it may start worker threads; without, it does everything on this one. */
  threads?: boolean;
  /**
   * Whether the first worker starts at once. Default: when compiled; run from TypeScript
   * sources, a worker first compiles the normalizer, not worth it ahead.
   */
  ahead?: boolean;
} = {}): NormalizerPool {
  const cores = startsThreads ? availableParallelism() : 1;
  const lanes: Lane[] = [];
  // What this thread learns of the languages of the articles it normalizes, for the pool's life.
  const locales = new Locales();
  // A worker that fails or stops leaves the work to the others, or to this thread.
  const add = () => {
    const lane = startLane(heapMb, true, () => {
      const at = lanes.indexOf(lane);
      if (at >= 0) lanes.splice(at, 1);
    });
    lanes.push(lane);
  };
  if (cores > 1 && ahead) add();
  return {
    async normalizeAll(articles, config, { count, onProgress, apart = false, learned } = {}) {
      if (Array.isArray(articles) && articles.length === 0) return [];
      // Compiled once here, and once in each worker that is sent them.
      const rules = createPageRules(config.boilerplate, learned);
      const sent: LearnedLines = { learned: [...(learned ?? [])] };
      const queue = Array.isArray(articles) ? queueOf(articles) : articles;
      const total = count ?? queue.size();
      const threads = Math.min(cores, Math.ceil(total / batchSize));
      const workers = apart ? threads : threads - 1;
      if (total >= parallelFrom && startsThreads) while (lanes.length < workers) add();
      const useThisThread = lanes.length === 0 || (total >= parallelFrom && !apart);
      const outcomes: Outcome[] = [];
      let done = 0;
      const here = async (batch: RawArticle[]) => {
        const { processArticle } = await import('../normalize/process-article.ts');
        return batch.map((raw) => processArticle(raw, config, locales, rules));
      };
      const store = (start: number, results: Outcome[]) => {
        results.forEach((outcome, i) => {
          outcomes[start + i] = outcome;
        });
        done += results.length;
        onProgress?.(done, Math.max(total, done));
      };
      await Promise.all([
        // Two batches in flight on each worker: it starts the next without waiting for this
        // thread, busy with its own batch, to hand it one. A worker gone (out of memory, or
        // stopped) leaves its batches to this thread.
        ...lanes.flatMap((lane) =>
          [0, 1].map(async () => {
            for (let job = await queue.take(); job; job = await queue.take()) {
              const results = lanes.includes(lane)
                ? await lane.normalize(job.batch, config, sent).catch((error: unknown) => {
                    if (lanes.includes(lane)) throw error;
                  })
                : undefined;
              store(job.start, results ?? (await here(job.batch)));
            }
          }),
        ),
        useThisThread
          ? (async () => {
              // This thread joins in once every article is read: reading, on this thread too,
              // feeds the workers meanwhile. It takes a batch at a time, letting the workers'
              // replies in between.
              await queue.complete;
              await new Promise((resolve) => setImmediate(resolve));
              for (let job = await queue.take(); job; job = await queue.take()) {
                store(job.start, await here(job.batch));
                await new Promise((resolve) => setImmediate(resolve));
              }
            })()
          : undefined,
      ]);
      return outcomes;
    },
    compileMjml(mjml) {
      const lane = lanes[0];
      return compileOn(lane, () => lane !== undefined && lanes.includes(lane), mjml);
    },
    linkKept: async (from, to, files) =>
      lanes[0] ? lanes[0].linkKept(from, to, files) : linkKept(from, to, files),
    async close() {
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}

/**
 * A compiler of MJML on a thread of its own, started by the first compilation: a build whose
 * normalizer's threads are gone writes its feeds while its digest compiles there. A thread
 * that stops (out of memory) leaves the compilation to this one. `close` stops the thread.
 */
export function mjmlThread(heapMb = workerHeapMb): {
  compileMjml: MjmlCompiler;
  close(): Promise<void>;
} {
  let lane: Lane | undefined;
  let gone = false;
  return {
    compileMjml(mjml) {
      if (!gone)
        lane ??= startLane(heapMb, false, () => {
          gone = true;
        });
      return compileOn(lane, () => !gone, mjml);
    },
    async close() {
      // Anything compiled after is compiled on this thread.
      gone = true;
      await lane?.worker.terminate();
    },
  };
}

/** Compiles MJML on `lane` while it runs (`running`); a lane gone leaves it to this thread. */
async function compileOn(
  lane: Lane | undefined,
  running: () => boolean,
  mjml: string,
): Promise<MjmlResult> {
  if (lane && running()) {
    try {
      return await lane.compileMjml(mjml);
    } catch (error) {
      if (running()) throw error;
    }
  }
  return mjmlCompiler(mjml);
}

/** The learned lines of one `normalizeAll`, as they cross to a worker thread. */
interface LearnedLines {
  learned: string[];
}

/** A worker thread of the pool, with the jobs it was given and has not answered. */
interface Lane {
  worker: Worker;
  normalize(
    articles: RawArticle[],
    config: ResolvedConfig,
    learned: LearnedLines,
  ): Promise<Outcome[]>;
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
function startLane(heapMb: number, normalizes: boolean, onGone: () => void): Lane {
  const worker = createWorker(heapMb, normalizes);
  worker.unref();
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  let nextJob = 0;
  // The learned lines the worker was last sent, which it applies to the jobs that bring none:
  // a folder's may be thousands, sent once, not with every batch.
  let sentLearned: LearnedLines | undefined;
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
    normalize: async (articles, config, learned) => {
      const fresh = learned !== sentLearned;
      sentLearned = learned;
      const reply = await send({ articles, config, learned: fresh ? learned.learned : undefined });
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
function createWorker(heapMb: number, normalizes: boolean): Worker {
  const options = {
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    workerData: { normalizes },
  };
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
