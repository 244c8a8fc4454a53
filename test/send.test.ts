import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import {
  baseConfig,
  createStore,
  makeProject,
  root,
  runCli,
  storeRows,
  warmCache,
} from './helpers.ts';
import { startKillingSmtpServer, startSmtpServer } from './smtp.ts';
import { noPostgres, storeKinds } from './stores.ts';

const sendConfig = {
  ...baseConfig,
  send: { retryDelay: 0.01, rateLimit: 1000, confirmAbove: 500 },
};

async function seedsProject(config: Record<string, unknown> = sendConfig): Promise<string> {
  return makeProject(join(root, 'seeds'), config);
}

async function subscribers(dir: string, rows: string[]): Promise<void> {
  await writeFile(join(dir, 'subscribers.csv'), `email,name,lang,token\n${rows.join('\n')}\n`);
}

async function send(
  dir: string,
  url: string,
  environment: Record<string, string> = {},
  ...args: string[]
) {
  await createStore(dir, environment);
  return runCli(['send', '--input', 'articles', '--subscribers', 'subscribers.csv', ...args], dir, {
    GAZETTE_SMTP_URL: url,
    ...environment,
  });
}

/** How many messages each recipient got. */
function counts(received: { to: string[] }[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const message of received) for (const to of message.to) map.set(to, (map.get(to) ?? 0) + 1);
  return map;
}

describe('gazette send', () => {
  it('delivers the digest to each subscriber, with their name and unsubscribe link', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await seedsProject();
      await subscribers(dir, [
        'anne@example.org,Anne Dubois,fr,tok-a',
        'bob@example.org,Bob,,tok b',
        'chloe@example.org,,,',
      ]);
      const result = await send(dir, server.url);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /sent 3, failed 0, skipped 0/);
      assert.equal(server.received.length, 3);
      // Each reader's links carry the token the store gave them, none the list's.
      const tokens = new Map(
        (await storeRows(dir, 'readers')).map((r) => [r.email, `${r.id}.${r.secret}`]),
      );
      const tokenOf = (email: string) => encodeURIComponent(tokens.get(email) ?? 'none');
      const byRecipient = new Map(
        await Promise.all(
          server.received.map(async (m) => [m.to[0], await simpleParser(m.raw)] as const),
        ),
      );
      const anne = byRecipient.get('anne@example.org');
      assert.equal(
        anne?.to && 'text' in anne.to ? anne.to.text : '',
        '"Anne Dubois" <anne@example.org>',
      );
      assert.ok(anne?.text?.includes('Bonjour Anne Dubois,'));
      assert.ok(typeof anne?.html === 'string' && anne.html.includes('Bonjour Anne Dubois,'));
      assert.ok(
        anne?.text?.includes(
          `https://news.example.org/unsubscribe?token=${tokenOf('anne@example.org')}`,
        ),
      );
      assert.ok(!anne?.text?.includes('tok-a'));
      const bob = byRecipient.get('bob@example.org');
      assert.ok(
        typeof bob?.html === 'string' &&
          bob.html.includes(`unsubscribe?token=${tokenOf('bob@example.org')}`),
      );
      const bobRaw =
        server.received.find((m) => m.to[0] === 'bob@example.org')?.raw.toString() ?? '';
      assert.ok(
        bobRaw
          .replace(/\r\n[ \t]+/g, ' ')
          .includes(
            `List-Unsubscribe: <https://news.example.org/unsubscribe?token=${tokenOf('bob@example.org')}>`,
          ),
      );
      assert.equal(new Set(tokens.values()).size, 3, 'a token of their own for each reader');
      assert.ok(byRecipient.get('chloe@example.org')?.text?.includes('Bonjour,'));
      const ids = new Set([...byRecipient.values()].map((m) => m.messageId));
      assert.equal(ids.size, 3, 'one Message-ID per recipient');
    } finally {
      await server.close();
    }
  });

  it('retries temporary failures, skips a refused recipient, and serves each once', async () => {
    let refusedOnce = false;
    let droppedOnce = false;
    const server = await startSmtpServer({
      rcpt: (address) => {
        if (address === 'second@example.org' && !refusedOnce) {
          refusedOnce = true;
          return 451;
        }
        return address === 'gone@example.org' ? 550 : undefined;
      },
      accept: (to) => {
        if (to[0] !== 'third@example.org' || droppedOnce) return true;
        droppedOnce = true;
        return false;
      },
    });
    try {
      const dir = await seedsProject();
      await subscribers(dir, [
        'first@example.org,,,',
        'second@example.org,,,',
        'third@example.org,,,',
        'gone@example.org,,,',
        'fifth@example.org,,,',
      ]);
      const result = await send(dir, server.url);
      assert.equal(result.code, 1, 'a failed recipient makes the exit code non-zero');
      assert.match(result.stdout, /sent 4, failed 1, skipped 0/);
      assert.match(result.stderr, /failed gone@example\.org: 550/);
      assert.match(
        result.stdout,
        /1 refused address\(es\) marked as bounced in the readers' store: nothing is sent to them again\./,
      );
      assert.ok(refusedOnce && droppedOnce);
      // The dropped message's data had arrived but was never accepted: it counts once.
      assert.deepEqual(Object.fromEntries(counts(server.received)), {
        'first@example.org': 1,
        'second@example.org': 1,
        'third@example.org': 1,
        'fifth@example.org': 1,
      });
      const ledger = await storeRows(dir, 'outcomes');
      assert.deepEqual(
        ledger.map((r) => [r.email, r.result]),
        [
          ['first@example.org', 'sent'],
          ['second@example.org', 'sent'],
          ['third@example.org', 'sent'],
          ['gone@example.org', 'refused'],
          ['fifth@example.org', 'sent'],
        ],
      );
      assert.equal(ledger[3]?.code, 550);
      // A permanent refusal of an address: its reader bounced, and is sent nothing again.
      const statuses = (await storeRows(dir, 'readers')).map((r) => [r.email, r.status]);
      assert.deepEqual(
        statuses.filter(([, status]) => status !== 'active'),
        [['gone@example.org', 'bounced']],
      );
      await writeFile(
        join(dir, 'articles', 'nouveau.md'),
        '---\ntitle: Le référendum annoncé\n---\nQuito. Le gouvernement a annoncé un référendum sur la réforme de la Constitution, prévu pour le printemps prochain.\n',
      );
      const next = await send(dir, server.url);
      assert.equal(next.code, 0, next.stderr);
      assert.match(
        next.stdout,
        /1 reader\(s\) bounced since the last send: they are sent nothing\./,
      );
      assert.match(next.stdout, /sent 4, failed 0, skipped 0/);
    } finally {
      await server.close();
    }
  });

  it('sends nothing new twice, and only what is new next time', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await seedsProject();
      await subscribers(dir, ['anne@example.org,Anne,,a']);
      assert.equal((await send(dir, server.url)).code, 0);
      assert.equal(server.received.length, 1);
      const again = await send(dir, server.url);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Nothing new since .*: no digest was sent\./);
      assert.equal(server.received.length, 1);

      await writeFile(
        join(dir, 'articles', 'nouveau.txt'),
        'Quito. Le président équatorien a annoncé un référendum sur la réforme de la justice.',
      );
      const third = await send(dir, server.url);
      assert.equal(third.code, 0, third.stderr);
      assert.equal(server.received.length, 2);
      const mail = await simpleParser(server.received[1]?.raw ?? Buffer.alloc(0));
      assert.ok(mail.text?.includes('Le président équatorien a annoncé un référendum'));
      assert.ok(!mail.text?.includes('Dina Boluarte'));
      assert.match(mail.text ?? '', /1 article\b/);
    } finally {
      await server.close();
    }
  });

  it('shows a dry run without connecting, and asks before a large send', async () => {
    const dir = await seedsProject({
      ...sendConfig,
      send: { ...sendConfig.send, confirmAbove: 2 },
    });
    await subscribers(dir, ['a@example.org,,,', 'b@example.org,,,', 'c@example.org,,,']);
    const dry = await send(dir, 'smtp://127.0.0.1:1');
    assert.equal(dry.code, 1);
    assert.match(dry.stderr, /3 recipients .* --yes/s);
    const preview = await send(dir, 'smtp://127.0.0.1:1', {}, '--dry-run');
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /Would send ".+" \(2 entries\) to 3 recipient\(s\)/);
    assert.deepEqual((await readdir(join(dir, 'out', 'outbox'))).sort(), [
      '0001-a@example.org.eml',
      '0002-b@example.org.eml',
      '0003-c@example.org.eml',
    ]);
  });

  it('reports bad subscriber rows with their line', async () => {
    const dir = await seedsProject();
    await subscribers(dir, ['good@example.org,,,', 'not-an-address,,,', 'x@example.org,,xx,']);
    const result = await send(dir, 'smtp://127.0.0.1:1', {}, '--dry-run');
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /subscribers\.csv:3: bad rows:\n\s+line 3: email is not an email address\n\s+line 4: lang /,
    );
  });

  for (const kind of storeKinds)
    it(`finishes after being killed mid-send, serving every recipient exactly once (${kind.name})`, async (t) => {
      const environment = await kind.environment();
      if (!environment) return t.skip(noPostgres);
      const readers = 80;
      const killAt = 20 + Math.floor(Math.random() * 40);
      const { server, killed, sendUntilKilled } = await startKillingSmtpServer(killAt);
      try {
        const dir = await seedsProject();
        const emails = Array.from({ length: readers }, (_, i) => `reader${i}@example.org`);
        await subscribers(
          dir,
          emails.map((e) => `${e},,,`),
        );
        // The killed send starts sending at once.
        await warmCache(dir);
        await sendUntilKilled(dir, environment);
        assert.ok(killed(), 'killed in the middle');
        assert.equal(server.received.length, killAt);
        const rerun = await send(dir, server.url, environment);
        assert.equal(rerun.code, 0, rerun.stderr);
        assert.match(
          rerun.stdout,
          new RegExp(`sent ${readers - killAt}, failed 0, skipped ${killAt}`),
        );
        const perRecipient = counts(server.received);
        assert.equal(perRecipient.size, readers);
        assert.deepEqual(
          [...perRecipient].filter(([, n]) => n > 1),
          [],
          `killed after ${killAt} messages`,
        );
      } finally {
        await server.close();
      }
    });
});
