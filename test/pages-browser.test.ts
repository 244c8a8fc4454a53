import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { build } from '../src/build.ts';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import { textContrasts } from './contrast.ts';
import { baseConfig, fixtures, makeProject, root } from './helpers.ts';

const site = baseConfig.siteUrl;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
};

/**
 * The site's pages as readers see them, in Chromium at a phone's and a desktop's width, light
 * and dark: the site's own address is answered from out/, and nothing else may be asked for.
 * With UPDATE_SCREENSHOTS set, each view is saved in docs/screenshots/.
 */
describe('the site in a browser', () => {
  let out: string;
  let tagPage: string;
  before(async () => {
    const project = await makeProject(join(fixtures, 'markdown-html', 'articles'), {
      ...baseConfig,
      subtitle: 'Les nouvelles du Pérou et des Andes',
      feeds: { limit: 2, tagMinEntries: 2 },
    });
    await cp(join(root, 'seeds'), join(project, 'articles'), { recursive: true });
    await build(
      { cwd: project, input: 'articles' },
      { now: () => new Date('2026-03-01T12:00:00Z') },
    );
    out = join(project, 'out');
    const { tags } = JSON.parse(await readFile(join(out, 'tags', 'index.json'), 'utf8'));
    tagPage = `tags/${tags[0].slug}/index.html`;
  });

  const views = [
    ['article', () => 'lima/index.html'],
    ['index', () => 'page/2/index.html'],
    ['tag', () => tagPage],
    ['missing', () => '404.html'],
  ] as const;

  for (const [name, pathOf] of views) {
    it(`shows the ${name} page whole, readable and with nothing from elsewhere, at 375 and 1280 px, light and dark`, {
      timeout: 60_000,
    }, async (t) => {
      if (!needsProgram(t, chromiumPath, 'chromium')) return;
      const path = pathOf();
      assert.ok(existsSync(join(out, path)), path);
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browserContext(t, { colorScheme });
        const elsewhere: string[] = [];
        await context.route('**/*', async (route) => {
          const url = route.request().url();
          if (!url.startsWith(site)) {
            elsewhere.push(url);
            return route.abort();
          }
          const local = decodeURIComponent(new URL(url).pathname).slice(1);
          const file = join(
            out,
            local === '' || local.endsWith('/') ? `${local}index.html` : local,
          );
          if (!existsSync(file)) return route.fulfill({ status: 404, body: 'missing' });
          return route.fulfill({
            body: await readFile(file),
            contentType: types[extname(file)] ?? 'application/octet-stream',
          });
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(`${site}${path.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
        for (const width of [375, 1280]) {
          const where = `${path}, ${colorScheme}, ${width}px`;
          await page.setViewportSize({ width, height: 900 });
          const scroll: number = await page.evaluate('document.documentElement.scrollWidth');
          assert.ok(scroll <= width, `${where}: ${scroll}px wide`);
          const texts = await textContrasts(page);
          const poor = texts
            .filter((x) => x.ratio < 4.5)
            .map((x) => `"${x.text.slice(0, 40)}" ${x.ratio.toFixed(2)}:1`);
          assert.deepEqual(poor, [], `${where}: texts under 4.5:1`);
          const worst = texts.reduce((a, b) => (b.ratio < a.ratio ? b : a));
          t.diagnostic(`${where}: worst contrast ${worst.ratio.toFixed(2)}:1`);
          if (process.env.UPDATE_SCREENSHOTS) {
            const folder = join(root, 'docs', 'screenshots');
            await mkdir(folder, { recursive: true });
            await writeFile(
              join(folder, `page-${name}-${colorScheme}-${width}.png`),
              await page.screenshot({ fullPage: true }),
            );
          }
        }
        // Landmarks, one heading of the first level, pictures with their text, and a first
        // Tab that reaches the skip link.
        for (const role of ['banner', 'main', 'contentinfo'] as const)
          assert.equal(await page.getByRole(role).count(), 1, `${path}: one ${role}`);
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
        assert.equal(await page.locator('img:not([alt])').count(), 0);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate('document.activeElement.className'), 'skip');
        assert.deepEqual(errors, [], `${path}: errors`);
        assert.deepEqual(elsewhere, [], `${path}: requests to other sites`);
      }
    });
  }
});
