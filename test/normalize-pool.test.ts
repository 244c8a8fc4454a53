import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../src/config.ts';
import { processArticle } from '../src/normalize/process-article.ts';
import { createNormalizer } from '../src/normalize-pool.ts';
import type { RawArticle } from '../src/read/read-articles.ts';
import { baseConfig, seedParagraphs } from './helpers.ts';

const config = parseConfig(baseConfig, 'gazette.config.json');

/** Many articles made of the seeds' paragraphs, each in its own order and with its own date. */
async function manyArticles(count: number): Promise<RawArticle[]> {
  const paragraphs = await seedParagraphs();
  return Array.from({ length: count }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const path = `2025-02-${day}-article-${i}.txt`;
    const shift = i % paragraphs.length;
    const text = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)].join('\n\n');
    return {
      path,
      displayPath: `articles/${path}`,
      text,
      committed: undefined,
      modified: new Date(0),
    };
  });
}

describe('the normalizing pool', () => {
  it('normalizes on this thread the batches of a worker that runs out of memory', async () => {
    const articles = await manyArticles(240);
    // Too small a heap for the normalizer to even load: the worker stops at its first batch.
    const normalizer = createNormalizer({ heapMb: 4 });
    try {
      const outcomes = await normalizer.normalizeAll(articles, config);
      assert.equal(outcomes.length, articles.length);
      assert.deepEqual(
        outcomes,
        articles.map((raw) => processArticle(raw, config)),
      );
    } finally {
      await normalizer.close();
    }
  });
});
