import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { measureNormalizing, readBenchArticles } from '../bench/normalize.ts';
import { parseConfig } from '../src/config.ts';
import { baseConfig, tempDir } from './helpers.ts';

describe('the bench of normalizing', () => {
  it('reads the articles below a folder and times each round on this thread', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'pt', 'articles'), { recursive: true });
    await writeFile(
      join(dir, 'pt', 'articles', 'chuva.txt'),
      'Assine a newsletter\nA chuva voltou a cair nesta terça-feira em Porto Alegre, onde o rio Guaíba subiu meio metro.\n',
    );
    await writeFile(
      join(dir, 'nota.md'),
      '---\ntitle: Uma nota\n---\nA prefeitura anunciou um novo plano de obras para o centro.\n',
    );
    await writeFile(join(dir, 'pt', 'expect.json'), '{}');
    const articles = await readBenchArticles(dir);
    assert.deepEqual(
      articles.map((a) => a.path),
      ['nota.md', 'pt/articles/chuva.txt'],
    );
    const figure = measureNormalizing(articles, parseConfig(baseConfig, 'c'), 3);
    assert.equal(figure.articles, 2);
    assert.equal(figure.rounds.length, 3);
    assert.equal(figure.wallRounds.length, 3);
    for (const ms of [...figure.rounds, ...figure.wallRounds])
      assert.ok(Number.isFinite(ms) && ms >= 0, String(ms));
    assert.equal(figure.msPerArticle, [...figure.rounds].sort((a, b) => a - b)[1]);
  });
});
