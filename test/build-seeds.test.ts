import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { simpleParser } from 'mailparser';
import type { Entry } from '../src/entry.ts';
import { makeProject, root, runCli, snapshot, textOf } from './helpers.ts';

const boilerplate = [
  'Aimez-vous ce que vous lisez',
  'Soutenez notre travail',
  'Des dons réguliers',
  'Join the conversation',
  'Be the first to comment',
];

describe('gazette build on the seeds', () => {
  let project: string;
  let out: string;
  let entries: Entry[];

  before(async () => {
    project = await makeProject(join(root, 'seeds'));
    out = join(project, 'out');
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
    entries = JSON.parse(await readFile(join(out, 'entries.json'), 'utf8')).entries;
  });

  it('writes the feeds, the entries, the pages and the digest', async () => {
    const files = (await readdir(out, { recursive: true })).sort();
    assert.deepEqual(files, [
      // The marker that tells a folder Gazette writes (and may replace) from anyone else's.
      '.gazette-build',
      // Each entry's page, at its URL.
      '000-8cbf9f20e154a38e',
      '000-8cbf9f20e154a38e/index.html',
      '004-5c34eccd36d238b7',
      '004-5c34eccd36d238b7/index.html',
      // The page for an address that leads nowhere.
      '404.html',
      'atom.xml',
      'digest.eml',
      'digest.html',
      'digest.txt',
      'entries.json',
      'feed.json',
      'index.html',
      'robots.txt',
      'rss.xml',
      'sitemap.xml',
      'tags',
      'tags/index.json',
    ]);
  });

  it('makes two French entries with headlines of the opening fact, led by a kicker', () => {
    assert.equal(entries.length, 2);
    const titles = entries.map((e) => e.title).sort();
    // The dateline's place leads the first; the second's sentence names no place of its own.
    assert.deepEqual(titles, [
      'Lima : le gouvernement de Dina Boluarte a autorisé par décret l’entrée de militaires armés des États-Unis',
      'États-Unis : les responsables américains exercent une pression croissante sur le Mexique',
    ]);
    for (const entry of entries) {
      assert.equal(entry.language, 'fr');
      assert.doesNotMatch(entry.title, /\(AFP\)|\d{4}/);
    }
    const peru = entries.find((e) => e.title.includes('Boluarte'));
    assert.equal(peru?.location, 'Lima');
  });

  it('keeps the appeal and the comment widget out of summaries and content', () => {
    for (const entry of entries) {
      const text = [entry.summary, ...textOf(entry)].join('\n');
      for (const phrase of boilerplate)
        assert.ok(!text.includes(phrase), `${phrase} in ${entry.path}`);
      assert.ok(!textOf(entry).includes('Discussion'));
      assert.ok(entry.summary.length > 0);
    }
    const peru = entries.find((e) => e.title.includes('Boluarte'));
    // The real paragraphs on either side of the appeal stay.
    assert.ok(textOf(peru).some((p) => p.startsWith('Alors que le Pérou')));
    assert.ok(textOf(peru).some((p) => p.startsWith('Le portail de recherche vénézuélien')));
  });

  it('tags the countries, with their accents', () => {
    const tags = entries.flatMap((e) => e.tags);
    for (const country of ['Pérou', 'Mexique', 'États-Unis'])
      assert.ok(tags.includes(country), country);
    for (const entry of entries) assert.ok(entry.tags.length <= 6 && entry.keywords.length <= 10);
  });

  it('gives stable tag URIs and dates with an offset', () => {
    for (const entry of entries) {
      assert.match(entry.id, /^tag:news\.example\.org,\d{4}-\d{2}-\d{2}:[a-z0-9-]+$/);
      assert.match(entry.published, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      assert.equal(entry.url, `https://news.example.org/${entry.slug}/`);
    }
  });

  it('writes an Atom feed that parses back to the same entries', async () => {
    const xml = await readFile(join(out, 'atom.xml'), 'utf8');
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
    const feed = parser.parse(xml).feed;
    assert.equal(feed['@_xml:lang'], 'fr');
    assert.equal(feed.updated, new Date(entries[0]?.updated ?? '').toISOString());
    const parsed = feed.entry.map((e: Record<string, unknown>) => ({
      id: e.id,
      title: (e.title as Record<string, string>)['#text'],
      summary: (e.summary as Record<string, string>)['#text'],
    }));
    const decodeHtml = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    assert.deepEqual(
      parsed.map((p: { id: string; title: string; summary: string }) => ({
        id: p.id,
        title: decodeHtml(p.title),
        summary: decodeHtml(p.summary),
      })),
      entries.map((e) => ({ id: e.id, title: e.title, summary: e.summary })),
    );
  });

  it('writes RSS and JSON Feed with the same ids', async () => {
    const rss = new XMLParser({ isArray: (name) => name === 'item' }).parse(
      await readFile(join(out, 'rss.xml'), 'utf8'),
    );
    assert.deepEqual(
      rss.rss.channel.item.map((i: { guid: string }) => i.guid),
      entries.map((e) => e.id),
    );
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8'));
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.deepEqual(
      json.items.map((i: { id: string; title: string }) => [i.id, i.title]),
      entries.map((e) => [e.id, e.title]),
    );
  });

  it('writes a French digest holding both titles, as HTML, text and a MIME message', async () => {
    const html = await readFile(join(out, 'digest.html'), 'utf8');
    const text = await readFile(join(out, 'digest.txt'), 'utf8');
    assert.match(html, /<html lang="fr"/);
    for (const entry of entries) {
      assert.ok(html.includes(entry.title), entry.title);
      assert.ok(text.replace(/\n/g, ' ').includes(entry.title), entry.title);
      assert.ok(html.includes(entry.url));
    }
    assert.ok(html.includes('Lire la suite'));
    assert.match(
      text,
      /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
    );
    for (const line of text.split('\n'))
      assert.ok([...line].length <= 76 || !line.includes(' '), line);

    const mail = await simpleParser(await readFile(join(out, 'digest.eml')));
    assert.equal(mail.subject?.startsWith('La lettre'), true);
    assert.equal(mail.from?.text, '"La lettre" <lettre@news.example.org>');
    assert.ok(mail.text?.includes('Lire la suite'));
    assert.ok(typeof mail.html === 'string' && mail.html.includes(entries[0]?.title ?? '\0'));
    assert.ok(mail.date instanceof Date && !Number.isNaN(mail.date.getTime()));
    const contentType = mail.headers.get('content-type') as { value: string };
    assert.equal(contentType.value, 'multipart/alternative');
  });

  it('gives byte-identical output when built twice', async () => {
    const first = await snapshot(out);
    const again = await runCli(['build', '--input', 'articles', '--out', 'out2'], project);
    assert.equal(again.code, 0, again.stderr);
    const second = await snapshot(join(project, 'out2'));
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    for (const [path, bytes] of first)
      assert.ok(bytes.equals(second.get(path) ?? Buffer.alloc(0)), path);
  });
});
