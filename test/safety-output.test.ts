import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from '../src/build.ts';
import { acquireLock } from '../src/lock.ts';
import { outputLockPath, outputMarker } from '../src/output-folder.ts';
import { watchBuild } from '../src/watch.ts';
import {
  baseConfig,
  cliArgs,
  fixtures,
  makeProject,
  rejection,
  runCli,
  seedParagraphs,
  snapshot,
  startCliHere,
  tempDir,
  warmCache,
} from './helpers.ts';

const articles = join(fixtures, 'front-matter');

/** A refusal as a user's mistake: exit 1, the catalogue's name, no stack trace. */
function assertRefused(result: { code: number | null; stderr: string }, name: string) {
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, new RegExp(`\\[${name}\\]`));
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

const same = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  a.size === b.size && [...a].every(([path, bytes]) => b.get(path)?.equals(bytes));

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('an output folder that is not Gazette’s', () => {
  it('is refused when it is, or holds, the input, the config, the project or the working folder', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'project');
    await cp(await makeProject(articles), dir, { recursive: true });
    await symlink(dir, join(parent, 'link-to-project'));
    const before = await snapshot(parent);
    for (const [out, what] of [
      ['articles', /is the input folder \(articles\)/],
      ['articles/', /is the input folder/],
      ['.', /is the project's folder/],
      ['..', /holds the input folder/],
      [`${dir}/`, /is the project's folder/],
      ['articles/..', /is the project's folder/],
      ['gazette.config.json', /is the config file/],
      ['../link-to-project', /is the project's folder/],
      ['templates', /is the templates folder/],
      ['.gazette-cache', /is the cache/],
    ] as const) {
      const result = await runCli(['build', '--input', 'articles', '--out', out], dir);
      assertRefused(result, 'OutputFolderUnsafe');
      assert.match(result.stderr, what, out);
      assert.ok(result.stderr.startsWith(`error: ${out}: the output folder`), result.stderr);
    }
    // Refused before anything was written: no lock, no id map, no cache.
    assert.ok(same(await snapshot(parent), before));
    assert.deepEqual(await readdir(dir), ['articles', 'gazette.config.json']);
  });

  it('is refused when it holds files without the marker of a build, and left as it was', async () => {
    const dir = await makeProject(articles);
    await mkdir(join(dir, 'docs', 'notes'), { recursive: true });
    await writeFile(join(dir, 'docs', 'index.html'), '<p>my own page</p>');
    await writeFile(join(dir, 'docs', 'notes', 'draft.md'), 'mine');
    await writeFile(join(dir, 'file'), 'a file, not a folder');
    const before = await snapshot(dir);
    const result = await runCli(['build', '--input', 'articles', '--out', 'docs'], dir);
    assertRefused(result, 'OutputFolderUnsafe');
    assert.match(
      result.stderr,
      /docs: the output folder holds files that Gazette did not write \(index\.html, notes\)/,
    );
    const file = await runCli(['build', '--input', 'articles', '--out', 'file'], dir);
    assertRefused(file, 'OutputFolderUnsafe');
    assert.match(file.stderr, /file: this is a file, not a folder/);
    assert.ok(same(await snapshot(dir), before));
  });

  it('is refused by every command that writes it: build --watch, serve, send', async () => {
    const dir = await makeProject(articles);
    const before = await snapshot(dir);
    for (const args of [
      ['build', '--watch'],
      ['serve', '--port', '0'],
      ['send', '--dry-run', '--to', 'lecteur@example.org'],
    ]) {
      const result = await runCli([...args, '--input', 'articles', '--out', 'articles'], dir);
      assertRefused(result, 'OutputFolderUnsafe');
      assert.match(result.stderr, /articles: the output folder is the input folder/, args[0]);
    }
    assert.ok(same(await snapshot(dir), before));
  });

  it('is taken when empty but for .gitkeep, or when it holds what an earlier Gazette wrote, and then marked', async () => {
    const dir = await makeProject(articles);
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out', '.gitkeep'), '');
    assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
    assert.match(await readFile(join(dir, 'out', outputMarker), 'utf8'), /^Written by Gazette \d/);
    assert.ok(existsSync(join(dir, 'out', '.gitkeep')));

    // An output from before the marker: Gazette's files only.
    await mkdir(join(dir, 'earlier', 'tags'), { recursive: true });
    for (const name of ['atom.xml', 'rss.xml', 'entries.json', 'index.html', 'tags/index.json'])
      await writeFile(join(dir, 'earlier', name), 'from an earlier version');
    const result = await runCli(['build', '--input', 'articles', '--out', 'earlier'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(join(dir, 'earlier', outputMarker)));
    assert.notEqual(
      await readFile(join(dir, 'earlier', 'atom.xml'), 'utf8'),
      'from an earlier version',
    );
  });
});

describe('hidden files of the previous output', () => {
  it('are carried over when they are files and folders, never through a link', async () => {
    const dir = await makeProject(articles);
    const outside = await tempDir();
    await writeFile(join(outside, 'secret'), 'not for the web');
    await mkdir(join(dir, 'out', '.well-known'), { recursive: true });
    await writeFile(join(dir, 'out', '.gitkeep'), '');
    await writeFile(join(dir, 'out', '.well-known', 'security.txt'), 'Contact: x');
    await symlink(outside, join(dir, 'out', '.etc'));
    await symlink(join(outside, 'secret'), join(dir, 'out', '.secret'));
    await symlink(outside, join(dir, 'out', '.well-known', 'etc'));
    for (let round = 0; round < 2; round++) {
      const result = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(result.code, 0, result.stderr);
      const files = await snapshot(join(dir, 'out'));
      assert.ok(files.has('.gitkeep') && files.has(join('.well-known', 'security.txt')));
      assert.ok(files.has('atom.xml') && files.has(outputMarker));
      const hidden = (await readdir(join(dir, 'out'))).filter((name) => name.startsWith('.'));
      assert.deepEqual(hidden.sort(), ['.gazette-build', '.gitkeep', '.well-known']);
      assert.deepEqual(await readdir(join(dir, 'out', '.well-known')), ['security.txt']);
      assert.ok(![...files.values()].some((bytes) => bytes.toString() === 'not for the web'));
    }
  });
});

describe('files written outside out/', () => {
  it('temporary files left by dead processes are removed by the next build, those of live ones kept', async () => {
    const dir = await makeProject(articles);
    assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
    const cache = join(dir, '.gazette-cache');
    const generations = await readdir(join(cache, 'articles'));
    assert.equal(generations.length, 1);
    const folders = [
      dir,
      cache,
      join(cache, 'digests'),
      join(cache, 'articles', generations[0] as string),
    ];
    const dead = deadPid();
    const leftovers = folders.map((folder) =>
      join(folder, `.gazette.ids.json.${dead}.0badc0de.gazette-tmp`),
    );
    const live = folders.map((folder) =>
      join(folder, `.gazette.ids.json.${process.pid}.0badc0de.gazette-tmp`),
    );
    for (const path of [...leftovers, ...live]) await writeFile(path, 'half');
    // Folders a killed build was writing, beside out/; one of a live process is being written.
    await mkdir(join(dir, `.out-out-${dead}-abc`));
    await mkdir(join(dir, `.out-out-${process.pid}-abc`));
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 0, result.stderr);
    for (const path of leftovers) assert.ok(!existsSync(path), path);
    for (const path of live) assert.ok(existsSync(path), path);
    assert.ok(!existsSync(join(dir, `.out-out-${dead}-abc`)));
    assert.ok(existsSync(join(dir, `.out-out-${process.pid}-abc`)));
  });
});

/**
 * Runs `script` (sh) as root of a user and mount namespace of its own, where it may mount a
 * small or read-only file system that nobody else sees. Undefined where that is not possible.
 */
function inNamespace(script: string, env: Record<string, string> = {}) {
  const result = spawnSync('unshare', ['-Urm', 'sh', '-ec', script], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const namespaces = inNamespace('true').code === 0;
const cli = cliArgs([]).map((arg) => `'${arg}'`);
const gazette = `'${process.execPath}' ${cli.join(' ')}`;

describe('a file system that refuses a write', {
  skip: !namespaces && 'needs unshare -Urm',
}, () => {
  it('full while out/ is written: OutputNotWritable naming out, exit 1, the previous out/ intact', async () => {
    const dir = await makeProject(articles);
    assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
    const before = await snapshot(join(dir, 'out'));
    // One article large enough that the new output cannot fit.
    const paragraph = (await seedParagraphs()).join('\n\n');
    await writeFile(join(dir, 'articles', 'long.txt'), `Lima. ${paragraph.repeat(40)}\n`);
    await warmCache(dir, ['--out', join(await tempDir(), 'out')]);
    const disk = join(await tempDir(), 'disk');
    const after = join(await tempDir(), 'after');
    await mkdir(disk);
    // A disk with room for the previous output and a little more; the output is copied back out
    // of it once the build has failed.
    const run = inNamespace(
      `mount -t tmpfs -o size=512k none '${disk}'
       cp -a '${join(dir, 'out')}' '${disk}/out'
       cd '${dir}'
       set +e
       INIT_CWD='${dir}' ${gazette} build --input articles --out '${disk}/out' 2>&1
       echo "exit=$?"
       cp -a '${disk}/out' '${after}'
       ls -a '${disk}'`,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /exit=1\n/);
    assert.match(
      run.stdout,
      /\/disk\/out: cannot write the output folder \(the disk is full: ENOSPC\)\n.*\[OutputNotWritable\]/,
    );
    assert.doesNotMatch(run.stdout, /\n\s+at /);
    assert.ok(same(await snapshot(after), before));
    // Nothing left beside it: no folder being written, no lock.
    assert.match(run.stdout, /exit=1\n\.\n\.\.\nout\n$/);
  });

  it('read-only: OutputNotWritable naming out, exit 1, out/ intact', async () => {
    const dir = await makeProject(articles);
    assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
    await writeFile(join(dir, 'articles', 'new.txt'), 'Lima. Un nouvel article.\n');
    await warmCache(dir, ['--out', join(await tempDir(), 'out')]);
    const before = await snapshot(dir);
    const run = inNamespace(
      `mount --bind '${dir}' '${dir}'
       mount -o remount,bind,ro '${dir}'
       cd '${dir}'
       set +e
       INIT_CWD='${dir}' ${gazette} build --input articles 2>&1
       echo "exit=$?"`,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /exit=1\n/);
    assert.match(
      run.stdout,
      /error: out: cannot write the output folder \(the file system is read-only: EROFS\)\n.*\[OutputNotWritable\]/,
    );
    assert.doesNotMatch(run.stdout, /\n\s+at /);
    assert.ok(same(await snapshot(dir), before));
  });

  it('full when the id map is written: OutputNotWritable naming it, out/ intact, no temporary file left', async () => {
    const dir = await makeProject(articles);
    const out = join(await tempDir(), 'out');
    assert.equal((await runCli(['build', '--input', 'articles', '--out', out], dir)).code, 0);
    const before = await snapshot(out);
    const disk = join(await tempDir(), 'disk');
    const after = join(await tempDir(), 'after');
    await mkdir(disk);
    // The project on a disk that is full once it is copied there, its cache included; without
    // its id map, which the build must then write. The output folder is elsewhere, with room.
    const run = inNamespace(
      `mount -t tmpfs -o size=256k none '${disk}'
       cp -a '${dir}/articles' '${dir}/gazette.config.json' '${dir}/.gazette-cache' '${disk}/'
       dd if=/dev/zero of='${disk}/filler' bs=4k 2>/dev/null || true
       cd '${disk}'
       set +e
       INIT_CWD='${disk}' ${gazette} build --input articles --out '${out}' 2>&1
       echo "exit=$?"
       rm '${disk}/filler'
       cp -a '${disk}' '${after}'`,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /exit=1\n/);
    assert.match(
      run.stdout,
      /error: gazette\.ids\.json: cannot write the file \(the disk is full: ENOSPC\)\n.*\[OutputNotWritable\]/,
    );
    assert.doesNotMatch(run.stdout, /\n\s+at /);
    assert.ok(same(await snapshot(out), before));
    const left = (await readdir(after, { recursive: true })).filter((f) =>
      f.endsWith('.gazette-tmp'),
    );
    assert.deepEqual(left, []);
    assert.ok(!existsSync(join(after, 'gazette.ids.json')));
  });
});

/** A project of `count` articles made of the seeds' paragraphs, long enough to build for a while. */
async function largerProject(count: number): Promise<string> {
  const paragraphs = await seedParagraphs();
  const folder = await tempDir();
  for (let i = 0; i < count; i++) {
    const picked = [0, 3, 7].map((k) => paragraphs[(i * 5 + k) % paragraphs.length]);
    const day = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000 * 7).toISOString().slice(0, 10);
    await writeFile(
      join(folder, `${day}-article-${i}.txt`),
      `${picked.join('\n')}\nNuméro ${i}.\n`,
    );
  }
  return makeProject(folder, { ...baseConfig, feeds: { limit: 50, tagMinEntries: 3 } });
}

describe('two builds of one output folder', () => {
  it('started at the same time both succeed, and out/ is whole, 3 times out of 3', async () => {
    const dir = await largerProject(30);
    const args = ['build', '--input', 'articles', '--no-cache'];
    assert.equal((await runCli([...args, '--out', 'expected'], dir)).code, 0);
    const expected = await snapshot(join(dir, 'expected'));
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([runCli(args, dir), runCli(args, dir)]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      // One of them waited for the other.
      assert.match(
        a.stderr + b.stderr,
        /Waiting for another Gazette build \(pid \d+\) to finish writing out\//,
      );
      assert.ok(same(await snapshot(join(dir, 'out')), expected), `round ${round}`);
      assert.deepEqual(
        (await readdir(dir)).filter((name) => name.startsWith('.out-')),
        [],
      );
    }
  });

  it('a build waits, saying so, while another process holds the output folder', async () => {
    const dir = await makeProject(articles);
    // Held by this process, which a build waits for as for any other.
    const lock = await acquireLock(outputLockPath(join(dir, 'out')), {
      error: 'OutputLocked',
      what: 'out',
    });
    const { printed, exit } = startCliHere(['build', '--input', 'articles'], dir);
    const started = Date.now();
    while (!/Waiting/.test(printed.stderr)) {
      if (Date.now() - started > 20_000) assert.fail(`no wait said:\n${printed.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(
      printed.stderr,
      new RegExp(
        `Waiting for another Gazette build \\(pid ${process.pid}\\) to finish writing out/`,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!existsSync(join(dir, 'out')), 'nothing written while it waits');
    lock.release();
    assert.equal(await exit, 0);
    assert.ok(existsSync(join(dir, 'out', 'atom.xml')));
    assert.ok(!existsSync(outputLockPath(join(dir, 'out'))));
  });

  it('a build waited for too long stops with OutputLocked', async () => {
    const dir = await makeProject(articles);
    const lock = await acquireLock(outputLockPath(join(dir, 'out')), {
      error: 'OutputLocked',
      what: 'out',
    });
    try {
      const waits: number[] = [];
      const error = await rejection(
        build(
          { cwd: dir, input: 'articles' },
          { now: () => new Date(), lockWait: 300, onLockWait: (pid) => waits.push(pid) },
        ),
      );
      assert.equal(error.name, 'OutputLocked');
      assert.match(
        error.message,
        new RegExp(
          `the output folder out is in use by another Gazette process \\(pid ${process.pid}\\)`,
        ),
      );
      assert.deepEqual(waits, [process.pid]);
      assert.ok(!existsSync(join(dir, 'out')));
    } finally {
      lock.release();
    }
  });

  it('a lock left by a process that is gone is taken over at once', async () => {
    const dir = await makeProject(articles);
    const lockPath = outputLockPath(join(dir, 'out'));
    await mkdir(dirname(lockPath), { recursive: true });
    await writeFile(lockPath, `${deadPid()}\n`);
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /Waiting/);
    assert.ok(existsSync(join(dir, 'out', 'atom.xml')));
    assert.ok(!existsSync(lockPath));
  });

  it('--watch holds the lock for one build at a time, not while it watches', async () => {
    const dir = await makeProject(articles);
    const waits: number[] = [];
    const watching = await watchBuild(
      { cwd: dir, input: 'articles' },
      {
        now: () => new Date(),
        threads: false,
        onLockWait: (pid) => waits.push(pid),
        onBuild: () => undefined,
        onError: (error) => assert.fail(String(error)),
      },
    );
    try {
      // Its first build lets the lock go once the previous output is removed, shortly after it
      // reported; then, while it watches, a build does not wait for it.
      const started = Date.now();
      while (existsSync(outputLockPath(join(dir, 'out')))) {
        if (Date.now() - started > 10_000) assert.fail('the lock is held while it watches');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /Waiting/);
      assert.deepEqual(waits, []);
    } finally {
      await watching.close();
    }
  });
});
