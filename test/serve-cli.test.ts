import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import { makeProject, root, runCli, startServe } from './helpers.ts';

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
