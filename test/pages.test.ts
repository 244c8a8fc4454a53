import assert from 'node:assert/strict';
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'parse5';
import { build } from '../src/build.ts';
import type { Entry } from '../src/entry.ts';
import { baseConfig, buildWithEngine, fixtures, makeProject, root } from './helpers.ts';
import { brokenLinks } from './site-links.ts';

const site = baseConfig.siteUrl;

/** The HTML parser's complaints about a page, as the HTML standard defines them. */
function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, {
    onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`),
  });
  return errors;
}

describe('article pages', () => {
  let project: string;
  let entries: Entry[];
  const out = () => join(project, 'out');

  before(async () => {
    const articles = await makeProject(join(fixtures, 'markdown-html', 'articles'));
    await cp(join(root, 'seeds'), join(articles, 'articles'), { recursive: true });
    project = articles;
    await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    entries = JSON.parse(await readFile(join(out(), 'entries.json'), 'utf8')).entries;
  });

  it("writes one at every entry's URL: valid HTML, its article, its metadata", async () => {
    assert.ok(entries.length >= 5);
    for (const entry of entries) {
      const path = join(out(), entry.slug, 'index.html');
      const html = await readFile(path, 'utf8');
      assert.deepEqual(parseErrors(html), [], path);
      assert.ok(html.includes(`<h1>${entry.title.replaceAll("'", '&#x27;')}</h1>`), entry.title);
      assert.match(html, new RegExp(`<html lang="${entry.language}" dir="ltr">`));
      assert.match(html, /<main id="content">/);
      assert.match(html, /<a class="skip" href="#content">/);
      assert.doesNotMatch(html, /<script(?! type="application\/ld\+json")/);
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1];
      assert.equal(canonical?.replaceAll('&amp;', '&'), entry.source ?? entry.url);
      const ld = JSON.parse(
        /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '',
      );
      assert.equal(ld['@type'], 'NewsArticle');
      assert.equal(ld.headline, entry.title);
      assert.equal(ld.datePublished, entry.published);
    }
    const lima = await readFile(join(out(), 'lima', 'index.html'), 'utf8');
    assert.match(
      lima,
      /<meta property="og:image" content="https:\/\/news\.example\.org\/files\/img\/place%20de%20armas\.png">/,
    );
    assert.match(lima, /<table>/);
    assert.match(lima, /<meta name="twitter:card" content="summary_large_image">/);
  });

  it('leads every link inside the site to a file of out/, from the pages, feeds, digest and message', async () => {
    assert.deepEqual(await brokenLinks(out(), site), []);
  });

  it('links each page to the entries before and after it', async () => {
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    const middle = sorted[1];
    assert.ok(middle);
    const html = await readFile(join(out(), middle.slug, 'index.html'), 'utf8');
    assert.match(html, new RegExp(`<a rel="next" href="${sorted[0]?.url}">`));
    assert.match(html, new RegExp(`<a rel="prev" href="${sorted[2]?.url}">`));
  });

  it('rewrites, after one edit, only that page, and its neighbours when its title changes', async () => {
    const cached = await makeProject(join(fixtures, 'markdown-html', 'articles'));
    await cp(join(root, 'seeds'), join(cached, 'articles'), { recursive: true });
    const options = { cwd: cached, input: 'articles' };
    const now = () => new Date();
    await buildWithEngine(options, { now });
    const pages = entries.map((e) => join(cached, 'out', e.slug, 'index.html'));
    const inodes = async () => Promise.all(pages.map(async (page) => (await stat(page)).ino));
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    const at = sorted.findIndex((e) => e.slug === 'cusco');
    const rewrittenBy = async (edit: (text: string) => string) => {
      const before = await inodes();
      const edited = join(cached, 'articles', '2025-03-02-cusco.md');
      await writeFile(edited, edit(await readFile(edited, 'utf8')));
      await buildWithEngine(options, { now });
      const after = await inodes();
      return entries
        .filter((_, i) => before[i] !== after[i])
        .map((e) => e.slug)
        .sort();
    };
    // A sentence more: the page alone; its neighbours show only its title.
    assert.deepEqual(await rewrittenBy((text) => `${text}\nUne phrase ajoutée au texte.\n`), [
      'cusco',
    ]);
    assert.match(
      await readFile(join(cached, 'out', 'cusco', 'index.html'), 'utf8'),
      /Une phrase ajoutée/,
    );
    // A new title: the neighbours' links to it change too.
    assert.deepEqual(
      await rewrittenBy((text) => text.replace(/^title: .*$/m, 'title: Un autre titre')),
      [sorted[at - 1], sorted[at], sorted[at + 1]].flatMap((e) => (e ? [e.slug] : [])).sort(),
    );
  });
});

describe('the sign-up form of the pages', () => {
  it('posts to the subscription service from the index and every article page, only when it runs', async () => {
    const service = 'https://news.example.org/subscriptions/';
    const withService = await makeProject(join(root, 'seeds'), {
      ...baseConfig,
      subscriptions: { url: service },
    });
    const without = await makeProject(join(root, 'seeds'));
    for (const dir of [withService, without])
      await build({ cwd: dir, input: 'articles' }, { now: () => new Date() });
    const pages = async (dir: string) => {
      const { entries } = JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8'));
      return Promise.all(
        ['index.html', ...entries.map((e: Entry) => `${e.slug}/index.html`)].map((path) =>
          readFile(join(dir, 'out', path), 'utf8'),
        ),
      );
    };
    for (const html of await pages(withService)) {
      assert.deepEqual(parseErrors(html), []);
      const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
      assert.equal(form?.[1], `${service}subscribe`);
      assert.match(
        form?.[2] ?? '',
        /<label for="sign-up-email">Votre adresse électronique<\/label>/,
      );
      assert.match(form?.[2] ?? '', /<input id="sign-up-email" name="email" type="email"/);
      assert.match(form?.[2] ?? '', /<input type="hidden" name="lang" value="fr">/);
      assert.match(form?.[2] ?? '', /name="website"/, 'the field robots fill');
    }
    for (const html of await pages(without)) assert.doesNotMatch(html, /<form/);
  });
});
