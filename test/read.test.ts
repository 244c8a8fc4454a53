import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readEntries } from '../src/build.ts';
import { parseConfig } from '../src/config.ts';
import { GazetteError, GazetteErrors } from '../src/errors.ts';
import { readGitDates } from '../src/read/git-dates.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import { listArticles } from '../src/read/read-articles.ts';
import { createEntryMemo } from '../src/read-entries.ts';
import { baseConfig, fixtures, tempDir } from './helpers.ts';

const config = parseConfig(baseConfig, 'gazette.config.json');

function parseError(text: string): GazetteError {
  try {
    parseArticle(text, 'a.md', 'articles/a.md');
  } catch (error) {
    assert.ok(error instanceof GazetteError);
    return error;
  }
  assert.fail('the article was accepted');
}

describe('front matter', () => {
  it('wins over what is derived, in .md and in .txt files', async () => {
    const { entries, warnings } = await readEntries(
      join(fixtures, 'front-matter'),
      'fm',
      config,
      { entries: new Map() },
      { now: new Date() },
    );
    assert.equal(entries.length, 2);
    const train = entries.find((e) => e.path === '2025-01-05-arrivee-du-train.md');
    assert.ok(train);
    assert.equal(train.title, "L'arrivée du train à Lyon, un <b>succès</b> & une fête");
    assert.equal(train.summary, 'Un résumé écrit à la main.');
    assert.equal(train.slug, 'arrivee-du-train');
    assert.equal(train.published, '2025-01-05T00:00:00+01:00');
    assert.equal(train.id, 'tag:news.example.org,2025-01-05:arrivee-du-train');
    assert.deepEqual(train.tags.slice(0, 2), ['Transports', 'Lyon']);
    assert.deepEqual(train.author, { name: 'Marie Curie', email: 'marie@example.org' });
    assert.equal(train.source, 'https://example.org/original');
    assert.deepEqual(train.content, [
      "L'arrivée du train",
      "Le train est arrivé en gare de Lyon à midi, avec dix minutes d'avance.",
      'Les voyageurs ont été accueillis par une fanfare et par M. Dupont, maire adjoint.',
    ]);

    const note = entries.find((e) => e.path === 'nested/note.txt');
    assert.ok(note);
    assert.equal(note.id, 'urn:uuid:6f1c1e1e-3c55-4a1c-9f1e-000000000001');
    assert.equal(note.language, 'es');
    assert.equal(note.slug, 'note-de-service');
    assert.equal(note.published, '2025-02-10T08:30:00+01:00');
    assert.equal(
      note.title,
      'El servicio de trenes se reanudará el lunes por la mañana, según la empresa',
    );

    // The picture beside the articles is theirs to use: no note; the hidden file is not read.
    assert.deepEqual(
      warnings.map((w) => w.location?.file),
      [],
    );
  });

  it('reports malformed YAML at the line and column of its cause', () => {
    // An unclosed [ on line 4 of the file: the parser notices only on line 6.
    const error = parseError(
      '---\ntitle: x\nauthor: Anne\ntags: [a, b\nsummary: un texte\nplace: Lima\n---\nText.',
    );
    assert.equal(error.name, 'FrontMatterSyntax');
    assert.equal(error.location?.file, 'articles/a.md');
    assert.equal(error.location?.line, 4);
    assert.match(error.message, /at column 7: the \[ on this line is never closed/);
    const braces = parseError('---\ntitle: "x"\nextra: {a: 1\n---\nText.');
    assert.equal(braces.location?.line, 3);
    assert.match(braces.message, /the \{ on this line is never closed/);
    // A bracket inside quotes or a comment opens nothing.
    const quoted = parseError('---\ntitle: "[x" # [y\ntags: [a\nb: 1\n---\nText.');
    assert.equal(quoted.location?.line, 3);
    const indent = parseError('---\ntitle: x\n  bad: indent\n---\nText.');
    assert.equal(indent.location?.line, 3);
    assert.match(indent.message, /at column \d+: /);
  });

  it('says a front matter block that is never closed is so, and how to close it', () => {
    const error = parseError('---\ntitle: x\n\nThe text begins.');
    assert.equal(error.name, 'FrontMatterUnclosed');
    assert.equal(error.location?.line, 1);
    assert.match(error.hint, /Close the front matter with a line of three dashes/);
    assert.doesNotMatch(error.hint, /two --- lines/);
  });

  it('reports a field of the wrong type with its line', () => {
    const date = parseError('---\ntitle: x\ndate: yesterday\n---\nText.');
    assert.equal(date.name, 'FrontMatterInvalid');
    assert.equal(date.location?.line, 3);
    assert.match(date.message, /^date: must be a date/);
    assert.match(parseError('---\ntags: 42\n---\nText.').message, /^tags: /);
    assert.match(parseError('---\ntitle: [a, b]\n---\nText.').message, /^title: must be text/);
  });

  it('warns about unknown fields', () => {
    const { warnings } = parseArticle('---\ntitle: x\ncolour: red\n---\nText.', 'a.md', 'a.md');
    assert.deepEqual(warnings, [
      {
        message: 'unknown front-matter field "colour" is ignored',
        location: { file: 'a.md', line: 3 },
      },
    ]);
  });

  it('tells its progress up to the last file read, an unreadable one included', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'Lima. Le conseil a voté le budget après un débat.\n');
    await cp(join(fixtures, 'hostile', 'png-bytes', 'articles', 'photo.txt'), join(dir, 'b.txt'));
    const calls: [number, number][] = [];
    const { entries } = await readEntries(
      dir,
      'articles',
      config,
      { entries: new Map() },
      {
        now: new Date(),
        skipInvalid: true,
        onProgress: (done, total) => calls.push([done, total]),
      },
    );
    assert.equal(entries.length, 1);
    // A progress bar that never reached its total would keep the command running.
    assert.deepEqual(calls.at(-1), [2, 2]);
  });

  it('reports every invalid article of a folder at once', async () => {
    await assert.rejects(
      readEntries(
        join(fixtures, 'invalid-articles'),
        'bad',
        config,
        { entries: new Map() },
        { now: new Date() },
      ),
      (error: GazetteErrors) => {
        assert.ok(error instanceof GazetteErrors);
        assert.deepEqual(error.errors.map((e) => [e.name, e.location?.file]).sort(), [
          ['ArticleEmpty', 'bad/empty.txt'],
          ['FrontMatterInvalid', 'bad/wrong-type.md'],
          ['FrontMatterSyntax', 'bad/bad-yaml.md'],
        ]);
        return true;
      },
    );
  });
});

describe('dates from git', () => {
  it("gives each article its last commit's date in a repository, and none outside one", async () => {
    const dir = await tempDir();
    const articles = join(dir, 'articles');
    await mkdir(join(articles, 'andes'), { recursive: true });
    await writeFile(join(articles, 'andes', 'note.md'), 'Lima. Un article sans date.\n');
    await writeFile(join(articles, 'autre.txt'), 'Quito. Un autre article.\n');
    const git = (date: string, ...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Rédaction',
          GIT_AUTHOR_EMAIL: 'redaction@news.example.org',
          GIT_COMMITTER_NAME: 'Rédaction',
          GIT_COMMITTER_EMAIL: 'redaction@news.example.org',
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      });
    // Outside a repository: no dates.
    assert.deepEqual(await readGitDates(articles), new Map());
    git('', 'init', '-q');
    git('2024-05-06T07:08:09+02:00', 'add', '.');
    git('2024-05-06T07:08:09+02:00', 'commit', '-q', '-m', 'Deux articles');
    await writeFile(join(articles, 'autre.txt'), 'Quito. Un autre article, corrigé.\n');
    git('2024-05-07T10:00:00+02:00', 'commit', '-q', '-am', 'Une correction');
    assert.deepEqual(
      await readGitDates(articles),
      new Map([
        ['autre.txt', '2024-05-07T10:00:00+02:00'],
        ['andes/note.md', '2024-05-06T07:08:09+02:00'],
      ]),
    );
    const { files } = await listArticles(articles, 'articles');
    assert.deepEqual(
      files.map((f) => [f.path, f.committed]),
      [
        ['andes/note.md', '2024-05-06T07:08:09+02:00'],
        ['autre.txt', '2024-05-07T10:00:00+02:00'],
      ],
    );
  });
});

describe('readings of a session (--watch)', () => {
  it("find a slug that an edit makes another file's, after readings that found none twice", async () => {
    const dir = await tempDir();
    const article = (slug: string, city: string) =>
      `---\nslug: ${slug}\ndate: 2026-01-0${city.length % 9}\n---\nLe conseil municipal de ${city} a voté le budget après un long débat.\n`;
    await writeFile(join(dir, 'a.md'), article('lyon', 'Lyon'));
    await writeFile(join(dir, 'b.md'), article('nantes', 'Nantes'));
    const memo = createEntryMemo();
    const read = () =>
      readEntries(dir, 'articles', config, { entries: new Map() }, { now: new Date(), memo });
    assert.equal((await read()).entries.length, 2);
    assert.equal((await read()).entries.length, 2);
    // b.md now takes a.md's slug: a.md, which sorts first, keeps it.
    await writeFile(join(dir, 'b.md'), article('lyon', 'Nantes'));
    await assert.rejects(read(), (error) => {
      assert.ok(error instanceof GazetteErrors);
      assert.match(
        error.errors[0]?.message ?? '',
        /the slug lyon .* is also that of articles\/a\.md/,
      );
      return true;
    });
    const left = await readEntries(
      dir,
      'articles',
      config,
      { entries: new Map() },
      { now: new Date(), memo, skipInvalid: true },
    );
    assert.deepEqual(
      left.entries.map((e) => e.path),
      ['a.md'],
    );
  });
});
