import assert from 'node:assert/strict';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BuildResult, build } from '../src/build.ts';
import { GazetteError, GazetteErrors } from '../src/errors.ts';
import { type PreviewServer, previewInfoOf, startPreviewServer } from '../src/serve.ts';
import { baseConfig, fixtures, makeProject, snapshot } from './helpers.ts';
import { listen } from './serve-events.ts';

/** A site URL with a path: the output is served at the root all the same. */
const siteUrl = 'https://example.org/news/';
const tunnel = 'https://preview.example.net/';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  body: string;
}

/** A request of `path` to `server`, with the `Host` header and other headers given. */
function get(
  server: PreviewServer,
  path: string,
  { host, method = 'GET', headers = {} }: { host?: string; method?: string; headers?: object } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    request(
      {
        hostname,
        port,
        path,
        method,
        agent: false,
        headers: { ...headers, ...(host && { host }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, body: `${bytes}` });
        });
      },
    )
      .on('error', reject)
      .end();
  });
}

/** A page's body without the live-reload script the server adds. */
function withoutScript(html: string): string {
  return html.replace(/<script>[^<]*__gazette\/events[^<]*<\/script>/, '');
}

describe('gazette serve: links lead to the server they were requested from', () => {
  let out: string;
  let result: BuildResult;
  let server: PreviewServer;
  let origin: string;
  let written: Map<string, Buffer>;

  before(async () => {
    const project = await makeProject(join(fixtures, 'markdown-html', 'articles'), {
      ...baseConfig,
      siteUrl,
    });
    // A picture whose bytes hold the site URL: a server that rewrote it would break it.
    await appendFile(join(project, 'articles', 'img', 'chart.png'), siteUrl);
    out = join(project, 'out');
    result = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    server = await startPreviewServer({ outDir: out, port: 0 }, previewInfoOf(result));
    origin = server.url;
    written = await snapshot(out);
  });

  after(() => server?.close());

  it('rewrites the site URL of pages, feeds, the JSON feed and the digest to the origin', async () => {
    for (const [path, file] of [
      ['/', 'index.html'],
      ['/lima/', 'lima/index.html'],
      ['/digest.html', 'digest.html'],
      ['/atom.xml', 'atom.xml'],
      ['/rss.xml', 'rss.xml'],
      ['/feed.json', 'feed.json'],
      ['/entries.json', 'entries.json'],
      ['/digest.txt', 'digest.txt'],
    ] as const) {
      const text = await readFile(join(out, file), 'utf8');
      assert.ok(text.includes(siteUrl), `${file} links to the site`);
      const reply = await get(server, path);
      assert.equal(reply.status, 200, path);
      assert.ok(!reply.body.includes(siteUrl), `${path}: no link to the site left`);
      assert.equal(withoutScript(reply.body), text.replaceAll(siteUrl, origin), path);
      assert.equal(reply.headers['content-length'], String(reply.bytes.length), path);
    }
    const index = await get(server, '/');
    assert.ok(index.body.includes(`href="${origin}atom.xml"`), 'the feed autodiscovery link');
    assert.ok(index.body.includes(`href="${origin}lima/"`), 'an entry link, without /news/');

    // Each link of the JSON feed leads to a file the server has.
    const feed = JSON.parse((await get(server, '/feed.json')).body);
    assert.equal(feed.home_page_url, origin);
    assert.equal(feed.feed_url, `${origin}feed.json`);
    assert.ok(feed.items.length > 0);
    for (const item of feed.items) {
      assert.ok(item.url.startsWith(origin), item.url);
      assert.equal((await get(server, new URL(item.url).pathname)).status, 200, item.url);
    }
    const atom = (await get(server, '/atom.xml')).body;
    assert.match(atom, new RegExp(`<link rel="alternate" type="text/html" href="${origin}"`));

    // The files on disk are the build's, untouched.
    assert.deepEqual(await snapshot(out), written);
  });

  it('gives a request to another name of the server links to that name', async () => {
    const { port } = new URL(origin);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const page = await get(server, '/', { host });
      assert.equal(page.status, 200, host);
      assert.ok(page.body.includes(`href="http://${host}/atom.xml"`), host);
      const feed = JSON.parse((await get(server, '/feed.json', { host })).body);
      assert.equal(feed.home_page_url, `http://${host}/`, host);
    }
    const preview = await get(server, '/__gazette/preview', { host: `localhost:${port}` });
    assert.ok(preview.body.includes(`href="http://localhost:${port}/lima/"`), 'preview entries');
  });

  it('rewrites to the base URL when given one, and answers requests that name it', async () => {
    const other = await startPreviewServer(
      { outDir: out, port: 0, baseUrl: tunnel },
      previewInfoOf(result),
    );
    try {
      for (const host of [undefined, 'preview.example.net']) {
        const page = await get(other, '/', { host });
        assert.equal(page.status, 200, host);
        assert.ok(page.body.includes(`href="${tunnel}lima/"`), host);
        assert.ok(!page.body.includes(other.url) && !page.body.includes(siteUrl), host);
        const feed = JSON.parse((await get(other, '/feed.json', { host })).body);
        assert.equal(feed.home_page_url, tunnel);
      }
      assert.equal((await get(other, '/', { host: 'elsewhere.example.net' })).status, 403);
    } finally {
      await other.close();
    }
  });

  it('sends pictures and the digest message byte for byte', async () => {
    for (const file of ['files/img/chart.png', 'digest.eml']) {
      const bytes = await readFile(join(out, file));
      assert.ok(bytes.includes(siteUrl), `${file} holds the site URL`);
      const reply = await get(server, `/${file}`);
      assert.equal(reply.status, 200, file);
      assert.ok(reply.bytes.equals(bytes), file);
    }
  });

  it('announces the length of the rewritten file to HEAD, and keeps it from caches', async () => {
    for (const path of ['/', '/feed.json']) {
      const whole = await get(server, path);
      const head = await get(server, path, { method: 'HEAD' });
      assert.equal(head.status, 200, path);
      assert.equal(head.bytes.length, 0, path);
      assert.equal(head.headers['content-length'], String(whole.bytes.length), path);
      assert.equal(head.headers['cache-control'], 'no-store', path);
    }
  });

  it('answers a missing path with the output’s 404.html, as a page; plainly without one', async () => {
    await writeFile(
      join(out, '404.html'),
      `<!doctype html>\n<html><body><h1>Introuvable</h1><a href="${siteUrl}">Accueil</a></body></html>\n`,
    );
    for (const path of ['/nowhere/', '/news/lima/', '/__gazette/unknown', '/tags/x.json']) {
      const reply = await get(server, path);
      assert.equal(reply.status, 404, path);
      assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8', path);
      assert.ok(reply.body.includes(`<a href="${origin}">Accueil</a>`), path);
      assert.match(reply.body, /__gazette\/events\?since=\d+/, `${path}: the reload script`);
    }
    const head = await get(server, '/nowhere', { method: 'HEAD' });
    assert.equal(head.status, 404);
    assert.equal(head.bytes.length, 0);
    // A path that tries to leave the folder gets nothing of the output.
    for (const path of ['/../secret.txt', '/%2e%2e/gazette.config.json', '/%00index.html']) {
      const refused = await get(server, path);
      assert.equal(refused.status, 404, path);
      assert.equal(refused.body, 'Not found', path);
    }

    await rm(join(out, '404.html'));
    const plain = await get(server, '/nowhere/');
    assert.equal(plain.status, 404);
    assert.match(String(plain.headers['content-type']), /^text\/plain/);
    assert.equal(plain.body, 'Not found');
  });

  it('shows a failed build on top of each page served, until a build succeeds', {
    timeout: 10_000,
  }, async () => {
    await writeFile(
      join(out, '404.html'),
      '<!doctype html>\n<html><body><p>Introuvable</p></body></html>\n',
    );
    const page = await get(server, '/');
    const since = /since=(\d+)/.exec(page.body)?.[1] ?? '';
    assert.doesNotMatch(page.body, /role="alert"/);
    const events = listen(server, since);
    await events.opened;

    server.showError(
      new GazetteErrors([
        new GazetteError('FrontMatterSyntax', 'front matter is not valid <YAML> & more', {
          file: 'articles/2025-03-09-<pont>.md',
          line: 2,
        }),
        new GazetteError('DuplicateSlug', 'slug "lima" is taken', { file: 'articles/b.md' }),
      ]),
    );
    assert.match(await events.next(), /^event: reload\n/, 'open pages reload');
    events.close();

    for (const path of ['/', '/lima/', '/digest.html', '/__gazette/preview', '/nowhere/']) {
      const reply = await get(server, path);
      // Right after <body>, before anything of the page's own.
      const panel = /<body[^>]*>(<div role="alert".*?<\/div>)/s.exec(reply.body)?.[1];
      assert.ok(panel, `${path}: the panel at the top of the body`);
      assert.ok(
        panel.includes(
          'articles/2025-03-09-&lt;pont&gt;.md:2: front matter is not valid &lt;YAML&gt; &amp; more',
        ),
        `${path}: ${panel}`,
      );
      assert.ok(panel.includes('[FrontMatterSyntax]'), path);
      assert.ok(panel.includes('articles/b.md: slug &quot;lima&quot; is taken'), path);
      assert.ok(panel.includes('[DuplicateSlug]'), path);
      assert.match(panel, /2 problems/, path);
      assert.match(panel, /last good build/, path);
      assert.match(panel, /picked up when the file is saved/, path);
      assert.doesNotMatch(panel, /<script/i, `${path}: no script needed`);
    }
    // Not in the feeds, nor in a page shown in a frame (the preview's), whose page shows it.
    assert.doesNotMatch((await get(server, '/feed.json')).body, /role=\\?"alert/);
    const framed = await get(server, '/digest.html', { headers: { 'sec-fetch-dest': 'iframe' } });
    assert.doesNotMatch(framed.body, /role="alert"/);

    server.showError(new TypeError('cannot read <this>'));
    const bug = (await get(server, '/')).body;
    assert.match(bug, /role="alert".*hit a bug.*TypeError: cannot read &lt;this&gt;/s);

    server.reload(previewInfoOf(result));
    for (const path of ['/', '/__gazette/preview']) {
      assert.doesNotMatch((await get(server, path)).body, /role="alert"/, path);
    }
  });
});
