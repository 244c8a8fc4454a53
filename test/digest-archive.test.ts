import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { simpleParser } from 'mailparser';
import { watchBuild } from '../src/watch.ts';
import { hasCommand, jing } from './feed-tools.ts';
import { baseConfig, createStore, makeProject, root, runCli, warmCache } from './helpers.ts';
import { brokenLinks } from './site-links.ts';
import { type Received, startKillingSmtpServer, startSmtpServer } from './smtp.ts';

const sendConfig = {
  ...baseConfig,
  send: { retryDelay: 0.01, rateLimit: 1000, confirmAbove: 500 },
};
const siteUrl = baseConfig.siteUrl;
/** A sent digest's page, as its readers' "view in browser" link gives it. */
const pageUrl = /^https:\/\/news\.example\.org\/digests\/(\d{4}-\d{2}-\d{2})-([0-9a-f]{8})\/$/;

/** The seeds (two articles of today) as `articles/`, and a list of readers. */
async function project(emails: string[]): Promise<string> {
  const dir = await makeProject(join(root, 'seeds'), sendConfig);
  await writeFile(join(dir, 'subscribers.csv'), `email\n${emails.join('\n')}\n`);
  return dir;
}

async function send(dir: string, url: string, ...args: string[]) {
  await createStore(dir);
  return runCli(['send', '--input', 'articles', '--subscribers', 'subscribers.csv', ...args], dir, {
    GAZETTE_SMTP_URL: url,
  });
}

/** The "view in browser" address of a message, in its HTML part, checked to be its text part's. */
async function viewUrl(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw);
  const html = /<a href="([^"]+)"[^>]*>Voir dans le navigateur<\/a>/.exec(String(mail.html));
  const text = /Voir dans le navigateur\u00A0: (\S+)/.exec(mail.text ?? '');
  assert.ok(html?.[1] && text?.[1], 'a "view in browser" link in both parts');
  assert.equal(html[1], text[1]);
  return html[1];
}

/** The day of `date` in the config's time zone, as a page's address writes it. */
const dayInParis = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: baseConfig.timeZone }).format(date);

/** The file of the output folder that an address of the site leads to. */
const fileOf = (dir: string, url: string) =>
  join(dir, 'out', new URL(url).pathname.slice(1), 'index.html');

/** The addresses of the pages a list or feed of the digests links to, in their order. */
const digestLinks = (text: string) => [
  ...new Set(
    [...text.matchAll(/https:\/\/news\.example\.org\/digests\/[\w-]+\//g)].map(([url]) => url),
  ),
];

async function viewUrls(received: Received[]): Promise<string[]> {
  return [...new Set(await Promise.all(received.map((m) => viewUrl(m.raw))))];
}

describe('the digests archive', () => {
  it('gives each digest sent a page of its own, which later builds keep byte for byte', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project(['anne@example.org', 'bob@example.org']);
      const before = dayInParis(new Date());
      const first = await send(dir, server.url);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(server.received.length, 2);
      const [url, ...others] = await viewUrls(server.received);
      assert.ok(url && others.length === 0, 'every reader has the same page');
      const [, day, id] = pageUrl.exec(url) ?? [];
      assert.ok(day && id, `${url} is a digest's page`);
      assert.ok([before, dayInParis(new Date())].includes(day), `${day}: the day it was sent`);
      assert.ok(first.stdout.includes(`Its page, where "view in browser" leads: ${url}`));

      const page = await readFile(fileOf(dir, url));
      const subject = (await simpleParser(server.received[0]?.raw ?? '')).subject ?? '';
      assert.ok(page.includes(`<h1>${subject}</h1>`), 'the page shows the digest');
      assert.match(String(page), /<iframe [^>]*srcdoc='<!doctype html>/i);
      assert.ok(String(page).includes(`<a href="${url}"`), 'the email it shows leads to it');

      const record = JSON.parse(
        await readFile(join(dir, 'gazette.digests', `${day}-${id}.json`), 'utf8'),
      );
      assert.equal(record.status, 'sent');
      assert.equal(record.recipients, 2);
      assert.equal(record.subject, subject);
      assert.equal(record.entries.length, 2);
      assert.doesNotMatch(record.html, /%%GAZETTE_/, 'no placeholder left in the record');
      assert.deepEqual(await brokenLinks(join(dir, 'out'), siteUrl), []);

      // New articles, built but not sent: the page stays what the readers were sent.
      await writeFile(
        join(dir, 'articles', 'nouveau.txt'),
        'Quito. Le président équatorien a annoncé un référendum sur la réforme de la justice.',
      );
      // Rendered again from the record alone, then kept from the output as it is.
      for (const args of [['--no-cache'], []]) {
        const built = await runCli(['build', '--input', 'articles', ...args], dir);
        assert.equal(built.code, 0, built.stderr);
        assert.deepEqual(await readFile(fileOf(dir, url)), page, `build ${args.join(' ')}`);
      }
      const list = await readFile(join(dir, 'out', 'digests', 'index.html'), 'utf8');
      const feed = await readFile(join(dir, 'out', 'digests', 'atom.xml'), 'utf8');
      assert.deepEqual(digestLinks(list), [url]);
      assert.deepEqual(digestLinks(feed), [url]);
      const sitemap = await readFile(join(dir, 'out', 'sitemap.xml'), 'utf8');
      assert.ok(sitemap.includes(`<loc>${url}</loc>`), 'the page is in the sitemap');

      const second = await send(dir, server.url);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(server.received.length, 4);
      const [newer, ...more] = await viewUrls(server.received.slice(2));
      assert.ok(newer && more.length === 0 && newer !== url, 'the second digest has its own page');
      assert.match(newer, pageUrl);
      assert.match(await readFile(fileOf(dir, newer), 'utf8'), /référendum/);
      assert.deepEqual(await readFile(fileOf(dir, url)), page, 'the first page as it was');
      const lists = await readFile(join(dir, 'out', 'digests', 'index.html'), 'utf8');
      assert.deepEqual(digestLinks(lists), [newer, url], 'newest first');
      const feeds = await readFile(join(dir, 'out', 'digests', 'atom.xml'), 'utf8');
      assert.deepEqual(digestLinks(feeds), [newer, url], 'newest first');
      assert.deepEqual(await brokenLinks(join(dir, 'out'), siteUrl), []);
    } finally {
      await server.close();
    }
  });

  it('makes no page and no record for a dry run or a test send, which lead to digest.html', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project(['anne@example.org']);
      const dry = await send(dir, server.url, '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      const [eml] = await readdir(join(dir, 'out', 'outbox'));
      const drafted = await readFile(join(dir, 'out', 'outbox', eml ?? ''));
      assert.equal(await viewUrl(drafted), `${siteUrl}digest.html`);
      const test = await send(dir, server.url, '--to', 'me@example.org');
      assert.equal(test.code, 0, test.stderr);
      assert.equal(server.received.length, 1);
      assert.equal(
        await viewUrl(server.received[0]?.raw ?? Buffer.alloc(0)),
        `${siteUrl}digest.html`,
      );
      assert.equal(
        await viewUrl(await readFile(join(dir, 'out', 'digest.eml'))),
        `${siteUrl}digest.html`,
      );
      assert.ok(!existsSync(join(dir, 'gazette.digests')), 'no record');
      assert.ok(!existsSync(join(dir, 'out', 'digests')), 'no page');
    } finally {
      await server.close();
    }
  });

  it("names a digest by its id's second half when another digest of that day took the first", async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project(['anne@example.org']);
      const first = await send(dir, server.url);
      assert.equal(first.code, 0, first.stderr);
      const [name = ''] = await readdir(join(dir, 'gazette.digests'));
      const recordPath = join(dir, 'gazette.digests', name);
      const recorded = JSON.parse(await readFile(recordPath, 'utf8'));
      // The same name held by another digest (whose id begins alike), and the same digest to
      // send again from scratch.
      const other = `${recorded.id}${'f'.repeat(8)}`;
      assert.notEqual(other, recorded.digest);
      const otherRecord = `${JSON.stringify({ ...recorded, digest: other }, null, 2)}\n`;
      await writeFile(recordPath, otherRecord);
      // A new store of the same readers: the send state and outcomes start again.
      await rm(join(dir, 'gazette.db'));
      const [page] = await viewUrls(server.received);
      const before = await readFile(fileOf(dir, page ?? ''));

      const again = await send(dir, server.url);
      assert.equal(again.code, 0, again.stderr);
      const [, url] = await viewUrls(server.received);
      const [, day, id] = pageUrl.exec(url ?? '') ?? [];
      assert.equal(day, recorded.date);
      assert.equal(id, recorded.digest.slice(8, 16), "the second half of the digest's id");
      assert.deepEqual(
        (await readdir(join(dir, 'gazette.digests'))).sort(),
        [name, `${day}-${id}.json`].sort(),
      );
      assert.equal(await readFile(recordPath, 'utf8'), otherRecord, 'the other record is kept');
      assert.deepEqual(await readFile(fileOf(dir, page ?? '')), before, 'and so is its page');
      assert.ok(existsSync(fileOf(dir, url ?? '')));
    } finally {
      await server.close();
    }
  });

  it('keeps the page of a digest whose sending was killed and then resumed', async () => {
    const readers = Array.from({ length: 12 }, (_, i) => `reader${i}@example.org`);
    const killAt = 4;
    const { server, killed, sendUntilKilled } = await startKillingSmtpServer(killAt);
    try {
      const dir = await project(readers);
      await warmCache(dir);
      await sendUntilKilled(dir);
      assert.ok(killed(), 'killed in the middle');
      const records = await readdir(join(dir, 'gazette.digests'));
      assert.equal(records.length, 1);
      const recorded = JSON.parse(
        await readFile(join(dir, 'gazette.digests', records[0] ?? ''), 'utf8'),
      );
      assert.equal(recorded.status, 'sending', 'recorded before the first message');
      const [url] = await viewUrls(server.received);
      assert.ok(url && existsSync(fileOf(dir, url)), 'the page was out before the link');
      const page = await readFile(fileOf(dir, url));

      const rerun = await send(dir, server.url);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.deepEqual(await viewUrls(server.received), [url], 'one page for every reader');
      assert.deepEqual(await readdir(join(dir, 'gazette.digests')), records);
      const done = JSON.parse(
        await readFile(join(dir, 'gazette.digests', records[0] ?? ''), 'utf8'),
      );
      assert.equal(done.status, 'sent');
      assert.equal(done.recipients, readers.length);
      assert.deepEqual(await readFile(fileOf(dir, url)), page);
    } finally {
      await server.close();
    }
  });

  it('publishes a digests feed that is valid Atom', async (t: TestContext) => {
    if (!hasCommand('jing')) {
      const notice = 'jing not installed (.ci/run installs it from Debian)';
      if (process.env.CI) assert.fail(notice);
      t.skip(notice);
      return;
    }
    const dir = await makeProject(join(root, 'seeds'), sendConfig);
    await recordByHand(dir, sampleRecord({ language: 'en', preheader: '' }));
    await recordByHand(
      dir,
      sampleRecord({ id: 'feedc0de', date: '2025-01-12', started: '2025-01-12T08:00:00.000Z' }),
    );
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 0, built.stderr);
    const feed = join(dir, 'out', 'digests', 'atom.xml');
    const grammar = jing(feed);
    assert.ok(grammar.ok, grammar.output);
    assert.deepEqual(digestLinks(await readFile(feed, 'utf8')), [
      `${siteUrl}digests/2025-01-12-feedc0de/`,
      `${siteUrl}digests/2025-01-05-0123abcd/`,
    ]);
  });
});

describe('a record of a digest sent', () => {
  it('is published from the project, through its own template when it has one', async () => {
    const dir = await makeProject(join(root, 'seeds'), sendConfig);
    await recordByHand(dir, sampleRecord());
    const page = join(dir, 'out', 'digests', '2025-01-05-0123abcd', 'index.html');
    const first = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(first.code, 0, first.stderr);
    // The email whole, in a frame that runs no script, its links opening in the whole tab.
    const frame = /<iframe [^>]*srcdoc='([^']*)' sandbox="([^"]*)"/.exec(
      await readFile(page, 'utf8'),
    );
    assert.equal(
      frame?.[1],
      `<!doctype html><html><head><base target="_top"><title>La lettre</title></head><body><p>Bonjour, l&#39;équipe &amp; co.</p><a href="${siteUrl}une-nouvelle/">Une nouvelle</a></body></html>`,
    );
    assert.doesNotMatch(frame?.[2] ?? '', /allow-scripts|allow-same-origin/);

    await mkdir(join(dir, 'templates'));
    await writeFile(
      join(dir, 'templates', 'digest-page.html.hbs'),
      '<!doctype html><title>{{title}}</title><p class="own">{{sentText}}</p>\n',
    );
    const built = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(
      await readFile(page, 'utf8'),
      '<!doctype html><title>La lettre · 5 janvier 2025</title><p class="own">Envoyée le 5 janvier 2025</p>\n',
    );
  });

  it('is published as soon as it is written while `build --watch` runs', async () => {
    const dir = await makeProject(join(root, 'seeds'), sendConfig);
    const builds: unknown[] = [];
    const watcher = await watchBuild(
      { cwd: dir, input: 'articles' },
      {
        now: () => new Date(),
        threads: false,
        onBuild: (result) => builds.push(result),
        onError: (error) => builds.push(error),
      },
    );
    try {
      const page = join(dir, 'out', 'digests', '2025-01-05-0123abcd', 'index.html');
      assert.ok(!existsSync(page));
      await recordByHand(dir, sampleRecord());
      const started = Date.now();
      while (!existsSync(page) && Date.now() - started < 20_000)
        await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(existsSync(page), 'the page of the record written');
      assert.ok(builds.every((built) => !(built instanceof Error)));
    } finally {
      await watcher.close();
    }
  });

  const broken: [string, string, RegExp][] = [
    ['cut short', '{"digest": "0123abcd0123abcd", "id"', /not a digest's record: .*JSON/],
    [
      'without its entries',
      JSON.stringify({ ...sampleRecord(), entries: undefined }),
      /not a digest's record: entries: /,
    ],
    [
      'of another name',
      JSON.stringify(sampleRecord({ id: 'feedc0de' })),
      /records the digest 2025-01-05-feedc0de, so it must be named 2025-01-05-feedc0de\.json/,
    ],
  ];
  for (const [what, text, message] of broken) {
    it(`stops the build when one is ${what}, naming its file`, async () => {
      const dir = await makeProject(join(root, 'seeds'), sendConfig);
      await mkdir(join(dir, 'gazette.digests'));
      await writeFile(join(dir, 'gazette.digests', '2025-01-05-0123abcd.json'), text);
      const built = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(built.code, 1);
      assert.match(built.stderr, /^error: gazette\.digests\/2025-01-05-0123abcd\.json: /m);
      assert.match(built.stderr, message);
      assert.match(
        built.stderr,
        /Restore the record from version control.*\[DigestRecordInvalid\]/s,
      );
      assert.doesNotMatch(built.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});

/** A record as `send` writes it, of a digest sent on 5 January 2025; `fields` replace its own. */
function sampleRecord(fields: Record<string, unknown> = {}) {
  return {
    digest: '0123abcd0123abcd',
    id: '0123abcd',
    date: '2025-01-05',
    subject: 'La lettre · 5 janvier 2025',
    preheader: 'Le résumé de la première nouvelle.',
    language: 'fr',
    entries: [{ id: 'tag:a', title: 'Une nouvelle', url: `${siteUrl}une-nouvelle/` }],
    html: `<!doctype html><html><head><title>La lettre</title></head><body><p>Bonjour, l'équipe & co.</p><a href="${siteUrl}une-nouvelle/">Une nouvelle</a></body></html>`,
    status: 'sent',
    started: '2025-01-05T09:00:00.000Z',
    finished: '2025-01-05T09:01:00.000Z',
    recipients: 3,
    ...fields,
  };
}

async function recordByHand(dir: string, record: ReturnType<typeof sampleRecord>): Promise<void> {
  await mkdir(join(dir, 'gazette.digests'), { recursive: true });
  await writeFile(
    join(dir, 'gazette.digests', `${record.date}-${record.id}.json`),
    JSON.stringify(record, null, 2),
  );
}
