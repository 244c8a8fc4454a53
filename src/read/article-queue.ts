import type { RawArticle } from './read-articles.ts';

/** Articles in a batch, and characters of text: a larger article goes alone. */
export const batchSize = 50;
const batchChars = 2_000_000;

/** Articles to normalize, handed over as they are read, and taken in batches. */
export interface ArticleQueue {
  /** Adds an article. */
  push(article: RawArticle): void;
  /** Tells that every article is in, or that reading them failed. */
  end(failure?: unknown): void;
  /** How many articles came in so far. */
  size(): number;
  /** Settles once every article is in. */
  complete: Promise<void>;
  /**
   * The next batch, once there is a whole one or every article is in, with where its first
   * article stands; undefined when none is left. A batch holds up to `batchSize` articles and
   * `batchChars` characters of text; a larger article goes alone.
   */
  take(): Promise<{ start: number; batch: RawArticle[] } | undefined>;
}

/** A queue of articles, to fill. */
export function articleQueue(): ArticleQueue {
  const waiting: (RawArticle | undefined)[] = [];
  let taken = 0;
  let chars = 0;
  let ended = false;
  let failure: unknown;
  const wake: (() => void)[] = [];
  let settle: (failure?: unknown) => void = () => undefined;
  const complete = new Promise<void>((resolve, reject) => {
    settle = (failure) => (failure === undefined ? resolve() : reject(failure));
  });
  complete.catch(() => undefined);
  const ready = () => ended || waiting.length - taken >= batchSize || chars >= batchChars;
  const queue: ArticleQueue = {
    push(article) {
      waiting.push(article);
      chars += article.text.length;
      if (ready()) for (const resume of wake.splice(0)) resume();
    },
    end(error) {
      ended = true;
      failure = error;
      settle(error);
      for (const resume of wake.splice(0)) resume();
    },
    size: () => waiting.length,
    complete,
    async take() {
      while (!ready()) await new Promise<void>((resume) => wake.push(resume));
      if (failure !== undefined) throw failure;
      if (taken === waiting.length) return undefined;
      const start = taken;
      const batch: RawArticle[] = [];
      let batchText = 0;
      while (taken < waiting.length && batch.length < batchSize) {
        const article = waiting[taken] as RawArticle;
        if (batch.length > 0 && batchText + article.text.length > batchChars) break;
        batch.push(article);
        batchText += article.text.length;
        // The queue lets go of the text; the batch holds it until normalized.
        waiting[taken++] = undefined;
      }
      chars -= batchText;
      return { start, batch };
    },
  };
  return queue;
}

/** A queue holding `articles`, every one of them in. */
export function queueOf(articles: RawArticle[]): ArticleQueue {
  const queue = articleQueue();
  for (const article of articles) queue.push(article);
  queue.end();
  return queue;
}
