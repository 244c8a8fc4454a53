import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { readPageTemplates } from '../src/read/page-files.ts';
import { renderSite } from '../src/render/site-output.ts';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import { baseConfig, fileBytes, root, tempDir } from './helpers.ts';

const hostileTitle = '<script>alert(1)</script> & "quotes"';
const config = parseConfig(
  { ...baseConfig, subtitle: 'Les nouvelles <b>du</b> jour ]]> & "plus"' },
  'gazette.config.json',
);

function entry(slug: string, title: string, published: string, language = 'fr'): Entry {
  return {
    id: `tag:news.example.org,2025-01-01:${slug}`,
    slug,
    path: `${slug}.md`,
    url: `https://news.example.org/${slug}/`,
    title,
    summary: `Résumé de ${slug}, avec <img src=x onerror=alert(2)> et ]]> et 'apostrophes'.`,
    content: ['Texte.'],
    html: null,
    image: null,
    keywords: ['alpha'],
    tags: ['alpha', 'Anticonstitutionnellementextraordinairementlongmotsansespace', '<b>'],
    language,
    published,
    updated: published,
    author: null,
    source: null,
    location: null,
    wordCount: 1,
    readingMinutes: 1,
  };
}

// Older first, so that the page has to reorder them; 23:30 UTC is already the next day in Paris.
const entries = [
  entry('older', 'Une nouvelle plus ancienne', '2025-01-02T09:00:00+01:00', 'es'),
  entry('newer', hostileTitle, '2025-01-05T23:30:00Z'),
];

const templates = await readPageTemplates([join(root, 'templates')]);

/** The index page the build would write for these entries. */
function renderIndexPage(shown: Entry[]): string {
  const file = renderSite(shown, config, templates).get('index.html');
  assert.ok(file, 'an index page');
  return fileBytes(file).toString();
}

describe('index page', () => {
  const html = renderIndexPage(entries);

  it('links to the three feeds with absolute URLs and their media types', () => {
    const links = [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">/g),
    ];
    assert.deepEqual(
      links.map(([, type, href]) => [type, href]),
      [
        ['application/atom+xml', 'https://news.example.org/atom.xml'],
        ['application/rss+xml', 'https://news.example.org/rss.xml'],
        ['application/feed+json', 'https://news.example.org/feed.json'],
      ],
    );
    assert.match(
      html,
      /<input id="feed-url" type="url" readonly value="https:\/\/news\.example\.org\/atom\.xml">/,
    );
  });

  it('escapes every piece of text from entries and config', () => {
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
    assert.ok(!/<script/i.test(html), 'no script element');
    assert.ok(!html.includes('<img'), 'no markup from a summary');
    assert.ok(!html.includes('<b>'), 'no markup from a subtitle or tag');
    assert.ok(!html.includes(']]>'));
    assert.ok(
      html.includes('Les nouvelles &lt;b&gt;du&lt;/b&gt; jour ]]&gt; &amp; &quot;plus&quot;'),
    );
  });

  it('speaks the configured language, with dates in its time zone', () => {
    assert.match(html, /^<!doctype html>\n<html lang="fr" dir="ltr">/);
    assert.ok(html.includes('<time datetime="2025-01-05T23:30:00Z">6 janvier 2025</time>'));
    assert.ok(html.includes('<article lang="es">'), 'an entry in another language says so');
    assert.equal(html.match(/<h1>/g)?.length, 1);
  });

  it('lists entries newest first', () => {
    const newer = html.indexOf('href="https://news.example.org/newer/"');
    const older = html.indexOf('href="https://news.example.org/older/"');
    assert.ok(newer > 0 && older > newer);
  });

  it('says so when there are no entries', () => {
    assert.match(
      renderIndexPage([]),
      /<main id="content">\n<h1>[^<]+<\/h1>\n<p class="intro">[^<]+<\/p>\n<p>Aucun article pour le moment\.<\/p>/,
    );
  });

  it('renders cleanly in a real browser, even on a narrow phone', {
    timeout: 60_000,
  }, async (t) => {
    if (!needsProgram(t, chromiumPath, 'chromium')) return;
    const dir = await tempDir();
    const file = join(dir, 'index.html');
    await writeFile(file, html);
    const page = await (
      await browserContext(t, { viewport: { width: 375, height: 800 } })
    ).newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);

    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(file).href], 'the page loads nothing else');
    for (const e of entries) {
      assert.ok(await page.getByRole('heading', { name: e.title, exact: true }).isVisible());
    }
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.equal(await page.getByRole('main').count(), 1);
    assert.equal(
      await page.getByLabel('Adresse du flux').inputValue(),
      'https://news.example.org/atom.xml',
    );
    // A string, because the tests are type-checked without the DOM library.
    const scrollWidth: number = await page.evaluate('document.documentElement.scrollWidth');
    assert.ok(scrollWidth <= 375, `no horizontal scroll at 375 px (scrollWidth ${scrollWidth})`);
  });
});
