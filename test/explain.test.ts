import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Explanation } from '../src/explain.ts';
import { renderExplanation } from '../src/render/explain.ts';
import { fixtures, makeProject, runCli } from './helpers.ts';

const page = '2025-05-02-ferry.txt';

/** The printed row of the page line that starts with `text`. */
function row(stdout: string, text: string): string {
  const found = stdout.split('\n').find((l) => /^ {2}\S/.test(l) && l.includes(text));
  assert.ok(found, `no row for ${text} in:\n${stdout}`);
  return found;
}

describe('gazette check --explain', () => {
  it('prints every line with its verdict and reason, then what the entry became', async () => {
    const dir = await makeProject(join(fixtures, 'explain'));
    const { code, stdout } = await runCli(
      ['check', '--input', 'articles', '--explain', `articles/${page}`],
      dir,
    );
    assert.equal(code, 0);
    assert.match(
      stdout,
      /^articles\/2025-05-02-ferry\.txt, read as a saved page: 12 lines, 3 in the body$/m,
    );
    const verdict = (text: string) => row(stdout, text).trim().split(/\s+/)[0];
    assert.equal(verdict('We use cookies to improve'), 'furniture');
    assert.equal(verdict('Accept all'), 'furniture');
    assert.equal(verdict('By Jane Doe'), 'furniture');
    assert.equal(verdict('Ferry operator cancels winter crossings'), 'headline');
    assert.equal(verdict('Read more: Islanders fear'), 'furniture');
    assert.equal(verdict('Reporting by Jane Doe'), 'furniture');
    for (const body of ['The operator of the only ferry', 'Island councils said', 'A spokesman'])
      assert.equal(verdict(body), 'body');
    // The line the three pages share is learned from the folder, and says so.
    assert.match(row(stdout, 'Harbour Gazette reporters cover'), /^ {2}furniture +learned: /);
    // Each furniture row gives a reason of its own, not the line's role again.
    for (const text of ['We use cookies', 'By Jane Doe', 'Read more:', 'Reporting by'])
      assert.doesNotMatch(row(stdout, text), /^ {2}furniture +(furniture|body) /);
    // The text is shortened to the width, whole characters.
    assert.match(row(stdout, 'The operator of the only ferry'), /…$/);
    assert.match(stdout, /^title: +Ferry operator cancels winter crossings to the outer islands$/m);
    assert.match(stdout, /^summary: +The operator of the only ferry .*\.$/m);
    assert.match(stdout, /^tags: +\S/m);
    assert.match(stdout, /^keywords: +\S/m);
    assert.match(stdout, /^language: +en$/m);
    assert.match(stdout, /^place: +/m);
    assert.match(stdout, /^OK: 3 valid entries/m);
  });

  it('takes a path from the input folder, and gives the explanation in the JSON report', async () => {
    const dir = await makeProject(join(fixtures, 'explain'));
    const { code, stdout } = await runCli(
      ['check', '--input', 'articles', '--json', '--explain', page],
      dir,
    );
    assert.equal(code, 0);
    const { explanation } = JSON.parse(stdout) as { explanation: Explanation };
    assert.equal(explanation.file, `articles/${page}`);
    assert.equal(explanation.lines.length, 12);
    assert.deepEqual(explanation.lines[3], {
      role: 'headline',
      reason: 'headline',
      text: 'Ferry operator cancels winter crossings to the outer islands',
    });
    assert.equal(explanation.title, 'Ferry operator cancels winter crossings to the outer islands');
  });

  it('explains what a build does: the same entry, with the same learned lines', async () => {
    const dir = await makeProject(join(fixtures, 'explain'));
    const build = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(build.code, 0, build.stderr);
    const { entries } = JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8')) as {
      entries: { path: string; title: string; summary: string; tags: string[] }[];
    };
    for (const entry of entries) {
      const { stdout } = await runCli(
        ['check', '--input', 'articles', '--json', '--explain', entry.path],
        dir,
      );
      const { explanation } = JSON.parse(stdout) as { explanation: Explanation };
      assert.deepEqual(
        [explanation.title, explanation.summary, explanation.tags],
        [entry.title, entry.summary, entry.tags],
      );
    }
  });

  it('names a file that is not an article of the folder, and fails as check does', async () => {
    const dir = await makeProject(join(fixtures, 'explain'));
    await writeFile(join(dir, 'notes.txt'), 'Not in the input folder.\n');
    for (const given of ['notes.txt', 'articles/missing.txt', 'gazette.config.json']) {
      const { code, stdout, stderr } = await runCli(
        ['check', '--input', 'articles', '--explain', given],
        dir,
      );
      assert.equal(code, 1);
      assert.match(
        stderr,
        new RegExp(
          `^error: ${given.replace('.', '\\.')}: not an article of the input folder articles .*\\[ArticleNotInInput\\]$`,
          'm',
        ),
      );
      assert.doesNotMatch(stdout, /read as/);
    }
  });

  it('reads a Markdown article as its author wrote it', async () => {
    const dir = await makeProject(join(fixtures, 'explain'));
    await writeFile(
      join(dir, 'articles', '2025-05-05-tides.md'),
      '---\ntitle: Spring tides\n---\n## What to expect\n\nThe highest tides of the year are due on Tuesday, the harbour master said.\n\n- Car park closed\n',
    );
    const { code, stdout } = await runCli(
      ['check', '--input', 'articles', '--explain', 'articles/2025-05-05-tides.md'],
      dir,
    );
    assert.equal(code, 0);
    assert.match(stdout, /read as a Markdown article/);
    assert.match(row(stdout, 'What to expect'), /^ {2}body /);
    assert.match(row(stdout, 'Car park closed'), /^ {2}body /);
    assert.match(stdout, /^title: +Spring tides$/m);
  });
});

describe('the text --explain prints', () => {
  const explanation: Explanation = {
    file: 'articles/a\u001b[31m.txt',
    pageText: true,
    lines: [
      { role: 'header', reason: 'before the body: site chrome', text: 'Site\u001b]0;owned\u0007' },
      { role: 'body', reason: 'body', text: `${'Un long paragraphe '.repeat(10)}fin.` },
      { role: 'furniture', reason: 'byline', text: 'Par Zoé 🌊 Martin' },
    ],
    title: 'Titre \u202eà l’envers',
    summary: 'Résumé.',
    tags: ['Nîmes', 'arènes'],
    keywords: ['arènes de Nîmes'],
    language: 'fr',
    place: null,
  };

  it('is inert: control characters of the article are shown escaped', () => {
    const text = renderExplanation(explanation, 80);
    const actionable = [...text].filter((c) => {
      const code = c.codePointAt(0) ?? 0;
      return (
        (code < 0x20 && code !== 0x0a) ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e)
      );
    });
    assert.deepEqual(actionable, []);
    assert.match(
      text,
      /^articles\/a\\x1b\[31m\.txt, read as a saved page: 3 lines, 1 in the body$/m,
    );
    assert.match(text, /Site\\x1b\]0;owned\\x07/);
    assert.match(text, /^title: +Titre \\u202eà l’envers$/m);
    assert.match(text, /^place: +\(none\)$/m);
    assert.match(text, /^tags: +Nîmes, arènes$/m);
  });

  it('keeps each page line to the width, cutting whole characters', () => {
    const text = renderExplanation(explanation, 80);
    const rows = text.split('\n').slice(1, 4);
    for (const line of rows) assert.ok([...line].length <= 80, line);
    assert.match(rows[1] ?? '', /^ {2}body {7}body +Un long paragraphe .*…$/);
    assert.match(rows[2] ?? '', /Par Zoé 🌊 Martin$/);
    // However narrow the terminal, the text keeps some room.
    assert.ok(renderExplanation(explanation, 20).includes('Un long paragraphe Un long'));
  });
});
