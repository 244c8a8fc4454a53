import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'parse5';
import { build } from '../src/build.ts';
import type { Entry } from '../src/entry.ts';
import type { OutputFile } from '../src/render/output-file.ts';
import { renderSitemaps, sitemapFiles } from '../src/render/sitemap.ts';
import {
  baseConfig,
  buildWithEngine,
  fixtures,
  makeProject,
  seedParagraphs,
  tempDir,
} from './helpers.ts';
import { brokenLinks, filesOf } from './site-links.ts';

const site = baseConfig.siteUrl;
const now = () => new Date('2026-03-01T12:00:00Z');
const topics = ['Lima', 'Cusco', 'Budget', 'Santé', 'Climat', 'Transports', 'Écoles', 'Port'];

/** `count` dated Markdown articles with a title and one to three tags of a few. */
async function writeCorpus(dir: string, count: number): Promise<void> {
  const paragraphs = await seedParagraphs();
  await mkdir(join(dir, 'articles'), { recursive: true });
  for (let n = 0; n < count; n++) {
    const day = new Date(Date.UTC(2025, 0, 1) + n * 6 * 3600_000).toISOString();
    // Unequal topics: the first is on every second article, the last on one in eight.
    const tags = topics.filter((_, t) => n % (t + 2) === 0).slice(0, 3);
    const body = [0, 1, 2].map((k) => paragraphs[(n * 3 + k) % paragraphs.length]).join('\n\n');
    await writeFile(
      join(dir, 'articles', `a${String(n).padStart(4, '0')}.md`),
      `---\ntitle: Article numéro ${n}\ndate: ${day}\ntags: [${tags.join(', ')}]\n---\n${body}\n`,
    );
  }
}

describe('a site of 1,000 articles', () => {
  let dir: string;
  let out: string;
  let entries: Entry[];
  const limit = 40;

  before(async () => {
    dir = await tempDir();
    await writeFile(
      join(dir, 'gazette.config.json'),
      JSON.stringify({ ...baseConfig, feeds: { limit, tagMinEntries: 3 } }),
    );
    await writeCorpus(dir, 1000);
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    out = join(dir, 'out');
    entries = JSON.parse(await readFile(join(out, 'entries.json'), 'utf8')).entries;
  });

  it('leads every link inside the site to a file of out/', async () => {
    assert.equal(entries.length, 1000);
    assert.deepEqual(await brokenLinks(out, site), []);
  });

  it('writes pages that parse as HTML without a single error', async () => {
    // Every list, and one article page in ten: they all come from one template.
    const pages = (await filesOf(out)).filter(
      (f, i) =>
        f.endsWith('.html') &&
        !f.startsWith('digest') &&
        (!/^a\d+\/index\.html$/.test(f) || i % 10 === 0),
    );
    assert.ok(pages.length > 150, `${pages.length} pages`);
    const failing: string[] = [];
    for (const page of pages) {
      parse(await readFile(join(out, page), 'utf8'), {
        onParseError: (error) =>
          failing.push(`${page}: ${error.code} at ${error.startLine}:${error.startCol}`),
      });
    }
    assert.deepEqual(failing.slice(0, 10), []);
  });

  it('pages the index beyond feeds.limit entries, newest first, each page linking the next', async () => {
    const pages = Math.ceil(1000 / limit);
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    for (let n = 1; n <= pages; n++) {
      const path = n === 1 ? 'index.html' : `page/${n}/index.html`;
      const html = await readFile(join(out, path), 'utf8');
      const shown = [...html.matchAll(/<h2><a href="([^"]+)">/g)].map(([, url]) => url);
      const expected = sorted.slice((n - 1) * limit, n * limit).map((e) => e.url);
      assert.deepEqual(shown, expected, path);
      assert.equal(html.includes('rel="next"'), n < pages, `${path}: a link to older entries`);
      assert.equal(html.includes('rel="prev"'), n > 1, `${path}: a link to newer entries`);
      assert.match(
        html,
        new RegExp(`<link rel="canonical" href="${site}${n === 1 ? '' : `page/${n}/`}">`),
      );
    }
    assert.ok(!existsSync(join(out, 'page', String(pages + 1))), 'no page past the last');
  });

  it('gives every tag with a feed its page, listing its entries and linking its feed', async () => {
    const { tags } = JSON.parse(await readFile(join(out, 'tags', 'index.json'), 'utf8')) as {
      tags: { tag: string; slug: string; entries: number; feed: string }[];
    };
    assert.ok(tags.length >= topics.length);
    const fold = (tag: string) => tag.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const byUrl = new Map(entries.map((e) => [e.url, e]));
    for (const { tag, slug, entries: count, feed } of tags) {
      const urls: string[] = [];
      for (let n = 1; ; n++) {
        const path = join(out, 'tags', slug, ...(n === 1 ? [] : ['page', String(n)]), 'index.html');
        if (!existsSync(path)) break;
        const html = await readFile(path, 'utf8');
        assert.ok(html.includes(`href="${feed}"`), `${slug}: links its feed`);
        urls.push(...[...html.matchAll(/<h2><a href="([^"]+)">/g)].map(([, url]) => url ?? ''));
      }
      assert.equal(urls.length, count, `${slug}: every entry`);
      assert.equal(new Set(urls).size, count, `${slug}: each once`);
      for (const url of urls)
        assert.ok(
          byUrl.get(url)?.tags.some((t) => fold(t) === fold(tag)),
          `${slug}: ${url}`,
        );
    }
    // An article's tags lead to their pages.
    const first = entries.find((e) => e.tags.includes('Budget'));
    assert.ok(first);
    assert.match(
      await readFile(join(out, first.slug, 'index.html'), 'utf8'),
      new RegExp(`<a href="${site}tags/budget/" rel="tag">Budget</a>`),
    );
  });

  it('lists every page in sitemap.xml with its last change, and points robots.txt to it', async () => {
    const sitemap = await readFile(join(out, 'sitemap.xml'), 'utf8');
    execFileSync('xmllint', ['--noout', join(out, 'sitemap.xml')]);
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>\s*(?:<lastmod>([^<]+)<\/lastmod>)?/g)];
    const pages = (await filesOf(out))
      .filter((f) => f.endsWith('index.html'))
      .map((f) => `${site}${f.slice(0, -'index.html'.length)}`);
    assert.deepEqual(listed.map(([, url]) => url).sort(), pages.sort());
    for (const entry of entries) {
      const at = listed.find(([, url]) => url === entry.url);
      assert.equal(at?.[2], entry.updated, entry.url);
    }
    assert.equal(
      await readFile(join(out, 'robots.txt'), 'utf8'),
      `User-agent: *\nAllow: /\n\nSitemap: ${site}sitemap.xml\n`,
    );
    const missing = await readFile(join(out, '404.html'), 'utf8');
    assert.match(missing, /<meta name="robots" content="noindex">/);
    assert.match(missing, /<h1>Page introuvable<\/h1>/);
  });

  it("rewrites, after one edit, only the pages it changes: its own, its neighbours', the lists that show it", async () => {
    const pages = (await filesOf(out)).filter((f) => f.endsWith('.html'));
    const look = async () =>
      new Map(
        await Promise.all(
          pages.map(async (p) => {
            const path = join(out, p);
            return [
              p,
              { ino: (await stat(path)).ino, text: await readFile(path, 'utf8') },
            ] as const;
          }),
        ),
      );
    const before = await look();
    const sorted = [...entries].sort((a, b) => Date.parse(b.published) - Date.parse(a.published));
    const at = 500;
    const edited = sorted[at];
    assert.ok(edited);
    // A new title: the entry's page, its neighbours' and the lists that show it change.
    const file = join(dir, 'articles', edited.path);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^title: .*$/m, 'title: Un titre tout neuf'));
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const after = await look();
    const rewritten = pages.filter((p) => before.get(p)?.ino !== after.get(p)?.ino).sort();
    const changed = pages.filter((p) => before.get(p)?.text !== after.get(p)?.text).sort();
    assert.deepEqual(rewritten, changed, 'a page is written again only when it changes');
    const showing = pages.filter((p) =>
      after.get(p)?.text.includes(`<a href="${edited.url}">Un titre tout neuf</a>`),
    );
    for (const page of [
      `${edited.slug}/index.html`,
      `${sorted[at - 1]?.slug}/index.html`,
      `${sorted[at + 1]?.slug}/index.html`,
      ...showing,
    ])
      assert.ok(rewritten.includes(page), page);
    assert.ok(
      showing.some((p) => p.startsWith('page/')),
      'an index page shows it',
    );
    assert.ok(rewritten.length < 30, `${rewritten.length} pages of ${pages.length}`);
  });
});

describe('the links of the fixtures', () => {
  for (const fixture of [
    'boilerplate',
    'explain',
    'front-matter',
    'learned-furniture',
    'markdown-html/articles',
    'hostile-text/articles',
    'drafts',
  ]) {
    it(`lead to files of out/: ${fixture}`, async () => {
      const project = await makeProject(join(fixtures, fixture));
      await build({ cwd: project, input: 'articles' }, { now });
      assert.deepEqual(await brokenLinks(join(project, 'out'), site), []);
    });
  }
});

describe('sitemap.xml laid out in blocks', () => {
  /** Pages as the site lists them: the same address and time give an equal page. */
  const pagesOf = (count: number, changed = -1) =>
    Array.from({ length: count }, (_, i) => ({
      url: `${site}article-${i}/`,
      lastmod: i === changed ? '2026-02-02T10:00:00Z' : '2026-01-01T10:00:00Z',
    }));
  const bytesOf = (file: OutputFile | undefined) =>
    file && 'chunks' in file
      ? Buffer.concat(file.chunks.map((c) => (c instanceof Uint8Array ? c : Buffer.alloc(0))))
      : undefined;

  it('writes what one text of every page writes, one page changed or not, with a key of its bytes', () => {
    const pages = pagesOf(1300);
    const first = sitemapFiles(pages, site, undefined).get('sitemap.xml');
    assert.equal(bytesOf(first)?.toString(), renderSitemaps(pages, site).get('sitemap.xml'));
    // One page of the middle block is another object, with another time: that block is laid
    // out again, the others are kept as they were.
    const edited = [...pages];
    edited[700] = pagesOf(1300, 700)[700] as (typeof pages)[number];
    const second = sitemapFiles(edited, site, undefined).get('sitemap.xml');
    assert.equal(bytesOf(second)?.toString(), renderSitemaps(edited, site).get('sitemap.xml'));
    assert.ok(first && second && 'chunks' in first && 'chunks' in second);
    assert.equal(first.chunks.length, second.chunks.length);
    const again = second.chunks.filter((chunk, i) => chunk !== first.chunks[i]);
    // The block of the edited page, and the two ends (a few bytes each, made every time).
    assert.equal(again.length, 3, 'the other blocks kept as they were');
    // The same pages as other objects (another process): the same key; other bytes, another.
    assert.equal(
      sitemapFiles(pagesOf(1300, 700), site, undefined).get('sitemap.xml')?.key,
      second.key,
    );
    assert.notEqual(first.key, second.key);
  });

  it('splits a site of more pages than one sitemap holds into files that an index lists', () => {
    const files = sitemapFiles(pagesOf(50_001), site, undefined);
    assert.deepEqual([...files.keys()], ['sitemaps/1.xml', 'sitemaps/2.xml', 'sitemap.xml']);
    assert.match(bytesOf(files.get('sitemap.xml'))?.toString() ?? '', /<sitemapindex/);
  });
});
