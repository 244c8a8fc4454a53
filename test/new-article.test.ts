import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../src/config.ts';
import { newArticle, renderArticleStub } from '../src/new-article.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import { anyText } from './arbitraries.ts';
import { baseConfig, locales, rejection, tempDir } from './helpers.ts';

const deps = { now: () => new Date('2025-03-04T10:00:00Z'), timeZone: 'Europe/Paris' };

describe('new article', () => {
  it('writes a dated, slugged draft whose front matter the build reads back', async () => {
    const input = join(await tempDir(), 'articles', 'neuf');
    const title = 'Élections : « le second tour » aura lieu le 12 mars';
    const path = await newArticle(
      { title, input, lang: 'fr', tags: ['politique', ' Pérou '] },
      deps,
    );
    assert.equal(path, join(input, '2025-03-04-elections-le-second-tour-aura-lieu-le-12-mars.md'));
    const text = await readFile(path, 'utf8');
    assert.match(text, /\ndraft: true\n---\n\nÉcrivez ici l’article, [^\n]+\n$/);
    const { article, warnings } = parseArticle(text, basename(path), path);
    assert.deepEqual(warnings, []);
    assert.equal(article.format, 'markdown');
    assert.equal(article.frontMatter.title, title);
    assert.deepEqual(article.frontMatter.tags, ['politique', 'Pérou']);
    assert.equal(article.frontMatter.lang, 'fr');
    assert.equal(article.frontMatter.date, '2025-03-04T11:00:00+01:00');
    assert.equal(article.frontMatter.draft, true);
    assert.match(article.body, /supprimez plus haut la ligne `draft: true` pour le publier/);
  });

  it("writes its placeholder in the language given, else the config's, else English", async () => {
    const input = await tempDir();
    const first = (text: string) => text.split('\n---\n')[1]?.trim();
    const written = async (title: string, lang?: string, language?: string) =>
      first(
        await readFile(await newArticle({ title, input, lang }, { ...deps, language }), 'utf8'),
      );
    assert.match((await written('Eins', 'de', 'fr')) ?? '', /^Schreiben Sie hier den Artikel/);
    assert.match((await written('Dos', undefined, 'es')) ?? '', /^Escriba aquí el artículo/);
    assert.match((await written('Tre', 'it')) ?? '', /^Write the article here, then delete/);
  });

  it('writes a draft that normalizes into an entry, flagged, in every language it speaks', () => {
    const config = parseConfig(baseConfig, 'gazette.config.json');
    for (const language of ['de', 'en', 'es', 'fr', 'pt', 'it']) {
      const text = renderArticleStub({ title: 'Titre', date: '2025-03-04', language });
      const { article } = parseArticle(text, 'a.md', 'a.md');
      const context = { path: 'a.md', committed: undefined, modified: new Date(0) };
      const entry = normalizeEntry(article, context, config, locales);
      assert.equal(entry?.draft, true, language);
      assert.ok(entry?.content.join(' ').includes('draft: true'), language);
    }
  });

  it('dates the file in the given time zone, and leaves out what is not given', async () => {
    const input = await tempDir();
    const late = { now: () => new Date('2025-03-04T23:30:00Z'), timeZone: 'Europe/Paris' };
    const path = await newArticle({ title: '???', input }, late);
    assert.equal(basename(path), '2025-03-05-article.md');
    const { article } = parseArticle(await readFile(path, 'utf8'), basename(path), path);
    assert.deepEqual(article.frontMatter, {
      title: '???',
      date: '2025-03-05T00:30:00+01:00',
      draft: true,
    });
  });

  it('refuses to overwrite an article, naming it', async () => {
    const input = await tempDir();
    const path = await newArticle({ title: 'Un titre', input }, deps);
    await import('node:fs/promises').then((fs) => fs.appendFile(path, 'Du texte.\n'));
    const error = await rejection(newArticle({ title: 'Un titre', input }, deps));
    assert.equal(error.name, 'ArticleExists');
    assert.equal(error.location?.file, path);
    assert.match(await readFile(path, 'utf8'), /Du texte\./);
  });

  it('refuses front matter that a build would refuse', async () => {
    const input = await tempDir();
    const badLang = await rejection(newArticle({ title: 'Un titre', input, lang: 'french' }, deps));
    assert.equal(badLang.name, 'FrontMatterInvalid');
    assert.match(badLang.message, /^lang: /);
    const empty = await rejection(newArticle({ title: '  ', input }, deps));
    assert.equal(empty.name, 'FrontMatterInvalid');
  });

  it('quotes any title and tag so that they read back unchanged', () => {
    const date = '2025-03-04T11:00:00+01:00';
    fc.assert(
      fc.property(
        anyText({ maxLength: 40 }).filter((t) => t.trim() !== ''),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 3 }),
        (title, tags) => {
          const text = renderArticleStub({ title, date, tags });
          const { article } = parseArticle(text, 'a.md', 'a.md');
          assert.equal(article.frontMatter.title, title.trim());
          const kept = tags.map((t) => t.trim()).filter(Boolean);
          assert.deepEqual(article.frontMatter.tags, kept.length > 0 ? kept : undefined);
        },
      ),
    );
  });
});
