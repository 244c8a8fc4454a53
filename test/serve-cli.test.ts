import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import {
  baseConfig,
  makeProject,
  root,
  runCli,
  smallProject,
  startServe,
  warmCache,
} from './helpers.ts';

describe('gazette serve', () => {
  it('reloads the open page with the new title when an article is edited', async (t) => {
    if (!needsProgram(t, chromiumPath, 'chromium')) return;
    const project = await makeProject(join(root, 'seeds'));
    const serving = await startServe(project);
    try {
      const url = serving.url?.href;
      assert.ok(url, serving.output());
      const page = await (await browserContext(t)).newPage();
      await page.goto(url);
      await page.getByRole('heading', { name: /Dina Boluarte/ }).waitFor();
      const file = join(project, 'articles', '000_8cbf9f20e154a38e.txt');
      await writeFile(
        file,
        `---\ntitle: Nouveau titre, servi à chaud\n---\n${await readFile(file, 'utf8')}`,
      );
      await page
        .getByRole('heading', { name: 'Nouveau titre, servi à chaud' })
        .waitFor({ timeout: 10_000 });
      assert.match(serving.output(), /1 normalized: 000_8cbf9f20e154a38e\.txt/);
    } finally {
      await serving.stop();
    }
  });
});

describe("gazette serve when the readers' store cannot be read", () => {
  it("previews the build's digest, and says why", async () => {
    const project = await makeProject(join(root, 'seeds'));
    const serving = await startServe(project, [], {
      GAZETTE_DATABASE_URL: 'postgres://gazette:wrong@127.0.0.1:1/nowhere',
    });
    try {
      assert.ok(serving.url, serving.output());
      assert.match(
        serving.output(),
        /warning: the digest preview shows the build's digest, not the next send's: cannot reach the database postgres:\/\/gazette@127\.0\.0\.1:1\/nowhere/,
      );
      assert.doesNotMatch(serving.output(), /wrong/, 'no password printed');
      const preview = await fetch(new URL('__gazette/preview', serving.url));
      assert.equal(preview.status, 200);
      assert.match(await preview.text(), /<dt>Subject<\/dt><dd>La lettre/);
    } finally {
      await serving.stop();
    }
  });
});

describe('gazette serve on a port in use', () => {
  it('says so and exits, leaving no thread behind that would keep it running', {
    timeout: 60_000,
  }, async () => {
    const project = await makeProject(join(root, 'seeds'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const started = Date.now();
      const result = await runCli(
        ['serve', '--input', 'articles', '--port', String(port)],
        project,
      );
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /\[PortInUse\]/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.ok(Date.now() - started < 30_000);
    } finally {
      taken.close();
    }
  });
});

/** The body of a GET of `path`. */
function body(url: URL, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ hostname: url.hostname, port: url.port, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve(text));
    })
      .on('error', reject)
      .end();
  });
}

/** Asks for `path` until its body passes `test`, for ten seconds at most; the last body. */
async function until(url: URL, path: string, test: (text: string) => boolean): Promise<string> {
  const started = Date.now();
  let text = await body(url, path);
  while (!test(text) && Date.now() - started < 10_000) {
    await new Promise((r) => setTimeout(r, 50));
    text = await body(url, path);
  }
  return text;
}

describe('gazette serve while an article is broken', () => {
  it('shows the problem on top of the pages until the article is fixed', {
    timeout: 60_000,
  }, async () => {
    const project = await smallProject();
    await warmCache(project);
    const tunnel = 'https://preview.example.net/';
    const serving = await startServe(project, ['--base-url', tunnel]);
    try {
      const { url } = serving;
      assert.ok(url, serving.output());
      assert.match(serving.output(), /Links to the site lead to https:\/\/preview\.example\.net\//);
      const page = await body(url, '/');
      assert.doesNotMatch(page, /role="alert"/);
      assert.ok(page.includes(`href="${tunnel}atom.xml"`), 'links lead to --base-url');
      assert.ok(!page.includes(baseConfig.siteUrl));

      // Listening as an open page does, from the build it was served.
      const since = /since=(\d+)/.exec(page)?.[1] ?? '';
      const { hostname, port } = url;
      let events = '';
      const stream = request({
        hostname,
        port,
        path: `/__gazette/events?since=${since}`,
        agent: false,
      });
      stream.on('response', (res) => res.setEncoding('utf8').on('data', (c) => (events += c)));
      stream.on('error', () => undefined).end();

      const broken = join(project, 'articles', '2025-01-07-le-pont.md');
      await writeFile(broken, '---\ntitle: [Le pont\n---\nLe pont de Cusco est tombé.\n');
      const failed = await until(url, '/', (text) => /role="alert"/.test(text));
      const panel = /<div role="alert".*?<\/div>/s.exec(failed)?.[0] ?? '';
      assert.match(panel, /2025-01-07-le-pont\.md:\d+: front matter is not valid YAML/, failed);
      assert.match(panel, /\[FrontMatterSyntax\]/);
      assert.match(panel, /last good build/);
      assert.match(events, /event: reload\ndata: \d+\n\n/, 'the open page was told to reload');
      assert.ok(failed.includes('Le train arrive'), 'the last good build, still served');
      assert.match(serving.output(), /error: .*2025-01-07-le-pont\.md/, 'and the terminal');

      await writeFile(broken, '---\ntitle: Le pont\n---\nLe pont de Cusco est tombé.\n');
      const fixed = await until(url, '/', (text) => !/role="alert"/.test(text));
      assert.doesNotMatch(fixed, /role="alert"/);
      assert.ok(fixed.includes('Le pont'), 'the fixed article is in');
      stream.destroy();
    } finally {
      await serving.stop();
    }
  });
});

describe('gazette serve --base-url', () => {
  for (const given of [
    'preview.example.net',
    'ftp://preview.example.net',
    'https://preview.example.net/news/',
    'https://someone:secret@preview.example.net',
    'https://preview.example.net/?page=1',
  ]) {
    it(`refuses ${JSON.stringify(given)} plainly, before building`, async () => {
      const project = await smallProject();
      const result = await runCli(['serve', '--input', 'articles', '--base-url', given], project);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^error: --base-url ".*" is not the address of a site's root/);
      assert.match(result.stderr, /\[BaseUrlInvalid\]\n$/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(existsSync(join(project, 'out')), false, 'nothing built');
    });
  }
});
