import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { listen } from '../src/subscriptions/service.ts';
import { baseConfig, makeProject, root, runCli } from './helpers.ts';
import { type Received, startSmtpServer } from './smtp.ts';
import { noPostgres, storeKinds } from './stores.ts';

/** A port free on this machine now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The messages received since `from`, parsed, by recipient. */
async function byRecipient(received: Received[], from: number) {
  return new Map(
    await Promise.all(
      received.slice(from).map(async (m) => [m.to[0] ?? '', await simpleParser(m.raw)] as const),
    ),
  );
}

for (const kind of storeKinds) {
  describe(`subscriptions end to end (${kind.name})`, () => {
    it('imports, sends, honours a one-click unsubscribe, signs a newcomer up, and sends again', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const port = await freePort();
      const serviceUrl = `http://127.0.0.1:${port}/`;
      const smtp = await startSmtpServer();
      const dir = await makeProject(join(root, 'seeds'), {
        ...baseConfig,
        subscriptions: { url: serviceUrl },
        send: { retries: 0, confirmAbove: 100, rateLimit: 1000 },
      });
      await writeFile(
        join(dir, 'list.csv'),
        'email,name,lang,topics\nanne@example.org,Anne,,\nbea@example.org,Bea,es,\ncarl@example.org,,,Pérou\nleo@example.org,Leo,,\n',
      );
      const cli = (...args: string[]) => runCli(args, dir, { ...env, GAZETTE_SMTP_URL: smtp.url });
      const service = await listen(
        { cwd: dir, port },
        { now: () => new Date(), databaseUrl: env.GAZETTE_DATABASE_URL, smtpUrl: smtp.url },
      );
      try {
        assert.equal((await cli('subscribers', 'import', 'list.csv')).code, 0);
        const first = await cli('send', '--input', 'articles');
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /sent 4, failed 0, skipped 0/);
        let mails = await byRecipient(smtp.received, 0);
        // The Spanish reader's digest is in Spanish; the reader of Pérou gets its entry only.
        assert.match(mails.get('bea@example.org')?.text ?? '', /^Hola, Bea:$/m);
        assert.match(mails.get('anne@example.org')?.text ?? '', /^Bonjour Anne,$/m);
        assert.match(mails.get('carl@example.org')?.text ?? '', /Dina Boluarte/);
        assert.doesNotMatch(mails.get('carl@example.org')?.text ?? '', /fentanyl|Mexique/);
        assert.match(mails.get('anne@example.org')?.text ?? '', /Mexique/);

        // Leo leaves with his mail client's one click: the List-Unsubscribe address, POSTed.
        const raw = smtp.received.find((m) => m.to[0] === 'leo@example.org')?.raw.toString() ?? '';
        const header =
          /^List-Unsubscribe: (.*)$/im.exec(raw.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
        const unsubscribe = /<(http[^>]+)>/.exec(header)?.[1] ?? '';
        assert.ok(unsubscribe.startsWith(`${serviceUrl}unsubscribe?token=`), header);
        // The mailto: of the header names the reader too, by the same token.
        const token = new URL(unsubscribe).searchParams.get('token') ?? 'none';
        assert.ok(header.includes(`?subject=unsubscribe%20${token}>`), header);
        const oneClick = await fetch(unsubscribe, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(oneClick.status, 200);
        // Every message carries its reader's own preferences link too.
        assert.match(
          mails.get('anne@example.org')?.text ?? '',
          new RegExp(`${serviceUrl}preferences\\?token=`),
        );

        // Nina signs up through the form and confirms from the message she receives.
        const before = smtp.received.length;
        const signUp = await fetch(`${serviceUrl}subscribe`, {
          method: 'POST',
          body: new URLSearchParams({ email: 'nina@example.org', name: 'Nina' }),
        });
        assert.equal(signUp.status, 200);
        for (let waited = 0; smtp.received.length === before && waited < 10_000; waited += 50)
          await new Promise((r) => setTimeout(r, 50));
        const confirmation = await simpleParser(smtp.received.at(-1)?.raw ?? Buffer.from(''));
        const confirm = /http\S+confirm\?token=\S+/.exec(confirmation.text ?? '')?.[0];
        assert.ok(confirm, 'a confirmation link');
        assert.equal((await fetch(confirm, { method: 'POST' })).status, 200);

        // Something new, and a second send: Leo gets nothing, Nina the digest.
        await writeFile(
          join(dir, 'articles', 'referendum.md'),
          '---\ntitle: Le référendum annoncé\ntags: [Équateur]\n---\nQuito. Le gouvernement a annoncé un référendum sur la réforme de la Constitution, prévu pour le printemps prochain.\n',
        );
        const sentBefore = smtp.received.length;
        const second = await cli('send', '--input', 'articles');
        assert.equal(second.code, 0, second.stderr);
        mails = await byRecipient(smtp.received, sentBefore);
        assert.deepEqual([...mails.keys()].sort(), [
          'anne@example.org',
          'bea@example.org',
          'nina@example.org',
        ]);
        assert.match(second.stdout, /1 reader\(s\) have nothing new in their topics/);
        assert.match(mails.get('nina@example.org')?.text ?? '', /référendum/);

        // The list imported again does not bring Leo back.
        const again = await cli('subscribers', 'import', 'list.csv');
        assert.match(again.stdout, /1 left out \(they unsubscribed or bounced, and stay so\)/);
        const listed = await cli('subscribers', 'list', '--status', 'unsubscribed', '--json');
        assert.deepEqual(
          (JSON.parse(listed.stdout) as { email: string }[]).map((r) => r.email),
          ['leo@example.org'],
        );
        const third = await cli('send', '--input', 'articles');
        assert.match(third.stdout, /Nothing new since/);
      } finally {
        await service.close();
        await smtp.close();
      }
    });
  });
}
