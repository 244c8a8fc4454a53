import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Parser } from 'htmlparser2';
import { simpleParser } from 'mailparser';
import type { Entry } from '../src/entry.ts';
import { feedparserAll, hasCommand, type ParsedEntry } from './feed-tools.ts';
import {
  baseConfig,
  cliArgs,
  fixtures,
  makeProject,
  runCli,
  snapshot,
  tempDir,
  textOf,
} from './helpers.ts';

interface Expectation {
  exit: 0 | 1;
  /** The catalogued name of the error. */
  error?: string;
  /** Text of the expected warning. */
  warning?: string;
  /** The article named by the error or warning. */
  file: string;
  /** A line number, or true for "some line". */
  line?: number | boolean;
  /** Another file the message must name. */
  mentions?: string;
  entries?: number;
  text?: string;
  content?: string[];
}

/** A project holding `articles/` from a fixture and the output of an earlier build. */
async function projectWithOutput(articles: string, config: Record<string, unknown> = baseConfig) {
  const dir = await makeProject(articles, config);
  await mkdir(join(dir, 'out', 'tags'), { recursive: true });
  await writeFile(join(dir, 'out', 'atom.xml'), '<feed>the previous build</feed>\n');
  await writeFile(join(dir, 'out', 'tags', 'index.json'), '{"tags":[]}\n');
  return dir;
}

async function assertUntouched(dir: string, before: Map<string, Buffer>) {
  assert.deepEqual(await snapshot(join(dir, 'out')), before, 'out/ changed');
}

const hostile = join(fixtures, 'hostile');

describe('broken and hostile input', async () => {
  const cases = (await readdir(hostile)).sort();
  for (const name of cases) {
    it(name, async () => {
      const expect: Expectation = JSON.parse(
        await readFile(join(hostile, name, 'expect.json'), 'utf8'),
      );
      const dir = await projectWithOutput(join(hostile, name, 'articles'));
      const before = await snapshot(join(dir, 'out'));
      const result = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(result.code, expect.exit, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      const line =
        expect.line === true ? ':\\d+' : typeof expect.line === 'number' ? `:${expect.line}` : '';
      const where = `articles/${expect.file.replace('.', '\\.')}${line}: `;
      if (expect.error) {
        assert.match(result.stderr, new RegExp(`error: ${where}.*\\n.*\\[${expect.error}\\]`));
        if (expect.mentions) assert.match(result.stderr, new RegExp(`articles/${expect.mentions}`));
        await assertUntouched(dir, before);
        return;
      }
      if (expect.warning)
        assert.match(result.stderr, new RegExp(`warning: ${where}.*${expect.warning}`));
      const entries: Entry[] = JSON.parse(
        await readFile(join(dir, 'out', 'entries.json'), 'utf8'),
      ).entries;
      if (expect.entries !== undefined) assert.equal(entries.length, expect.entries);
      const entry = entries.find((e) => e.path === expect.file);
      if (expect.text) assert.equal(textOf(entry)[0], expect.text);
      if (expect.content) assert.deepEqual(entry?.content, expect.content);
      if (expect.warning) {
        // --strict makes the same warning stop the build, before anything is written.
        const strictDir = await projectWithOutput(join(hostile, name, 'articles'));
        const strictBefore = await snapshot(join(strictDir, 'out'));
        const strict = await runCli(['build', '--input', 'articles', '--strict'], strictDir);
        assert.equal(strict.code, 1);
        assert.match(strict.stderr, /\[StrictWarning\]/);
        await assertUntouched(strictDir, strictBefore);
      }
    });
  }

  it('builds without the invalid articles when told to, listing them', async () => {
    const dir = await makeProject(join(hostile, 'duplicate-ids', 'articles'));
    const result = await runCli(['build', '--input', 'articles', '--skip-invalid'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /warning: articles\/b\.md: left out: the id urn:gazette:1 is also the id of articles\/a\.md/,
    );
    const entries: Entry[] = JSON.parse(
      await readFile(join(dir, 'out', 'entries.json'), 'utf8'),
    ).entries;
    assert.deepEqual(
      entries.map((e) => e.path),
      ['a.md'],
    );
  });

  it('builds a 1 MB single-line article, and refuses a 50 MB one with its size', async () => {
    const articles = await tempDir();
    const sentence = 'Le conseil a voté le budget de la ville de Lima après un long débat public. ';
    await writeFile(
      join(articles, 'long-line.txt'),
      sentence.repeat(Math.floor(1_000_000 / Buffer.byteLength(sentence))),
    );
    const dir = await projectWithOutput(articles);
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 0, built.stderr);
    const entries: Entry[] = JSON.parse(
      await readFile(join(dir, 'out', 'entries.json'), 'utf8'),
    ).entries;
    assert.equal(
      entries[0]?.title,
      'Le conseil a voté le budget de la ville de Lima après un long débat public',
    );

    await writeFile(join(dir, 'articles', 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a '));
    const before = await snapshot(join(dir, 'out'));
    const refused = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /articles\/huge\.txt: the file is 50\.0 MB, more than the 1\.0 MB allowed\n.*\[ArticleTooLarge\]/,
    );
    await assertUntouched(dir, before);
  });

  it('follows links inside the input folder once, and refuses those that leave it', async () => {
    const dir = await projectWithOutput(join(fixtures, 'front-matter'));
    const articles = join(dir, 'inside');
    await mkdir(join(articles, 'real'), { recursive: true });
    await writeFile(
      join(articles, 'real', 'texte.txt'),
      'Un article sur le port de Callao et ses grues.',
    );
    await symlink(join(articles, 'real'), join(articles, 'alias'));
    await symlink(articles, join(articles, 'loop'));
    await writeFile(join(dir, 'secret.txt'), 'Un fichier hors du dossier des articles.');
    await symlink(join(dir, 'secret.txt'), join(articles, 'escape.txt'));
    const result = await runCli(['build', '--input', 'inside'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /warning: inside\/escape\.txt: skipped: link to a place outside the input folder/,
    );
    const entries: Entry[] = JSON.parse(
      await readFile(join(dir, 'out', 'entries.json'), 'utf8'),
    ).entries;
    assert.deepEqual(
      entries.map((e) => e.path),
      ['alias/texte.txt'],
    );
  });

  it('names an unreadable file', async (t) => {
    const dir = await projectWithOutput(join(fixtures, 'front-matter'));
    await chmod(join(dir, 'articles', 'nested', 'note.txt'), 0o000);
    const cli = [process.execPath, ...cliArgs(['build', '--input', 'articles'])];
    // Root reads any file: as root, the build runs without the capabilities that allow it.
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !hasCommand('setpriv')) {
      t.skip(
        'running as root, and setpriv (util-linux) is missing to drop the right to read anything',
      );
      return;
    }
    const [command = '', ...args] = asRoot
      ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', ...cli]
      : cli;
    const result = spawnSync(command, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir },
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stderr,
      /articles\/nested\/note\.txt: cannot read the file \(EACCES\)\n.*\[ArticleUnreadable\]/,
    );
  });

  it('says what is wrong with the input and output folders', async () => {
    const dir = await projectWithOutput(join(fixtures, 'front-matter'));
    const missing = await runCli(['build', '--input', 'nowhere'], dir);
    assert.match(missing.stderr, /nowhere: the input folder does not exist.*\n.*\[InputNotFound\]/);
    await mkdir(join(dir, 'vide'));
    await writeFile(join(dir, 'vide', 'image.png'), 'x');
    const empty = await runCli(['build', '--input', 'vide'], dir);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /vide: no \.txt, \.md or \.markdown article.*\n.*\[InputEmpty\]/);
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const unwritable = await runCli(['build', '--input', 'articles', '--out', 'a-file/out'], dir);
    assert.equal(unwritable.code, 1);
    assert.match(
      unwritable.stderr,
      /a-file\/out: cannot write the output folder.*\n.*\[OutputNotWritable\]/,
    );
  });

  for (const [name, config, message] of [
    ['malformed JSON', '{ "title": "x", }', /gazette\.config\.json:1: not valid JSON/],
    [
      'a wrong type',
      { ...baseConfig, digest: { limit: 'ten' } },
      /gazette\.config\.json:1: digest\.limit: /,
    ],
    [
      'a relative site URL',
      { ...baseConfig, siteUrl: '/blog/' },
      /gazette\.config\.json:1: siteUrl: must be an absolute http\(s\) URL/,
    ],
    [
      'an unknown language',
      { ...baseConfig, language: 'zz' },
      /gazette\.config\.json:1: language: is not a known ISO 639-1 language/,
    ],
  ] as const) {
    it(`stops on a config file with ${name}, leaving out/ as it was`, async () => {
      const dir = await projectWithOutput(join(fixtures, 'front-matter'));
      await writeFile(
        join(dir, 'gazette.config.json'),
        typeof config === 'string' ? config : JSON.stringify(config),
      );
      const before = await snapshot(join(dir, 'out'));
      const result = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
      await assertUntouched(dir, before);
    });
  }
});

/** Every element, attribute and URL of an HTML document. */
function scanHtml(html: string) {
  const found = { scripts: 0, handlers: [] as string[], javascriptUrls: [] as string[] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'script') found.scripts++;
      for (const [attribute, value] of Object.entries(attributes)) {
        if (/^on/i.test(attribute)) found.handlers.push(`${name} ${attribute}`);
        if (/^\s*javascript:/i.test(value))
          found.javascriptUrls.push(`${name} ${attribute}=${value}`);
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

describe('article text never becomes markup', () => {
  it('in the digest, the page and the feeds', async (t) => {
    const dir = await makeProject(join(fixtures, 'hostile-text', 'articles'));
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 0, result.stderr);
    const out = join(dir, 'out');
    const entries: Entry[] = JSON.parse(await readFile(join(out, 'entries.json'), 'utf8')).entries;
    const injection = entries.find((e) => e.path === 'injection.md');
    assert.equal(
      injection?.title,
      "<script>alert('titre')</script> & <img src=x onerror=alert(1)> ]]> fin",
    );
    // Markdown's HTML is cleaned: what would run is gone, neither run nor shown as text.
    assert.match(textOf(injection)[0] ?? '', /^Du texte avec et et un lien\.$/);
    assert.doesNotMatch(JSON.stringify(entries), /alert\("corps"\)|alert\([5-7]\)/);
    for (const file of ['digest.html', 'index.html']) {
      const found = scanHtml(await readFile(join(out, file), 'utf8'));
      assert.deepEqual(found, { scripts: 0, handlers: [], javascriptUrls: [] }, file);
    }
    const message = await simpleParser(await readFile(join(out, 'digest.eml')));
    assert.deepEqual(scanHtml(String(message.html)), {
      scripts: 0,
      handlers: [],
      javascriptUrls: [],
    });
    assert.ok(
      message.text?.includes("<script>alert('titre')</script>"),
      'shown as text in the text part',
    );

    const json = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8'));
    for (const entry of entries) {
      const item = json.items.find((i: { id: string }) => i.id === entry.id);
      assert.equal(item.title, entry.title);
      assert.equal(item.summary, entry.summary);
    }
    if (spawnSync('/usr/bin/python3', ['-c', 'import feedparser']).status !== 0) {
      assert.ok(!process.env.CI, 'python3-feedparser is missing (.ci/run installs it)');
      t.diagnostic('feedparser missing: Atom and RSS are checked by the feed tests only');
      return;
    }
    const decode = (html: string) =>
      html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const files = ['atom.xml', 'rss.xml'];
    const feeds = feedparserAll(files.map((file) => join(out, file)));
    for (const [i, file] of files.entries()) {
      const parsed = feeds[i];
      assert.ok(parsed, file);
      assert.equal(parsed.bozo, 0, `${file}: ${parsed.bozoException}`);
      for (const entry of entries) {
        const read: ParsedEntry | undefined = parsed.entries.find((e) => e.id === entry.id);
        assert.equal(read?.title, entry.title, `${file} title`);
        // Atom summaries are text; RSS descriptions are HTML, here the escaped text.
        assert.equal(
          file === 'rss.xml' ? decode(read?.summary ?? '') : read?.summary,
          entry.summary,
          `${file} summary`,
        );
      }
    }
  });
});
