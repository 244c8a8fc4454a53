import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BuildResult, build } from '../src/build.ts';
import { htmlBudget } from '../src/render/digest.ts';
import { type PreviewServer, previewInfoOf, startPreviewServer } from '../src/serve.ts';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import { baseConfig, makeProject, root } from './helpers.ts';
import { listen } from './serve-events.ts';

const changedTitle = 'Un titre changé pendant l’aperçu';
/** The seed whose title the browser test changes. */
const seedFile = '000_8cbf9f20e154a38e.txt';

interface Reply {
  status: number;
  type: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET of `path` exactly as written: `fetch` would resolve the dot segments itself. */
function get(server: PreviewServer, path: string): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'] ?? '',
          headers: res.headers,
          body,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('gazette preview server', () => {
  let project: string;
  let out: string;
  let result: BuildResult;
  let server: PreviewServer;

  before(async () => {
    project = await makeProject(join(root, 'seeds'));
    out = join(project, 'out');
    result = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    server = await startPreviewServer({ outDir: out, port: 0 }, previewInfoOf(result));
  });

  after(() => server?.close());

  /** `text` as served: its links to the site lead to the server instead. */
  const served = (text: string) => text.replaceAll(baseConfig.siteUrl, server.url);

  it('listens on a free port of this machine', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(new URL(server.url).port, '0');
  });

  it('serves the output with its media types, and the reload script in HTML only', async () => {
    const index = await get(server, '/');
    assert.equal(index.status, 200);
    assert.equal(index.type, 'text/html; charset=utf-8');
    assert.equal(index.headers['cache-control'], 'no-store');
    const script = index.body.match(
      /<script>[^<]*EventSource\("\/__gazette\/events[^<]*<\/script>/,
    );
    assert.ok(script, 'the reload script');
    assert.ok(index.body.endsWith(`${script[0]}</body>\n</html>\n`), 'just before </body>');
    const file = await readFile(join(out, 'index.html'), 'utf8');
    assert.ok(file.includes(baseConfig.siteUrl), 'the file links to the site');
    assert.equal(index.body.replace(script[0], ''), served(file), 'and nothing else changed');
    assert.equal((await get(server, '/index.html')).body, index.body);

    const expected: [string, string][] = [
      ['/atom.xml', 'application/atom+xml; charset=utf-8'],
      ['/rss.xml', 'application/rss+xml; charset=utf-8'],
      ['/feed.json', 'application/feed+json; charset=utf-8'],
      ['/tags/index.json', 'application/json; charset=utf-8'],
      ['/entries.json', 'application/json; charset=utf-8'],
      ['/digest.html', 'text/html; charset=utf-8'],
      ['/digest.txt', 'text/plain; charset=utf-8'],
      ['/digest.eml', 'message/rfc822'],
    ];
    for (const [path, type] of expected) {
      const reply = await get(server, `${path}?v=1`);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.type, type, path);
      assert.equal(reply.body.includes('__gazette/events'), path.endsWith('.html'), path);
    }
    const text = await readFile(join(out, 'digest.txt'), 'utf8');
    assert.equal((await get(server, '/digest.txt')).body, served(text));
    const folder = await get(server, '/tags');
    assert.equal(folder.status, 301);
    assert.equal(folder.headers.location, '/tags/');
  });

  it('answers 404 outside the output folder and for unknown paths', async () => {
    const outside = [
      '/../package.json',
      '/../gazette.config.json',
      '/%2e%2e/gazette.config.json',
      '/%2E%2E%2Fgazette.config.json',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/tags/..%2f..%2fgazette.config.json',
      '/tags/%2e%2e/%2e%2e/gazette.config.json',
      '//etc/passwd',
      '/%00index.html',
      '/nothing-here.html',
      '/tags/',
      '/__gazette/unknown',
    ];
    for (const path of outside) {
      const reply = await get(server, path);
      assert.equal(reply.status, 404, path);
      assert.ok(!reply.body.includes('siteUrl') && !reply.body.includes('root:'), path);
    }
    assert.equal((await get(server, '/%zz')).status, 400);
  });

  it('tells listening pages to reload, and pages that missed a build at once', async () => {
    const index = await get(server, '/');
    const since = index.body.match(/since=(\d+)/)?.[1] ?? '';
    assert.match(since, /^\d+$/);
    const current = listen(server, since);
    assert.equal(await current.opened, 'text/event-stream; charset=utf-8');
    server.reload(previewInfoOf(result));
    assert.equal(await current.next(), `event: reload\ndata: ${Number(since) + 1}\n\n`);
    // A page served before that build, whose stream opens only now, reloads all the same.
    const late = listen(server, since);
    await late.opened;
    assert.equal(await late.next(), `event: reload\ndata: ${Number(since) + 1}\n\n`);
    current.close();
    late.close();
  });

  it('closes with a page still listening, and refuses a port in use', async () => {
    const other = await startPreviewServer({ outDir: out, port: 0 }, previewInfoOf(result));
    const listener = listen(other, '0');
    await listener.opened;
    const ended = new Promise<void>((resolve) => listener.ended(resolve));
    await other.close();
    await ended;
    const port = Number(new URL(server.url).port);
    await assert.rejects(startPreviewServer({ outDir: out, port }, previewInfoOf(result)), {
      code: 'EADDRINUSE',
    });
  });

  it('shows and reloads the pages in Chromium, preview included', {
    timeout: 120_000,
  }, async (t) => {
    if (!needsProgram(t, chromiumPath, 'chromium')) return;
    const context = await browserContext(t, { viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const elsewhere: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    context.on('weberror', (error) => errors.push(error.error().message));
    context.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });

    const index = await context.newPage();
    let indexLoads = 0;
    index.on('load', () => {
      indexLoads += 1;
    });
    await index.goto(server.url);
    for (const entry of result.entries) {
      await index.getByRole('heading', { name: entry.title, exact: true }).waitFor();
    }
    const links = await index.locator('link[rel="alternate"]').all();
    assert.equal(links.length, 3);
    for (const link of links) {
      const href = (await link.getAttribute('href')) ?? '';
      const type = (await link.getAttribute('type')) ?? '';
      const reply = await fetch(new URL(new URL(href).pathname, server.url));
      assert.equal(reply.status, 200, href);
      assert.equal(reply.headers.get('content-type')?.split(';')[0], type, href);
    }

    const preview = await context.newPage();
    await preview.goto(new URL('__gazette/preview', server.url).href);
    const [subject, preheader, size] = await preview.getByRole('definition').allTextContents();
    assert.equal(subject, result.digest.subject);
    assert.equal(preheader, result.digest.preheader);
    const kb = (result.digest.htmlBytes / 1024).toFixed(1);
    assert.match(size?.trim() ?? '', /^\d+\.\d KB of 90 KB \(\d+ %\)$/);
    assert.ok(size?.includes(`${kb} KB of ${htmlBudget / 1024} KB`), size);
    assert.ok(await preview.getByText(`${kb} KB of ${htmlBudget / 1024} KB`).isVisible());
    for (const width of [375, 640]) {
      const frame = preview.getByTitle(`${width} px`);
      assert.equal((await frame.boundingBox())?.width, width);
      assert.ok(await preview.getByText(`, ${width} px`, { exact: false }).first().isVisible());
      const digest = preview.frameLocator(`iframe[width="${width}"]`);
      await digest
        .getByText(result.entries[0]?.title ?? '\0')
        .filter({ visible: true })
        .first()
        .waitFor();
      // At its full height: the frame is as tall as the digest in it, nothing cut off.
      const whole = await digest.locator('html').evaluate((html) => html.scrollHeight);
      await preview.waitForFunction(
        `document.querySelector('iframe[width="${width}"]')?.getBoundingClientRect().height === ${whole}`,
      );
      assert.ok(whole > 800, `the digest is taller than the old frame: ${whole} px`);
    }
    const text = await readFile(join(out, 'digest.txt'), 'utf8');
    assert.equal(await preview.locator('pre').textContent(), served(text));
    for (const entry of result.entries) {
      const link = preview.getByRole('link', { name: entry.title, exact: true });
      assert.equal(await link.getAttribute('href'), served(entry.url));
    }

    // An author changes a title while both pages are open, then Gazette builds again.
    const article = join(project, 'articles', seedFile);
    const original = await readFile(article, 'utf8');
    await writeFile(article, `---\ntitle: ${changedTitle}\n---\n${original}`);
    const started = performance.now();
    const again = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    assert.ok(again.entries.some((e) => e.title === changedTitle));
    server.reload(previewInfoOf(again));
    await index.getByRole('heading', { name: changedTitle }).waitFor({ timeout: 10000 });
    await preview.getByRole('link', { name: changedTitle }).waitFor({ timeout: 10000 });
    await preview
      .frameLocator('iframe[width="640"]')
      .getByText(changedTitle)
      .filter({ visible: true })
      .first()
      .waitFor();
    t.diagnostic(`rebuilt and reloaded in ${Math.round(performance.now() - started)} ms`);
    assert.equal(indexLoads, 2, 'the index page reloaded once, by itself');
    assert.equal(await preview.getByRole('definition').first().textContent(), again.digest.subject);

    assert.deepEqual(errors, []);
    assert.deepEqual(elsewhere, [], 'nothing loaded from elsewhere');
  });
});
