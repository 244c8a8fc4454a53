import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { readSubscribers } from '../src/read/subscribers.ts';
import { htmlBudget } from '../src/render/digest.ts';
import { baseConfig, createStore, runCli, tempDir } from './helpers.ts';
import { startSmtpServer } from './smtp.ts';

const paragraph =
  'Le conseil régional a voté le budget après un long débat sur les transports publics. Les élus ont aussi discuté de l’eau potable et des écoles.';

/** A project with a few short articles, its config written as `config` (one field a line). */
async function project(
  config: Record<string, unknown> = baseConfig,
  articles: Record<string, string> = {},
): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'articles'));
  const files = {
    '2025-01-05-budget.txt': paragraph,
    '2025-01-06-ecoles.txt': `Les écoles ouvriront plus tôt. ${paragraph}`,
    ...articles,
  };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, 'articles', name), text);
  }
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

/** The 1-based line of the config file where `needle` stands. */
async function lineOf(dir: string, needle: string): Promise<number> {
  const lines = (await readFile(join(dir, 'gazette.config.json'), 'utf8')).split('\n');
  return lines.findIndex((line) => line.includes(needle)) + 1;
}

async function send(dir: string, url: string | undefined, ...args: string[]) {
  await createStore(dir);
  return runCli(
    ['send', '--input', 'articles', '--since', '2025-01-01', ...args],
    dir,
    url === undefined ? {} : { GAZETTE_SMTP_URL: url },
  );
}

const noStack = (text: string) => assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+/);

describe('addresses in the digest', () => {
  it('quotes a sender name with a colon: the From header reads back as the same mailbox', async () => {
    const dir = await project({ ...baseConfig, sender: 'Gazette: the weekly <d@example.org>' });
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 0, result.stderr);
    const mail = await simpleParser(await readFile(join(dir, 'out', 'digest.eml')));
    assert.deepEqual(mail.from?.value, [{ name: 'Gazette: the weekly', address: 'd@example.org' }]);
  });

  for (const [field, config, where] of [
    [
      'sender',
      { ...baseConfig, sender: 'La lettre\r\nBcc: x@example.org <lettre@example.org>' },
      '"sender"',
    ],
    [
      'digest.title',
      { ...baseConfig, digest: { title: 'La lettre\nBcc: x@example.org' } },
      '"title": "La lettre',
    ],
    ['title', { ...baseConfig, title: 'Gazette\u0007' }, '"title": "Gazette'],
  ] as const) {
    it(`refuses a line break or control character in ${field}, naming the field and its line`, async () => {
      const dir = await project(config);
      const result = await runCli(['build', '--input', 'articles'], dir);
      assert.equal(result.code, 1);
      const line = await lineOf(dir, where);
      assert.match(
        result.stderr,
        new RegExp(`gazette\\.config\\.json:${line}: ${field.replace('.', '\\.')}: .*line breaks`),
      );
      assert.match(result.stderr, /\[ConfigInvalid\]/);
      noStack(result.stderr);
    });
  }

  it('refuses subscriber rows with a line break in the name or an address SMTP cannot carry', async () => {
    const dir = await project();
    await writeFile(
      join(dir, 'subscribers.csv'),
      'email,name\nanne@example.org,Anne\nbob@example.org,"Bob\r\nBcc: x@example.org"\nchloe..x@example.org,Chloé\n',
    );
    const csv = await send(dir, undefined, '--dry-run', '--subscribers', 'subscribers.csv');
    assert.equal(csv.code, 1);
    assert.match(
      csv.stderr,
      /subscribers\.csv:3: bad rows:\n\s+line 3: name must not contain line breaks/,
    );
    assert.match(csv.stderr, /line 5: email is not an email address/);
    assert.match(csv.stderr, /\[SubscribersInvalid\]/);
    await writeFile(
      join(dir, 'subscribers.json'),
      JSON.stringify(
        [
          { email: 'anne@example.org' },
          { name: 'Bob\nBcc: x@example.org', email: 'bob@example.org' },
        ],
        null,
        2,
      ),
    );
    const json = await send(dir, undefined, '--dry-run', '--subscribers', 'subscribers.json');
    assert.equal(json.code, 1);
    assert.match(json.stderr, /subscribers\.json:5: bad rows:\n\s+line 5: name must not contain/);
    assert.ok(!existsSync(join(dir, 'out', 'outbox')), 'no message was written');
  });
});

describe('GAZETTE_SMTP_URL', () => {
  const password = 'Sup3r-s3cret';
  for (const url of [
    `smtp://anne:${password}@smtp.example.org:99999`,
    `smtp://anne:${password}@smtp.example.org:0`,
    `http://anne:${password}@smtp.example.org:587`,
    `smtp://anne:${password}@smtp.example.org:587/inbox`,
    `smtp://anne:${password}#x@smtp.example.org:587`,
    `smtp://anne:${password}@:587`,
    `anne:${password}@smtp.example.org`,
  ]) {
    it(`refuses ${url.replace(password, '***')} before building, and never prints the password`, async () => {
      const dir = await project();
      await writeFile(join(dir, 'subscribers.csv'), 'email\nanne@example.org\n');
      const result = await send(dir, url, '--subscribers', 'subscribers.csv');
      assert.equal(result.code, 1);
      assert.match(result.stderr, /GAZETTE_SMTP_URL .+\[SmtpUrlInvalid\]/s);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(password), result.stderr);
      assert.ok(!`${result.stdout}${result.stderr}`.includes('s3cret'), result.stderr);
      assert.ok(!existsSync(join(dir, 'out')), 'nothing was built');
      noStack(result.stderr);
    });
  }
});

describe('send.timeout', () => {
  it('gives up on a server that never greets within the time-out, with a clear message', async () => {
    const server = await startSmtpServer({ greeting: () => 'stall' });
    try {
      const dir = await project({ ...baseConfig, send: { timeout: 1, retries: 0 } });
      await writeFile(join(dir, 'subscribers.csv'), 'email\nanne@example.org\n');
      const started = Date.now();
      const result = await send(dir, server.url, '--subscribers', 'subscribers.csv');
      const seconds = (Date.now() - started) / 1000;
      assert.equal(result.code, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `SMTP server 127\\.0\\.0\\.1:${server.port} did not (greet|answer) within 1 s \\(send\\.timeout\\)`,
        ),
      );
      noStack(result.stderr);
      // nodemailer alone would wait 30 s for the greeting.
      assert.ok(seconds < 25, `${seconds} s`);
      assert.equal(server.received.length, 0);
    } finally {
      await server.close();
    }
  });
});

describe('large lists and large items', () => {
  it('reads a JSON list of 100,000 readers, and names the line of a bad one near its end', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      email: `reader${i}@example.org`,
      name: `Reader "${i}" {x}, "email": [y]`,
      token: `t${i}`,
    }));
    const text = (list: unknown[]) =>
      `[\n${list.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
    await writeFile(join(dir, 'readers.json'), text(rows));
    const list = await readSubscribers(join(dir, 'readers.json'), 'readers.json');
    assert.equal(list.length, 100_000);
    assert.equal(list[99_999]?.email, 'reader99999@example.org');

    rows[99_998] = { ...rows[99_998], email: 'not an address' } as (typeof rows)[number];
    await writeFile(join(dir, 'readers.json'), text(rows));
    await assert.rejects(readSubscribers(join(dir, 'readers.json'), 'readers.json'), {
      name: 'SubscribersInvalid',
      location: { file: 'readers.json', line: 100_000 },
    });
  });

  it('shortens an article whose summary alone passes the HTML budget, and says which', async () => {
    const sentences = Array.from(
      { length: 3000 },
      (_, i) => `Phrase numéro ${i} du résumé « très long » d’un article.`,
    );
    const dir = await project(baseConfig, {
      '2025-01-07-long.md': `---\ntitle: Un résumé sans fin\nsummary: "${sentences.join(' ')}"\n---\n\n${paragraph}\n`,
    });
    const result = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /warning: the digest shortened "Un résumé sans fin" \(2025-01-07-long\.md\) to stay under 90 KB/,
    );
    const html = await readFile(join(dir, 'out', 'digest.html'), 'utf8');
    assert.ok(Buffer.byteLength(html) <= htmlBudget, `${Buffer.byteLength(html)} bytes`);
    // Every article is still there; the long summary ends after a whole sentence.
    assert.match(html, /Un résumé sans fin/);
    assert.match(html, /Les écoles ouvriront plus tôt/);
    assert.match(html, /article\.\s*…/);
  });
});
