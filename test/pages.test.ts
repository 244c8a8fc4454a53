import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'parse5';
import { build } from '../src/build.ts';
import type { Entry } from '../src/entry.ts';
import { baseConfig, buildWithEngine, fixtures, makeProject, root } from './helpers.ts';

const site = baseConfig.siteUrl;

/** The HTML parser's complaints about a page, as the HTML standard defines them. */
function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, {
    onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`),
  });
  return errors;
}

/** Every URL that points inside the site, written in an attribute or a JSON string. */
function insideLinks(text: string): string[] {
  const escaped = site.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`(?:\\s(?:href|src|content)=|")"?(${escaped}[^"]*)"`, 'g');
  return [...text.matchAll(pattern)].map(([, url]) => (url ?? '').replaceAll('&amp;', '&'));
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

  it('leads every link inside the site to a file of out/, from the pages and the feeds', async () => {
    const documents = [
      ...entries.map((e) => `${e.slug}/index.html`),
      'index.html',
      'atom.xml',
      'rss.xml',
      'feed.json',
      'digest.html',
    ];
    const broken: string[] = [];
    for (const document of documents) {
      const text = (await readFile(join(out(), document), 'utf8'))
        .replaceAll('\\/', '/')
        .replaceAll('\\"', '"');
      for (const url of insideLinks(text)) {
        const path = decodeURIComponent(new URL(url).pathname).slice(1);
        const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        // The subscription service's addresses are not files.
        if (/^unsubscribe|^subscribe|^confirm|^preferences/.test(file)) continue;
        if (!existsSync(join(out(), file))) broken.push(`${document}: ${url}`);
      }
    }
    assert.deepEqual([...new Set(broken)], []);
  });

  it('links each page to the entries before and after it', async () => {
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    const middle = sorted[1];
    assert.ok(middle);
    const html = await readFile(join(out(), middle.slug, 'index.html'), 'utf8');
    assert.match(html, new RegExp(`<a rel="next" href="${sorted[0]?.url}">`));
    assert.match(html, new RegExp(`<a rel="prev" href="${sorted[2]?.url}">`));
  });

  it('rewrites, after one edit, only that page and its neighbours', async () => {
    const cached = await makeProject(join(fixtures, 'markdown-html', 'articles'));
    await cp(join(root, 'seeds'), join(cached, 'articles'), { recursive: true });
    const options = { cwd: cached, input: 'articles' };
    const now = () => new Date();
    await buildWithEngine(options, { now });
    const pages = entries.map((e) => join(cached, 'out', e.slug, 'index.html'));
    const inodes = async () => Promise.all(pages.map(async (page) => (await stat(page)).ino));
    const before = await inodes();
    const edited = join(cached, 'articles', '2025-03-02-cusco.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nUne phrase ajoutée au texte.\n`);
    await buildWithEngine(options, { now });
    const after = await inodes();
    const rewritten = entries
      .filter((_, i) => before[i] !== after[i])
      .map((e) => e.slug)
      .sort();
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    const at = sorted.findIndex((e) => e.slug === 'cusco');
    const expected = [sorted[at - 1], sorted[at], sorted[at + 1]]
      .flatMap((e) => (e ? [e.slug] : []))
      .sort();
    assert.deepEqual(rewritten, expected);
    assert.match(
      await readFile(join(cached, 'out', 'cusco', 'index.html'), 'utf8'),
      /Une phrase ajoutée/,
    );
  });
});
