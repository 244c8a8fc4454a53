import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type BuildResult, build, type EntryPolicy, readEntries } from '../src/build.ts';
import { parseConfig, readConfig } from '../src/config.ts';
import { type Entry, withText } from '../src/entry.ts';
import { createEngine } from '../src/incremental/engine.ts';
import { openKeptOutput } from '../src/incremental/output-reuse.ts';
import type { KeptOutput } from '../src/ports.ts';
import { renderEntriesFile } from '../src/render/entries-file.ts';
import type { OutputFile } from '../src/render/output-file.ts';
import { linkKept, PreviousOutputChanged, writeOutput } from '../src/write/write-output.ts';
import { baseConfig, buildWithEngine, runCli, snapshot, tempDir, textOf } from './helpers.ts';

const now = () => new Date('2026-03-01T12:00:00Z');

/** Eight dated articles; each carries one city tag of three, and the first two a shared one. */
async function makeSite(): Promise<string> {
  const dir = await tempDir();
  const config = { ...baseConfig, feeds: { limit: 3, tagMinEntries: 2 } };
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config));
  await mkdir(join(dir, 'articles'));
  const cities = ['Lyon', 'Nantes', 'Lille'];
  for (let n = 1; n <= 8; n++) {
    const tags = [cities[n % 3], ...(n <= 2 ? ['Budget'] : [])];
    await writeFile(
      join(dir, 'articles', `a${n}.md`),
      `---\ndate: 2026-01-0${n}\ntags: [${tags.join(', ')}]\n---\n` +
        `Le conseil municipal de ${cities[n % 3]} a voté le budget numéro ${n} après un long débat.\n\n` +
        `Les élus de l'opposition ont demandé un nouvel examen du texte numéro ${n}.\n`,
    );
    // Written an hour ago: the files are settled, and their stamps are trusted.
    const past = new Date(Date.now() - 3600_000);
    await utimes(join(dir, 'articles', `a${n}.md`), past, past);
  }
  return dir;
}

const inodes = async (dir: string, result: BuildResult) =>
  new Map(
    await Promise.all(
      result.written.map(async (f) => [f.path, (await stat(join(dir, f.path))).ino] as const),
    ),
  );

describe('incremental builds', () => {
  it('after one edit, renders only the documents holding that entry, and writes what a clean build writes', async () => {
    const dir = await makeSite();
    // Built first on this thread, again with nothing changed; then, after the edit, by the
    // engine as the command line runs it, with its threads.
    const first = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal(first.normalized.length, 8);
    const before = await inodes(join(dir, 'out'), first);

    const warm = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.deepEqual(warm.normalized, [], 'nothing changed, nothing normalized');
    assert.equal(warm.read, 0, 'nor read');
    const feeds = warm.written.filter((f) =>
      /^((archive|tags)\/.*\.xml|atom\.xml|rss\.xml|feed\.json)$/.test(f.path),
    );
    const pages = warm.written.filter((f) => /^[^/]+\/index\.html$/.test(f.path));
    assert.ok(feeds.length >= 9);
    assert.equal(pages.length, 8);
    const again = await inodes(join(dir, 'out'), warm);
    assert.deepEqual(
      warm.written.filter((f) => before.get(f.path) !== again.get(f.path)).map((f) => f.path),
      ['entries.json'],
      'every feed, page, the digest and the sitemap kept; the entries copied from the last',
    );
    assert.equal(warm.reused, warm.written.length - 1);

    // a4 carries Nantes (4 % 3 = 1) and sits on the second archive page (a1-a3, a4-a6).
    const edited = join(dir, 'articles', 'a4.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nUn paragraphe ajouté.\n`);
    const after = await buildWithEngine({ cwd: dir, input: 'articles' }, { now }, true);
    assert.deepEqual(after.normalized, ['a4.md']);
    assert.equal(after.read, 1);
    const inodesAfter = await inodes(join(dir, 'out'), after);
    const kept = (path: string) => before.get(path) === inodesAfter.get(path);
    assert.ok(kept('tags/lyon.xml') && kept('tags/lille.xml') && kept('tags/budget.xml'));
    assert.ok(kept('archive/1.xml'), 'an archive page without the entry is kept');
    // The newest three (a6 to a8) make the main feeds: a4 is not among them.
    assert.ok(kept('atom.xml') && kept('rss.xml') && kept('feed.json'));
    assert.ok(!kept('tags/nantes.xml') && !kept('archive/2.xml'), 'pages with the entry are new');
    assert.match(await readFile(join(dir, 'out', 'tags', 'nantes.xml'), 'utf8'), /ajouté/);
    // The entry's page, and no other: its neighbours (a3, a5) show its title, which is the same.
    const newPages = after.written
      .filter((f) => /^[^/]+\/index\.html$/.test(f.path) && !kept(f.path))
      .map((f) => f.path)
      .sort();
    assert.deepEqual(newPages, ['a4/index.html']);

    // Without the engine, on this thread, without a cache: the same bytes.
    const clean = await build({ cwd: dir, input: 'articles', out: 'clean' }, { now });
    assert.equal(clean.normalized.length, 8);
    assert.deepEqual(await snapshot(join(dir, 'clean')), await snapshot(join(dir, 'out')));
  });

  it('after an article is added, then one removed, writes what a build without the engine writes', async () => {
    const dir = await makeSite();
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const same = async (what: string) => {
      await rm(join(dir, 'clean'), { recursive: true, force: true });
      await build({ cwd: dir, input: 'articles', out: 'clean' }, { now });
      assert.deepEqual(
        await snapshot(join(dir, 'clean')),
        await snapshot(join(dir, 'out')),
        `${what}: the engine's output is a clean build's`,
      );
    };
    await writeFile(
      join(dir, 'articles', 'a9.md'),
      '---\ndate: 2026-01-09\ntags: [Lyon, Budget]\n---\nLe conseil municipal de Lyon a voté une rallonge du budget après un long débat.\n',
    );
    const added = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.deepEqual(added.normalized, ['a9.md']);
    assert.ok(added.reused > 0, 'documents without the new entry are kept');
    await same('added');
    await rm(join(dir, 'articles', 'a2.md'));
    const removed = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal(removed.entries.length, 8);
    assert.doesNotMatch(await readFile(join(dir, 'out', 'entries.json'), 'utf8'), /"a2\.md"/);
    await same('removed');
  });

  it('sees a change that keeps the size and the modification time', async () => {
    const dir = await makeSite();
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const file = join(dir, 'articles', 'a5.md');
    const { mtime, atime } = await stat(file);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('budget numéro 5', 'budget numéro 9'));
    await utimes(file, atime, mtime);
    const result = await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal(result.read, 1);
    assert.deepEqual(result.normalized, ['a5.md']);
    const edited = result.entries.find((e) => e.path === 'a5.md');
    assert.match(textOf(edited).join(' '), /budget numéro 9/);
  });

  it('rewrites an output file that was edited by hand', async () => {
    const dir = await makeSite();
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const lyon = join(dir, 'out', 'tags', 'lyon.xml');
    const original = await readFile(lyon, 'utf8');
    // Same size, same inode: only the modification time tells.
    await writeFile(lyon, original.replace('Gazette de test', 'Gazette de TEST'));
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal(await readFile(lyon, 'utf8'), original);
  });

  it('compiles the digest again only when its MJML changes', async () => {
    const dir = await makeSite();
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const kept = join(dir, '.gazette-cache', 'digests');
    const [name, ...others] = await readdir(kept);
    assert.ok(name && others.length === 0, 'one digest compiled and kept');
    const html = await readFile(join(kept, name), 'utf8');
    // The kept HTML, not a new compilation, makes the next build's digest.
    await writeFile(join(kept, name), html.replace('</body>', '<!-- kept --></body>'));
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.match(await readFile(join(dir, 'out', 'digest.html'), 'utf8'), /<!-- kept -->/);

    // The newest article changes the digest: compiled again, and kept beside the other.
    const newest = join(dir, 'articles', 'a8.md');
    await writeFile(newest, (await readFile(newest, 'utf8')).replace('long débat', 'débat bref'));
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const digest = await readFile(join(dir, 'out', 'digest.html'), 'utf8');
    assert.match(digest, /débat bref/);
    assert.doesNotMatch(digest, /<!-- kept -->/);
    assert.equal((await readdir(kept)).length, 2);
  });
});

describe('the cache on disk', () => {
  it('serves entries whose text is read back only when rendered, and survives losing its content files', async () => {
    const dir = await makeSite();
    const cli = (...args: string[]) => runCli(['build', '--input', 'articles', ...args], dir);
    assert.equal((await cli()).code, 0);
    const edited = join(dir, 'articles', 'a4.md');
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nUn paragraphe ajouté.\n`);
    const warm = await cli();
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stdout, /1 normalized, 7 from the cache/);
    const clean = await cli('--out', 'clean', '--cache-dir', '.other-cache');
    assert.match(clean.stdout, /8 normalized/);
    assert.deepEqual(await snapshot(join(dir, 'clean')), await snapshot(join(dir, 'out')));
    const entries = JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8'));
    assert.ok(
      entries.entries.every(
        (e: { content: string[] }) => e.content.length === 2 || e.content.length === 3,
      ),
    );

    // Content files removed by hand: their records are dropped, the articles normalized again.
    const cache = join(dir, '.gazette-cache', 'articles');
    for (const generation of await readdir(cache))
      for (const name of await readdir(join(cache, generation)))
        if (name.endsWith('.content')) await rm(join(cache, generation, name));
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nEncore un paragraphe.\n`);
    const after = await cli();
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /8 normalized, 0 from the cache/);
    const again = await cli('--out', 'clean', '--cache-dir', '.other-cache');
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(await snapshot(join(dir, 'clean')), await snapshot(join(dir, 'out')));
  });
});

/** The shard of the cache that holds an article's record, as the cache places it. */
const shardOf = (path: string) => createHash('sha1').update(path).digest().readUInt32BE(0) % 64;

/** The folder of the cache's records for the settings of `dir`'s one config. */
async function cacheFolder(dir: string): Promise<string> {
  const cache = join(dir, '.gazette-cache', 'articles');
  const [generation] = await readdir(cache);
  return join(cache, generation ?? '');
}

/** Reads the entries of `dir` in this process, which keeps the cache's records as `--watch` does. */
async function entriesReader(dir: string) {
  const config = await readConfig(join(dir, 'gazette.config.json'), 'gazette.config.json');
  // A session's engine: its cache's records stay in memory from one reading to the next. It
  // starts no threads, and so has none left running when the test ends.
  const engine = createEngine({
    cacheDir: join(dir, '.gazette-cache'),
    cacheShown: '.gazette-cache',
    session: true,
    threads: false,
  });
  return () =>
    readEntries(
      join(dir, 'articles'),
      'articles',
      config,
      { entries: new Map() },
      { now: now(), engine },
    );
}

describe('content files of an earlier day', () => {
  it('are read where their records moved when a build rewrites their shard', async () => {
    // Two articles whose records share a shard: the newest, whose text the main feed renders,
    // and another, edited. Saving the edit moves both to a new content file, and the old one,
    // long unused, is removed before the feed is rendered.
    let n = 0;
    while (shardOf(`other-${n}.md`) !== shardOf('latest.md')) n++;
    const dir = await tempDir();
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
    await mkdir(join(dir, 'articles'));
    const article = (date: string, city: string) =>
      `---\ndate: ${date}\n---\nLe conseil municipal de ${city} a voté le budget après un long débat.\n`;
    await writeFile(join(dir, 'articles', 'latest.md'), article('2026-02-01', 'Lyon'));
    await writeFile(join(dir, 'articles', `other-${n}.md`), article('2026-01-01', 'Nantes'));
    await writeFile(join(dir, 'articles', 'third.md'), article('2026-01-15', 'Lille'));
    const cli = (...args: string[]) => runCli(['build', '--input', 'articles', ...args], dir);
    assert.equal((await cli()).code, 0);
    const cache = join(dir, '.gazette-cache', 'articles');
    const dayAgo = new Date(Date.now() - 86_400_000);
    for (const generation of await readdir(cache))
      for (const name of await readdir(join(cache, generation)))
        await utimes(join(cache, generation, name), dayAgo, dayAgo);

    const edited = join(dir, 'articles', `other-${n}.md`);
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nUn paragraphe ajouté.\n`);
    const after = await cli();
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /1 normalized, 2 from the cache/);
    assert.equal((await cli('--out', 'clean', '--cache-dir', '.other-cache')).code, 0);
    assert.deepEqual(await snapshot(join(dir, 'clean')), await snapshot(join(dir, 'out')));
  });
});

describe('a cache rewritten by another command', () => {
  it('fails to read back a kept text once, then reads the cache again from the disk', async () => {
    const dir = await makeSite();
    const cli = () => runCli(['build', '--input', 'articles'], dir);
    assert.equal((await cli()).code, 0);
    const cacheDir = join(dir, '.gazette-cache');
    const read = await entriesReader(dir);
    // This process holds the records (as `--watch` does); the store reads their texts when asked.
    const held = await read();
    assert.ok(
      held.entries.every((entry) => entry.content === null),
      'texts left in the store',
    );
    const cache = join(cacheDir, 'articles');
    for (const generation of await readdir(cache))
      for (const name of await readdir(join(cache, generation)))
        if (name.endsWith('.content')) await rm(join(cache, generation, name));
    assert.throws(() => withText(held.entries[0] as Entry, held.texts), { name: 'CacheChanged' });
    // Another command normalizes again what lost its texts, and writes new content files.
    assert.equal((await cli()).code, 0);
    const again = await read();
    assert.deepEqual(again.normalized, [], 'from the cache');
    for (const entry of again.entries)
      assert.match(withText(entry, again.texts).content.join(' '), /budget numéro/);
  });
});

describe('content files that another command wrote', () => {
  it('are kept while its records point to them, however old', async () => {
    const dir = await makeSite();
    const cli = () => runCli(['build', '--input', 'articles'], dir);
    assert.equal((await cli()).code, 0);
    const read = await entriesReader(dir);
    // This process holds the records (as `--watch` does).
    await read();
    // Another command rewrites a1's shard: its records now point to a content file of its own.
    const folder = await cacheFolder(dir);
    const shard = join(folder, `${String(shardOf('a1.md')).padStart(2, '0')}.json`);
    const records = await readFile(shard, 'utf8');
    const [, file] = records.match(/"file":"([^"]+)"/) ?? [];
    await cp(join(folder, file ?? ''), join(folder, 'another-command.content'));
    await writeFile(
      shard,
      records.replaceAll(`"file":"${file}"`, '"file":"another-command.content"'),
    );
    const dayAgo = new Date(Date.now() - 86_400_000);
    for (const name of await readdir(folder)) await utimes(join(folder, name), dayAgo, dayAgo);
    // This process saves an edit in another shard, and removes the content files left unused.
    const other = [2, 3, 4, 5, 6, 7, 8].find((n) => shardOf(`a${n}.md`) !== shardOf('a1.md'));
    const edited = join(dir, 'articles', `a${other}.md`);
    await writeFile(edited, `${await readFile(edited, 'utf8')}\nUn paragraphe ajouté.\n`);
    assert.deepEqual((await read()).normalized, [`a${other}.md`]);
    const names = await readdir(folder);
    assert.ok(names.includes('another-command.content'));
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const text = await readFile(join(folder, name), 'utf8');
      for (const [, used] of text.matchAll(/"file":"([^"]+)"/g))
        assert.ok(names.includes(used ?? ''), `${name} points to ${used}, removed`);
    }
  });
});

describe('a build of more articles than the texts it keeps in memory', () => {
  it('puts their texts in the cache as it goes, and reads each back unchanged', async () => {
    const dir = await makeSite();
    const config = await readConfig(join(dir, 'gazette.config.json'), 'gazette.config.json');
    const cacheDir = join(dir, '.gazette-cache');
    const read = (policy: Partial<EntryPolicy>) =>
      readEntries(
        join(dir, 'articles'),
        'articles',
        config,
        { entries: new Map() },
        {
          now: now(),
          ...policy,
        },
      );
    const held = await read({});
    const spilled = await read({
      engine: createEngine({ cacheDir, cacheShown: '.gazette-cache', threads: false }),
      textsInMemory: 0,
    });
    assert.equal(spilled.normalized.length, 8);
    // The entries' texts went to the cache once normalized, and the store gives them back.
    assert.ok(spilled.entries.every((entry) => entry.content === null));
    assert.deepEqual(
      JSON.parse(JSON.stringify(spilled.entries.map((entry) => withText(entry, spilled.texts)))),
      JSON.parse(JSON.stringify(held.entries)),
    );
    // Saved, each shard holds its own texts: none points to where they first went.
    const folder = await cacheFolder(dir);
    const names = await readdir(folder);
    assert.ok(names.some((name) => name.startsWith('spill-')));
    for (const name of names.filter((n) => n.endsWith('.json')))
      assert.doesNotMatch(await readFile(join(folder, name), 'utf8'), /spill-/);
    // A build from the disk alone finds them all.
    const again = await runCli(['build', '--input', 'articles'], dir);
    assert.match(again.stdout, /0 normalized, 8 from the cache/, again.stderr);
    const entries = JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8')).entries;
    assert.deepEqual(entries, JSON.parse(JSON.stringify(held.entries)));
  });
});

describe('linking the files of the previous output', () => {
  it('links each file still as written, and tells which could not be: gone, changed, unreachable', async () => {
    const from = await tempDir();
    const to = await tempDir();
    await writeFile(join(from, 'kept.xml'), '<feed/>');
    await writeFile(join(from, 'edited.xml'), '<feed/>');
    const kept = await stat(join(from, 'kept.xml'));
    const edited = await stat(join(from, 'edited.xml'));
    await writeFile(join(from, 'edited.xml'), '<feed>changed since</feed>');
    const state = (info: Stats) => [info.size, info.mtimeMs, info.ino] as const;
    const linked = linkKept(from, to, [
      ['kept.xml', ...state(kept)],
      ['edited.xml', ...state(edited)],
      ['gone.xml', ...state(kept)],
      // A path through a file: not a "no such file" error, still no link.
      ['kept.xml/inside.xml', ...state(kept)],
    ]);
    assert.deepEqual(linked, [true, false, false, false]);
    assert.equal((await stat(join(to, 'kept.xml'))).ino, kept.ino);
    assert.deepEqual(await readdir(to), ['kept.xml']);
  });
});

describe('entries.json over the previous one', () => {
  const config = parseConfig(baseConfig, 'gazette.config.json');
  /** `entries.json` of these lines (each its key's text), over what `kept` offers. */
  const render = (keys: string[], kept?: KeptOutput, text = (k: string) => `{"part":"${k}"}`) =>
    renderEntriesFile(
      'entries.json',
      keys.map(() => ({}) as Entry),
      keys,
      { reuse: kept, serialized: keys.map(text) },
    );
  /** The lines of a rendered file that were rendered, not copied: by their key. */
  const renderedKeys = (file: OutputFile) =>
    !('chunks' in file)
      ? []
      : file.chunks.flatMap((chunk) => {
          if (!(chunk instanceof Uint8Array)) return [];
          return [
            ...Buffer.from(chunk)
              .toString()
              .matchAll(/"part":"(\w+)"/g),
          ].map((m) => m[1]);
        });
  /** Writes the file to `out`, and records it in `cache` for the next build. */
  const writeAndKeep = async (out: string, cache: string, file: OutputFile) => {
    const kept = await openKeptOutput(cache, out, config);
    const files = new Map([['entries.json', file]]);
    const { states } = await writeOutput(out, files, 'out');
    await kept.save(files, states);
  };

  it('copies the lines it holds from the previous file, in their new order, and renders the rest', async () => {
    const dir = await tempDir();
    const [out, cache] = [join(dir, 'out'), join(dir, 'cache')];
    const first = render(['a', 'b', 'c', 'd', 'e'], await openKeptOutput(cache, out, config));
    assert.deepEqual(renderedKeys(first), ['a', 'b', 'c', 'd', 'e']);
    await writeAndKeep(out, cache, first);
    const next = render(
      ['b', 'c', 'x', 'e', 'a'],
      await openKeptOutput(cache, out, config),
      (k) => `{"part":"${k}","new":true}`,
    );
    assert.deepEqual(renderedKeys(next), ['x'], 'only the new line is rendered');
    await writeAndKeep(out, cache, next);
    assert.equal(
      await readFile(join(out, 'entries.json'), 'utf8'),
      '{"entries": [\n{"part":"b"},\n{"part":"c"},\n{"part":"x","new":true},\n{"part":"e"},\n{"part":"a"}\n]}\n',
    );
  });

  it('copies megabytes as stretches, and renders every line once the settings or the file changed', async () => {
    const dir = await tempDir();
    const [out, cache] = [join(dir, 'out'), join(dir, 'cache')];
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const big = (k: string) => JSON.stringify({ part: k, text: `${k} `.repeat(5_000) });
    await writeAndKeep(out, cache, render(keys, await openKeptOutput(cache, out, config), big));
    const edited = [...keys.slice(0, 150), 'new', ...keys.slice(151)];
    const file = render(edited, await openKeptOutput(cache, out, config), big);
    assert.deepEqual(renderedKeys(file), ['new']);
    // The lines around the new one, with their separators, are two stretches of the old file.
    assert.equal(
      !('chunks' in file) ? 0 : file.chunks.filter((c) => !(c instanceof Uint8Array)).length,
      2,
    );
    await writeAndKeep(out, cache, file);
    const whole = `{"entries": [\n${edited.map(big).join(',\n')}\n]}\n`;
    assert.ok(whole.length > 6_000_000);
    assert.equal(await readFile(join(out, 'entries.json'), 'utf8'), whole);

    const otherSettings = parseConfig({ ...baseConfig, title: 'Another title' }, 'x.json');
    const relaid = render(edited, await openKeptOutput(cache, out, otherSettings), big);
    assert.equal(renderedKeys(relaid).length, edited.length, 'new settings: nothing copied');
    await writeFile(join(out, 'entries.json'), whole.replace('k1 ', 'K1 '));
    const afterEdit = render(edited, await openKeptOutput(cache, out, config), big);
    assert.equal(renderedKeys(afterEdit).length, edited.length, 'edited by hand: nothing copied');
  });

  it('is not written from a previous file that changed after rendering counted on it', async () => {
    const dir = await tempDir();
    const [out, cache] = [join(dir, 'out'), join(dir, 'cache')];
    await writeAndKeep(out, cache, render(['a', 'b'], await openKeptOutput(cache, out, config)));
    const next = render(['a', 'b', 'c'], await openKeptOutput(cache, out, config));
    const before = await snapshot(out);
    await writeFile(join(out, 'entries.json'), '{"entries": [\n{"part":"A"},\n{"part":"b"}\n]}\n');
    await assert.rejects(
      writeOutput(out, new Map([['entries.json', next]]), 'out'),
      PreviousOutputChanged,
    );
    assert.notDeepEqual(await snapshot(out), before, 'the hand edit stays');
    assert.match(await readFile(join(out, 'entries.json'), 'utf8'), /"A"/);
  });
});
