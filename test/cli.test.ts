import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmod, cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import {
  baseConfig,
  cliArgs,
  fixtures,
  makeProject,
  root,
  runCli,
  snapshot,
  tempDir,
} from './helpers.ts';

/** A project whose out/ already holds a previous build's files. */
async function projectWithOutput(articles: string, config: Record<string, unknown> = baseConfig) {
  const project = await makeProject(articles, config);
  await mkdir(join(project, 'out'));
  await writeFile(join(project, 'out', 'atom.xml'), '<feed>previous</feed>');
  await writeFile(join(project, 'out', '.gitkeep'), '');
  return project;
}

/**
 * Builds the project, which must fail as a user's mistake (exit 1, no stack trace) and leave
 * out/ as it was; gives what the command printed on stderr.
 */
async function failedBuild(project: string): Promise<string> {
  const before = await snapshot(join(project, 'out'));
  const result = await runCli(['build', '--input', 'articles'], project);
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.deepEqual(await snapshot(join(project, 'out')), before);
  return result.stderr;
}

describe('gazette command line', () => {
  it('shows examples in the help of build', async () => {
    const result = await runCli(['build', '--help'], fixtures);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Examples:\n\s+\$ gazette build/);
  });

  it('suggests the closest option for a mistyped one', async () => {
    const result = await runCli(['build', '--inptu', 'x'], fixtures);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Did you mean --input\?/);
  });

  it('stops on a wrong config field, names it, and leaves out/ untouched', async () => {
    const project = await projectWithOutput(join(fixtures, 'front-matter'), {
      ...baseConfig,
      siteUrl: 'news.example.org',
    });
    const stderr = await failedBuild(project);
    // The line is the field's own: the file is written one field a line, siteUrl third.
    assert.match(stderr, /gazette\.config\.json:3: siteUrl: must be an absolute http\(s\) URL/);
  });

  it('lists every invalid article, and leaves out/ untouched', async () => {
    const project = await projectWithOutput(join(fixtures, 'invalid-articles'));
    const stderr = await failedBuild(project);
    assert.match(stderr, /articles\/bad-yaml\.md:\d+: front matter is not valid YAML/);
    assert.match(stderr, /articles\/wrong-type\.md:3: date: must be a date/);
    assert.match(stderr, /articles\/empty\.txt: the article has no text/);
    assert.match(stderr, /3 problems; nothing was written\./);
  });

  it('stops on an MJML error in the digest, found while the feeds are written, and leaves out/ untouched', async () => {
    const project = await projectWithOutput(join(fixtures, 'front-matter'));
    await mkdir(join(project, 'templates'));
    await writeFile(
      join(project, 'templates', 'digest.mjml.hbs'),
      '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text colour="red">{{subject}}</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>\n',
    );
    const stderr = await failedBuild(project);
    // The template is named as from the project's folder, where the command ran.
    assert.match(
      stderr,
      /error: templates\/digest\.mjml\.hbs:5: MJML: mj-text: Attribute colour is illegal/,
    );
    assert.deepEqual(
      (await readdir(project)).filter((name) => name.startsWith('.out-')),
      [],
    );
  });

  it('says so when the input folder does not exist', async () => {
    const project = await makeProject(join(fixtures, 'front-matter'));
    const result = await runCli(['build', '--input', 'nowhere'], project);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /nowhere: the input folder does not exist/);
  });

  it('replaces out/ as a whole, keeps its hidden files, and passes over pictures silently', async () => {
    const project = await projectWithOutput(join(fixtures, 'front-matter'));
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /photo\.png/);
    assert.match(result.stdout, /Built 2 entries into out\//);
    const files = await snapshot(join(project, 'out'));
    assert.ok(files.has('.gitkeep'));
    assert.notEqual(files.get('atom.xml')?.toString(), '<feed>previous</feed>');
    assert.ok(files.has('atom.xml') && files.has('digest.eml') && files.has('index.html'));
  });
});

describe('templates', () => {
  it("are replaced file by file by the project's own", async () => {
    const project = await makeProject(join(fixtures, 'front-matter'));
    await mkdir(join(project, 'templates'));
    await writeFile(
      join(project, 'templates', 'digest.txt.hbs'),
      '{{title}} — édition maison\n{{#each groups}}{{#each items}}* {{title}} ({{join tags}})\n{{/each}}{{/each}}',
    );
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
    const text = await readFile(join(project, 'out', 'digest.txt'), 'utf8');
    assert.match(text, /^La lettre — édition maison\n\* /);
    assert.match(
      text,
      /\* L'arrivée du train à Lyon, un <b>succès<\/b> & une fête \(Transports, Lyon/,
    );
    const html = await readFile(join(project, 'out', 'digest.html'), 'utf8');
    assert.match(html, /Lire la suite/, 'the HTML template is still the built-in one');
  });
});

describe('the gazette binary', () => {
  it('runs from what npm installs, compiled, without the sources, from a read-only folder', async () => {
    // The files `npm pack` would ship, which is what an install of the package holds.
    const packed = await new Promise<string>((resolve, reject) =>
      execFile(
        'npm',
        ['pack', '--dry-run', '--json', '--ignore-scripts'],
        { cwd: root },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    const shipped = (JSON.parse(packed)[0].files as { path: string }[]).map((f) => f.path);
    assert.ok(!shipped.some((path) => path.startsWith('src/')), 'the sources do not ship');
    const install = await tempDir();
    for (const path of shipped) {
      await mkdir(dirname(join(install, path)), { recursive: true });
      await cp(join(root, path), join(install, path));
    }
    await symlink(join(root, 'node_modules'), join(install, 'node_modules'));
    const { version, bin } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    await chmodTree(install, 0o555);
    const project = await makeProject(join(root, 'seeds'));
    const before = await snapshot(install);
    const gazette = (args: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [join(install, bin.gazette), ...args],
          { cwd: project, env: { ...process.env, INIT_CWD: project } },
          (error, out, err) => (error ? reject(new Error(err)) : resolve(out.trim())),
        ),
      );
    try {
      assert.equal(await gazette(['--version']), version);
      // Every command once, end to end (serve and --watch: serve-cli.test.ts, watch.test.ts).
      assert.match(await gazette(['check', '--input', 'articles']), /^OK: 2 valid entries/);
      await gazette(['build', '--input', 'articles']);
      assert.match(await readFile(join(project, 'out', 'atom.xml'), 'utf8'), /<entry[ >]/);
      await writeFile(join(project, 'subscribers.csv'), 'email\nanne@example.org\n');
      assert.match(
        await gazette(['subscribers', 'import', 'subscribers.csv']),
        /^Imported subscribers\.csv into gazette\.db: 1 added, 0 updated, 0 unchanged\.$/,
      );
      assert.match(await gazette(['subscribers', 'list']), /^anne@example\.org {2}active {2}/);
      assert.match(
        await gazette(['subscribers', 'export']),
        /^email,name,lang,topics,status,joined_at,joined_how,confirmed_at,token\nanne@example\.org,/,
      );
      assert.match(
        await gazette([
          'send',
          '--input',
          'articles',
          '--subscribers',
          'subscribers.csv',
          '--dry-run',
        ]),
        /Messages written to the outbox: 1 /,
      );
      assert.match(
        await gazette(['new', 'Le Congrès vote le budget', '--input', 'articles']),
        /^Wrote articles\/\d{4}-\d{2}-\d{2}-le-congres-vote-le-budget\.md$/,
      );
      assert.match(await gazette(['init', 'journal']), /^Created in journal\//);
      assert.deepEqual(await snapshot(install), before, 'nothing written where it is installed');
    } finally {
      await chmodTree(install, 0o755);
    }
  });

  it('finishes its work when what reads its output stops early (`gazette build | head -1`)', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const child = spawn(process.execPath, cliArgs(['build', '--input', 'articles']), {
      cwd: project,
      env: { ...process.env, INIT_CWD: project, NO_COLOR: '1' },
    });
    // The reader goes away before the first line: every line the command prints is refused.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
    const files = await snapshot(join(project, 'out'));
    assert.ok(files.has('atom.xml') && files.has('index.html') && files.has('digest.eml'));
  });
});

/** Sets the mode of every folder below `dir` (links aside), `dir` included. */
async function chmodTree(dir: string, mode: number): Promise<void> {
  await chmod(dir, mode);
  for (const entry of await readdir(dir, { withFileTypes: true }))
    if (entry.isDirectory()) await chmodTree(join(dir, entry.name), mode);
}
