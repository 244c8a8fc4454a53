import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { build } from '../src/build.ts';
import { previewNextDigest } from '../src/send/send.ts';
import { previewInfoOf } from '../src/serve.ts';
import { baseConfig, makeProject, root, runCli } from './helpers.ts';
import { startSmtpServer } from './smtp.ts';

/** A message's or a page's HTML without its reader's token. */
const untokened = (html: string) => html.replace(/token=[\w.%-]*/g, 'token=');

describe('the digest preview of gazette serve', () => {
  it('is the digest the next send sends, as its dry run writes it, not the build’s newest entries', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await makeProject(join(root, 'seeds'), baseConfig);
      await writeFile(join(dir, 'list.csv'), 'email,lang\nanne@example.org,fr\n');
      assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir)).code, 0);
      const first = await runCli(['send', '--input', 'articles'], dir, {
        GAZETTE_SMTP_URL: server.url,
      });
      assert.equal(first.code, 0, first.stderr);
      await writeFile(
        join(dir, 'articles', 'referendum.md'),
        '---\ntitle: Le référendum annoncé\n---\nQuito. Le gouvernement a annoncé un référendum sur la réforme de la Constitution, prévu pour le printemps prochain.\n',
      );

      const options = { cwd: dir, input: 'articles' };
      const result = await build(options, { now: () => new Date() });
      // The build's own digest holds the newest entries, sent or not.
      assert.equal(result.renderedDigest.ids.length, 3);
      const next = await previewNextDigest(result, options, { now: () => new Date() });
      assert.ok(next);
      assert.equal(next.ids.length, 1, 'only what was not sent yet');
      const info = previewInfoOf(result, next);

      const dry = await runCli(['send', '--input', 'articles', '--dry-run'], dir);
      assert.equal(dry.code, 0, dry.stderr);
      const [eml] = await readdir(join(dir, 'out', 'outbox'));
      const message = await simpleParser(await readFile(join(dir, 'out', 'outbox', eml ?? '')));
      assert.equal(message.subject, info.subject);
      assert.ok(info.html?.includes(info.preheader));
      assert.equal(untokened(String(message.html)), untokened(info.html ?? ''));
      assert.equal(untokened(message.text ?? '').trim(), untokened(info.text ?? '').trim());

      // Sent in its turn, nothing is new: the preview says so.
      assert.equal(
        (await runCli(['send', '--input', 'articles'], dir, { GAZETTE_SMTP_URL: server.url })).code,
        0,
      );
      const after = await build(options, { now: () => new Date() });
      const none = previewInfoOf(
        after,
        (await previewNextDigest(after, options, { now: () => new Date() })) ?? null,
      );
      assert.equal(none.html, undefined);
    } finally {
      await server.close();
    }
  });
});
