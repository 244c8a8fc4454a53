import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type BuildResult, build } from '../src/build.ts';
import { listArticles } from '../src/read/read-articles.ts';
import { watchBuild } from '../src/watch.ts';
import { baseConfig, cliArgs, makeProject, root, snapshot, tempDir } from './helpers.ts';

/** `gazette build --watch` run in `project`, with what it printed so far. */
function watchCli(project: string) {
  const child = spawn(process.execPath, cliArgs(['build', '--input', 'articles', '--watch']), {
    cwd: project,
    env: { ...process.env, INIT_CWD: project, NO_COLOR: '1' },
  });
  const printed = { output: '', lines: [] as string[] };
  child.stdout.on('data', (chunk) => {
    printed.output += chunk;
    printed.lines.push(...String(chunk).split('\n').filter(Boolean));
  });
  child.stderr.on('data', (chunk) => {
    printed.output += chunk;
  });
  const waitFor = async (pattern: RegExp, timeout = 20_000) => {
    const started = Date.now();
    while (!pattern.test(printed.output)) {
      if (Date.now() - started > timeout) assert.fail(`no ${pattern} in:\n${printed.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { printed, waitFor, stop: () => child.kill('SIGINT') };
}

/**
 * The watch of `project` in this process, on this thread, once its first build is done: the
 * builds so far (or their errors).
 */
async function watchHere(project: string) {
  const builds: (BuildResult | Error)[] = [];
  const watcher = await watchBuild(
    { cwd: project, input: 'articles' },
    {
      now: () => new Date(),
      threads: false,
      onBuild: (result) => builds.push(result),
      onError: (error) => builds.push(error as Error),
    },
  );
  return { builds, watcher };
}

/** Waits until `done` holds, for 20 seconds at most. */
async function until(done: () => boolean | Promise<boolean>, failure: string): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > 20_000) assert.fail(failure);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('gazette build --watch', () => {
  it('rebuilds on a change, normalizing only the changed article', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const { printed, waitFor, stop } = watchCli(project);
    const { lines } = printed;
    try {
      await waitFor(/Watching for changes/);
      assert.match(printed.output, /built 2 entries in .*, 2 normalized/);
      const file = join(project, 'articles', '004_5c34eccd36d238b7.txt');
      // Saved as an editor saves it, whole at once: a busy machine could otherwise see the
      // truncated file and the written one as two edits, and build twice.
      const saved = join(await tempDir(), 'saved.txt');
      await writeFile(
        saved,
        `Quito. Un tout autre début d’article pour voir.\n${await readFile(file, 'utf8')}`,
      );
      await rename(saved, file);
      await waitFor(/built 2 entries in [^\n]*, 1 normalized: 004_5c34eccd36d238b7\.txt/);
      const entries = JSON.parse(
        await readFile(join(project, 'out', 'entries.json'), 'utf8'),
      ).entries;
      assert.ok(
        entries.some((e: { title: string }) => e.title.startsWith('Quito : un tout autre début')),
      );
      // The digest, compiled on the normalizer's thread, has the new title too.
      assert.match(
        await readFile(join(project, 'out', 'digest.html'), 'utf8'),
        /Quito : un tout autre début/,
      );
      assert.equal(lines.filter((l) => /\bbuilt\b/.test(l)).length, 2, 'one line per build');
    } finally {
      stop();
    }
  });

  it('rebuilds when the config changes or a templates folder appears, not when it writes its output', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const { builds, watcher } = await watchHere(project);
    try {
      // The first build wrote out/, the id map and the cache beside the config: no build more.
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(builds.length, 1);
      const configFile = join(project, 'gazette.config.json');
      const config = JSON.parse(await readFile(configFile, 'utf8'));
      await writeFile(configFile, JSON.stringify({ ...config, title: 'La Gazette du Sud' }));
      await until(() => builds.length >= 2, 'no build after the config changed');
      assert.match(await readFile(join(project, 'out', 'atom.xml'), 'utf8'), /La Gazette du Sud/);
      // A templates folder made after watching started, with the digest's text template.
      await mkdir(join(project, 'templates'));
      await writeFile(join(project, 'templates', 'digest.txt.hbs'), 'Édition spéciale {{title}}\n');
      // Read while builds swap out/ in: missing for a moment between its two renames.
      await until(
        async () =>
          /Édition spéciale/.test(
            await readFile(join(project, 'out', 'digest.txt'), 'utf8').catch(() => ''),
          ),
        'no rebuild with the template',
      );
    } finally {
      await watcher.close();
    }
  });

  it('keeps the documents an edit does not touch: the same files, linked into the new output', async () => {
    const project = await tempDir();
    const config = { ...baseConfig, feeds: { limit: 2, tagMinEntries: 2 } };
    await writeFile(join(project, 'gazette.config.json'), JSON.stringify(config));
    await mkdir(join(project, 'articles'));
    const article = (day: number, extra = '') =>
      `---\ndate: 2025-03-0${day} 10:00\ntags: [Andes]\n---\nLima. Le conseil municipal a voté le budget numéro ${day}.${extra}\n`;
    for (const day of [1, 2, 3, 4, 5])
      await writeFile(join(project, 'articles', `a${day}.md`), article(day));
    const { builds, watcher } = await watchHere(project);
    const inode = async (path: string) => (await stat(join(project, 'out', path))).ino;
    try {
      // The two oldest fill the first archive page; the newest is in the main feeds only.
      const page = await inode('archive/1.xml');
      const feed = await inode('atom.xml');
      await writeFile(join(project, 'articles', 'a5.md'), article(5, ' Un ajout en direct.'));
      await until(
        () => builds.some((b) => !(b instanceof Error) && b.normalized.join() === 'a5.md'),
        'no build of the edit',
      );
      assert.match(await readFile(join(project, 'out', 'atom.xml'), 'utf8'), /Un ajout en direct/);
      assert.notEqual(await inode('atom.xml'), feed, 'the main feed is written again');
      assert.equal(await inode('archive/1.xml'), page, 'the archive page is the same file');
    } finally {
      await watcher.close();
    }
  });

  it('writes, after edits, a new title and a removal, what a clean build writes: every page, list and feed', async () => {
    const project = await tempDir();
    const config = { ...baseConfig, feeds: { limit: 2, tagMinEntries: 2 } };
    await writeFile(join(project, 'gazette.config.json'), JSON.stringify(config));
    await mkdir(join(project, 'articles'));
    const article = (day: number, title = `Le budget numéro ${day}`, extra = '') =>
      `---\ntitle: ${title}\ndate: 2025-03-0${day} 10:00\ntags: [Andes${day % 2 ? ', Lima' : ''}]\n---\nLima. Le conseil municipal a voté le budget numéro ${day}.${extra}\n`;
    for (const day of [1, 2, 3, 4, 5, 6, 7])
      await writeFile(join(project, 'articles', `a${day}.md`), article(day));
    const { builds, watcher } = await watchHere(project);
    const settled = async (count: number, what: string) =>
      until(
        () => builds.filter((b) => !(b instanceof Error)).length >= count,
        `no build of ${what}`,
      );
    try {
      await writeFile(join(project, 'articles', 'a4.md'), article(4, undefined, ' Un ajout.'));
      await settled(2, 'the text edit');
      await writeFile(join(project, 'articles', 'a3.md'), article(3, 'Un titre tout neuf'));
      await settled(3, 'the new title');
      await rm(join(project, 'articles', 'a6.md'));
      await settled(4, 'the removal');
    } finally {
      await watcher.close();
    }
    assert.ok(
      builds.every((b) => !(b instanceof Error)),
      String(builds.find((b) => b instanceof Error)),
    );
    // The same project built again, without the cache nor the session.
    await build(
      { cwd: project, input: 'articles', out: 'clean', cacheDir: false },
      { now: () => new Date() },
    );
    const watched = await snapshot(join(project, 'out'));
    const expected = await snapshot(join(project, 'clean'));
    assert.deepEqual([...watched.keys()].sort(), [...expected.keys()].sort());
    const differing = [...expected]
      .filter(([path, bytes]) => !watched.get(path)?.equals(bytes))
      .map(([path]) => path);
    assert.deepEqual(differing, []);
  });

  it('follows articles added, renamed, moved into a new folder and removed, file by file', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const articles = join(project, 'articles');
    const { builds, watcher } = await watchHere(project);
    /** The build after `change`, once no other follows it for a moment. */
    const after = async (change: () => Promise<unknown>): Promise<BuildResult> => {
      const before = builds.length;
      await change();
      const started = Date.now();
      let seen = before;
      let quietSince = Date.now();
      while (builds.length === before || Date.now() - quietSince < 400) {
        if (Date.now() - started > 20_000) assert.fail('no build after the change');
        if (builds.length !== seen) [seen, quietSince] = [builds.length, Date.now()];
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const last = builds.at(-1);
      assert.ok(last && !(last instanceof Error), String(last));
      return last;
    };
    /** The watch's entries are those of a listing taken whole. */
    const listedWhole = async (result: BuildResult) => {
      const { files } = await listArticles(articles, 'articles');
      assert.deepEqual(
        result.entries.map((e) => e.path).sort(),
        files.map((f) => f.path),
      );
    };
    const article = (place: string) =>
      `Lima. Un article venu de ${place}, sur les élections au Pérou et la campagne.\n`;
    try {
      let result = await after(() =>
        writeFile(join(articles, '2025-03-01-lima.txt'), article('Lima')),
      );
      assert.equal(result.entries.length, 3);
      assert.deepEqual(result.normalized, ['2025-03-01-lima.txt']);
      await listedWhole(result);

      result = await after(async () => {
        await mkdir(join(articles, 'andes'));
        await writeFile(join(articles, 'andes', '2025-03-02-quito.md'), article('Quito'));
      });
      assert.equal(result.entries.length, 4);
      await listedWhole(result);

      result = await after(() =>
        rename(
          join(articles, '2025-03-01-lima.txt'),
          join(articles, 'andes', '2025-03-01-lima.txt'),
        ),
      );
      assert.ok(result.entries.some((e) => e.path === 'andes/2025-03-01-lima.txt'));
      await listedWhole(result);

      result = await after(() => writeFile(join(articles, 'notes.html'), 'not an article'));
      assert.ok(result.warnings.some((w) => w.location?.file === 'articles/notes.html'));
      await listedWhole(result);

      result = await after(() => rm(join(articles, 'andes'), { recursive: true }));
      assert.equal(result.entries.length, 2);
      await listedWhole(result);

      // The folder itself removed: the build says so; made again, it is watched again.
      const failed = builds.length;
      await rm(articles, { recursive: true });
      const started = Date.now();
      while (!builds.slice(failed).some((b) => b instanceof Error)) {
        if (Date.now() - started > 20_000) assert.fail('no failed build without the folder');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      result = await after(async () => {
        await mkdir(articles);
        await writeFile(join(articles, '2025-03-03-cusco.txt'), article('Cusco'));
      });
      assert.deepEqual(
        result.entries.map((e) => e.path),
        ['2025-03-03-cusco.txt'],
      );
      result = await after(() => writeFile(join(articles, '2025-03-04-puno.txt'), article('Puno')));
      assert.equal(result.entries.length, 2);
      await listedWhole(result);
    } finally {
      await watcher.close();
    }
  });
});
