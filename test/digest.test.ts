import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { simpleParser } from 'mailparser';
import { build } from '../src/build.ts';
import { defaultTemplates, parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { readTemplates } from '../src/read/digest-files.ts';
import { htmlBudget, renderDigest, renderDigestHtml, resolveDigest } from '../src/render/digest.ts';
import { personalize, personalValues } from '../src/render/personalize.ts';
import { browserContext, chromiumPath, needsProgram } from './browser.ts';
import { textContrasts } from './contrast.ts';
import { baseConfig, makeProject, root, runCli, sampleEntry, tempDir } from './helpers.ts';

/** `count` entries with real-length summaries, one a day, under a handful of tags. */
function entries(count: number): Entry[] {
  const tags = ['Pérou', 'Mexique', 'Chili', 'Bolivie'];
  return Array.from({ length: count }, (_, i) =>
    sampleEntry(i + 1, {
      title: `Le Congrès adopte la réforme numéro ${i + 1} après un débat de trois jours`,
      summary:
        'Le texte, voté par une large majorité, prévoit une refonte du financement des régions et un contrôle renforcé des dépenses publiques, selon le rapporteur. '.repeat(
          2,
        ),
      tags: [tags[i % tags.length] ?? 'Pérou', 'politique'],
      published: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString(),
    }),
  );
}

describe('the digest', () => {
  const templates = readTemplates(defaultTemplates);

  it('compiles in strict MJML without third-party fonts, accessible and dark-mode aware', async () => {
    const config = parseConfig(
      { ...baseConfig, digest: { limit: 10, contact: 'Gazette, 1 rue de la Paix, 75002 Paris' } },
      'c',
    );
    const digest = await renderDigest(entries(3), config, await templates);
    const html = digest.html;
    assert.match(html, /^<!doctype html><html lang="fr" dir="ltr"/);
    assert.doesNotMatch(html, /<link[^>]+(googleapis|fonts)/);
    assert.doesNotMatch(html, /@import/);
    for (const table of html.match(/<table[^>]*>/g) ?? [])
      assert.match(table, /role="presentation"/);
    for (const image of html.match(/<img[^>]*>/g) ?? []) assert.match(image, /alt="/);
    assert.match(html, /<meta name="color-scheme" content="light dark">/);
    assert.match(html, /prefers-color-scheme: ?dark/);
    const preheader =
      /<div style="display:none;max-height:0;[^"]*mso-hide:all[^"]*">([^<]*)<\/div>/.exec(html);
    assert.ok(preheader, 'a hidden preheader');
    assert.ok(
      preheader[1]?.startsWith(entries(3)[2]?.summary.slice(0, 40) ?? '\0'),
      'the lead summary',
    );
    assert.ok((preheader[1]?.match(/\u034F/g) ?? []).length >= 50, 'spacer after the preheader');
    assert.doesNotMatch(preheader[0], /color/);
    assert.ok(html.includes('Gazette, 1 rue de la Paix, 75002 Paris'));
    assert.ok(
      html.includes(digest.placeholders.unsubscribeUrl) &&
        html.includes(digest.placeholders.viewUrl),
    );
  });

  it('groups by main tag when it has more than a handful of items, newest first in each', async () => {
    const config = parseConfig({ ...baseConfig, digest: { limit: 10, groupAbove: 5 } }, 'c');
    const digest = await renderDigest(entries(8), config, await templates);
    const text = digest.text;
    const headings = [...text.matchAll(/^== (.+) ==$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['Bolivie', 'Chili', 'Mexique', 'Pérou']);
    const bolivia = text.slice(text.indexOf('== Bolivie =='), text.indexOf('== Chili =='));
    assert.ok(bolivia.indexOf('numéro 8') < bolivia.indexOf('numéro 4'));
    const short = await renderDigest(entries(4), config, await templates);
    assert.doesNotMatch(short.text, /^== /m);
  });

  it('reads at 4.5:1 or better, every text, light and dark, on a phone and a desktop', async (t) => {
    if (!needsProgram(t, chromiumPath, 'Chromium')) return;
    const config = parseConfig(
      {
        ...baseConfig,
        digest: { limit: 10, groupAbove: 5, contact: 'Gazette, 1 rue de la Paix, 75002 Paris' },
      },
      'c',
    );
    // The lead item has a picture, wider than the column: the browser is given its bytes.
    const picture = {
      url: 'https://news.example.org/files/img/place.png',
      alt: 'Manifestants sur la place',
      width: 1200,
      height: 800,
      type: 'image/png',
      length: 9626,
    };
    const list = entries(9).map((e, i) =>
      i === 8 ? { ...e, location: 'Lima', image: picture } : e,
    );
    // One left out, as if for size: the digest then says so and links to the rest.
    const data = resolveDigest(list, config, 1);
    const group = data.groups[0];
    const lead = group?.items[0];
    assert.ok(group?.name && lead?.location && data.more, 'a heading, a location, a "more" line');
    const { location } = lead;
    const summaryText = lead.summary.trim();
    const { html } = personalize(
      {
        html: await renderDigestHtml(data, await templates),
        text: '',
        placeholders: data.placeholders,
      },
      personalValues({ email: 'a@example.org', name: 'Ana', token: 't' }, config, data.messages),
    );
    const shown = [
      data.title,
      group.name,
      lead.title,
      location,
      summaryText,
      data.more,
      data.messages.unsubscribe,
      'Gazette, 1 rue de la Paix',
    ];
    const bytes = await readFile(
      join(root, 'test', 'fixtures', 'markdown-html', 'articles', 'img', 'place de armas.png'),
    );
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browserContext(t, { colorScheme });
      await context.route(picture.url, (route) =>
        route.fulfill({ body: bytes, contentType: 'image/png' }),
      );
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      for (const width of [375, 640]) {
        await page.setViewportSize({ width, height: 900 });
        // The picture is shown, whole, never wider than the column nor the screen.
        const shownPicture = (await page.evaluate(`(() => {
          const img = document.querySelector('img[alt="${picture.alt}"]');
          const box = img && img.getBoundingClientRect();
          return img && { loaded: img.naturalWidth, width: box.width, height: box.height,
            scroll: document.documentElement.scrollWidth };
        })()`)) as { loaded: number; width: number; height: number; scroll: number } | null;
        assert.ok(
          shownPicture && shownPicture.loaded === 1200,
          `${colorScheme}: the picture loads`,
        );
        assert.ok(shownPicture.width <= Math.min(592, width - 32) && shownPicture.width > 200);
        assert.ok(Math.abs(shownPicture.height / shownPicture.width - 800 / 1200) < 0.02);
        assert.ok(shownPicture.scroll <= width, `${shownPicture.scroll}px wide at ${width}px`);
        const texts = await textContrasts(page);
        const where = `${colorScheme}, ${width}px`;
        for (const text of shown)
          assert.ok(
            texts.some((x) => x.text.includes(text)),
            `${where}: "${text}" is shown`,
          );
        const worst = texts.reduce((a, b) => (b.ratio < a.ratio ? b : a));
        t.diagnostic(`${where}: worst contrast ${worst.ratio.toFixed(2)}:1, "${worst.text}"`);
        const poor = texts
          .filter((x) => x.ratio < 4.5)
          .map(
            (x) =>
              `"${x.text.slice(0, 50)}" ${x.ratio.toFixed(2)}:1 (${x.color} on ${x.background})`,
          );
        assert.deepEqual(poor, [], `${where}: texts under 4.5:1`);
        // The date and topic lines are muted (not the summaries' colour), in light mode the
        // template's grey: a stray inline colour on mj-text's own div once overrode it.
        const colorOf = (pick: (text: string) => boolean) => texts.find((x) => pick(x.text))?.color;
        const summary = colorOf((text) => text === summaryText);
        const muted: [string, string | undefined][] = [
          ['date range', colorOf((text) => text.startsWith(data.dateRange))],
          ['item date', colorOf((text) => text.startsWith(lead.date) && text.endsWith(location))],
          ['tags', colorOf((text) => text.startsWith(data.messages.tags))],
        ];
        for (const [line, color] of muted) {
          assert.ok(color && summary, `${where}: the ${line} line and the summary are shown`);
          assert.notEqual(color, summary, `${where}: the ${line} line is muted`);
          if (colorScheme === 'light')
            assert.equal(color, 'rgb(87, 96, 106)', `${where}: the ${line} line`);
        }
      }
    }
  });

  for (const count of [10, 30, 100]) {
    it(`stays under the size budget with ${count} items`, async () => {
      const config = parseConfig({ ...baseConfig, digest: { limit: 100 } }, 'c');
      const digest = await renderDigest(entries(count), config, await templates);
      assert.ok(
        Buffer.byteLength(digest.html) <= htmlBudget,
        `${Buffer.byteLength(digest.html)} bytes`,
      );
      assert.equal(digest.ids.length + digest.dropped, count);
      if (digest.dropped > 0) {
        assert.match(digest.text, new RegExp(`et ${digest.dropped} autres articles`));
        assert.ok(digest.html.includes(`et ${digest.dropped} autres articles`));
        // The oldest went: the newest is still there.
        assert.equal(digest.ids[0], entries(count)[count - 1]?.id);
      }
      if (count === 10) assert.equal(digest.dropped, 0);
      if (count === 100) assert.ok(digest.dropped > 0);
      for (const line of digest.text.split('\n'))
        assert.ok([...line].length <= 76 || !line.includes(' '), line);
    });
  }
});

describe('a build whose digest would be too large', () => {
  it('leaves the oldest out, says so in the digest, and warns', async () => {
    const articles = await tempDir();
    for (let i = 1; i <= 100; i++) {
      const day = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      await writeFile(
        join(articles, `${day}-n${i}.txt`),
        `Le conseil régional a voté le budget numéro ${i} après un long débat sur les transports publics. Les élus ont aussi discuté de l’eau potable et des écoles.`,
      );
    }
    const project = await makeProject(articles, { ...baseConfig, digest: { limit: 100 } });
    const result = await build({ cwd: project, input: 'articles' }, { now: () => new Date() });
    const warning = result.warnings.find((w) => w.message.startsWith('the digest left out'));
    assert.ok(warning, 'a warning');
    const html = await readFile(join(project, 'out', 'digest.html'), 'utf8');
    assert.ok(Buffer.byteLength(html) <= htmlBudget);
    assert.match(html, /et \d+ autres articles/);
  });
});

describe('the digest as built and sent', () => {
  let project: string;
  let privateKey: string;
  let publicKey: string;

  before(async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    project = await makeProject(join(root, 'seeds'), {
      ...baseConfig,
      digest: {
        limit: 10,
        contact: 'Gazette, 1 rue de la Paix, 75002 Paris',
        dkim: { domain: 'news.example.org', selector: 'test', privateKeyFile: 'dkim.pem' },
      },
    });
    await writeFile(join(project, 'dkim.pem'), privateKey);
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
  });

  it('is a multipart/alternative message with one-click unsubscribe headers', async () => {
    const mail = await simpleParser(await readFile(join(project, 'out', 'digest.eml')));
    assert.equal(
      (mail.headers.get('content-type') as { value: string }).value,
      'multipart/alternative',
    );
    assert.ok(mail.text?.includes('Se désabonner'));
    assert.ok(typeof mail.html === 'string' && mail.html.includes('Se désabonner'));
    const raw = (await readFile(join(project, 'out', 'digest.eml'), 'latin1')).replace(
      /\r\n[ \t]+/g,
      ' ',
    );
    assert.equal(
      (raw.match(/^Content-Type: text\/(plain|html); charset=utf-8$/gim) ?? []).length,
      2,
    );
    const unsubscribe = raw.match(/^List-Unsubscribe: .*$/gim) ?? [];
    assert.equal(unsubscribe.length, 1);
    assert.match(
      unsubscribe[0] ?? '',
      /<https:\/\/news\.example\.org\/unsubscribe\?token=>, <mailto:lettre@news\.example\.org\?subject=unsubscribe>/,
    );
    assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    assert.match(raw, /^List-ID: "Gazette de test" <digest\.news\.example\.org>$/m);
    assert.match(raw, /^Message-ID: <digest-[0-9a-f]{24}@news\.example\.org>$/m);
    assert.ok(mail.date && !Number.isNaN(mail.date.getTime()));
  });

  it('carries a DKIM signature that covers the unsubscribe headers', async () => {
    const eml = await readFile(join(project, 'out', 'digest.eml'));
    const resolver = async (name: string, type: string) => {
      assert.equal(`${type} ${name}`, 'TXT test._domainkey.news.example.org');
      return [[`v=DKIM1; k=rsa; p=${publicKey}`]];
    };
    const good = await dkimVerify(eml, { resolver });
    assert.equal(good.results[0]?.status.result, 'pass');
    const signature = /^DKIM-Signature: (.*)$/im.exec(
      eml.toString('latin1').replace(/\r\n[ \t]+/g, ' '),
    );
    const signed = /\bh=([^;]+)/
      .exec(signature?.[1] ?? '')?.[1]
      ?.replace(/\s/g, '')
      .toLowerCase()
      .split(':');
    assert.ok(
      signed?.includes('list-unsubscribe') && signed.includes('list-unsubscribe-post'),
      String(signed),
    );
    const tampered = Buffer.from(
      eml.toString('latin1').replace('unsubscribe?token=', 'unsubscribe?token=x'),
      'latin1',
    );
    const bad = await dkimVerify(tampered, { resolver });
    assert.notEqual(bad.results[0]?.status.result, 'pass');
  });

  it('scores below 1.0 with SpamAssassin', (t) => {
    if (!needsProgram(t, '/usr/bin/spamassassin', 'spamassassin')) return;
    const result = spawnSync('spamassassin', ['-t', '-L'], {
      input: readFileSync(join(project, 'out', 'digest.eml')),
      encoding: 'utf8',
    });
    const status =
      /^X-Spam-Status: (?:Yes|No), score=(-?[\d.]+)[\s\S]*?tests=([\s\S]*?)autolearn/m.exec(
        result.stdout,
      );
    assert.ok(status, result.stderr || result.stdout.slice(0, 2000));
    const rules = (status[2] ?? '').replace(/\s+/g, '');
    t.diagnostic(`SpamAssassin score ${status[1]}, rules: ${rules}`);
    assert.ok(Number(status[1]) < 1.0, `score ${status[1]}: ${rules}`);
  });

  it('fits a phone and a desktop in Chromium, every title visible', async (t) => {
    if (!needsProgram(t, chromiumPath, 'chromium')) return;
    const entries: Entry[] = JSON.parse(
      await readFile(join(project, 'out', 'entries.json'), 'utf8'),
    ).entries;
    const page = await (await browserContext(t)).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    for (const width of [375, 640]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(join(project, 'out', 'digest.html')).href);
      const scrollWidth: number = await page.evaluate('document.documentElement.scrollWidth');
      assert.ok(scrollWidth <= width, `${scrollWidth}px wide at ${width}px`);
      for (const entry of entries) {
        await page
          .getByRole('link', { name: entry.title })
          .first()
          .waitFor({ state: 'visible', timeout: 5000 });
      }
    }
    assert.deepEqual(errors, []);
  });
});
