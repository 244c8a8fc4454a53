import assert from 'node:assert/strict';
import { mkdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { Entry } from '../src/entry.ts';
import { notXmlChar } from '../src/xml-safe.ts';
import {
  feedparserAll,
  hasCommand,
  jing,
  type ParsedEntry,
  sfeed,
  validateJsonFeed,
  xmllint,
} from './feed-tools.ts';
import { baseConfig, runCli, snapshot, tempDir } from './helpers.ts';

/** A hub whose URL has characters to escape in XML, which every feed must carry as they are. */
const hub = 'https://hub.example.org/?topic=news&lang=fr';

const feedsConfig = {
  ...baseConfig,
  feeds: { limit: 3, tagMinEntries: 2, hub },
};

/** Fails where CI must have the program, skips with a notice elsewhere. */
function needs(t: TestContext, ...commands: string[]): boolean {
  const missing = commands.filter((c) => !hasCommand(c));
  if (missing.length === 0) return true;
  const notice = `${missing.join(', ')} not installed (.ci/run installs them from Debian)`;
  if (process.env.CI) assert.fail(notice);
  t.skip(notice);
  return false;
}

const places = [
  'Lima',
  'Quito',
  'Bogotá',
  'Caracas',
  'La Paz',
  'Santiago',
  'Asunción',
  'Montevideo',
  'Brasilia',
];

/** A numbered article with front matter: a date, two tags, and text of its own. */
function article(n: number): string {
  const place = places[(n - 1) % places.length] ?? 'Lima';
  return `---
date: 2025-01-${String(n).padStart(2, '0')} 10:00
tags: [Amérique latine, ${n % 2 ? 'Andes' : 'Atlantique'}]
---
${place}. Le conseil municipal de ${place} a voté le budget numéro ${n} après un long débat.

Les élus de ${place} ont aussi discuté des transports & de l'eau, « un sujet < urgent > », selon le maire.
`;
}

async function project(config: Record<string, unknown>, articles: Record<string, string>) {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config));
  await mkdir(join(dir, 'articles'));
  for (const [name, text] of Object.entries(articles))
    await writeFile(join(dir, 'articles', name), text);
  return dir;
}

async function build(dir: string): Promise<Entry[]> {
  const result = await runCli(['build', '--input', 'articles'], dir);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8')).entries;
}

function numbered(count: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `2025-01-${String(i + 1).padStart(2, '0')}-n${i + 1}.md`,
      article(i + 1),
    ]),
  );
}

const sameInstant = (a: string | null | undefined, b: string) =>
  Date.parse(a ?? '') === Date.parse(b);

/** What feedparser read of an entry equals what entries.json says of it. */
function assertSameEntry(parsed: ParsedEntry, entry: Entry | undefined, file: string) {
  assert.ok(entry, `${file}: unknown id ${parsed.id}`);
  assert.equal(parsed.title, entry.title, file);
  assert.equal(parsed.link, entry.url, file);
  assert.ok(sameInstant(parsed.published, entry.published), `${file}: published`);
  assert.ok(sameInstant(parsed.updated, entry.updated), `${file}: updated`);
  assert.deepEqual(parsed.tags, entry.tags, file);
}

describe('feeds, checked by real feed readers and validators', () => {
  it('are valid Atom, parse cleanly, and agree with entries.json', async (t) => {
    if (!needs(t, 'xmllint', 'jing', 'sfeed', '/usr/bin/python3')) return;
    const dir = await project(feedsConfig, numbered(7));
    const entries = await build(dir);
    const byId = new Map(entries.map((e) => [e.id, e]));
    const out = join(dir, 'out');
    // The XML files of out/ but the sitemap: the feeds.
    const files = [...(await snapshot(out)).keys()]
      .filter((f) => f.endsWith('.xml') && f !== 'sitemap.xml')
      .sort();
    const tagIndex = JSON.parse(await readFile(join(out, 'tags', 'index.json'), 'utf8'));
    assert.deepEqual(
      files,
      [
        'archive/1.xml',
        'archive/2.xml',
        'atom.xml',
        'rss.xml',
        ...tagIndex.tags.map((t: { slug: string }) => `tags/${t.slug}.xml`),
      ].sort(),
    );
    const seen = new Set<string>();
    const atomFiles = files.filter((file) => file !== 'rss.xml');
    const grammar = jing(...atomFiles.map((file) => join(out, file)));
    assert.ok(grammar.ok, grammar.output);
    const parsedFiles = feedparserAll(files.map((file) => join(out, file)));
    for (const [i, file] of files.entries()) {
      const path = join(out, file);
      const lint = xmllint(path);
      assert.ok(lint.ok, `${file}: ${lint.output}`);
      const parsed = parsedFiles[i];
      assert.ok(parsed, file);
      assert.equal(parsed.bozo, 0, `${file}: ${parsed.bozoException}`);
      assert.equal(
        new Set(parsed.entries.map((e) => e.id)).size,
        parsed.entries.length,
        `${file}: ids repeat`,
      );
      if (file !== 'rss.xml') {
        for (const e of parsed.entries) {
          assertSameEntry(e, byId.get(e.id ?? ''), file);
          seen.add(e.id ?? '');
        }
        assert.ok(
          parsed.feed.links.some(
            (l) => l.rel === 'self' && l.href === `https://news.example.org/${file}`,
          ),
        );
      } else {
        assert.deepEqual(
          parsed.entries.map((e) => [e.id, e.link, e.title]),
          entries.slice(0, 3).map((e) => [e.id, e.url, e.title]),
        );
      }
      const independent = sfeed(path);
      assert.deepEqual(
        independent.map((i) => [i.id, i.link]),
        parsed.entries.map((e) => [e.id, e.link]),
        `${file}: sfeed`,
      );
    }
    assert.equal(seen.size, 7, 'the main feed and the archives hold every entry');
  });

  it('pass the checks the validators leave out', async () => {
    const dir = await project(feedsConfig, numbered(7));
    await build(dir);
    const out = await snapshot(join(dir, 'out'));
    const xmlParser = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
    });
    for (const [file, bytes] of out) {
      const text = bytes.toString();
      assert.doesNotMatch(
        text,
        new RegExp(notXmlChar.source),
        `${file}: character outside XML Char`,
      );
      if (!file.endsWith('.xml') || file === 'rss.xml' || file === 'sitemap.xml') continue;
      const feed = xmlParser.parse(text).feed;
      assert.ok(feed.author?.[0]?.name, `${file}: feed author`);
      assert.equal(feed['@_xml:lang'], 'fr');
      const self = feed.link.find((l: Record<string, string>) => l['@_rel'] === 'self')['@_href'];
      assert.match(self, /^https:\/\//);
      const hubs = feed.link.filter((l: Record<string, string>) => l['@_rel'] === 'hub');
      assert.deepEqual(
        hubs.map((l: Record<string, string>) => l['@_href']),
        file.startsWith('archive/') ? [] : [hub],
        `${file}: the hub link, on live feeds only`,
      );
      for (const entry of feed.entry) {
        assert.match(entry.id, /^\S+$/);
        assert.match(entry.updated, /^\S+$/);
        assert.match(entry.published, /^\S+$/);
        assert.equal(entry.title['@_type'], 'text');
        assert.equal(entry.summary['@_type'], 'text');
        assert.match(entry['@_xml:base'], /^https:\/\//);
        for (const [, url] of String(entry.content['#text']).matchAll(
          /(?:href|src|srcset)="([^"]*)"/g,
        )) {
          assert.match(url ?? '', /^(https?:|mailto:)/, `${file}: relative URL in content`);
        }
      }
    }
    const json = JSON.parse(out.get('feed.json')?.toString() ?? '');
    assert.deepEqual(validateJsonFeed(json), []);
    assert.ok(json.items.every((i: { id: unknown }) => typeof i.id === 'string'));
    assert.deepEqual(json.hubs, [{ type: 'WebSub', url: hub }]);
    const rssLinks = xmlParser.parse(out.get('rss.xml')?.toString() ?? '').rss.channel['atom:link'];
    assert.deepEqual(
      rssLinks.map((l: Record<string, string>) => [l['@_rel'], l['@_href']]),
      [
        ['self', 'https://news.example.org/rss.xml'],
        ['hub', hub],
      ],
    );
    const tags = JSON.parse(out.get('tags/index.json')?.toString() ?? '');
    const counts = new Map(
      tags.tags.map((t: { tag: string; entries: number }) => [t.tag, t.entries]),
    );
    assert.equal(counts.get('Amérique latine'), 7);
    assert.equal(counts.get('Andes'), 4);
    assert.equal(counts.get('Atlantique'), 3);
    for (const t of tags.tags) assert.ok(out.has(`tags/${t.slug}.xml`) && t.entries >= 2);
  });

  it('archive full pages as RFC 5005 says, and never reshuffle them', async () => {
    const dir = await project(feedsConfig, numbered(7));
    await build(dir);
    const first = await snapshot(join(dir, 'out'));
    const parser = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => n === 'link' || n === 'entry',
    });
    const links = (file: string, snap = first) =>
      Object.fromEntries(
        xmlParser(parser, snap, file).link.map((l: Record<string, string>) => [
          l['@_rel'],
          l['@_href'],
        ]),
      );
    assert.equal(links('atom.xml')['prev-archive'], 'https://news.example.org/archive/2.xml');
    assert.equal(links('archive/2.xml')['prev-archive'], 'https://news.example.org/archive/1.xml');
    assert.equal(links('archive/1.xml')['next-archive'], 'https://news.example.org/archive/2.xml');
    assert.equal(links('archive/1.xml').current, 'https://news.example.org/atom.xml');
    assert.ok('fh:archive' in xmlParser(parser, first, 'archive/1.xml'));
    const titles = (file: string, snap: Map<string, Buffer>) =>
      xmlParser(parser, snap, file).entry.map((e: { id: string }) => e.id);
    assert.equal(titles('archive/1.xml', first).length, 3);

    // Three newer articles fill a third page; the first page, already followed by another,
    // stays byte for byte, and the second keeps its entries.
    for (let n = 8; n <= 9; n++)
      await writeFile(join(dir, 'articles', `2025-01-0${n}-n${n}.md`), article(n));
    await writeFile(join(dir, 'articles', '2025-01-10-n10.md'), article(10));
    await build(dir);
    const second = await snapshot(join(dir, 'out'));
    assert.ok(second.get('archive/1.xml')?.equals(first.get('archive/1.xml') ?? Buffer.alloc(0)));
    assert.deepEqual(titles('archive/2.xml', second), titles('archive/2.xml', first));
    assert.equal(titles('archive/3.xml', second).length, 3);
    assert.equal(
      links('atom.xml', second)['prev-archive'],
      'https://news.example.org/archive/3.xml',
    );
  });

  it('keep ids and dates through renames, a new URL scheme and edits', async () => {
    const config = { ...baseConfig, siteUrl: 'http://news.example.org/' };
    const dir = await project(config, {
      'alpha.txt': 'Le premier article parle du port de Valparaíso et de ses grues.',
      'beta.txt': 'Le deuxième article parle des mines de cuivre du désert d’Atacama.',
      'gamma.txt': 'Le troisième article parle des glaciers de Patagonie et du climat.',
    });
    const articles = join(dir, 'articles');
    const old = new Date('2025-03-01T12:00:00Z');
    for (const name of ['alpha.txt', 'beta.txt', 'gamma.txt'])
      await utimes(join(articles, name), old, old);
    const before = new Map((await build(dir)).map((e) => [e.path, e]));

    await rename(join(articles, 'alpha.txt'), join(articles, 'renamed.txt'));
    await writeFile(
      join(articles, 'beta.txt'),
      'Le deuxième article parle des mines de cuivre du désert d’Atacama. Une phrase est ajoutée.',
    );
    const later = new Date('2025-03-05T12:00:00Z');
    await utimes(join(articles, 'beta.txt'), later, later);
    await writeFile(join(articles, 'delta.txt'), 'Un nouvel article sur les vignobles de Mendoza.');
    await writeFile(
      join(dir, 'gazette.config.json'),
      JSON.stringify({ ...config, siteUrl: 'https://news.example.org/' }),
    );
    const after = new Map((await build(dir)).map((e) => [e.path, e]));

    assert.equal(after.get('renamed.txt')?.id, before.get('alpha.txt')?.id);
    assert.equal(after.get('renamed.txt')?.updated, before.get('alpha.txt')?.updated);
    assert.equal(after.get('gamma.txt')?.id, before.get('gamma.txt')?.id);
    assert.equal(after.get('gamma.txt')?.updated, before.get('gamma.txt')?.updated);
    assert.equal(after.get('beta.txt')?.id, before.get('beta.txt')?.id);
    assert.equal(after.get('beta.txt')?.published, before.get('beta.txt')?.published);
    assert.ok(
      Date.parse(after.get('beta.txt')?.updated ?? '') >
        Date.parse(before.get('beta.txt')?.updated ?? ''),
    );
    const oldIds = new Set([...before.values()].map((e) => e.id));
    assert.deepEqual(
      [...after.values()].filter((e) => !oldIds.has(e.id)).map((e) => e.path),
      ['delta.txt'],
    );

    const once = await snapshot(join(dir, 'out'));
    await build(dir);
    assert.deepEqual(await snapshot(join(dir, 'out')), once);
  });

  it('stops on two articles with the same id, naming both files', async () => {
    const dir = await project(baseConfig, {
      'one.md': '---\nid: urn:x:1\n---\nUn texte.',
      'two.md': '---\nid: urn:x:1\n---\nUn autre texte.',
    });
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /articles\/two\.md: the id urn:x:1 is also the id of articles\/one\.md/,
    );
  });

  it('stops when an id kept from before is the id another article now asks for', async () => {
    const dir = await project(baseConfig, { 'one.md': '---\ndate: 2024-01-01\n---\nUn texte.' });
    const [first] = await build(dir);
    const kept = first?.id ?? '';
    // one.md's own id would now be another, but it keeps the one readers have seen.
    await writeFile(join(dir, 'articles', 'one.md'), '---\ndate: 2024-02-01\n---\nUn texte.');
    await writeFile(join(dir, 'articles', 'two.md'), `---\nid: ${kept}\n---\nUn autre texte.`);
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 1);
    assert.ok(
      result.stderr.includes(`articles/two.md: the id ${kept} is also the id of articles/one.md`),
      result.stderr,
    );
  });

  it('stay valid with hostile text', async (t) => {
    if (!needs(t, 'xmllint', 'jing', '/usr/bin/python3')) return;
    const long = 'x'.repeat(10_000);
    const dir = await project(feedsConfig, {
      'hostile.md': `---
title: "Un titre \\u0001 avec ]]> et <script>alert(1)</script> \\uD800 fin"
tags: ["<b>gras</b>", "Procter & Gamble", "\\u0007"]
---
Du texte avec \u0002 des contrôles, ]]> et <script>alert("x")</script>, ${long}.

Un paragraphe en arabe : مرحبا بالعالم، وهذا نص من اليمين إلى اليسار. Et des emoji 👩‍👩‍👧 et e\u0301.
`,
      'autre.txt': 'Un article ordinaire, pour que le flux en ait deux.',
    });
    const entries = await build(dir);
    const hostile = entries.find((e) => e.path === 'hostile.md');
    assert.equal(hostile?.title, 'Un titre avec ]]> et <script>alert(1)</script> fin');
    const files = ['atom.xml', 'rss.xml'];
    const paths = files.map((file) => join(dir, 'out', file));
    for (const [i, path] of paths.entries()) assert.ok(xmllint(path).ok, files[i]);
    const grammar = jing(join(dir, 'out', 'atom.xml'));
    assert.ok(grammar.ok, grammar.output);
    const [atom, rss] = feedparserAll(paths);
    for (const [file, parsed] of [
      ['atom.xml', atom],
      ['rss.xml', rss],
    ] as const)
      assert.equal(parsed?.bozo, 0, `${file}: ${parsed?.bozoException}`);
    assert.ok(atom?.entries.some((e) => e.title === hostile?.title));
    JSON.parse(await readFile(join(dir, 'out', 'feed.json'), 'utf8'));
  });
});

function xmlParser(parser: XMLParser, snap: Map<string, Buffer>, file: string) {
  return parser.parse(snap.get(file)?.toString() ?? '').feed;
}
