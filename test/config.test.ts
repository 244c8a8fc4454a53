import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from '../src/build.ts';
import { parseConfig, readConfig } from '../src/config.ts';
import { GazetteError } from '../src/errors.ts';
import { createPageRules, wholeLine } from '../src/normalize/page/page-rules.ts';
import { baseConfig, makeProject, root, runCli, tempDir, textOf } from './helpers.ts';

function problem(value: unknown): string {
  try {
    parseConfig(value, 'gazette.config.json');
  } catch (error) {
    assert.ok(error instanceof GazetteError);
    assert.equal(error.name, 'ConfigInvalid');
    return error.format().split('\n')[0] ?? '';
  }
  assert.fail('the config was accepted');
}

describe('gazette.config.json', () => {
  it('fills defaults', () => {
    const { timeZone, digest, ...rest } = baseConfig;
    const config = parseConfig({ ...rest, siteUrl: 'https://x.org' }, 'c');
    assert.equal(config.siteUrl, 'https://x.org/');
    assert.equal(config.timeZone, 'UTC');
    assert.deepEqual(config.digest, {
      title: baseConfig.title,
      limit: 10,
      groupAbove: 5,
      unsubscribeUrl: 'https://x.org/unsubscribe?token={token}',
      unsubscribeEmail: 'lettre@news.example.org',
    });
    assert.deepEqual(config.feeds, { limit: 50, tagMinEntries: 5 });
    assert.deepEqual(config.boilerplate, { drop: [], keep: [] });
  });

  it('names the field and what is wrong with it', () => {
    const { title, ...untitled } = baseConfig;
    assert.equal(problem(untitled), 'gazette.config.json: title: is required');
    assert.equal(
      problem({ ...baseConfig, siteUrl: 'ftp://x.org' }),
      'gazette.config.json: siteUrl: must be an absolute http(s) URL',
    );
    assert.equal(
      problem({ ...baseConfig, author: { name: 'A', email: 'nope' } }),
      'gazette.config.json: author.email: must be an email address',
    );
    assert.equal(
      problem({ ...baseConfig, language: 'xx' }),
      'gazette.config.json: language: is not a known ISO 639-1 language',
    );
    assert.equal(
      problem({ ...baseConfig, digest: { limit: 2.5 } }),
      'gazette.config.json: digest.limit: must be a whole number',
    );
    assert.equal(
      problem({ ...baseConfig, colour: 'red' }),
      'gazette.config.json: colour: unknown field "colour" (the fields here: title, subtitle, siteUrl, author, language, maxArticleSize, timeZone, digest, sender, feeds, boilerplate, subscriptions, send)',
    );
    assert.match(problem({ ...baseConfig, sender: 'nobody' }), /^gazette\.config\.json: sender: /);
    assert.match(
      problem({ ...baseConfig, timeZone: 'Mars/Olympus' }),
      /^gazette\.config\.json: timeZone: /,
    );
  });

  it('reports malformed JSON with its line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'gazette.config.json');
    await writeFile(path, '{\n  "title": "x",\n}\n');
    await assert.rejects(readConfig(path, 'gazette.config.json'), (error: GazetteError) => {
      assert.equal(error.name, 'ConfigInvalidJson');
      assert.equal(error.location?.line, 3);
      return true;
    });
  });
});

describe('boilerplate rules in the config', () => {
  it('match whole lines, with the u flag', () => {
    const rules = createPageRules({ drop: ['Publicité', 'Lire aussi : .*'], keep: ['\\p{Lu}+'] });
    const [ad, readAlso] = rules.drop;
    assert.ok(ad?.test('Publicité') && !ad.test('Publicité ciblée') && !ad.test('Une Publicité'));
    assert.ok(readAlso?.test('Lire aussi : la grève continue'));
    assert.ok(rules.keep[0]?.test('ÉTÉ') && !rules.keep[0].test('Été'));
    // An alternation stays inside the anchors.
    assert.ok(!wholeLine('Partager|Imprimer').test('Partager cet article'));
  });

  it('an invalid expression is a config error naming the file, its line and the expression', async () => {
    const dir = await tempDir();
    const path = join(dir, 'gazette.config.json');
    const config = { ...baseConfig, boilerplate: { drop: ['Publicité', '(Lire aussi'] } };
    const text = JSON.stringify(config, null, 2);
    await writeFile(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('(Lire aussi')) + 1;
    await assert.rejects(readConfig(path, 'gazette.config.json'), (error: GazetteError) => {
      assert.equal(error.name, 'ConfigInvalid');
      assert.equal(
        error.format().split('\n')[0],
        `gazette.config.json:${line}: boilerplate.drop.1: "(Lire aussi" is not a valid regular expression: Unterminated group`,
      );
      return true;
    });
    assert.match(
      problem({ ...baseConfig, boilerplate: { keep: [''] } }),
      /boilerplate\.keep\.0: must not be empty/,
    );
    assert.match(
      problem({ ...baseConfig, boilerplate: { drop: 'Publicité' } }),
      /^gazette\.config\.json: boilerplate\.drop: /,
    );
  });

  it('drop removes the lines it matches, and keep wins over every other rule', async () => {
    const config = {
      ...baseConfig,
      boilerplate: {
        drop: ['Le maire a annoncé .*'],
        // The line three pages share, learned otherwise.
        keep: ['Nos correspondants couvrent .*'],
      },
    };
    const dir = await makeProject(join(root, 'test', 'fixtures', 'learned-furniture'), config);
    const { entries } = await build(
      { cwd: dir, input: 'articles' },
      { now: () => new Date('2026-03-01T12:00:00Z') },
    );
    const texts = entries.map((e) => textOf(e).join('\n'));
    assert.equal(texts.length, 3);
    assert.ok(texts.every((t) => t.includes('Nos correspondants couvrent quarante communes')));
    assert.ok(texts.every((t) => !t.includes('Le maire a annoncé')));
    assert.ok(texts.some((t) => t.includes('Les tailleurs de pierre')));
  });
});

describe('a config with mistakes, through the command line', () => {
  it('lists every problem at once, in the order of the file, with "did you mean" for a misspelt field', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'gazette.config.json'),
      `{
  "title": "T",
  "siteURL": "https://news.example.org/",
  "author": { "name": "A" },
  "language": "fr",
  "digest": { "limt": 5, "groupAbove": "x" },
  "sender": "x@example.org",
  "colour": "red"
}
`,
    );
    const result = await runCli(['build'], dir);
    assert.equal(result.code, 1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    assert.deepEqual(lines, [
      'error: gazette.config.json:3: siteURL: unknown field "siteURL": did you mean "siteUrl"?',
      'error: gazette.config.json:6: digest.limt: unknown field "limt": did you mean "limit"?',
      'error: gazette.config.json:6: digest.groupAbove: must be a whole number',
      'error: gazette.config.json:8: colour: unknown field "colour" (the fields here: title, subtitle, siteUrl, author, language, maxArticleSize, timeZone, digest, sender, feeds, boilerplate, subscriptions, send)',
    ]);
    assert.match(result.stderr, /4 problems; nothing was written\./);
    assert.doesNotMatch(result.stderr, /siteUrl: is required/);
  });

  it('points to gazette init when there is no config', async () => {
    const result = await runCli(['build'], await tempDir());
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /gazette\.config\.json: cannot read the config file\n\s+Run `gazette init`/,
    );
  });
});

describe('front matter mistakes, through the command line', () => {
  it('names the line and column of an unclosed bracket, and a block never closed', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
    await mkdir(join(dir, 'articles'));
    await writeFile(
      join(dir, 'articles', 'liste.md'),
      '---\ntitle: Le budget\nauthor: Anne\ntags: [politique, économie\nsummary: un texte\nplace: Lima\n---\nLe texte.\n',
    );
    await writeFile(
      join(dir, 'articles', 'ouvert.md'),
      '---\ntitle: Sans fin\n\nLe texte commence ici.\n',
    );
    const result = await runCli(['check', '--input', 'articles'], dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /articles\/liste\.md:4: front matter is not valid YAML at column 7: the \[ on this line is never closed/,
    );
    assert.match(
      result.stderr,
      /articles\/ouvert\.md:1: the front matter opened here has no closing line of three dashes \(---\) \[FrontMatterUnclosed\]/,
    );
  });
});
