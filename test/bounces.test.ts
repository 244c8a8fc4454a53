import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseConfig, runCli, tempDir } from './helpers.ts';
import { noPostgres, storeKinds } from './stores.ts';

/** A delivery status notification (RFC 3464) as a mail server writes one, for `recipients`. */
function report(
  recipients: { email: string; action: string; status: string; diagnostic: string }[],
): string {
  const blocks = recipients
    .map(
      (r) =>
        `Final-Recipient: rfc822; ${r.email}\r\nAction: ${r.action}\r\nStatus: ${r.status}\r\nDiagnostic-Code: smtp; ${r.diagnostic}\r\n    (folded)`,
    )
    .join('\r\n\r\n');
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: lettre@news.example.org',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered to one or more recipients.',
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    blocks,
    '',
    '--B--',
    '',
  ].join('\r\n');
}

const plain =
  'From: reader@example.org\r\nTo: lettre@news.example.org\r\nSubject: Re: La lettre\r\n\r\nMerci !\r\nFrom the field: a line that begins so.\r\n';

for (const kind of storeKinds) {
  describe(`gazette bounces (${kind.name})`, () => {
    it('marks the readers whose address failed for good, from an mbox and from a Maildir', async (t) => {
      const env = await kind.environment();
      if (!env) return t.skip(noPostgres);
      const dir = await tempDir();
      await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig));
      await writeFile(
        join(dir, 'list.csv'),
        'email\ngone@example.org\nlater@example.org\nleft@example.org\nfine@example.org\nmaildir@example.org\n',
      );
      const cli = (...args: string[]) => runCli(args, dir, env);
      assert.equal((await cli('subscribers', 'import', 'list.csv')).code, 0);
      assert.equal((await cli('subscribers', 'remove', 'left@example.org')).code, 0);
      const failed = (email: string) => ({
        email,
        action: 'failed',
        status: '5.1.1',
        diagnostic: `550 5.1.1 <${email}>: Recipient address rejected: User unknown`,
      });
      const mbox = [
        `From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n${report([
          failed('Gone@Example.org'),
          {
            email: 'later@example.org',
            action: 'delayed',
            status: '4.2.2',
            diagnostic: '452 4.2.2 Mailbox full',
          },
        ])}`,
        `From reader@example.org Mon Dec  7 10:01:00 2026\n${plain.replace('\r\nFrom the', '\r\n>From the')}`,
        `From MAILER-DAEMON Mon Dec  7 10:02:00 2026\n${report([failed('left@example.org'), failed('stranger@example.org')])}`,
      ].join('\n');
      await writeFile(join(dir, 'bounces.mbox'), mbox);

      const read = await cli('bounces', 'bounces.mbox');
      assert.equal(read.code, 0, read.stderr);
      assert.match(
        read.stdout,
        /^Read 3 message\(s\) of bounces\.mbox, 2 delivery report\(s\): 1 reader\(s\) marked as bounced in .*, 1 had left already, 1 failure\(s\) for a while only \(left as they are\)\.$/m,
      );
      assert.match(read.stdout, /^ {2}bounced gone@example\.org$/m);
      assert.match(read.stdout, /^ {2}not in the store: stranger@example\.org$/m);

      await mkdir(join(dir, 'Maildir', 'new'), { recursive: true });
      await mkdir(join(dir, 'Maildir', 'cur'), { recursive: true });
      await writeFile(
        join(dir, 'Maildir', 'new', '1733565600.M1.host'),
        report([failed('maildir@example.org')]),
      );
      await writeFile(join(dir, 'Maildir', 'cur', '1733565601.M2.host:2,S'), plain);
      const fromMaildir = await cli('bounces', 'Maildir');
      assert.equal(fromMaildir.code, 0, fromMaildir.stderr);
      assert.match(
        fromMaildir.stdout,
        /Read 2 message\(s\) of Maildir, 1 delivery report\(s\): 1 reader\(s\) marked/,
      );

      const listed = JSON.parse((await cli('subscribers', 'list', '--json')).stdout) as {
        email: string;
        status: string;
        statusWhy?: string;
      }[];
      assert.deepEqual(
        listed.map((r) => [r.email, r.status]),
        [
          ['fine@example.org', 'active'],
          ['gone@example.org', 'bounced'],
          ['later@example.org', 'active'],
          ['left@example.org', 'unsubscribed'],
          ['maildir@example.org', 'bounced'],
        ],
      );
      assert.match(
        listed[1]?.statusWhy ?? '',
        /^5\.1\.1 550 5\.1\.1 <Gone@Example\.org>: Recipient address rejected: User unknown \(folded\)$/,
      );

      const missing = await cli('bounces', 'nowhere.mbox');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /nowhere\.mbox: cannot read the mailbox.*\[MailboxNotFound\]/s);
    });
  });
}
