import assert from 'node:assert/strict';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { lexer } from 'marked';
import { build } from '../src/build.ts';
import type { Entry } from '../src/entry.ts';
import { renderArticleHtml } from '../src/normalize/article-html.ts';
import { feedparserAll, jing, type ParsedEntry, validateJsonFeed, xmllint } from './feed-tools.ts';
import { baseConfig, buildWithEngine, fixtures, makeProject, runCli, snapshot } from './helpers.ts';

const site = baseConfig.siteUrl;
const articles = join(fixtures, 'markdown-html', 'articles');

/** What no channel may carry, as markup or as text shown to the reader. */
const unsafe = [
  /<script/i,
  /<iframe/i,
  /<form/i,
  /<input/i,
  /\son\w+\s*=/i,
  /javascript:/i,
  /data:image/i,
  /style\s*=/i,
  /document\.cookie/,
  /Envoyer vos identifiants/,
];

describe('Markdown articles in every channel', () => {
  let project: string;
  let out: string;
  let warnings: string[];
  let entries: Entry[];
  const file = (path: string) => readFile(join(out, path), 'utf8');

  before(async () => {
    project = await makeProject(articles);
    const result = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    out = join(project, 'out');
    warnings = result.warnings.map(
      (w) => `${w.location?.file}:${w.location?.line ?? ''} ${w.message}`,
    );
    entries = (JSON.parse(await file('entries.json')) as { entries: Entry[] }).entries;
  });

  it('keeps structure, emphasis, links and pictures, with every URL absolute', async () => {
    const atom = await file('atom.xml');
    const [parsed] = feedparserAll([join(out, 'atom.xml')]);
    // As a feed reader gets it (feedparser writes HTML again in its own way)...
    const read = parsed?.entries.find((e) => e.link === `${site}lima/`)?.content[0] ?? '';
    for (const element of ['<h2>', '<ol>', '<ul>', '<blockquote>', '<table>', '<th', '<pre>'])
      assert.ok(read.includes(element), `${element} in ${read}`);
    // ...and as Gazette writes it.
    const json = JSON.parse(await file('feed.json')) as {
      items: { url: string; content_html: string }[];
    };
    const html = json.items.find((i) => i.url === `${site}lima/`)?.content_html ?? '';
    assert.ok(atom.includes(html), 'the same HTML in Atom');
    assert.match(html, /<strong>couvre-feu<\/strong>/);
    assert.match(html, /<em>forces de l'ordre<\/em>/);
    assert.match(html, /<figure><img [^>]*><figcaption>Nombre de manifestations/);
    // Links: outside kept, another article's file → its entry, local file → its copy, the rest
    // relative to the entry.
    assert.match(html, /<a href="https:\/\/www\.gob\.pe\/rapport" title="Rapport officiel">/);
    assert.ok(html.includes(`<a href="${site}cusco/#contexte">notre article sur Cusco</a>`));
    assert.ok(html.includes(`<a href="${site}files/docs/rapport.pdf">`));
    assert.ok(html.includes(`<a href="${site}">la une</a>`));
    assert.ok(html.includes(`<a href="${site}lima/#contexte">`));
    // Pictures: copied, with their size read from the file.
    assert.ok(
      html.includes(
        `<img src="${site}files/img/place%20de%20armas.png" width="1200" height="800" alt="Manifestants sur la place d&#39;Armes">`,
      ),
      html,
    );
    assert.match(html, new RegExp(`src="${site}files/img/chart\\.png" width="320" height="200"`));
    for (const href of html.match(/(?:href|src)="[^"]*"/g) ?? [])
      assert.match(href, /="(?:https?:|mailto:)/, `${href} is absolute`);
    // Atom's content is escaped HTML, never elements of the feed.
    assert.match(atom, /<content type="html">/);
    assert.equal(jing(join(out, 'atom.xml')).ok, true);
  });

  it('lets nothing through that runs, restyles or asks for input, in any channel', async () => {
    const channels = [
      await file('atom.xml'),
      await file('rss.xml'),
      await file('feed.json'),
      await file('index.html'),
      await file('digest.html'),
      await file('digest.txt'),
    ];
    const [atom, rss] = feedparserAll([join(out, 'atom.xml'), join(out, 'rss.xml')]);
    const contents = [...(atom?.entries ?? []), ...(rss?.entries ?? [])].flatMap((e) => e.content);
    const json = JSON.parse(await file('feed.json')) as { items: { content_html: string }[] };
    for (const text of [...contents, ...json.items.map((i) => i.content_html)]) {
      for (const pattern of unsafe) assert.doesNotMatch(text, pattern);
      // Neither as literal text: the markup is gone, not escaped into view.
      assert.doesNotMatch(text, /&lt;(?:iframe|script|form|p )/);
    }
    for (const text of channels) assert.doesNotMatch(text, /document\.cookie|alert\(/);
    // What the safe parts said is still there.
    assert.ok(
      contents.some((c) => c.includes('<a href="https://www.gob.pe/contacto">un lien sûr</a>')),
    );
  });

  it('carries the same HTML in RSS content:encoded and JSON Feed content_html', async () => {
    const [atom, rss] = feedparserAll([join(out, 'atom.xml'), join(out, 'rss.xml')]);
    const byLink = (feed: { entries: ParsedEntry[] } | undefined) =>
      feed?.entries.find((e) => e.link === `${site}lima/`)?.content[0];
    const json = JSON.parse(await file('feed.json')) as {
      items: { url: string; content_html: string; image?: string }[];
    };
    assert.deepEqual(validateJsonFeed(json), []);
    const jsonLima = json.items.find((i) => i.url === `${site}lima/`)?.content_html;
    assert.ok(byLink(atom)?.includes('<table>'));
    assert.equal(byLink(rss), byLink(atom));
    assert.ok(jsonLima?.startsWith(byLink(atom)?.slice(0, 200) ?? '\0'));
    assert.equal(xmllint(join(out, 'rss.xml')).ok, true);
  });

  it('computes summary, keywords and tags from the text, not markup, URLs or alt text', () => {
    for (const entry of entries) {
      const words = [entry.title, ...entry.keywords, ...entry.tags].join(' | ');
      assert.doesNotMatch(words, /https?:|www\.|<|>|\.png|\.pdf|Manifestants sur la place|curfew/);
      // A summary shows the text's sentences whole: a .txt's written address is text.
      const markup = entry.path.endsWith('.md')
        ? /https?:|<|>|\.png|\.pdf|Manifestants|curfew/
        : /<|>/;
      assert.doesNotMatch(entry.summary, markup);
    }
    const lima = entries.find((e) => e.slug === 'lima');
    assert.match(lima?.summary ?? '', /^Le gouvernement péruvien a décrété mardi un couvre-feu/);
    assert.ok(lima?.content?.every((p) => !p.includes('Manifestations par jour')));
  });

  it('links the bare addresses of a .txt and keeps it plain', async () => {
    const [atom] = feedparserAll([join(out, 'atom.xml')]);
    const bourse = atom?.entries.find((e) => e.link === `${site}bourse/`)?.content[0] ?? '';
    assert.ok(
      bourse.includes(
        '<a href="https://www.bvl.com.pe/mercado">https://www.bvl.com.pe/mercado</a> (séance du jour)',
      ),
      bourse,
    );
    assert.ok(
      bourse.includes(
        '(<a href="https://www.bcrp.gob.pe/en/statistics.html">https://www.bcrp.gob.pe/en/statistics.html</a>)',
      ),
    );
    assert.doesNotMatch(bourse, /<(?:h\d|strong|em|ul)>/);
  });

  it('copies the pictures and files articles use, at stable URLs, and nothing else', async () => {
    for (const [copy, original] of [
      ['files/img/place de armas.png', 'img/place de armas.png'],
      ['files/img/chart.png', 'img/chart.png'],
      ['files/docs/rapport.pdf', 'docs/rapport.pdf'],
    ] as const) {
      assert.deepEqual(
        await readFile(join(out, copy)),
        await readFile(join(articles, original)),
        copy,
      );
    }
    for (const absent of ['files/unused.png', 'files/.hidden.png', 'files/notes.csv'])
      await assert.rejects(stat(join(out, absent)), absent);
  });

  it("gives each entry its picture: front matter's, else the article's first", async () => {
    const [atom, rss] = feedparserAll([join(out, 'atom.xml'), join(out, 'rss.xml')]);
    const picture = `${site}files/img/place%20de%20armas.png`;
    const size = (await stat(join(articles, 'img/place de armas.png'))).size;
    for (const feed of [atom, rss]) {
      const lima = feed?.entries.find((e) => e.link === `${site}lima/`);
      const cusco = feed?.entries.find((e) => e.link === `${site}cusco/`);
      assert.deepEqual(
        lima?.media.map((m) => [m.url, m.medium, m.width, m.height]),
        [[picture, 'image', '1200', '800']],
      );
      assert.deepEqual(
        cusco?.media.map((m) => [m.url, m.width, m.height]),
        [['https://cdn.example.org/photos/cusco.jpg', '1600', '900']],
      );
      assert.deepEqual(feed?.entries.find((e) => e.link === `${site}bourse/`)?.media, []);
    }
    // RSS encloses the local picture, whose length is known, and not the remote one.
    const rssLima = rss?.entries.find((e) => e.link === `${site}lima/`);
    assert.deepEqual(rssLima?.enclosures, [
      { href: picture, length: String(size), type: 'image/png' },
    ]);
    assert.deepEqual(rss?.entries.find((e) => e.link === `${site}cusco/`)?.enclosures, []);
    const json = JSON.parse(await file('feed.json')) as {
      items: { url: string; image?: string }[];
    };
    assert.equal(json.items.find((i) => i.url === `${site}lima/`)?.image, picture);
    assert.equal(
      json.items.find((i) => i.url === `${site}cusco/`)?.image,
      'https://cdn.example.org/photos/cusco.jpg',
    );
    assert.match(await file('rss.xml'), /<media:description type="plain">La place principale/);
  });

  it('shows each picture in the digest, at most the column wide, and not in the text part', async () => {
    const html = await file('digest.html');
    const image = html.match(/<img[^>]*place%20de%20armas[^>]*>/)?.[0] ?? '';
    assert.match(
      image,
      /alt="Manifestants sur la place d&#x27;Armes"|alt="Manifestants sur la place d'Armes"/,
    );
    assert.match(image, /width="592"/);
    assert.match(html, /<img[^>]*cusco\.jpg[^>]*>/);
    assert.doesNotMatch(await file('digest.txt'), /\.png|\.jpg/);
  });

  it('warns once of each missing or refused file, naming the article and the line', () => {
    assert.deepEqual(warnings.filter((w) => w.includes('2025-03-01-lima.md')).sort(), [
      'articles/2025-03-01-lima.md:24 the link notes.csv is not published: a .csv file is not published (pictures, sound, video, PDF and office documents are)',
      'articles/2025-03-01-lima.md:24 the picture img/carte.jpg names no file of the input folder: left out',
    ]);
    // Files beside the articles that none uses are theirs to keep, silently.
    assert.deepEqual(
      warnings.filter((w) => /unused|hidden|rapport|chart/.test(w)),
      [],
    );
  });

  it('writes the same bytes with the incremental engine, and keeps or copies files as they change', async () => {
    const cached = await makeProject(articles);
    const options = { cwd: cached, input: 'articles' };
    const now = () => new Date('2026-01-01T00:00:00Z');
    await buildWithEngine(options, { now });
    const plain = await makeProject(articles);
    await build({ cwd: plain, input: 'articles' }, { now });
    const same = async () =>
      assert.deepEqual(await snapshot(join(cached, 'out')), await snapshot(join(plain, 'out')));
    await same();
    // Unchanged: the copy is the previous output's file, linked.
    const copy = join(cached, 'out', 'files', 'img', 'place de armas.png');
    const before = (await stat(copy)).ino;
    await buildWithEngine(options, { now });
    assert.equal((await stat(copy)).ino, before);
    await same();
    // A picture replaced by a larger one: copied again, and its new size written.
    const bigger = await readFile(join(fixtures, 'markdown-html', 'wide.png'));
    for (const project of [cached, plain])
      await writeFile(join(project, 'articles', 'img', 'chart.png'), bigger);
    await buildWithEngine(options, { now });
    await build({ cwd: plain, input: 'articles' }, { now });
    await same();
    const feed = await readFile(join(cached, 'out', 'feed.json'), 'utf8');
    assert.match(feed, /chart\.png\\" width=\\"640\\" height=\\"100\\"/);
    assert.deepEqual(await readFile(join(cached, 'out', 'files', 'img', 'chart.png')), bigger);
  });

  it('fails under --strict on a missing picture, naming the file and line', async () => {
    const strict = await runCli(['build', '--input', 'articles', '--strict'], project);
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /articles\/2025-03-01-lima\.md:24.*img\/carte\.jpg/);
  });
});

describe('what an article names that cannot be published', () => {
  it('leaves out, with a warning, what is missing, refused, outside or unpublished', async () => {
    const project = await makeProject(articles);
    const folder = join(project, 'articles');
    await writeFile(join(folder, 'abonnes.csv'), 'email\nreader@example.org\n');
    // A link named as a PDF that leads to a subscriber list, and one into a hidden folder.
    await symlink(join(folder, 'abonnes.csv'), join(folder, 'liste.pdf'));
    await mkdir(join(folder, '.private'));
    await writeFile(
      join(folder, '.private', 'plan.png'),
      await readFile(join(folder, 'img/chart.png')),
    );
    await symlink(join(folder, '.private'), join(folder, 'public'));
    await writeFile(
      join(folder, '2025-03-04-brouillon.md'),
      '---\ntitle: Le ministre démissionne\ndraft: true\n---\nLe ministre a démissionné ce matin.\n',
    );
    await writeFile(
      join(folder, '2025-03-05-liens.md'),
      [
        '---',
        'title: Des liens qui ne mènent nulle part',
        'image: docs/rapport.pdf',
        '---',
        'Le conseil municipal de Lima a voté le budget, dit [la liste](liste.pdf) et [le plan](public/plan.png).',
        '',
        'Voir [le brouillon](2025-03-04-brouillon.md), [le rapport](../rapport.pdf) et ![absent](absent.png) ici.',
        '',
      ].join('\n'),
    );
    const result = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    const said = result.warnings
      .filter((w) => w.location?.file === 'articles/2025-03-05-liens.md')
      .map((w) => `${w.location?.line} ${w.message}`)
      .sort();
    assert.deepEqual(said, [
      '3 the picture docs/rapport.pdf is not a picture (application/pdf)',
      '5 the link liste.pdf is not published: a .csv file is not published (pictures, sound, video, PDF and office documents are)',
      '5 the link public/plan.png is not published: a hidden file is not published',
      '7 the link ../rapport.pdf is outside the input folder: not published',
      '7 the link 2025-03-04-brouillon.md leads to an article that is not published: the link is left out',
      '7 the picture absent.png names no file of the input folder: left out',
    ]);
    const out = join(project, 'out');
    const everything = [...(await snapshot(out)).entries()]
      .map(([path, bytes]) => `${path}\n${bytes.toString('latin1')}`)
      .join('\n');
    assert.doesNotMatch(
      everything,
      /reader@example\.org|2025-03-04-brouillon|démissionne|absent\.png|news\.example\.org\/rapport\.pdf/,
    );
    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as {
      items: { url: string; content_html: string; image?: string }[];
    };
    const item = json.items.find((i) => i.url === `${site}liens/`);
    assert.equal(item?.image, undefined);
    assert.match(
      item?.content_html ?? '',
      /Voir <a>le brouillon<\/a>, <a>le rapport<\/a> et {2}ici\./,
    );
    // entries.json holds the HTML as the feeds carry it, not its parts.
    const entries = JSON.parse(await readFile(join(out, 'entries.json'), 'utf8')).entries as {
      slug: string;
      html: unknown;
    }[];
    assert.equal(entries.find((e) => e.slug === 'liens')?.html, item?.content_html);
  });

  it('reads no articles in a build output kept inside the input folder', async () => {
    const project = await makeProject(articles);
    const options = { cwd: project, input: 'articles', out: 'articles/site' };
    const first = await build(options, { now: () => new Date() });
    const again = await build(options, { now: () => new Date() });
    assert.equal(again.entries.length, first.entries.length);
    assert.ok(again.entries.every((e) => !e.path.startsWith('site/')));
  });
});

describe('the Markdown cleaner', () => {
  it('never lets markup that runs or restyles through, whatever the article holds', () => {
    const fragments = [
      '<script>alert(1)</script>',
      '<scr<script>ipt>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '[x](javascript:alert(1))',
      '![x](data:image/svg+xml;base64,PHN2Zz4=)',
      '<svg onload=alert(1)>',
      '<iframe srcdoc="<script>alert(1)</script>">',
      '<style>body{display:none}</style>',
      '<p style="position:fixed">x</p>',
      '<form action=x><input name=q></form>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<!-- <script>alert(1)</script> -->',
      '<object data="x.swf"></object>',
      '<xmp><script>alert(1)</script></xmp>',
      '<noembed><script>alert(1)</script></noembed>',
      '<plaintext><script>alert(1)</script>',
      '<a href="  javascript:alert(1)">x</a>',
      '`<script>`',
      '# Titre',
      '\n\n',
      '> citation',
      '- point',
      '**gras**',
      'texte & <b>plus</b>',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string()), { maxLength: 12 }),
        (pieces) => {
          const { parts } = renderArticleHtml(lexer(pieces.join(' ')), () => undefined);
          const html = parts
            .map((part) =>
              typeof part === 'string' ? part : ` href="${'href' in part ? part.href : part.src}"`,
            )
            .join('');
          // What a browser would make of it: only harmless elements and attributes.
          const found: string[] = [];
          const parser = new Parser({
            onopentag(name, attributes) {
              if (
                !/^(?:h[1-6]|p|br|hr|blockquote|pre|code|ul|ol|li|dl|dt|dd|figure|figcaption|img|a|table|caption|thead|tbody|tfoot|tr|th|td|em|strong|b|i|u|s|del|ins|mark|sub|sup|small|abbr|cite|q|kbd|samp|var|time)$/.test(
                  name,
                )
              )
                found.push(`<${name}>`);
              for (const [attribute, value] of Object.entries(attributes)) {
                if (/^on|^style$|^srcdoc$|^xlink/i.test(attribute))
                  found.push(`${name} ${attribute}`);
                if (
                  /^(?:href|src)$/.test(attribute) &&
                  /^\s*(?:javascript|data|vbscript):/i.test(value)
                )
                  found.push(`${name} ${attribute}=${value}`);
              }
            },
          });
          parser.write(html);
          parser.end();
          assert.deepEqual(found, [], html);
        },
      ),
      { numRuns: 300 },
    );
  });
});
