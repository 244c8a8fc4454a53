import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CheckReport } from '../src/check.ts';
import type { Entry } from '../src/entry.ts';
import { parseDate, readDate, TimeZone } from '../src/normalize/dates.ts';
import { hasCommand, xmllint } from './feed-tools.ts';
import { baseConfig, runCli, tempDir, textOf } from './helpers.ts';

const text =
  'Le conseil municipal de Lima a approuvé le budget après un débat de six heures.\n' +
  'Les élus ont voté à une large majorité ; « c’est un budget prudent », a déclaré la maire.\n';

/** A project: a config and `articles/` holding `files` (name to text or bytes). */
async function project(
  files: Record<string, string | Buffer>,
  config: Record<string, unknown> = baseConfig,
): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  await mkdir(join(dir, 'articles'));
  for (const [name, content] of Object.entries(files))
    await writeFile(join(dir, 'articles', name), content);
  return dir;
}

async function builtEntries(dir: string): Promise<Entry[]> {
  return JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8')).entries;
}

async function checkReport(dir: string): Promise<CheckReport> {
  const result = await runCli(['check', '--input', 'articles', '--json'], dir);
  assert.equal(result.code, 1, result.stderr);
  return JSON.parse(result.stdout);
}

/** Each error of a check, as `name file:line`, sorted. */
function problems(report: CheckReport): string[] {
  return report.errors.map((e) => `${e.name} ${e.file}${e.line ? `:${e.line}` : ''}`).sort();
}

describe('front matter is data, never code', () => {
  it('refuses JavaScript front matter in build and check without running it', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'ran');
    // Were it evaluated, each block would write the marker file and still give a valid title.
    const code = `{ title: (process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'Titre') }`;
    const files = {
      'a.txt': text,
      'js.md': `---js\n${code}\n---\n\n${text}`,
      'javascript.txt': `---javascript\n${code}\n---\n\n${text}`,
    };
    const build = await project(files);
    const built = await runCli(['build', '--input', 'articles'], build);
    assert.equal(built.code, 1, built.stderr);
    assert.match(built.stderr, /articles\/js\.md:1: .*\n.*\[FrontMatterLanguage\]/);
    assert.match(built.stderr, /articles\/javascript\.txt:1: .*\n.*\[FrontMatterLanguage\]/);
    assert.equal(existsSync(marker), false, 'the front matter ran');

    const report = await checkReport(build);
    assert.deepEqual(problems(report), [
      'FrontMatterLanguage articles/javascript.txt:1',
      'FrontMatterLanguage articles/js.md:1',
    ]);
    assert.equal(existsSync(marker), false, 'the front matter ran');

    const skipped = await runCli(['build', '--input', 'articles', '--skip-invalid'], build);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, /warning: articles\/js\.md:1: left out: /);
    assert.match(skipped.stderr, /warning: articles\/javascript\.txt:1: left out: /);
    assert.deepEqual(
      (await builtEntries(build)).map((e) => e.path),
      ['a.txt'],
    );
    assert.equal(existsSync(marker), false, 'the front matter ran');
  });

  it('reads YAML marked yaml or yml, and refuses every other language', async () => {
    const dir = await project({
      'yaml.md': `---yaml\ntitle: En YAML\n---\n\n${text}`,
      'yml.md': `--- yml\ntitle: En YML\n---\n\n${text}`,
      'json.md': `---json\n{ "title": "En JSON" }\n---\n\n${text}`,
      'toml.md': `---toml\ntitle = "En TOML"\n---\n\n${text}`,
      'coffee.md': `---coffee\ntitle: 'En CoffeeScript'\n---\n\n${text}`,
    });
    const report = await checkReport(dir);
    assert.deepEqual(problems(report), [
      'FrontMatterLanguage articles/coffee.md:1',
      'FrontMatterLanguage articles/json.md:1',
      'FrontMatterLanguage articles/toml.md:1',
    ]);
    assert.match(report.errors[0]?.message ?? '', /YAML/);
    assert.equal(report.entries, 2);
  });
});

describe('impossible dates are errors', () => {
  const fm = (lines: string) => `---\ntitle: Un titre\n${lines}\n---\n\n${text}`;

  it('refuses impossible dates and times in front matter and file names, by file and line', async () => {
    const dir = await project({
      'fevrier.md': fm('date: 2025-02-30'),
      'bissextile.md': fm('date: 2023-02-29'),
      'avril.md': fm('date: 2025-04-01\nupdated: 2025-04-31'),
      'mois.md': fm('date: 2025-13-01'),
      'jour-zero.md': fm('date: 2025-01-00'),
      'heure.md': fm('date: 2025-01-05 24:00'),
      'minute.md': fm('date: 2025-01-05T10:60'),
      'seconde.md': fm('date: 2025-06-30T23:59:60Z'),
      'zone.md': fm('date: 2025-01-05T10:00+14:30'),
      'zone-minutes.md': fm('date: 2025-01-05T10:00+01:60'),
      'an-zero.md': fm('date: 0000-01-01'),
      'an-50.md': fm('date: "0050-06-15"'),
      '2025-02-30-lima.txt': text,
      '2024-02-29-bissextile.txt': text,
      'limites.md': fm('date: 2025-01-05T23:59:59+14:00\nupdated: 1000-01-01T00:00:00-12:00'),
    });
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 1, built.stderr);
    assert.match(
      built.stderr,
      /articles\/fevrier\.md:3: date: .*2025-02-30.* February 2025 has 28 days\n.*\[FrontMatterInvalid\]/,
    );
    assert.match(
      built.stderr,
      /articles\/2025-02-30-lima\.txt: .*2025-02-30.*\n.*\[FileNameDateInvalid\]/,
    );
    const report = await checkReport(dir);
    assert.deepEqual(problems(report), [
      'FileNameDateInvalid articles/2025-02-30-lima.txt',
      'FrontMatterInvalid articles/an-50.md:3',
      'FrontMatterInvalid articles/an-zero.md:3',
      'FrontMatterInvalid articles/avril.md:4',
      'FrontMatterInvalid articles/bissextile.md:3',
      'FrontMatterInvalid articles/fevrier.md:3',
      'FrontMatterInvalid articles/heure.md:3',
      'FrontMatterInvalid articles/jour-zero.md:3',
      'FrontMatterInvalid articles/minute.md:3',
      'FrontMatterInvalid articles/mois.md:3',
      'FrontMatterInvalid articles/seconde.md:3',
      'FrontMatterInvalid articles/zone-minutes.md:3',
      'FrontMatterInvalid articles/zone.md:3',
    ]);
    assert.equal(report.entries, 2);

    const skipped = await runCli(['build', '--input', 'articles', '--skip-invalid'], dir);
    assert.equal(skipped.code, 0, skipped.stderr);
    const dates = Object.fromEntries(
      (await builtEntries(dir)).map((e) => [e.path, [e.published, e.updated]]),
    );
    assert.deepEqual(dates, {
      '2024-02-29-bissextile.txt': ['2024-02-29T00:00:00+01:00', '2024-02-29T00:00:00+01:00'],
      // `updated` before `date` is taken as the publication date.
      'limites.md': ['2025-01-05T10:59:59+01:00', '2025-01-05T10:59:59+01:00'],
    });
  });

  it('reads a date exactly when every field exists, as the calendar says', () => {
    // Mostly just around each field's range, where a calendar goes wrong; any two digits too.
    const upTo = (edge: number) =>
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: edge + 1 }), weight: 9 },
        { arbitrary: fc.integer({ min: 0, max: 99 }), weight: 1 },
      );
    const years = fc.oneof(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 9, max: 99 }).map((century) => century * 100),
    );
    const paris = new TimeZone('Europe/Paris');
    fc.assert(
      fc.property(
        years,
        fc.tuple(upTo(12), upTo(31), upTo(23), upTo(59), upTo(59)),
        fc.tuple(fc.constantFrom('+', '-'), upTo(14), upTo(59)),
        (year, [month, day, hour, minute, second], [sign, zoneHours, zoneMinutes]) => {
          const p = (n: number, width = 2) => String(n).padStart(width, '0');
          const written = `${p(year, 4)}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}:${p(second)}${sign}${p(zoneHours)}:${p(zoneMinutes)}`;
          // The calendar as JavaScript keeps it: a field out of range rolls into the next one.
          const rolled = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
          rolled.setUTCFullYear(year, month - 1, day);
          const offset = (sign === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
          const real =
            year >= 1000 &&
            rolled.getUTCFullYear() === year &&
            rolled.getUTCMonth() === month - 1 &&
            rolled.getUTCDate() === day &&
            rolled.getUTCHours() === hour &&
            rolled.getUTCMinutes() === minute &&
            rolled.getUTCSeconds() === second &&
            zoneMinutes < 60 &&
            Math.abs(offset) <= 14 * 60;
          assert.equal('fields' in readDate(written), real, written);
          const instant = parseDate(written, paris).getTime();
          if (real) assert.equal(instant, rolled.getTime() - offset * 60_000, written);
          else assert.ok(Number.isNaN(instant), written);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('refuses an impossible date given to send --since', async () => {
    const dir = await project({ 'a.txt': text });
    for (const since of ['2025-02-30', '2025-01-05T24:00', '0099-01-01']) {
      const result = await runCli(
        ['send', '--input', 'articles', '--to', 'a@example.org', '--dry-run', '--since', since],
        dir,
      );
      assert.equal(result.code, 1, `${since}: ${result.stdout}`);
      assert.match(result.stderr, /--since: .*\n.*\[ConfigInvalid\]/);
    }
    const valid = await runCli(
      [
        'send',
        '--input',
        'articles',
        '--to',
        'a@example.org',
        '--dry-run',
        '--since',
        '2024-02-29',
      ],
      dir,
    );
    assert.equal(valid.code, 0, valid.stderr);
  });
});

describe('files as they come', () => {
  it('reads UTF-16 articles, little- and big-endian, with their byte-order mark', async () => {
    const markdown = `---\ntitle: "Élections à Lima : « le budget est voté »"\n---\n\n${text}`;
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(markdown, 'utf16le')]);
    const big = Buffer.from(little);
    big.swap16();
    const dir = await project({ 'le.md': little, 'be.txt': big });
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 0, built.stderr);
    assert.doesNotMatch(built.stderr, /warning/);
    const entries = await builtEntries(dir);
    for (const path of ['le.md', 'be.txt']) {
      const entry = entries.find((e) => e.path === path);
      assert.equal(entry?.title, 'Élections à Lima : « le budget est voté »', path);
      // Markdown joins the two lines into one paragraph; plain text keeps a paragraph a line.
      assert.equal(textOf(entry).join(' '), text.trim().split('\n').join(' '), path);
    }
  });

  it('names a dangling link and its missing target', async () => {
    const dir = await project({ 'a.txt': text });
    await symlink('manquant.md', join(dir, 'articles', 'perdu.md'));
    await symlink('../photos-parties', join(dir, 'articles', 'photos'));
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 1, built.stderr);
    assert.match(
      built.stderr,
      /articles\/perdu\.md: .*link to manquant\.md, which does not exist\n.*\[ArticleUnreadable\]/,
    );
    const skipped = await runCli(['build', '--input', 'articles', '--skip-invalid'], dir);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, /warning: articles\/perdu\.md: left out: .*manquant\.md/);
    assert.match(
      skipped.stderr,
      /warning: articles\/photos: skipped: link to \.\.\/photos-parties, which does not exist/,
    );
    assert.deepEqual(
      (await builtEntries(dir)).map((e) => e.path),
      ['a.txt'],
    );
  });

  it('counts in the summary only the entries built, normalized or from the cache', async () => {
    const dir = await project({
      'a.txt': text,
      'futur.md': `---\ndate: 2999-01-01\n---\n\n${text}`,
      'vide.txt': '\n\n',
    });
    const args = ['build', '--input', 'articles', '--skip-invalid'];
    const cold = await runCli(args, dir);
    assert.equal(cold.code, 0, cold.stderr);
    assert.match(cold.stdout, /Built 1 entry into out\/ in .* \(1 normalized, 0 from the cache\)/);
    const warm = await runCli(args, dir);
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stdout, /Built 1 entry into out\/ in .* \(0 normalized, 1 from the cache\)/);
  });
});

describe('feeds stay within what XML parsers accept', () => {
  it('refuses a maxArticleSize above its maximum, naming the field', async () => {
    const dir = await project({ 'a.txt': text }, { ...baseConfig, maxArticleSize: 2 });
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /gazette\.config\.json(?::\d+)?: maxArticleSize: .*1\.25.*\n.*\[ConfigInvalid\]/,
    );
  });

  it('writes feeds xmllint accepts for an article of the largest size, all escapes', async (t) => {
    if (!hasCommand('xmllint')) return t.skip('xmllint is not installed');
    const maxBytes = 1.25 * 1024 * 1024;
    // Paragraphs a reader would keep, each mostly quotes: each quote becomes six bytes in the
    // feeds' HTML (`&quot;`), the other escapes four or five. (Lines of quotes alone would be
    // dropped as furniture, and never reach the feeds.)
    const paragraph = (i: number) =>
      `Le maire de Lima a dit ${'"'.repeat(1000)} & <${i}> l'a répété au conseil.\n\n`;
    const paragraphs = [text];
    let bytes = Buffer.byteLength(text);
    for (let i = 0; bytes + Buffer.byteLength(paragraph(i)) <= maxBytes; i++) {
      paragraphs.push(paragraph(i));
      bytes += Buffer.byteLength(paragraph(i));
    }
    const article = paragraphs.join('');
    const dir = await project({ 'a.txt': article }, { ...baseConfig, maxArticleSize: 1.25 });
    assert.ok(maxBytes - Buffer.byteLength(article) < 1100);
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 0, built.stderr);
    const feeds = (await readdir(join(dir, 'out'), { recursive: true })).filter(
      (f) => f.endsWith('.xml') && f !== 'sitemap.xml',
    );
    assert.ok(feeds.includes('atom.xml') && feeds.includes('rss.xml'), feeds.join(', '));
    for (const feed of feeds) {
      // The escaped text is in the feed: more than five times the article.
      const size = (await stat(join(dir, 'out', feed))).size;
      assert.ok(size > 5 * maxBytes, `${feed}: ${size} bytes`);
      const lint = xmllint(join(dir, 'out', feed));
      assert.ok(lint.ok, `${feed}: ${lint.output.slice(0, 300)}`);
    }
  });
});
