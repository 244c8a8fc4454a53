import assert from 'node:assert/strict';
import {
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from '../src/build.ts';
import {
  journalPath,
  newFiles,
  rollBackInterrupted,
  updateInPlace,
} from '../src/write/update-in-place.ts';
import { baseConfig, buildWithEngine, snapshot, tempDir } from './helpers.ts';

const now = () => new Date('2026-03-01T12:00:00Z');

/** Forty dated Markdown articles (a page each, and few feeds) in `articles/`, written an hour ago. */
async function makeSite(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
  await mkdir(join(dir, 'articles'));
  for (let n = 1; n <= 40; n++) {
    const file = join(dir, 'articles', `a${n}.md`);
    await writeFile(
      file,
      `---\ndate: 2026-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}\n---\nLe conseil municipal a voté le budget numéro ${n} après un long débat.\n`,
    );
    const past = new Date(Date.now() - 3600_000);
    await utimes(file, past, past);
  }
  return dir;
}

/** The files of a folder, by path, with their bytes. */
const files = async (dir: string) => snapshot(dir);

describe('a build after an edit, with the previous output recorded', () => {
  it('changes only what differs, in the same folder, and leaves what a clean build writes', async () => {
    const dir = await makeSite();
    const out = join(dir, 'out');
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    const folder = (await stat(out)).ino;
    const kept = (await stat(join(out, 'a1', 'index.html'))).ino;
    await writeFile(
      join(dir, 'articles', 'a4.md'),
      '---\ndate: 2026-01-04\n---\nUn autre texte sur le budget de la ville, voté hier soir.\n',
    );
    await rm(join(dir, 'articles', 'a6.md'));
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal((await stat(out)).ino, folder, 'the folder was updated, not replaced');
    assert.equal((await stat(join(out, 'a1', 'index.html'))).ino, kept, 'an unchanged page stays');
    assert.ok(!(await readdir(out)).includes('a6'), "a removed article's page and folder go");
    assert.match(await readFile(join(out, 'a4', 'index.html'), 'utf8'), /Un autre texte/);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.startsWith('.out-out-')),
      [],
      'nothing is left beside the output',
    );
    await build({ cwd: dir, input: 'articles', out: 'clean' }, { now });
    assert.deepEqual(await files(join(dir, 'clean')), await files(out));
  });

  it('never writes through a link it finds in the output folder', async () => {
    const dir = await makeSite();
    const out = join(dir, 'out');
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    // Someone put a link where a page's folder was: an edit of that article must not write
    // into the folder it points to.
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'index.html'), 'mine');
    await rm(join(out, 'a3'), { recursive: true });
    await symlink(elsewhere, join(out, 'a3'));
    await writeFile(
      join(dir, 'articles', 'a3.md'),
      '---\ndate: 2026-01-03\n---\nLe texte numéro trois a changé depuis la veille au soir.\n',
    );
    await buildWithEngine({ cwd: dir, input: 'articles' }, { now });
    assert.equal(await readFile(join(elsewhere, 'index.html'), 'utf8'), 'mine');
    assert.ok((await stat(join(out, 'a3'))).isDirectory());
    assert.match(await readFile(join(out, 'a3', 'index.html'), 'utf8'), /a changé/);
  });
});

describe('an update in place', () => {
  /** An output of three files, and a work folder with a new `a.txt` and `c/new.txt`. */
  async function prepare() {
    const dir = await tempDir();
    const out = join(dir, 'out');
    const work = join(dir, '.out-out-1-x');
    await mkdir(join(out, 'b'), { recursive: true });
    await writeFile(join(out, 'a.txt'), 'old a');
    await writeFile(join(out, 'b', 'b.txt'), 'old b');
    await writeFile(join(out, 'keep.txt'), 'kept');
    await mkdir(join(newFiles(work), 'c'), { recursive: true });
    await writeFile(join(newFiles(work), 'a.txt'), 'new a');
    await writeFile(join(newFiles(work), 'c', 'new.txt'), 'new c');
    return { dir, out, work, before: await files(out) };
  }

  it('puts new files, replaces and removes others', async () => {
    const { out, work } = await prepare();
    updateInPlace(out, work, ['a.txt', 'c/new.txt'], ['b/b.txt']);
    assert.deepEqual(
      Object.fromEntries([...(await files(out))].map(([k, v]) => [k, v.toString()])),
      { 'a.txt': 'new a', 'c/new.txt': 'new c', 'keep.txt': 'kept' },
    );
    assert.ok(!(await readdir(out)).includes('b'), 'an emptied folder goes');
  });

  it('rolls every file back when a step fails', async () => {
    const { out, work, before } = await prepare();
    // The last file to put is missing: its step fails after the others were done.
    assert.throws(() =>
      updateInPlace(out, work, ['a.txt', 'c/new.txt', 'missing.txt'], ['b/b.txt']),
    );
    assert.deepEqual(await files(out), before);
    assert.ok(!(await readdir(out)).includes('c'), 'a folder made for a new file goes');
    await assert.rejects(stat(journalPath(out)));
  });

  it('left half done by a stopped build, is rolled back by the next', async () => {
    const { out, work, before } = await prepare();
    const old = join(work, 'old');
    // What a build killed midway leaves: the journal, `b/b.txt` removed, `a.txt` replaced,
    // `c/new.txt` not yet moved.
    await writeFile(
      journalPath(out),
      JSON.stringify({ work, put: ['a.txt', 'c/new.txt'], remove: ['b/b.txt'] }),
    );
    await mkdir(join(old, 'b'), { recursive: true });
    await link(join(out, 'b', 'b.txt'), join(old, 'b', 'b.txt'));
    await unlink(join(out, 'b', 'b.txt'));
    await link(join(out, 'a.txt'), join(old, 'a.txt'));
    await rename(join(newFiles(work), 'a.txt'), join(out, 'a.txt'));
    rollBackInterrupted(out);
    assert.deepEqual(await files(out), before);
    await assert.rejects(stat(journalPath(out)));
    await assert.rejects(stat(work), 'the work folder goes');
    // Once more: nothing left to do.
    rollBackInterrupted(out);
    assert.deepEqual(await files(out), before);
  });
});
