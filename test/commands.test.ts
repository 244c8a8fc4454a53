import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import {
  baseConfig,
  cliArgs,
  fixtures,
  makeProject,
  root,
  runCli,
  tempDir,
  warmCache,
} from './helpers.ts';

describe('gazette init, new and check through the command line', () => {
  it('init makes a project that builds valid feeds and a digest', async () => {
    const parent = await tempDir();
    const init = await runCli(['init', 'journal'], parent);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Next:\n {2}cd journal\n {2}gazette build/);
    const project = join(parent, 'journal');
    const build = await runCli(['build'], project);
    assert.equal(build.code, 0, build.stderr);
    const out = await readdir(join(project, 'out'));
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'digest.html', 'digest.eml'])
      assert.ok(out.includes(file), file);
    for (const file of ['atom.xml', 'rss.xml']) {
      assert.equal(
        XMLValidator.validate(await readFile(join(project, 'out', file), 'utf8')),
        true,
        file,
      );
    }
    const entries = JSON.parse(
      await readFile(join(project, 'out', 'entries.json'), 'utf8'),
    ).entries;
    assert.equal(entries.length, 1);
    assert.ok(
      (await readFile(join(project, 'out', 'digest.html'), 'utf8')).includes(entries[0].title),
    );
    const again = await runCli(['init', 'journal'], parent);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /\[InitNotEmpty\]/);
  });

  it('new writes a dated article with its front matter', async () => {
    const project = await makeProject(join(fixtures, 'front-matter'), baseConfig);
    const result = await runCli(
      [
        'new',
        'Le port de Callao rouvre',
        '--input',
        'articles',
        '--lang',
        'es',
        '--tags',
        'Pérou, ports',
      ],
      project,
    );
    assert.equal(result.code, 0, result.stderr);
    const path = /Wrote (\S+)/.exec(result.stdout)?.[1] ?? '';
    assert.match(path, /^articles\/\d{4}-\d{2}-\d{2}-le-port-de-callao-rouvre\.md$/);
    const text = await readFile(join(project, path), 'utf8');
    assert.match(text, /^---\ntitle: "Le port de Callao rouvre"\n/);
    assert.match(
      text,
      /\ntags: \["Pérou", "ports"\]\nlang: "es"\ndraft: true\n---\n\nEscriba aquí /,
    );
    // A draft with a line to write over: the build passes, and leaves it out until published.
    const build = await runCli(['build', '--input', 'articles'], project);
    assert.equal(build.code, 0, build.stderr);
    assert.match(
      build.stdout,
      /^Built 2 entries .*\n1 draft left out \(build --drafts to preview it\)\n/,
    );
    assert.doesNotMatch(await readFile(join(project, 'out', 'atom.xml'), 'utf8'), /Callao/);
  });

  it('check --json reports the one bad article for CI, writing nothing', async () => {
    const project = await makeProject(join(fixtures, 'check-one-bad'), baseConfig);
    const result = await runCli(['check', '--input', 'articles', '--json'], project);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.ok, false);
    assert.equal(report.entries, 1);
    assert.deepEqual(
      report.errors.map((e: { name: string; file: string; line: number }) => [
        e.name,
        e.file,
        e.line,
      ]),
      [['FrontMatterInvalid', 'articles/bad-date.md', 3]],
    );
    assert.deepEqual((await readdir(project)).sort(), ['articles', 'gazette.config.json']);
  });

  it('takes relative paths from where the user typed the command, as npm run reports it', async () => {
    const project = await makeProject(join(fixtures, 'front-matter'), baseConfig);
    await warmCache(project, ['--out', 'first']);
    // npm run starts scripts in the package's folder and passes the user's folder as INIT_CWD.
    const result = spawnSync(
      process.execPath,
      cliArgs(['build', '--input', 'articles', '--out', 'public']),
      { cwd: root, env: { ...process.env, INIT_CWD: project }, encoding: 'utf8' },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.ok((await readdir(join(project, 'public'))).includes('atom.xml'));
  });

  it('follows the conventions of Hugo, Eleventy and Astro', async () => {
    const version = await runCli(['-v'], fixtures);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const bare = await runCli([], fixtures);
    assert.equal(bare.code, 0, 'no command is a question, not a mistake');
    assert.match(bare.stdout, /^Usage: gazette \[options\] \[command\]/);
    for (const command of ['build', 'serve', 'send', 'check', 'listen', 'bounces']) {
      const help = await runCli([command, '--help'], fixtures);
      assert.match(
        help.stdout,
        /Global Options:\n\s+-v, --version[\s\S]*-q, --quiet[\s\S]*--verbose/,
        command,
      );
    }
    const serve = (await runCli(['serve', '--help'], fixtures)).stdout;
    assert.match(serve, /--port <number> .*\(default: 4321\)/);
    assert.match(
      serve,
      /--host <address> +address to listen on: 0\.0\.0\.0 to look at the site from a/,
    );
    assert.match(serve, /--open +open the site in the browser/);
  });

  it('every command shows an example in its help', async () => {
    for (const command of [
      'build',
      'send',
      'serve',
      'init',
      'new',
      'check',
      'listen',
      'bounces',
      'subscribers',
    ]) {
      const help = await runCli([command, '--help'], fixtures);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`Examples:\\n\\s+\\$ gazette ${command}`), command);
    }
  });
});
