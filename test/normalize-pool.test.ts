import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config.ts';
import type { NormalizerPool } from '../src/incremental/normalize-pool.ts';
import { lineFingerprint } from '../src/normalize/page/page-reading.ts';
import { createPageRules } from '../src/normalize/page/page-rules.ts';
import { processArticle } from '../src/normalize/process-article.ts';
import { articleQueue } from '../src/read/article-queue.ts';
import type { RawArticle } from '../src/read/read-articles.ts';
import { mjmlCompiler } from '../src/render/mjml.ts';
import { baseConfig, compiled, locales, seedParagraphs, textOf } from './helpers.ts';

// The pool as it ships: its threads run the compiled normalizer and MJML.
const { createNormalizer, mjmlThread } =
  await compiled<typeof import('../src/incremental/normalize-pool.ts')>('normalize-pool');

const config = parseConfig(baseConfig, 'gazette.config.json');

/**
 * Many articles, each with its own date and order of paragraphs: the seeds' first three in all
 * (the tests of learned lines and rules look for them) and one more of the others in turn.
 */
async function manyArticles(count: number): Promise<RawArticle[]> {
  const paragraphs = await seedParagraphs();
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const path = `2025-02-${day}-article-${i}.txt`;
    const own = [0, 1, 2, 3 + (i % (paragraphs.length - 3))].map((k) => paragraphs[k]);
    const shift = i % own.length;
    const text = [...own.slice(shift), ...own.slice(0, shift)].join('\n\n');
    return {
      path,
      displayPath: `articles/${path}`,
      text,
      committed: undefined,
      modified: new Date(0),
    };
  });
}

describe('the queue of articles to normalize', () => {
  it('hands out batches of at most 50 articles and 2 million characters, a larger article alone', async () => {
    const queue = articleQueue();
    const sizes = [...Array(120).fill(10), 1_500_000, 900_000, 3_000_000, 5, 5];
    for (const [i, size] of sizes.entries())
      queue.push({
        path: `a${i}.txt`,
        displayPath: `a${i}.txt`,
        text: 'x'.repeat(size),
        committed: undefined,
        modified: new Date(0),
      });
    // Every article is in: the last batch may be short.
    queue.end();
    const batches: { start: number; sizes: number[] }[] = [];
    for (let job = await queue.take(); job; job = await queue.take())
      batches.push({ start: job.start, sizes: job.batch.map((a) => a.text.length) });
    assert.deepEqual(batches, [
      { start: 0, sizes: Array(50).fill(10) },
      { start: 50, sizes: Array(50).fill(10) },
      { start: 100, sizes: [...Array(20).fill(10), 1_500_000] },
      { start: 121, sizes: [900_000] },
      { start: 122, sizes: [3_000_000] },
      { start: 123, sizes: [5, 5] },
    ]);
  });

  it('waits for a whole batch until every article is in', async () => {
    const queue = articleQueue();
    const article = (i: number) => ({
      path: `a${i}.txt`,
      displayPath: `a${i}.txt`,
      text: 'texte',
      committed: undefined,
      modified: new Date(0),
    });
    for (let i = 0; i < 30; i++) queue.push(article(i));
    let taken: number | undefined;
    const taking = queue.take().then((job) => {
      taken = job?.batch.length;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(taken, undefined);
    for (let i = 30; i < 60; i++) queue.push(article(i));
    await taking;
    assert.equal(taken, 50);
    queue.end();
    assert.equal((await queue.take())?.batch.length, 10);
    assert.equal(await queue.take(), undefined);
  });
});

describe('the pool as it ships', () => {
  // One pool for the tests that do not need a fresh one: its worker loads the normalizer once.
  let pool: NormalizerPool;
  before(() => {
    pool = createNormalizer({ ahead: true });
  });
  after(() => pool.close());

  describe('the normalizing pool', () => {
    it('normalizes on this thread the batches of a worker that runs out of memory', async () => {
      const articles = await manyArticles(60);
      // Too small a heap for the normalizer to even load: the worker stops at its first batch,
      // with the second in flight.
      const normalizer = createNormalizer({ heapMb: 4 });
      try {
        const outcomes = await normalizer.normalizeAll(articles, config);
        assert.equal(outcomes.length, articles.length);
        assert.deepEqual(
          outcomes,
          articles.map((raw) => processArticle(raw, config, locales)),
        );
      } finally {
        await normalizer.close();
      }
    });

    it('normalizes articles as reading hands them over, in the order they came', async () => {
      const articles = await manyArticles(240);
      const queue = articleQueue();
      const normalizing = pool.normalizeAll(queue, config, { count: articles.length });
      // Reading hands the articles over a few at a time, turn after turn.
      for (let i = 0; i < articles.length; i += 7) {
        for (const article of articles.slice(i, i + 7)) queue.push(article);
        await new Promise((resolve) => setImmediate(resolve));
      }
      queue.end();
      assert.deepEqual(
        await normalizing,
        articles.map((raw) => processArticle(raw, config, locales)),
      );
    });

    it("applies each run's learned lines and the config's rules on every thread", async () => {
      const articles = await manyArticles(240);
      const paragraphs = await seedParagraphs();
      const [first, second, third] = paragraphs;
      assert.ok(first && second && third);
      const ruled = parseConfig(
        { ...baseConfig, boilerplate: { drop: [third.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')] } },
        'gazette.config.json',
      );
      const one = new Set([lineFingerprint(first)]);
      const other = new Set([lineFingerprint(second)]);
      // Two runs at once, with other learned lines: each worker applies each run's own.
      const [withOne, withOther] = await Promise.all([
        pool.normalizeAll(articles, ruled, { learned: one }),
        pool.normalizeAll(articles, ruled, { learned: other }),
      ]);
      assert.deepEqual(
        withOne,
        articles.map((raw) =>
          processArticle(raw, ruled, locales, createPageRules(ruled.boilerplate, one)),
        ),
      );
      assert.deepEqual(
        withOther,
        articles.map((raw) =>
          processArticle(raw, ruled, locales, createPageRules(ruled.boilerplate, other)),
        ),
      );
      assert.ok(withOne.every((o) => o.learned.length === 1 && o.learned[0] === [...one][0]));
      // The config's drop rule reached the workers: the line is in no entry.
      for (const outcome of withOne)
        assert.ok('entry' in outcome && !textOf(outcome.entry).includes(third));
    });

    it('fails with the reading that failed', async () => {
      const queue = articleQueue();
      const normalizing = pool.normalizeAll(queue, config, { count: 300 });
      for (const article of await manyArticles(30)) queue.push(article);
      queue.end(new Error('the disk went away'));
      await assert.rejects(normalizing, /the disk went away/);
    });
  });

  describe("the pool's thread that compiles MJML", () => {
    const mjml =
      '<mjml><mj-body><mj-section><mj-column><mj-text>Bonjour</mj-text></mj-column></mj-section></mj-body></mjml>';

    it('compiles as MJML does on this thread', async () => {
      const result = await pool.compileMjml(mjml);
      assert.match(result.html, /Bonjour/);
      assert.deepEqual(result, await mjmlCompiler(mjml));
    });

    it('compiles on this thread when its own runs out of memory', async () => {
      // Too small a heap for MJML to load: the thread stops, and this one compiles.
      const pool = createNormalizer({ heapMb: 4, ahead: true });
      try {
        assert.deepEqual(await pool.compileMjml(mjml), await mjmlCompiler(mjml));
      } finally {
        await pool.close();
      }
    });

    it('compiles on a thread of its own, once the normalizer is gone, as on this thread', async () => {
      const thread = mjmlThread();
      const starved = mjmlThread(4);
      try {
        assert.deepEqual(await thread.compileMjml(mjml), await mjmlCompiler(mjml));
        assert.deepEqual(await starved.compileMjml(mjml), await mjmlCompiler(mjml));
      } finally {
        await Promise.all([thread.close(), starved.close()]);
      }
    });

    it("gives MJML's validation errors with their lines", async () => {
      const result = await pool.compileMjml(
        '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text colour="red">x</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>',
      );
      assert.deepEqual(result.errors, [
        { message: 'mj-text: Attribute colour is illegal', line: 5 },
      ]);
    });
  });
});
