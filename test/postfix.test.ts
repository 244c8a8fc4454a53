import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { baseConfig, createStore, makeProject, root, runCli, storeRows } from './helpers.ts';

const reader = 'gazette-reader';
const mailbox = `/var/mail/${reader}`;

function run(command: string, ...args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/**
 * Postfix, as `.ci/run` installs it from Debian, set to listen on loopback only and to deliver
 * to local mailboxes. Returns why it cannot run here, if it cannot.
 */
function startPostfix(): string | undefined {
  if (!existsSync('/usr/sbin/postfix')) return 'postfix is not installed (.ci/run installs it)';
  if (process.getuid?.() !== 0) return 'configuring postfix needs root';
  const settings = [
    'inet_interfaces = loopback-only',
    'inet_protocols = ipv4',
    'mydestination = localhost, localhost.localdomain',
    'relayhost =',
    'mailbox_size_limit = 0',
  ];
  for (const setting of settings) {
    const result = run('postconf', '-e', setting);
    if (!result.ok) return `postconf failed: ${result.output}`;
  }
  if (!run('id', reader).ok) {
    const user = run('useradd', '--no-create-home', '--shell', '/usr/sbin/nologin', reader);
    if (!user.ok) return `cannot create the local user ${reader}: ${user.output}`;
  }
  const running = run('postfix', 'status').ok;
  const started = running ? run('postfix', 'reload') : run('postfix', 'start');
  if (!started.ok) return `postfix cannot start here: ${started.output}`;
  return undefined;
}

describe('delivery through a real MTA', () => {
  it('hands the digest to Postfix, which delivers it to a local mailbox', async (t) => {
    const problem = startPostfix();
    if (problem) {
      t.skip(`postfix test skipped: ${problem}`);
      return;
    }
    const dir = await makeProject(join(root, 'seeds'), {
      ...baseConfig,
      send: { retryDelay: 0.2 },
    });
    await writeFile(join(dir, 'subscribers.csv'), `email,name\n${reader}@localhost,Reader\n`);
    await createStore(dir);
    const before = existsSync(mailbox) ? readFileSync(mailbox, 'latin1').length : 0;
    const result = await runCli(
      ['send', '--input', 'articles', '--subscribers', 'subscribers.csv'],
      dir,
      {
        GAZETTE_SMTP_URL: 'smtp://127.0.0.1:25',
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /sent 1, failed 0/);

    // Local delivery takes a moment: wait for the message, known by its Message-ID, to land.
    const [outcome] = await storeRows(dir, 'outcomes');
    const messageId = String(outcome?.message_id);
    let delivered = '';
    for (let waited = 0; waited < 30_000 && !delivered; waited += 250) {
      const text = existsSync(mailbox) ? readFileSync(mailbox, 'latin1').slice(before) : '';
      if (text.includes(messageId)) delivered = text;
      else await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(
      delivered,
      `no message in ${mailbox} after 30 s; postfix said: ${run('postqueue', '-p').output}`,
    );
    const message = await simpleParser(Buffer.from(delivered.replace(/^From .*\n/, ''), 'latin1'));
    assert.match(message.subject ?? '', /^La lettre/);
    assert.ok(message.text?.includes('Bonjour Reader,'));
    assert.ok(typeof message.html === 'string' && message.html.includes('Dina Boluarte'));
    assert.ok(message.headers.has('received'), 'Postfix added its Received header');
  });
});
