import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { parse } from 'parse5';
import { listen } from '../src/subscriptions/service.ts';
import { baseConfig, runCli, tempDir } from './helpers.ts';
import { type Received, startSmtpServer } from './smtp.ts';
import { noPostgres, storeKinds } from './stores.ts';

const serviceUrl = 'https://news.example.org/subscriptions/';

/** A project whose last build listed two tag feeds, and the service running on it. */
async function running(env: Record<string, string>) {
  const dir = await tempDir();
  await writeFile(
    join(dir, 'gazette.config.json'),
    JSON.stringify({ ...baseConfig, subscriptions: { url: serviceUrl } }),
  );
  await mkdir(join(dir, 'out', 'tags'), { recursive: true });
  await writeFile(
    join(dir, 'out', 'tags', 'index.json'),
    JSON.stringify({ tags: [{ tag: 'Pérou' }, { tag: 'Climat' }] }),
  );
  const smtp = await startSmtpServer();
  const service = await listen(
    { cwd: dir, port: 0 },
    { now: () => new Date(), databaseUrl: env.GAZETTE_DATABASE_URL, smtpUrl: smtp.url },
  );
  const at = (path: string) => new URL(path, service.url).href;
  const post = (path: string, fields: Record<string, string | string[]>, headers = {}) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields))
      for (const one of [value].flat()) body.append(key, one);
    return fetch(at(path), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  };
  const readers = async () => {
    const listed = await runCli(['subscribers', 'list', '--json'], dir, env);
    assert.equal(listed.code, 0, listed.stderr);
    return JSON.parse(listed.stdout) as {
      email: string;
      status: string;
      lang?: string;
      topics: string[];
    }[];
  };
  return {
    dir,
    smtp,
    at,
    post,
    readers,
    async close() {
      await service.close();
      await smtp.close();
    },
  };
}

/** The HTML parser's complaints about a page, as the HTML standard defines them. */
function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}`) });
  return errors;
}

/** Waits for the test server to have received `count` messages. */
async function received(smtp: { received: Received[] }, count: number): Promise<Received[]> {
  for (let waited = 0; smtp.received.length < count && waited < 10_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  assert.equal(smtp.received.length, count, `${count} message(s) received`);
  return smtp.received;
}

/** The confirmation link of a message: the one link of its text. */
async function linkOf(message: Received | undefined): Promise<URL> {
  const text = (await simpleParser(message?.raw ?? Buffer.from(''))).text ?? '';
  const link = /https:\/\/\S+/.exec(text)?.[0];
  assert.ok(link, 'a link in the confirmation');
  return new URL(link);
}

for (const kind of storeKinds) {
  describe(`gazette listen (${kind.name})`, () => {
    it('signs a reader up with double opt-in, answering the same whether the address is known or not', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const service = await running(env);
      try {
        const form = await fetch(service.at('subscriptions/'), {
          headers: { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' },
        });
        assert.equal(form.status, 200);
        const page = await form.text();
        assert.deepEqual(parseErrors(page), []);
        assert.match(page, /<html lang="es">/);
        assert.match(
          page,
          /<label for="gazette-email">Su dirección de correo electrónico<\/label>/,
        );
        assert.match(page, /<form method="post" action="subscribe">/);
        assert.match(page, /name="website"/, 'the hidden field robots fill');
        assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
        assert.match(form.headers.get('content-security-policy') ?? '', /default-src 'none'/);

        const first = await service.post('subscriptions/subscribe', {
          email: 'Anne@Example.org',
          name: 'Anne',
          lang: 'es',
          website: '',
        });
        assert.equal(first.status, 200);
        const answer = await first.text();
        assert.match(answer, /Revise su correo/);
        const [message] = await received(service.smtp, 1);
        assert.deepEqual(
          message?.to.map((to) => to.toLowerCase()),
          ['anne@example.org'],
        );
        const mail = await simpleParser(message?.raw ?? Buffer.from(''));
        assert.equal(mail.subject, 'Confirme su suscripción a La lettre');
        assert.deepEqual(
          (await service.readers()).map((r) => [r.email, r.status, r.lang]),
          [['Anne@Example.org', 'pending', 'es']],
        );

        const link = await linkOf(message);
        assert.equal(link.origin + link.pathname, `${serviceUrl}confirm`);
        // The proxy passes the path as it is: a GET shows a button, and changes nothing.
        const look = await fetch(service.at(`subscriptions/confirm${link.search}`));
        assert.equal(look.status, 200);
        assert.match(
          await look.text(),
          /Pulse el botón para recibir La lettre en Anne@Example\.org/,
        );
        assert.equal((await service.readers())[0]?.status, 'pending');
        const confirmed = await service.post(`subscriptions/confirm${link.search}`, {});
        assert.equal(confirmed.status, 200);
        assert.match(await confirmed.text(), /Suscripción confirmada/);
        assert.equal((await service.readers())[0]?.status, 'active');

        // Known and active, or new: the same page; only the new address is sent a link.
        const again = await service.post('subscriptions/subscribe', {
          email: 'anne@example.org',
          lang: 'es',
        });
        const fresh = await service.post('subscriptions/subscribe', {
          email: 'bob@example.org',
          lang: 'es',
        });
        assert.equal(await again.text(), await fresh.text());
        await received(service.smtp, 2);
        assert.deepEqual(service.smtp.received[1]?.to, ['bob@example.org']);

        // A robot fills the hidden field: the same answer, and nothing is done.
        const robot = await service.post('subscriptions/subscribe', {
          email: 'robot@example.org',
          website: 'https://spam.example',
        });
        assert.equal(robot.status, 200);
        const invalid = await service.post('subscriptions/subscribe', { email: 'not an address' });
        assert.equal(invalid.status, 400);
        assert.match(await invalid.text(), /aria-invalid="true"/);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(service.smtp.received.length, 2);
        assert.deepEqual(
          (await service.readers()).map((r) => r.email),
          ['Anne@Example.org', 'bob@example.org'],
        );
      } finally {
        await service.close();
      }
    });

    it('unsubscribes with one click, after a GET that changes nothing, and keeps preferences', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const service = await running(env);
      try {
        await service.post('subscribe', { email: 'carla@example.org' });
        const link = await linkOf((await received(service.smtp, 1))[0]);
        await service.post(`confirm${link.search}`, {});
        const token = link.searchParams.get('token') ?? '';

        const preferences = await fetch(service.at(`preferences?token=${token}`));
        const form = await preferences.text();
        assert.deepEqual(parseErrors(form), []);
        assert.match(form, /<fieldset><legend>Sujets \(aucun choisi\u00A0: tous\)<\/legend>/);
        assert.match(form, /<html lang="fr">/);
        assert.match(form, /value="perou"[^>]*> <label for="topic-\d">Pérou<\/label>/);
        const saved = await service.post(`preferences?token=${token}`, {
          lang: 'pt',
          topics: ['perou', 'not-a-tag'],
        });
        assert.match(await saved.text(), /As suas preferências foram guardadas/);
        assert.deepEqual(
          (await service.readers()).map((r) => [r.lang, r.topics]),
          [['pt', ['perou']]],
        );

        const look = await fetch(service.at(`unsubscribe?token=${token}`));
        assert.equal(look.status, 200);
        const button = await look.text();
        assert.deepEqual(parseErrors(button), []);
        assert.match(
          button,
          /<form method="post" action="unsubscribe\?token=[^"]+"><button type="submit">Cancelar a assinatura<\/button><\/form>/,
        );
        assert.equal((await service.readers())[0]?.status, 'active');
        // RFC 8058: the mail client's POST, with nothing more to do.
        const oneClick = await fetch(service.at(`unsubscribe?token=${token}`), {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(oneClick.status, 200);
        assert.equal((await service.readers())[0]?.status, 'unsubscribed');

        // A wrong secret, an unknown id, no token: the same page, which tells nothing.
        const [id] = token.split('.');
        for (const bad of [`${id}.${'A'.repeat(24)}`, `zzzzzzzzzzzz.${'A'.repeat(24)}`, ''])
          assert.equal((await fetch(service.at(`unsubscribe?token=${bad}`))).status, 404);
        const huge = await service.post('subscribe', {
          email: 'x@example.org',
          name: 'n'.repeat(20_000),
        });
        assert.equal(huge.status, 413);
      } finally {
        await service.close();
      }
    });
  });
}

describe('gazette listen: limits', () => {
  it('refuses a client beyond its sign-ups per hour, and trusts X-Forwarded-For only when told', async () => {
    const service = await running({});
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const response = await service.post(
          'subscribe',
          { email: `reader${i}@example.org` },
          // Not trusted: a client cannot escape its limit by naming other addresses.
          { 'x-forwarded-for': `203.0.113.${i}` },
        );
        statuses.push(response.status);
        await response.text();
      }
      assert.deepEqual(statuses, [...Array(20).fill(200), 429]);
    } finally {
      await service.close();
    }
  });

  it('needs subscriptions.url and an SMTP server, and says so', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
    const result = await runCli(['listen', '--port', '0'], dir, {
      GAZETTE_SMTP_URL: 'smtp://127.0.0.1:25',
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /subscriptions\.url is not set.*\[ServiceUrlMissing\]/s);
  });
});
