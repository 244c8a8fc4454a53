import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { simpleParser } from 'mailparser';
import { baseConfig, makeProject, root, runCli } from './helpers.ts';
import { startSmtpServer } from './smtp.ts';
import { noPostgres, postgresDatabase, storeKinds } from './stores.ts';

const config = {
  ...baseConfig,
  send: { retries: 0, retryDelay: 0.01, rateLimit: 1000, confirmAbove: 500, timeout: 2 },
};

/** The seeds as a project with `files` beside its config. */
async function project(files: Record<string, string> = {}): Promise<string> {
  const dir = await makeProject(join(root, 'seeds'), config);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

type Row = Record<string, string>;

/** The store's readers as `subscribers export` prints them, by address. */
async function exported(dir: string, env: Record<string, string>): Promise<Map<string, Row>> {
  const result = await runCli(['subscribers', 'export'], dir, env);
  assert.equal(result.code, 0, result.stderr);
  const rows: Row[] = parse(result.stdout, { columns: true });
  return new Map(rows.map((row) => [row.email ?? '', row]));
}

for (const kind of storeKinds) {
  describe(`the readers' store (${kind.name})`, () => {
    it('adds and updates on import, never removes, and never brings back a reader who left', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const dir = await project({
        'list.csv': 'email,name,lang,topics\nanne@example.org,Anne,fr,Pérou\nbob@example.org,,,\n',
      });
      const subscribers = (...args: string[]) => runCli(['subscribers', ...args], dir, env);

      const first = await subscribers('import', 'list.csv');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /: 2 added, 0 updated, 0 unchanged\.$/m);
      assert.equal((await subscribers('remove', 'BOB@example.org')).code, 0);
      const bounced = await subscribers('add', 'carla@example.org', '--topics', 'Lima, Congrès');
      assert.equal(bounced.code, 0, bounced.stderr);

      await writeFile(
        join(dir, 'list.csv'),
        'email,name,lang\nAnne@Example.org,Anne Dubois,es\nbob@example.org,Bob,\ndan@example.org,Dan,pt\nDAN@example.org,,\n',
      );
      const second = await subscribers('import', 'list.csv');
      assert.equal(second.code, 0, second.stderr);
      assert.match(
        second.stdout,
        /: 1 added, 1 updated, 0 unchanged, 1 left out \(they unsubscribed or bounced, and stay so\)\.$/m,
      );
      const readers = await exported(dir, env);
      assert.deepEqual(
        [...readers.values()].map((r) => [r.email, r.name, r.lang, r.topics, r.status]),
        [
          ['anne@example.org', 'Anne Dubois', 'es', 'perou', 'active'],
          ['bob@example.org', '', '', '', 'unsubscribed'],
          ['carla@example.org', '', '', 'lima;congres', 'active'],
          ['dan@example.org', 'Dan', 'pt', '', 'active'],
        ],
      );
      assert.match(readers.get('anne@example.org')?.joined_how ?? '', /^imported from list\.csv$/);
      assert.equal(readers.get('carla@example.org')?.joined_how, 'added by hand');

      // Adding by hand does not bring a leaver back either.
      const again = await subscribers('add', 'bob@example.org');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /bob@example\.org unsubscribed on \d{4}-\d{2}-\d{2}/);
      assert.match(again.stderr, /\[ReaderLeft\]/);

      const wrong = await subscribers('add', 'erin@example.org', '--lang', 'xx');
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /--lang "xx" is not a known ISO 639-1 language/);
      assert.match(wrong.stderr, /\[ReaderInvalid\]/);

      // A list with a bad row changes nothing, and names the row's line.
      await writeFile(
        join(dir, 'list.csv'),
        'email,name,lang\nerin@example.org,,\nnot-an-address,,\n',
      );
      const bad = await subscribers('import', 'list.csv');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /list\.csv:3: bad rows:\n\s+line 3: email /);
      assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
      assert.equal((await exported(dir, env)).has('erin@example.org'), false);

      const listed = await subscribers('list', '--status', 'active', '--json');
      assert.equal(listed.code, 0, listed.stderr);
      const active = JSON.parse(listed.stdout) as { email: string; token?: string }[];
      assert.deepEqual(
        active.map((r) => r.email),
        ['anne@example.org', 'carla@example.org', 'dan@example.org'],
      );
      assert.ok(
        active.every((r) => r.token === undefined),
        'a list shows no token',
      );
    });

    it('exports a store whole, and an import of the export into a new store keeps every reader as they were', async (t) => {
      const env = await kind.environment();
      const target = await kind.environment();
      if (!env || !target) return t.skip(noPostgres);
      const dir = await project({
        'list.csv':
          'email,name,lang,topics\nanne@example.org,"Dubois, Anne",fr,climat\nbob@example.org,,,\n',
      });
      assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir, env)).code, 0);
      assert.equal((await runCli(['subscribers', 'remove', 'bob@example.org'], dir, env)).code, 0);
      const before = await exported(dir, env);
      const csv = (await runCli(['subscribers', 'export'], dir, env)).stdout;
      await writeFile(join(dir, 'export.csv'), csv);

      // Another store: another SQLite file, or another PostgreSQL database.
      const other = await project({ 'export.csv': csv });
      const imported = await runCli(['subscribers', 'import', 'export.csv'], other, target);
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(await exported(other, target), before);
      // Whoever left stays out when the first list is imported into the new store again.
      await writeFile(join(other, 'list.csv'), await readFile(join(dir, 'list.csv'), 'utf8'));
      await runCli(['subscribers', 'import', 'list.csv'], other, target);
      assert.equal((await exported(other, target)).get('bob@example.org')?.status, 'unsubscribed');
    });

    it('sends only to the active readers, each with their own token, and says a first send takes the window', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const server = await startSmtpServer({
        rcpt: (address) => (address === 'gone@example.org' ? 550 : undefined),
      });
      try {
        const dir = await project({
          'list.csv': 'email\nanne@example.org\nbob@example.org\ngone@example.org\n',
        });
        const send = (...args: string[]) =>
          runCli(['send', '--input', 'articles', '--yes', ...args], dir, {
            ...env,
            GAZETTE_SMTP_URL: server.url,
          });
        const none = await send();
        assert.equal(none.code, 1);
        assert.match(none.stderr, /no readers' store yet/);
        assert.match(none.stderr, /gazette subscribers import <file\.csv>.*\[StoreNotFound\]/s);
        assert.equal(server.received.length, 0);

        await runCli(['subscribers', 'import', 'list.csv'], dir, env);
        await runCli(['subscribers', 'remove', 'bob@example.org'], dir, env);
        const first = await send();
        assert.equal(first.code, 1, 'a refused address fails the send');
        assert.match(
          first.stdout,
          /First send from this store: the news are the entries of the last send\.firstWindowDays days/,
        );
        assert.match(first.stdout, /sent 1, failed 1, skipped 0/);
        assert.deepEqual(
          server.received.map((m) => m.to[0]),
          ['anne@example.org'],
        );
        const readers = await exported(dir, env);
        assert.equal(readers.get('gone@example.org')?.status, 'bounced');
        const mail = await simpleParser(server.received[0]?.raw ?? '');
        const token = readers.get('anne@example.org')?.token ?? 'none';
        assert.ok(
          mail.text?.includes(`unsubscribe?token=${encodeURIComponent(token)}`),
          "the reader's own token",
        );

        // The list of the send, imported first: the leavers stay out, a newcomer is served.
        await writeFile(
          join(dir, 'list.csv'),
          'email\nanne@example.org\nbob@example.org\ngone@example.org\nnew@example.org\n',
        );
        await writeFile(
          join(dir, 'articles', 'nouveau.md'),
          '---\ntitle: Le référendum annoncé\n---\nQuito. Le gouvernement a annoncé un référendum sur la réforme de la Constitution, prévu pour le printemps prochain.\n',
        );
        const second = await send('--subscribers', 'list.csv');
        assert.equal(second.code, 0, second.stderr);
        assert.match(second.stdout, /Subscriber list: 1 added, 0 updated, 1 unchanged, 2 left out/);
        assert.doesNotMatch(second.stdout, /First send/);
        assert.deepEqual(
          server.received.slice(1).map((m) => m.to[0]),
          ['anne@example.org', 'new@example.org'],
        );
      } finally {
        await server.close();
      }
    });
  });
}

describe('a digest of their own for each reader', () => {
  it('renders each language and topics once, sends each reader theirs, and nothing to a reader with nothing new', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project({
        'list.csv': [
          'email,lang,topics',
          'anne@example.org,,',
          'bea@example.org,es,',
          'beto@example.org,es,',
          'carl@example.org,,Pérou',
          'dan@example.org,de,Sport',
          'eva@example.org,fr,',
        ].join('\n'),
      });
      assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir)).code, 0);
      let rendered = 0;
      const { send } = await import('../src/send/send.ts');
      const { mjmlCompiler } = await import('../src/render/mjml.ts');
      const planned = await send(
        { input: 'articles', cwd: dir, cacheDir: false, dryRun: true },
        {
          now: () => new Date(),
          compileMjml: (mjml) => {
            rendered++;
            return mjmlCompiler(mjml);
          },
        },
      );
      assert.equal(planned.outbox.length, 5);
      // The build's digest, then the Spanish one and the one of Pérou's readers, once each.
      assert.equal(rendered, 3);

      const dry = await runCli(['send', '--input', 'articles', '--dry-run'], dir);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(
        dry.stdout,
        /1 reader\(s\) have nothing new in their topics: they are sent nothing\./,
      );
      // The publication's language chosen is its own digest.
      assert.match(
        dry.stdout,
        /^ {2}fr, every topic: 2 entries → 2 reader\(s\): anne@example\.org, eva@example\.org$/m,
      );
      assert.match(
        dry.stdout,
        /^ {2}es, every topic: 2 entries → 2 reader\(s\): bea@example\.org, beto@example\.org$/m,
      );
      assert.match(
        dry.stdout,
        /^ {2}fr, topics perou: 1 entry → 1 reader\(s\): carl@example\.org$/m,
      );
      assert.match(
        dry.stdout,
        /^ {2}de, topics sport: nothing new → 1 reader\(s\): dan@example\.org$/m,
      );
      assert.match(dry.stdout, /Messages written to the outbox: 5 /);

      const sent = await runCli(['send', '--input', 'articles'], dir, {
        GAZETTE_SMTP_URL: server.url,
      });
      assert.equal(sent.code, 0, sent.stderr);
      assert.match(sent.stdout, /sent 5, failed 0, skipped 0/);
      const mails = new Map(
        await Promise.all(
          server.received.map(async (m) => [m.to[0], await simpleParser(m.raw)] as const),
        ),
      );
      assert.deepEqual([...mails.keys()].sort(), [
        'anne@example.org',
        'bea@example.org',
        'beto@example.org',
        'carl@example.org',
        'eva@example.org',
      ]);
      const text = (email: string) => mails.get(email)?.text ?? '';
      assert.match(text('bea@example.org'), /^Hola:$/m);
      assert.match(text('bea@example.org'), /Seguir leyendo/);
      assert.match(text('bea@example.org'), / de diciembre de | de enero de | de [a-z]+ de \d{4}/);
      assert.match(text('anne@example.org'), /^Bonjour,$/m);
      assert.match(text('carl@example.org'), /Dina Boluarte/);
      assert.doesNotMatch(text('carl@example.org'), /responsables américains exercent/);
      assert.match(text('anne@example.org'), /responsables américains exercent/);
    } finally {
      await server.close();
    }
  });
});

describe('a dry run for a long list', () => {
  it('writes the messages of the first readers of each digest, and counts the others', async () => {
    const readers = Array.from({ length: 25 }, (_, i) => `reader${i}@example.org`);
    const dir = await project({
      'list.csv': `email,lang\n${readers.map((r, i) => `${r},${i < 3 ? 'es' : ''}`).join('\n')}\n`,
    });
    assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir)).code, 0);
    const dry = await runCli(['send', '--input', 'articles', '--dry-run', '--yes'], dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /Messages written to the outbox: 23 \(\.eml files in out\/outbox\/\), those of the first 20 readers of each digest, of 25 waiting\./,
    );
  });
});

describe("the readers' store in PostgreSQL, shared by machines", () => {
  it('runs one send at a time, whichever machine starts it', async (t) => {
    const url = await postgresDatabase();
    if (!url) return t.skip(noPostgres);
    let arrived = () => {};
    const arriving = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let go = () => {};
    const going = new Promise<void>((resolve) => {
      go = resolve;
    });
    const server = await startSmtpServer({
      accept: async () => {
        arrived();
        await going;
        return true;
      },
    });
    try {
      const env = { GAZETTE_DATABASE_URL: url, GAZETTE_SMTP_URL: server.url };
      // Two projects: the same site on two machines, each with its own lock file.
      const one = await project({ 'list.csv': 'email\nanne@example.org\n' });
      const other = await project();
      assert.equal((await runCli(['subscribers', 'import', 'list.csv'], one, env)).code, 0);
      const first = runCli(['send', '--input', 'articles'], one, env);
      await arriving;
      const second = await runCli(['send', '--input', 'articles'], other, env);
      assert.equal(second.code, 1);
      assert.match(second.stderr, /another send is running on the readers' store postgres:/);
      assert.match(second.stderr, /\[SendLocked\]/);
      go();
      const done = await first;
      assert.equal(done.code, 0, done.stderr);
      // Released: the next send runs, and finds nothing new.
      const third = await runCli(['send', '--input', 'articles'], other, env);
      assert.equal(third.code, 0, third.stderr);
      assert.match(third.stdout, /Nothing new since/);
      assert.equal(server.received.length, 1);
    } finally {
      go();
      await server.close();
    }
  });
});

describe("the readers' store as a file", () => {
  it('is readable by its owner only, and a newer store than Gazette knows is refused', async () => {
    const dir = await project({ 'list.csv': 'email\nanne@example.org\n' });
    assert.equal((await runCli(['subscribers', 'import', 'list.csv'], dir)).code, 0);
    assert.equal(statSync(join(dir, 'gazette.db')).mode & 0o777, 0o600);

    const { default: Database } = await import('better-sqlite3');
    const database = new Database(join(dir, 'gazette.db'));
    database
      .prepare('insert into gazette_migration (name, timestamp) values (?, ?)')
      .run('9999-from-the-future', new Date().toISOString());
    database.close();
    const listed = await runCli(['subscribers', 'list'], dir);
    assert.equal(listed.code, 1);
    assert.match(listed.stderr, /brought to a newer version than this Gazette knows/);
    assert.match(listed.stderr, /\[StoreNewer\]/);
  });

  it('says so when the file is not a store', async () => {
    const dir = await project({ 'gazette.db': 'these are not the droids\n'.repeat(200) });
    const listed = await runCli(['subscribers', 'list'], dir);
    assert.equal(listed.code, 1);
    assert.match(listed.stderr, /gazette\.db: not a readers' store/);
    assert.match(listed.stderr, /\[StoreInvalid\]/);
  });
});
