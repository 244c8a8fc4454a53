import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { build } from '../src/build.ts';
import { type MjmlCompiler, mjmlCompiler } from '../src/render/mjml.ts';
import { send as sendDigest } from '../src/send/send.ts';
import {
  baseConfig,
  createStore,
  makeProject,
  root,
  runCli,
  storeRows,
  tempDir,
} from './helpers.ts';
import { type Behaviour, type Received, startKillingSmtpServer, startSmtpServer } from './smtp.ts';

const sendConfig = {
  ...baseConfig,
  send: { retries: 2, retryDelay: 0.01, rateLimit: 1000, confirmAbove: 500, timeout: 1 },
};

/** The seeds (two articles of today) as `articles/`, and a list of readers. */
async function project(
  emails: string[],
  rows?: string[],
  config: Record<string, unknown> = sendConfig,
): Promise<string> {
  const dir = await makeProject(join(root, 'seeds'), config);
  const lines = rows ?? emails.map((e) => `${e},,,`);
  await writeFile(join(dir, 'subscribers.csv'), `email,name,lang,token\n${lines.join('\n')}\n`);
  return dir;
}

async function send(dir: string, url: string, ...args: string[]) {
  await createStore(dir);
  return runCli(['send', '--input', 'articles', '--subscribers', 'subscribers.csv', ...args], dir, {
    GAZETTE_SMTP_URL: url,
  });
}

/** How many messages each recipient got. */
function counts(received: Received[]): Record<string, number> {
  const map: Record<string, number> = {};
  for (const message of received) for (const to of message.to) map[to] = (map[to] ?? 0) + 1;
  return map;
}

/** A message's text without its reader's token: the same for every reader of a digest. */
const untokened = (text: string | undefined) => text?.replace(/token=[\w.-]+/g, 'token=');

const readers = (n: number) => Array.from({ length: n }, (_, i) => `reader${i}@example.org`);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = await startSmtpServer();
  await server.close();
  return server.port;
}

/** A Markdown article dated `date`, in French like the seeds. */
function article(title: string, date: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\n---\nQuito. Le ministère a publié un rapport sur ${title.toLowerCase()}, avec des chiffres détaillés pour chaque province du pays et des recommandations pour la suite.\n`;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('send: a temporary failure never loses a digest', () => {
  const connectionFailures: {
    name: string;
    behaviour: (failing: () => boolean, attempts: () => void) => Behaviour;
    closed?: boolean;
    reason: RegExp;
  }[] = [
    {
      name: 'a greeting of 421',
      behaviour: (failing, attempt) => ({
        greeting: () => {
          if (!failing()) return undefined;
          attempt();
          return 421;
        },
      }),
      reason: /421 not now/,
    },
    {
      name: 'a server that never greets',
      behaviour: (failing, attempt) => ({
        greeting: () => {
          if (!failing()) return undefined;
          attempt();
          return 'stall';
        },
      }),
      // The greeting's timer and the socket's run out together: either may say so first.
      reason: /did not (greet|answer) within 1 s \(send\.timeout\)/,
    },
    { name: 'a closed port', behaviour: () => ({}), closed: true, reason: /ECONNREFUSED/ },
  ];
  for (const failure of connectionFailures) {
    it(`stops at ${failure.name}, leaves every reader pending, and serves them next time`, async () => {
      let failing = true;
      let attempts = 0;
      const server = await startSmtpServer(
        failure.behaviour(
          () => failing,
          () => attempts++,
        ),
      );
      try {
        const dir = await project(readers(5));
        const url = failure.closed ? `smtp://127.0.0.1:${await closedPort()}` : server.url;
        const first = await send(dir, url);
        assert.equal(first.code, 1);
        assert.match(first.stderr, /5 recipient\(s\) not served yet: the connection failed/);
        assert.match(first.stderr, failure.reason);
        assert.match(first.stderr, /\[SendIncomplete\]/);
        assert.doesNotMatch(first.stderr, /\n\s+at /, 'no stack trace');
        assert.match(first.stdout, /sent 0, failed 0, skipped 0 \(already served\), pending 5/);
        // One reader's attempts (the first and two retries), not every reader's.
        if (!failure.closed) assert.equal(attempts, 3);
        assert.equal(server.received.length, 0);

        failing = false;
        const second = await send(dir, server.url);
        assert.equal(second.code, 0, second.stderr);
        assert.match(second.stdout, /sent 5, failed 0, skipped 0/);
        assert.deepEqual(Object.values(counts(server.received)), [1, 1, 1, 1, 1]);
        const third = await send(dir, server.url);
        assert.equal(third.code, 0, third.stderr);
        assert.match(third.stdout, /Nothing new since/);
        assert.equal(server.received.length, 5);
      } finally {
        await server.close();
      }
    });
  }

  it('keeps a reader told "later" pending, ends a refused one, and finishes the digest before anything newer', async () => {
    let busy = true;
    let goneAsked = 0;
    const server = await startSmtpServer({
      rcpt: (address) => {
        if (address === 'later@example.org' && busy) return 451;
        if (address === 'gone@example.org') {
          goneAsked++;
          return 550;
        }
        return undefined;
      },
    });
    try {
      const emails = ['a@example.org', 'later@example.org', 'gone@example.org', 'b@example.org'];
      const dir = await project(emails);
      const first = await send(dir, server.url);
      assert.equal(first.code, 1);
      assert.match(first.stderr, /1 recipient\(s\) not served yet: the server said "try later"/);
      assert.match(first.stderr, /1 refused for good.*\[SendIncomplete\]/s);
      assert.match(first.stderr, /pending later@example\.org: 451/);
      assert.match(first.stderr, /failed gone@example\.org: 550/);
      assert.deepEqual(counts(server.received), { 'a@example.org': 1, 'b@example.org': 1 });
      const digest = (await simpleParser(server.received[0]?.raw ?? '')).text ?? '';
      const since = await send(dir, server.url, '--since', '2020-01-01');
      assert.equal(since.code, 1);
      assert.match(since.stderr, /is still being sent: send it to everyone .*\[SendIncomplete\]/s);

      // Something new meanwhile: it waits for the digest that is still being sent.
      await writeFile(
        join(dir, 'articles', 'nouveau.md'),
        article('Le référendum annoncé', daysAgo(0)),
      );
      busy = false;
      const second = await send(dir, server.url);
      assert.equal(second.code, 0, second.stderr);
      // The refused address bounced: its reader is no recipient any more.
      assert.match(second.stdout, /sent 1, failed 0, skipped 2/);
      assert.match(second.stdout, /An earlier send started this digest/);
      assert.equal(goneAsked, 1, 'a refused reader is not asked again for that digest');
      const late = server.received.find((m) => m.to[0] === 'later@example.org');
      assert.equal(untokened((await simpleParser(late?.raw ?? '')).text), untokened(digest));
      assert.doesNotMatch(digest, /référendum/);

      const third = await send(dir, server.url);
      assert.match(third.stdout, /Digest ".*" \(1 entry\)/);
      const newest = server.received.at(-1);
      assert.match((await simpleParser(newest?.raw ?? '')).text ?? '', /référendum/);
      assert.deepEqual(counts(server.received), {
        'a@example.org': 2,
        'later@example.org': 2,
        'b@example.org': 2,
      });
    } finally {
      await server.close();
    }
  });
});

describe('send: only what is new is news', () => {
  it('leaves out an imported archive, takes an article that appears late, and says what it left out', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project(['anne@example.org']);
      await writeFile(join(dir, 'articles', 'vieux.md'), article('Un vieux rapport', daysAgo(20)));
      const first = await send(dir, server.url);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /Digest ".*" \(2 entries\)/);
      assert.match(first.stdout, /Left out as too old: 1 entry .*"Un vieux rapport"/);

      // An archive of old articles is imported, and one written three days ago appears now.
      for (let n = 1; n <= 25; n++) {
        const day = String(n).padStart(2, '0');
        await writeFile(
          join(dir, 'articles', `archive-${day}.md`),
          article(`Archive numéro ${n}`, `2020-01-${day}`),
        );
      }
      await writeFile(join(dir, 'articles', 'tardif.md'), article('Un article tardif', daysAgo(3)));
      const second = await send(dir, server.url);
      assert.equal(second.code, 0, second.stderr);
      assert.match(
        second.stdout,
        /Digest ".*" \(1 entry\) to 1 recipient\(s\):\n {2}- Un article tardif\n/,
      );
      assert.match(second.stdout, /Left out as too old: 25 entries .*"Archive numéro 25", /);

      const third = await send(dir, server.url);
      assert.equal(third.code, 0, third.stderr);
      assert.match(third.stdout, /Nothing new since/);
      assert.doesNotMatch(third.stdout, /too old/, 'what was left out is said once');
      assert.equal(server.received.length, 2);
    } finally {
      await server.close();
    }
  });
});

/** A project with no article yet and one reader, and the options that send it its news. */
async function oneReader() {
  const dir = await tempDir();
  await mkdir(join(dir, 'articles'));
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(sendConfig));
  await writeFile(join(dir, 'subscribers.csv'), 'email\nanne@example.org\n');
  await createStore(dir);
  const options = {
    input: 'articles',
    subscribers: 'subscribers.csv',
    cwd: dir,
    cacheDir: false as const,
  };
  return { dir, options };
}

describe('send: news by when an entry was first built', () => {
  it('takes an article dated before the last send that was first built since, within the window of that first build', async () => {
    const server = await startSmtpServer();
    try {
      const { dir, options } = await oneReader();
      const at = (days: number) => () => new Date(Date.now() - days * 86_400_000);
      await writeFile(
        join(dir, 'articles', 'premier.md'),
        article('Le premier rapport', daysAgo(10.1)),
      );
      const first = await sendDigest(options, { now: at(10), smtpUrl: server.url });
      assert.deepEqual(
        first.items.map((i) => i.title),
        ['Le premier rapport'],
      );

      // Five days ago, a build first saw an article dated eleven days ago (written before the
      // last send, published after it) and one from an archive, dated a month ago.
      await writeFile(
        join(dir, 'articles', 'retarde.md'),
        article('Un rapport retardé', daysAgo(11)),
      );
      await writeFile(
        join(dir, 'articles', 'archive.md'),
        article('Un rapport archivé', daysAgo(30)),
      );
      await build(options, { now: at(5) });

      const second = await sendDigest(options, { now: at(0), smtpUrl: server.url });
      assert.deepEqual(
        second.items.map((i) => i.title),
        ['Un rapport retardé'],
      );
      assert.deepEqual(second.tooOld.titles, ['Un rapport archivé']);
      assert.deepEqual(counts(server.received), { 'anne@example.org': 2 });
    } finally {
      await server.close();
    }
  });

  it('takes an article first built in the same second as the last send, after it', async () => {
    const server = await startSmtpServer();
    try {
      const { dir, options } = await oneReader();
      // A send at 10:00:00.600; first sightings are written to the second.
      const second = Date.parse('2026-03-02T10:00:00.000Z');
      const at = (ms: number) => () => new Date(second + ms);
      const before = (days: number) => new Date(second - days * 86_400_000).toISOString();
      await writeFile(
        join(dir, 'articles', 'premier.md'),
        article('Le premier rapport', before(2)),
      );
      await writeFile(join(dir, 'articles', 'ancien.md'), article('Un rapport ancien', before(60)));
      const first = await sendDigest(options, { now: at(600), smtpUrl: server.url });
      assert.deepEqual(
        first.items.map((i) => i.title),
        ['Le premier rapport'],
      );
      // Dated before that send, first built 300 ms after it.
      await writeFile(
        join(dir, 'articles', 'suivant.md'),
        article('Le rapport suivant', before(1)),
      );
      await build(options, { now: at(900) });
      const next = await sendDigest(options, { now: at(5_000), smtpUrl: server.url });
      // The old article, seen by the first send, is still not news.
      assert.deepEqual(
        next.items.map((i) => i.title),
        ['Le rapport suivant'],
      );
    } finally {
      await server.close();
    }
  });
});

describe('send: one send at a time', () => {
  it('refuses a second send while the first runs, and takes over the lock of a killed one', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      started = resolve;
    });
    const server = await startSmtpServer({
      accept: async () => {
        started();
        await released;
        return true;
      },
    });
    try {
      // The first send waits for its first message's answer longer than send.timeout of 1 s.
      const dir = await project(readers(20), undefined, {
        ...sendConfig,
        send: { ...sendConfig.send, timeout: 60 },
      });
      const running = send(dir, server.url);
      await first;
      // Were the second to send too, it would wait for the first: both go on after a while.
      const timer = setTimeout(release, 20_000);
      const second = await send(dir, server.url);
      clearTimeout(timer);
      release();
      assert.equal(second.code, 1);
      assert.match(second.stderr, /in use by another Gazette process .*\[SendLocked\]/s);
      assert.doesNotMatch(second.stdout, /Sent/);
      const done = await running;
      assert.equal(done.code, 0, done.stderr);
      assert.deepEqual(Object.values(counts(server.received)), Array(20).fill(1));

      // A lock whose process is gone is taken over.
      const gone = spawn(process.execPath, ['-e', '']);
      await new Promise((resolve) => gone.on('exit', resolve));
      await writeFile(join(dir, '.gazette-send.lock'), `${gone.pid}\n`);
      await writeFile(join(dir, 'articles', 'nouveau.md'), article('Une nouvelle', daysAgo(0)));
      const after = await send(dir, server.url);
      assert.equal(after.code, 0, after.stderr);
      assert.match(after.stdout, /sent 20, failed 0/);
    } finally {
      release();
      await server.close();
    }
  });
});

describe('send: an interrupted digest is finished as it was', () => {
  it('sends the frozen digest, Message-IDs and all, after an article of it was edited', async () => {
    const emails = readers(10);
    const killAt = 5;
    const { server, killed, sendUntilKilled } = await startKillingSmtpServer(killAt);
    try {
      const dir = await project(emails);
      const dry = await send(dir, server.url, '--dry-run');
      assert.equal(dry.code, 0, dry.stderr);
      const planned = new Map<string, string | undefined>();
      for (const [i, email] of emails.entries()) {
        const name = `${String(i + 1).padStart(4, '0')}-${email}.eml`;
        const mail = await simpleParser(await readFile(join(dir, 'out', 'outbox', name)));
        planned.set(email, mail.messageId);
      }
      await sendUntilKilled(dir);
      assert.ok(killed());

      const path = join(dir, 'articles', '000_8cbf9f20e154a38e.txt');
      await writeFile(path, `Lima. Un texte réécrit après coup.\n${await readFile(path, 'utf8')}`);
      const rerun = await send(dir, server.url);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, new RegExp(`sent ${10 - killAt}, failed 0, skipped ${killAt}`));
      assert.match(await readFile(join(dir, 'out', 'digest.txt'), 'utf8'), /réécrit après coup/);

      assert.deepEqual(Object.values(counts(server.received)), Array(10).fill(1));
      const mails = await Promise.all(server.received.map((m) => simpleParser(m.raw)));
      for (const mail of mails) {
        const to = server.received[mails.indexOf(mail)]?.to[0] ?? '';
        assert.equal(mail.messageId, planned.get(to), `the Message-ID of ${to}`);
        assert.equal(mail.subject, mails[0]?.subject);
        assert.equal(untokened(mail.text), untokened(mails[0]?.text));
        assert.doesNotMatch(mail.text ?? '', /réécrit/);
      }
    } finally {
      await server.close();
    }
  });
});

describe("send: the readers' own digests of an interrupted send", () => {
  it('are finished as they were frozen: each language and topic, after an article was edited', async () => {
    const emails = readers(12);
    const killAt = 5;
    const { server, killed, sendUntilKilled } = await startKillingSmtpServer(killAt);
    try {
      const dir = await project(emails);
      // A third read Spanish, a third follow Peru, a third take the publication as it is.
      const kinds = ['es,', ',Pérou', ','];
      await writeFile(
        join(dir, 'subscribers.csv'),
        `email,lang,topics\n${emails.map((e, i) => `${e},${kinds[i % 3]}`).join('\n')}\n`,
      );
      await sendUntilKilled(dir);
      assert.ok(killed());
      const path = join(dir, 'articles', '000_8cbf9f20e154a38e.txt');
      await writeFile(path, `Lima. Un texte réécrit après coup.\n${await readFile(path, 'utf8')}`);
      const rerun = await send(dir, server.url);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, new RegExp(`sent ${12 - killAt}, failed 0, skipped ${killAt}`));
      assert.deepEqual(Object.values(counts(server.received)), Array(12).fill(1));

      const texts = new Map<string, string[]>();
      for (const message of server.received) {
        const index = emails.indexOf(message.to[0] ?? '');
        const kind = kinds[index % 3] ?? '';
        const text = untokened((await simpleParser(message.raw)).text) ?? '';
        assert.doesNotMatch(text, /réécrit/, 'the frozen digest, not the edited article');
        texts.set(kind, [...(texts.get(kind) ?? []), text]);
      }
      // Before the kill and after it, every reader of a kind got the very same digest.
      for (const [kind, same] of texts) assert.equal(new Set(same).size, 1, kind);
      assert.match(texts.get('es,')?.[0] ?? '', /^Hola:$/m);
      assert.doesNotMatch(texts.get(',Pérou')?.[0] ?? '', /Mexique/);
      assert.match(texts.get(',')?.[0] ?? '', /Mexique/);
    } finally {
      await server.close();
    }
  });
});

describe('send: the state and ledger files of earlier versions are taken over', () => {
  it('finishes their digest from them, a torn last line included, serving nobody twice', async () => {
    let flaky = true;
    const server = await startSmtpServer({
      accept: (to) => !(flaky && to[0] === 'c@example.org'),
    });
    try {
      const emails = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
      const dir = await project(emails);
      const first = await send(dir, server.url);
      assert.equal(first.code, 1);
      assert.match(first.stderr, /\[SendIncomplete\]/);
      assert.deepEqual(counts(server.received), { 'a@example.org': 1, 'b@example.org': 1 });

      // The same send as an earlier version kept it: a state file, and a ledger whose last
      // line (b's) a crash cut short, its end and the newline never on disk.
      const [state] = await storeRows(dir, 'send_state');
      await writeFile(join(dir, '.gazette-send.json'), String(state?.value));
      const ledger = (await storeRows(dir, 'outcomes'))
        .map((r) =>
          JSON.stringify({
            digest: r.digest,
            email: r.email,
            messageId: r.message_id,
            result: r.result,
            at: r.at,
          }),
        )
        .join('\n');
      await writeFile(
        join(dir, '.gazette-ledger.jsonl'),
        ledger.slice(0, ledger.lastIndexOf('"messageId"') + 20),
      );
      await rm(join(dir, 'gazette.db'));

      flaky = false;
      const second = await send(dir, server.url);
      assert.equal(second.code, 0, second.stderr);
      assert.match(
        second.stderr,
        /warning: gazette\.db: the send state of \.gazette-send\.json and the 2 outcome\(s\) of \.gazette-ledger\.jsonl are now in the readers' store/,
      );
      assert.match(second.stdout, /An earlier send started this digest/);
      assert.deepEqual(counts(server.received), {
        'a@example.org': 1,
        'b@example.org': 1,
        'c@example.org': 1,
        'd@example.org': 1,
      });
      const outcomes = await storeRows(dir, 'outcomes');
      assert.deepEqual(
        outcomes.map((r) => [r.email, r.result, r.torn]),
        [
          ['a@example.org', 'sent', 0],
          ['b@example.org', 'sent', 1],
          ['c@example.org', 'sent', 0],
          ['d@example.org', 'sent', 0],
        ],
      );
      // Taken over once: the files are read no more.
      const third = await send(dir, server.url);
      assert.equal(third.code, 0, third.stderr);
      assert.doesNotMatch(third.stderr, /taken over|now in the readers' store/);
      assert.match(third.stdout, /Nothing new since/);
    } finally {
      await server.close();
    }
  });
});

describe('send: article text is never a placeholder', () => {
  it('shows placeholders written in an article literally, and no reader another one’s token', async () => {
    const server = await startSmtpServer();
    try {
      const dir = await project([], ["anne@example.org,Anne $& $',,", 'bob@example.org,Bob,,']);
      const marks = ['%%GAZETTE_GREETING%%', '%%GAZETTE_UNSUBSCRIBE_URL%%', '%%GAZETTE_VIEW_URL%%'];
      await writeFile(
        join(dir, 'articles', 'marques.md'),
        `---\ntitle: Les marques ${marks.join(' ')}\n---\nLima. Un lecteur a écrit ${marks.join(' et ')} dans un article publié ce matin par le journal.\n`,
      );
      const result = await send(dir, server.url);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(server.received.length, 2);
      const tokens = new Map(
        (await storeRows(dir, 'readers')).map((r) => [r.email, `${r.id}.${r.secret}`]),
      );
      for (const message of server.received) {
        const mail = await simpleParser(message.raw);
        const own = tokens.get(message.to[0] ?? '') ?? 'none';
        const other = [...tokens.values()].find((token) => token !== own) ?? 'none';
        const html = String(mail.html);
        const text = (mail.text ?? '').replace(/\s+/g, ' ');
        assert.ok(text.includes(`écrit ${marks.join(' et ')} dans`), 'text: literally');
        for (const mark of marks) assert.ok(html.includes(mark), `html: ${mark} literally`);
        assert.ok(text.includes(`unsubscribe?token=${own}`), 'the own link');
        if (message.to[0] === 'anne@example.org')
          assert.ok(text.includes("Bonjour Anne $& $',"), 'the name as it is');
        const headers = mail.headerLines.map((h) => h.line).join('\n');
        for (const part of [text, html, headers])
          assert.ok(!part.includes(other), "no other reader's token");
      }
    } finally {
      await server.close();
    }
  });
});

describe('send: each digest rendered once', () => {
  it("sends the build's own digest when the news are its newest entries, and renders another once", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(sendConfig));
    await writeFile(join(dir, 'subscribers.csv'), 'email\nanne@example.org\n');
    await writeFile(join(dir, 'articles', 'ancien.md'), article('Un rapport ancien', daysAgo(3)));
    await writeFile(join(dir, 'articles', 'recent.md'), article('Un rapport récent', daysAgo(1)));
    await createStore(dir);
    let compiled = 0;
    const compileMjml: MjmlCompiler = (mjml) => {
      compiled++;
      return mjmlCompiler(mjml);
    };
    const options = {
      input: 'articles',
      subscribers: 'subscribers.csv',
      cwd: dir,
      cacheDir: false as const,
      dryRun: true,
    };
    const all = await sendDigest(options, { now: () => new Date(), compileMjml });
    assert.deepEqual(
      all.items.map((i) => i.title),
      ['Un rapport récent', 'Un rapport ancien'],
    );
    assert.equal(compiled, 1, "the build's digest is the one sent");
    const outbox = await readdir(join(dir, 'out', 'outbox'));
    const sent = await simpleParser(await readFile(join(dir, 'out', 'outbox', outbox[0] ?? '')));
    assert.match(String(sent.html), /Un rapport ancien/);

    compiled = 0;
    const newest = await sendDigest(
      { ...options, since: daysAgo(2) },
      { now: () => new Date(), compileMjml },
    );
    assert.deepEqual(
      newest.items.map((i) => i.title),
      ['Un rapport récent'],
    );
    assert.equal(compiled, 2, "the build's digest, then the one sent");
  });
});
