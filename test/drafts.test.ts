import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import type { BuildResult } from '../src/build.ts';
import { send as sendDigest } from '../src/send/send.ts';
import { watchBuild } from '../src/watch.ts';
import { baseConfig, createStore, fixtures, makeProject, runCli, snapshot } from './helpers.ts';
import { startSmtpServer } from './smtp.ts';

/** Every tag gets its feed: the draft's own tag (`Brouillons`) would have one. */
const config = { ...baseConfig, feeds: { tagMinEntries: 1 } };
const draftFile = '2025-01-06-budget.md';
const draftTitle = 'Le budget caché du Congrès, un brouillon';
const publishedTitle = 'Le port de Callao rouvre après trois jours de grève';

/** The fixture: an article marked `draft: false`, and a draft with a tag of its own. */
const draftsProject = () => makeProject(join(fixtures, 'drafts'), config);

async function build(project: string, ...args: string[]) {
  const result = await runCli(['build', '--input', 'articles', ...args], project);
  assert.equal(result.code, 0, result.stderr);
  return result;
}

const read = (project: string, path: string) => readFile(join(project, path), 'utf8');

async function entriesFile(
  project: string,
  out = 'out',
): Promise<{ title: string; draft?: boolean }[]> {
  return JSON.parse(await read(project, `${out}/entries.json`)).entries;
}

async function idMap(project: string): Promise<Record<string, { seen?: string }>> {
  return JSON.parse(await read(project, 'gazette.ids.json')).entries;
}

/** Removes the line `draft: true`, as an author publishes a draft. */
async function publish(project: string, file: string): Promise<void> {
  const path = join(project, 'articles', file);
  await writeFile(path, (await readFile(path, 'utf8')).replace('draft: true\n', ''));
}

describe('drafts', () => {
  it('build leaves a draft out of every output file and the id map, and says so', async () => {
    const project = await draftsProject();
    const result = await build(project);
    assert.match(
      result.stdout,
      /^Built 1 entry .*\n1 draft left out \(build --drafts to preview it\)\n/,
    );
    const out = await snapshot(join(project, 'out'));
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'index.html', 'digest.html'])
      assert.match(out.get(file)?.toString() ?? '', new RegExp(publishedTitle), file);
    for (const [file, bytes] of out) {
      assert.doesNotMatch(bytes.toString(), /budget/i, file);
      assert.doesNotMatch(bytes.toString(), /Brouillons/, file);
    }
    assert.ok(out.has('tags/ports.xml') && !out.has('tags/brouillons.xml'));
    assert.deepEqual(
      (await entriesFile(project)).map((e) => [e.title, e.draft]),
      [[publishedTitle, undefined]],
    );
    assert.deepEqual(Object.keys(await idMap(project)), ['2025-01-05-callao.md']);
  });

  it('build --drafts shows a draft, flagged, but neither in the digest nor in the id map', async () => {
    const project = await draftsProject();
    await build(project);
    const published = await snapshot(join(project, 'out'));
    const ids = await read(project, 'gazette.ids.json');

    const result = await build(project, '--drafts');
    assert.match(
      result.stdout,
      /^Built 2 entries into preview\/ .*\n1 draft shown for preview, not in the digest\n/,
    );
    // The preview is written apart: out/, which gets deployed, is as the build left it.
    assert.deepEqual(await snapshot(join(project, 'out')), published);
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'index.html', 'tags/brouillons.xml'])
      assert.match(await read(project, `preview/${file}`), new RegExp(draftTitle), file);
    assert.deepEqual(
      (await entriesFile(project, 'preview')).map((e) => [e.title, e.draft]),
      [
        [draftTitle, true],
        [publishedTitle, undefined],
      ],
    );
    // The digest is what `send` would send: byte for byte the one of the build without drafts.
    for (const file of ['digest.html', 'digest.txt', 'digest.eml'])
      assert.ok(published.get(file)?.equals(await readFile(join(project, 'preview', file))), file);
    assert.equal(await read(project, 'gazette.ids.json'), ids, 'no draft recorded');

    const check = await runCli(['check', '--input', 'articles'], project);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^OK: 1 valid entry and 1 draft, 0 error\(s\)/);
  });

  it('reads `draft` as true or false only, naming the file and line of anything else', async () => {
    const project = await draftsProject();
    const file = join(project, 'articles', 'peut-etre.md');
    for (const value of ['"maybe"', 'yes please', '1']) {
      await writeFile(file, `---\ntitle: Peut-être\ndraft: ${value}\n---\nLima. Un texte.\n`);
      const result = await runCli(['build', '--input', 'articles'], project);
      assert.equal(result.code, 1, value);
      assert.match(
        result.stderr,
        /^error: articles\/peut-etre\.md:3: draft: must be true or false \(`draft: true` keeps the article out; delete the line to publish it\)\n.*\[FrontMatterInvalid\]/,
        value,
      );
    }
  });

  it('check finds the problems of a draft as of any article', async () => {
    const project = await draftsProject();
    await writeFile(join(project, 'articles', 'vide.md'), '---\ntitle: Vide\ndraft: true\n---\n');
    const result = await runCli(['check', '--input', 'articles', '--json'], project);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(
      report.errors.map((e: { name: string; file: string }) => [e.name, e.file]),
      [['ArticleEmpty', 'articles/vide.md']],
    );
    assert.deepEqual([report.entries, report.drafts], [1, 1]);
  });

  it('send never sends a draft, and sends it once published, as new from that build', async () => {
    const server = await startSmtpServer();
    try {
      const project = await draftsProject();
      await writeFile(join(project, 'subscribers.csv'), 'email\nanne@example.org\n');
      // Both dated within the first send's window, the draft before the first send.
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
      for (const [file, days] of [
        ['2025-01-05-callao.md', 1],
        [draftFile, 2],
      ] as const) {
        const path = join(project, 'articles', file);
        const text = await readFile(path, 'utf8');
        await writeFile(path, text.replace(/^title: /m, `date: ${daysAgo(days)}\ntitle: `));
      }
      await createStore(project);
      const send = (...args: string[]) =>
        runCli(
          ['send', '--input', 'articles', '--subscribers', 'subscribers.csv', ...args],
          project,
          { GAZETTE_SMTP_URL: server.url },
        );

      const refused = await send('--drafts');
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /unknown option '--drafts'/);

      const first = await send();
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /\(1 entry\) to 1 recipient\(s\):\n {2}- Le port de Callao/);
      const mail = await simpleParser(server.received[0]?.raw ?? Buffer.alloc(0));
      assert.ok(mail.text?.includes(publishedTitle));
      assert.ok(!mail.text?.includes(draftTitle));

      // A preview meanwhile records nothing: the draft is not seen by it.
      await build(project, '--drafts');
      assert.equal((await idMap(project))[draftFile], undefined);
      assert.match((await send()).stdout, /Nothing new since/);

      const publishedAt = Math.floor(Date.now() / 1000) * 1000;
      await publish(project, draftFile);
      await build(project);
      // First seen by the build that published it (sightings are written to the second).
      const seen = (await idMap(project))[draftFile]?.seen ?? '';
      assert.ok(Date.parse(seen) >= publishedAt, seen);
      const second = await send();
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /\(1 entry\) to 1 recipient\(s\):\n {2}- Le budget caché/);
      assert.equal(server.received.length, 2);
    } finally {
      await server.close();
    }
  });

  it('send leaves drafts out even when its caller asks for them', async () => {
    const server = await startSmtpServer();
    try {
      const project = await draftsProject();
      await writeFile(join(project, 'subscribers.csv'), 'email\nanne@example.org\n');
      await createStore(project);
      // Given past the type, as JavaScript could: `send` takes no `drafts`.
      const options = { input: 'articles', cwd: project, subscribers: 'subscribers.csv' };
      const result = await sendDigest(
        { ...options, since: '2025-01-01', drafts: true } as typeof options,
        { now: () => new Date('2025-02-01T00:00:00Z'), smtpUrl: server.url },
      );
      assert.deepEqual(
        result.items.map((i) => i.title),
        [publishedTitle],
      );
    } finally {
      await server.close();
    }
  });

  it('a watch (serve --drafts) previews a draft from the cache, then publishes it once its line is removed', async () => {
    const project = await draftsProject();
    await build(project);
    for (const command of ['build', 'serve'])
      assert.match((await runCli([command, '--help'], project)).stdout, /--drafts\s/, command);
    const builds: BuildResult[] = [];
    const errors: unknown[] = [];
    const watcher = await watchBuild(
      { cwd: project, input: 'articles', drafts: true },
      {
        now: () => new Date(),
        threads: false,
        onBuild: (result) => builds.push(result),
        onError: (error) => errors.push(error),
      },
    );
    try {
      const [preview] = builds;
      assert.ok(preview, String(errors[0]));
      assert.deepEqual(preview.drafts, { leftOut: 0, shown: 1 });
      assert.deepEqual(preview.normalized, [], 'the draft came from the cache, flagged');
      assert.equal(preview.entries.find((e) => e.draft)?.path, draftFile);
      assert.doesNotMatch(preview.renderedDigest.html, /budget caché/);
      assert.equal(preview.firstSeen.size, 1);

      await publish(project, draftFile);
      const started = Date.now();
      while (builds.length < 2 && Date.now() - started < 20_000)
        await new Promise((r) => setTimeout(r, 25));
      const published = builds[1];
      assert.ok(published, String(errors[0] ?? 'no build after the draft was published'));
      assert.deepEqual(published.drafts, { leftOut: 0, shown: 0 });
      assert.deepEqual(published.normalized, [draftFile]);
      assert.ok(published.entries.every((e) => !e.draft));
      assert.match(published.renderedDigest.html, /budget caché/);
      assert.ok((await idMap(project))[draftFile]?.seen);
    } finally {
      await watcher.close();
    }
  });
});
