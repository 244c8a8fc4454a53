import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isExampleHost } from '../src/normalize/provisional-ids.ts';
import { baseConfig, makeProject, root, runCli } from './helpers.ts';
import { startSmtpServer } from './smtp.ts';

type IdFile = {
  feed: { id: string };
  entries: Record<string, { id: string; published: string; seq: number }>;
};

/** The seeds built at `siteUrl`, then at `moved`: the id map after each build. */
async function buildTwice(siteUrl: string, moved: string, before?: (dir: string) => Promise<void>) {
  const dir = await makeProject(join(root, 'seeds'), { ...baseConfig, siteUrl });
  assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
  const first = JSON.parse(await readFile(join(dir, 'gazette.ids.json'), 'utf8')) as IdFile;
  await before?.(dir);
  await writeFile(
    join(dir, 'gazette.config.json'),
    JSON.stringify({ ...baseConfig, siteUrl: moved }),
  );
  assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
  const second = JSON.parse(await readFile(join(dir, 'gazette.ids.json'), 'utf8')) as IdFile;
  const atom = await readFile(join(dir, 'out', 'atom.xml'), 'utf8');
  return { dir, first, second, atom };
}

describe('provisional ids', () => {
  it('knows the example domains of RFC 2606, and nothing else', () => {
    for (const host of ['example.org', 'news.example.com', 'example.net', 'site.example'])
      assert.ok(isExampleHost(host), host);
    for (const host of ['example.co.uk', 'myexample.org', 'example.org.fr', 'news.test-site.net'])
      assert.ok(!isExampleHost(host), host);
  });

  it('follow the site to its real address while it was an example domain and nothing was sent', async () => {
    const { first, second, atom } = await buildTwice(
      'https://example.org/',
      'https://lagazette.fr/',
    );
    assert.match(first.feed.id, /^tag:example\.org,/);
    assert.match(second.feed.id, /^tag:lagazette\.fr,/);
    assert.equal(second.feed.id.replace('lagazette.fr', 'example.org'), first.feed.id);
    for (const [path, record] of Object.entries(second.entries)) {
      const was = first.entries[path];
      assert.equal(record.id, was?.id.replace('tag:example.org,', 'tag:lagazette.fr,'));
      assert.equal(record.published, was?.published);
      assert.equal(record.seq, was?.seq);
    }
    assert.match(atom, /<id>tag:lagazette\.fr,/);
    assert.doesNotMatch(atom, /tag:example\.org/);
  });

  it('stay once a digest was sent, or when they were made at a real domain', async () => {
    const server = await startSmtpServer();
    try {
      const sent = await buildTwice(
        'https://example.org/',
        'https://lagazette.fr/',
        async (dir) => {
          await writeFile(join(dir, 'list.csv'), 'email\nanne@example.org\n');
          assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir)).code, 0);
          const send = await runCli(['send', '--input', 'articles'], dir, {
            GAZETTE_SMTP_URL: server.url,
          });
          assert.equal(send.code, 0, send.stderr);
        },
      );
      assert.deepEqual(
        Object.values(sent.second.entries).map((r) => r.id),
        Object.values(sent.first.entries).map((r) => r.id),
      );
      assert.equal(sent.second.feed.id, sent.first.feed.id);
    } finally {
      await server.close();
    }
    const real = await buildTwice('https://lagazette.fr/', 'https://example.org/');
    assert.deepEqual(real.second, real.first);
  });

  it('make send warn while the site is at an example domain', async () => {
    const dir = await makeProject(join(root, 'seeds'), {
      ...baseConfig,
      siteUrl: 'https://example.org/',
    });
    const result = await runCli(
      ['send', '--input', 'articles', '--to', 'me@example.org', '--dry-run'],
      dir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /warning: gazette\.config\.json: siteUrl is at example\.org, a reserved example domain/,
    );
  });
});
