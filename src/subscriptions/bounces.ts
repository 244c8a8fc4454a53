import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GazetteError } from '../errors.ts';
import type { ReaderStore } from './database.ts';

/** A recipient that a delivery status notification (RFC 3464) says could not be served. */
export interface Failure {
  email: string;
  /** The enhanced status code, such as 5.1.1. */
  status: string;
  /** What the receiving server said, when the report tells. */
  diagnostic: string | undefined;
}

/** What reading a mailbox of bounces found and did. */
export interface BounceSummary {
  messages: number;
  /** Messages that are delivery status notifications. */
  reports: number;
  /** Readers marked as bounced. */
  marked: string[];
  /** Addresses reported failed for good that the store does not know. */
  unknown: string[];
  /** Readers reported failed who had unsubscribed or bounced already. */
  alreadyOut: number;
  /** Failures for a while only (4.x.x, `delayed`): nobody is marked for them. */
  temporary: number;
}

/**
 * The messages of a mailbox: a Maildir (its `cur/` and `new/`), a folder of `.eml` files, or an
 * mbox file (messages after each `From ` line), or one message.
 */
export async function readMailbox(path: string, display: string): Promise<Buffer[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new GazetteError('MailboxNotFound', 'cannot read the mailbox', { file: display });
  if (info.isDirectory()) {
    const folders = [join(path, 'cur'), join(path, 'new')];
    const maildir = (await Promise.all(folders.map((f) => stat(f).catch(() => undefined)))).some(
      (f) => f?.isDirectory(),
    );
    const files: string[] = [];
    for (const folder of maildir ? folders : [path]) {
      const names = await readdir(folder).catch(() => [] as string[]);
      for (const name of names.sort()) if (!name.startsWith('.')) files.push(join(folder, name));
    }
    const messages: Buffer[] = [];
    for (const file of files) if ((await stat(file)).isFile()) messages.push(await readFile(file));
    return messages;
  }
  const text = await readFile(path);
  if (!text.subarray(0, 5).equals(Buffer.from('From '))) return [text];
  // mbox: each message begins with a line `From <sender> <date>`; a line of the body that began
  // so was written `>From `.
  return text
    .toString('latin1')
    .split(/\r?\n(?=From )/)
    .map((part) =>
      Buffer.from(part.replace(/^From [^\n]*\n/, '').replace(/^>(>*From )/gm, '$1'), 'latin1'),
    );
}

/** The recipients a message reports as failed, or none when it is no delivery report. */
async function failuresOf(
  message: Buffer,
): Promise<{ report: boolean; failures: Failure[]; temporary: number }> {
  const { default: PostalMime } = await import('postal-mime');
  const parsed = await PostalMime.parse(message);
  const reports = parsed.attachments.filter(
    (part) => part.mimeType.toLowerCase() === 'message/delivery-status',
  );
  const failures: Failure[] = [];
  let temporary = 0;
  for (const report of reports) {
    const text =
      typeof report.content === 'string'
        ? report.content
        : Buffer.from(report.content as ArrayBuffer).toString('utf8');
    for (const fields of statusBlocks(text)) {
      const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
      if (!recipient) continue;
      const email = recipient
        .replace(/^[^;]*;/, '')
        .trim()
        .replace(/^<|>$/g, '');
      const status = (fields.get('status') ?? '').trim();
      const action = (fields.get('action') ?? '').trim().toLowerCase();
      if (action === 'failed' && status.startsWith('5'))
        failures.push({
          email,
          status,
          diagnostic: fields
            .get('diagnostic-code')
            ?.replace(/^[^;]*;\s*/, '')
            .replace(/\s+/g, ' '),
        });
      else if (action === 'failed' || action === 'delayed') temporary++;
    }
  }
  return { report: reports.length > 0, failures, temporary };
}

/**
 * The blocks of a delivery status: fields written as headers, one block for the message and
 * one per recipient, separated by blank lines; a line that begins with a space continues the
 * field before it.
 */
function statusBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      let last: string | undefined;
      for (const line of block.split('\n')) {
        if (/^[ \t]/.test(line) && last) {
          fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`);
          continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        last = line.slice(0, colon).trim().toLowerCase();
        fields.set(last, line.slice(colon + 1).trim());
      }
      return fields;
    });
}

/**
 * Reads the delivery reports of a mailbox and marks as bounced each active or pending reader
 * that one reports failed for good (5.x.x), in one transaction.
 */
export async function readBounces(
  store: ReaderStore,
  messages: readonly Buffer[],
  { now }: { now: Date },
): Promise<BounceSummary> {
  const summary: BounceSummary = {
    messages: messages.length,
    reports: 0,
    marked: [],
    unknown: [],
    alreadyOut: 0,
    temporary: 0,
  };
  const failures = new Map<string, Failure>();
  for (const message of messages) {
    const found = await failuresOf(message);
    if (found.report) summary.reports++;
    summary.temporary += found.temporary;
    for (const failure of found.failures) failures.set(failure.email.toLowerCase(), failure);
  }
  await store.db.transaction().execute(async (tx) => {
    for (const [key, failure] of failures) {
      const reader = await tx
        .selectFrom('readers')
        .select(['email', 'status'])
        .where('email_key', '=', key)
        .executeTakeFirst();
      if (!reader) {
        summary.unknown.push(failure.email);
        continue;
      }
      if (reader.status === 'unsubscribed' || reader.status === 'bounced') {
        summary.alreadyOut++;
        continue;
      }
      await tx
        .updateTable('readers')
        .set({
          status: 'bounced',
          status_at: now.toISOString(),
          status_why: `${failure.status}${failure.diagnostic ? ` ${failure.diagnostic}` : ''}`,
        })
        .where('email_key', '=', key)
        .execute();
      summary.marked.push(reader.email);
    }
  });
  return summary;
}
