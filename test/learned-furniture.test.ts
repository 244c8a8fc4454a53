import assert from 'node:assert/strict';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../src/config.ts';
import type { Entry, TextEntry } from '../src/entry.ts';
import {
  appliedLearned,
  articleLines,
  learnLines,
  pageFingerprints,
  sameFingerprints,
} from '../src/normalize/page/learn-lines.ts';
import { foldLine, lineFingerprint } from '../src/normalize/page/page-reading.ts';
import { createPageRules } from '../src/normalize/page/page-rules.ts';
import { processArticle } from '../src/normalize/process-article.ts';
import {
  baseConfig,
  buildWithEngine,
  fixtures,
  locales,
  runBinary,
  runCli,
  tempDir,
  textOf,
} from './helpers.ts';

const now = () => new Date('2026-03-01T12:00:00Z');
const site = join(fixtures, 'learned-furniture');
const pages = ['2025-03-10-arenes.txt', '2025-03-11-tramway.txt', '2025-03-12-secheresse.txt'];
/** A line of the site's in the middle of every page: a verb, not a sentence, no rule for it. */
const siteLine = 'Nos correspondants couvrent quarante communes du Gard';

/** A project holding the first `count` pages of the site. */
async function project(count: number): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
  await mkdir(join(dir, 'articles'));
  for (const page of pages.slice(0, count)) await addPage(dir, page);
  return dir;
}

const addPage = (dir: string, page: string) =>
  cp(join(site, page), join(dir, 'articles', page), { preserveTimestamps: true });

/** The entries a build wrote, `updated` included: it follows an article's source, not its reading. */
async function entriesOf(dir: string, out = 'out'): Promise<TextEntry[]> {
  const text = await readFile(join(dir, out, 'entries.json'), 'utf8');
  return (JSON.parse(text) as { entries: TextEntry[] }).entries;
}

const holds = (entry: Pick<Entry, 'title' | 'summary' | 'content'>, text: string) =>
  [entry.title, entry.summary, ...textOf(entry as Entry)].some((p) => p.includes(text));

describe('lines learned from the folder', () => {
  it('learns a line once three articles have it, however often one article repeats it', () => {
    const [a, b, c] = ['Lire la suite', 'Publié le 3 mars', 'Partager'].map(lineFingerprint);
    assert.ok(a && b && c);
    const learned = learnLines([
      [a, b],
      [a, c],
      [a, b],
    ]);
    assert.deepEqual([...learned], [a]);
    assert.deepEqual(pageFingerprints(['Partager', 'PARTAGER ', 'Lire la suite']), [
      lineFingerprint('Partager'),
      lineFingerprint('Lire la suite'),
    ]);
    // Digits, case and spacing fold: the same timestamp line on two days is one line.
    assert.equal(lineFingerprint('Publié le 03/03/2025'), lineFingerprint('publié le  12/04/2025'));
    assert.deepEqual(appliedLearned([c, a, b], learned), [a]);
    assert.ok(sameFingerprints([a, b], [a, b]) && !sameFingerprints([a, b], [a]));
  });

  it('folds every run of spaces to one space, whatever spaces make it', () => {
    const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', ' \t ', '\r\n');
    const piece = fc.oneof(fc.string({ maxLength: 6 }), spaces, fc.constantFrom('٣', '12', 'É'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const line = pieces.join('');
        const folded = line
          .normalize('NFC')
          .toLowerCase()
          .replace(/\p{N}+/gu, '0')
          .replace(/\s+/g, ' ')
          .trim();
        assert.equal(foldLine(line), folded);
      }),
    );
  });

  it("an outcome holds its page's line fingerprints and the learned ones it applied", async () => {
    const config = parseConfig(baseConfig, 'c');
    const text = await readFile(join(site, pages[0] as string), 'utf8');
    const raw = {
      path: 'p.txt',
      displayPath: 'p.txt',
      text,
      committed: undefined,
      modified: now(),
    };
    const alone = processArticle(raw, config, locales);
    const lines = text.split('\n').filter(Boolean);
    assert.deepEqual(alone.lines, pageFingerprints(lines));
    // Foreseen without normalizing, as a build counts them before it normalizes.
    assert.deepEqual(articleLines(raw), alone.lines);
    assert.deepEqual(alone.learned, []);
    const copyright = lineFingerprint('© Le Courrier du Sud 2025');
    const learned = new Set([copyright, lineFingerprint('a line of another page')]);
    const taught = processArticle(
      raw,
      config,
      locales,
      createPageRules(config.boilerplate, learned),
    );
    assert.deepEqual(taught.learned, [copyright]);
    // A Markdown article's lines are the author's: they neither teach nor learn.
    const markdown = `## Les arènes\n\n${lines.slice(5).join('\n\n')}\n`;
    const mdRaw = { ...raw, path: 'p.md', text: markdown };
    const md = processArticle(mdRaw, config, locales, createPageRules(config.boilerplate, learned));
    assert.deepEqual([md.lines, md.learned, articleLines(mdRaw)], [[], [], []]);
    // A Markdown file without Markdown structure is page text, foreseen as such.
    const plainMd = { ...raw, path: 'p.md', text: `---\ntitle: Les arènes\n---\n${text}` };
    assert.deepEqual(articleLines(plainMd), processArticle(plainMd, config, locales).lines);
    assert.deepEqual(articleLines(plainMd), alone.lines);
  });

  it('drops a line three pages share, keeps it while only two do', async () => {
    const two = await project(2);
    await buildWithEngine({ cwd: two, input: 'articles' }, { now });
    assert.ok((await entriesOf(two)).every((e) => holds(e, siteLine)));

    const three = await project(3);
    await buildWithEngine({ cwd: three, input: 'articles' }, { now });
    const entries = await entriesOf(three);
    assert.equal(entries.length, 3);
    for (const entry of entries) {
      assert.ok(!holds(entry, siteLine), entry.path);
      assert.doesNotMatch(entry.title, /Publié|Courrier du Sud/);
    }
    // The articles' own sentences stay.
    assert.ok(entries.some((e) => holds(e, 'remplacé près de 600 blocs de calcaire')));
  });

  it('a cold build, a warm one, one without cache and one after the third page came give the same entries', async () => {
    const cold = await project(3);
    await buildWithEngine({ cwd: cold, input: 'articles' }, { now });
    const expected = await entriesOf(cold);
    const warm = await buildWithEngine({ cwd: cold, input: 'articles' }, { now });
    assert.deepEqual(warm.normalized, []);
    assert.deepEqual(await entriesOf(cold), expected);
    await buildWithEngine({ cwd: cold, input: 'articles', out: 'plain', cacheDir: false }, { now });
    assert.deepEqual(await entriesOf(cold, 'plain'), expected);

    const growing = await project(2);
    await buildWithEngine({ cwd: growing, input: 'articles' }, { now });
    const twoPages = await entriesOf(growing);
    await addPage(growing, pages[2] as string);
    const grown = await buildWithEngine({ cwd: growing, input: 'articles' }, { now });
    // The new page, and the two whose line is now learned, normalized again.
    assert.deepEqual(grown.normalized, pages);
    assert.deepEqual(await entriesOf(growing), expected);
    // The feeds hold the entries as they are now read, not as they were.
    assert.doesNotMatch(await readFile(join(growing, 'out', 'atom.xml'), 'utf8'), /correspondants/);

    await rm(join(growing, 'articles', pages[2] as string));
    await buildWithEngine({ cwd: growing, input: 'articles' }, { now });
    assert.deepEqual(await entriesOf(growing), twoPages);
  });

  it('a cold build of many pages counts their lines before normalizing any: each is normalized once', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
    await mkdir(join(dir, 'articles'));
    const texts = await Promise.all(pages.map((p) => readFile(join(site, p), 'utf8')));
    for (let n = 0; n < 60; n++) {
      const day = String((n % 28) + 1).padStart(2, '0');
      const text = (texts[n % 3] as string).replace(
        /\b(\d+) (blocs|kilomètres|communes)/,
        `${n + 2} $2`,
      );
      await writeFile(join(dir, 'articles', `2025-04-${day}-page-${n}.txt`), text);
    }
    let normalizing = 0;
    const onProgress = (_done: number, total: number) => {
      normalizing = total;
    };
    const { entries } = await buildWithEngine({ cwd: dir, input: 'articles' }, { now, onProgress });
    assert.equal(entries.length, 60);
    assert.equal(normalizing, 60);
    assert.ok(entries.every((e) => !holds(e, siteLine)));
  });

  it('normalizes again only the articles whose learned lines changed', async () => {
    const dir = await project(3);
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    // A fourth page of the site, by another author: what is learned stays, and so do the others.
    const fourth = '2025-03-13-vendanges.txt';
    const text = (await readFile(join(site, pages[0] as string), 'utf8'))
      .replace(/arènes/g, 'vendanges')
      .replace('Claire Martin', 'Paul Durand')
      .replace('10/03/2025', '13/03/2025');
    await writeFile(join(dir, 'articles', fourth), text);
    const after = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.deepEqual(after.normalized, [fourth]);
    assert.ok(!holds(after.entries.find((e) => e.path === fourth) as Entry, siteLine));
  });

  it('never empties an article made only of lines its folder repeats', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
    await mkdir(join(dir, 'articles'));
    for (const day of [3, 10, 17])
      await writeFile(
        join(dir, 'articles', `2025-03-${String(day).padStart(2, '0')}-seance-${day}.txt`),
        `Séance publique du conseil le ${day} mars.\n`,
      );
    const { entries } = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.deepEqual(
      entries.map((e) => textOf(e).join('')),
      [17, 10, 3].map((d) => `Séance publique du conseil le ${d} mars.`),
    );
  });

  it('through the command line, with its worker threads, as a cold build of the whole folder', async () => {
    const cold = await project(3);
    const growing = await project(2);
    // Built before, in this process; built again by the binary, with its threads, once the
    // third page has come; the cold build, in this process, on this thread.
    const built = await runCli(['build', '--input', 'articles'], growing);
    assert.equal(built.code, 0, built.stderr);
    await addPage(growing, pages[2] as string);
    const grown = await runBinary(['build', '--input', 'articles'], growing);
    const coldRun = await runCli(['build', '--input', 'articles'], cold);
    assert.equal(grown.code, 0, grown.stderr);
    assert.equal(coldRun.code, 0, coldRun.stderr);
    assert.match(grown.stdout, /\(3 normalized, 0 from the cache\)/);
    assert.deepEqual(await entriesOf(growing), await entriesOf(cold));
    assert.ok((await entriesOf(cold)).every((e) => !holds(e, siteLine)));
  });
});
