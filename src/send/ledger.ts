import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** One line of the send ledger: what happened to one digest for one recipient. */
export interface LedgerRecord {
  digest: string;
  email: string;
  messageId: string;
  result: 'sent' | 'failed';
  /** SMTP reply code of a failure. */
  code?: number | undefined;
  response?: string | undefined;
  at: string;
}

/** The outcome of every (digest, recipient) pair recorded so far, by `digest email`. */
export async function readLedger(path: string): Promise<Map<string, LedgerRecord>> {
  const done = new Map<string, LedgerRecord>();
  const text = await readFile(path, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as LedgerRecord;
      done.set(ledgerKey(record.digest, record.email), record);
    } catch {
      // A line cut short by a crash: its send was not confirmed, so it is sent again.
    }
  }
  return done;
}

export function ledgerKey(digest: string, email: string): string {
  return `${digest} ${email.toLowerCase()}`;
}

/**
 * Appends records. Each is handed to the operating system at once, synchronously, so that a
 * crash of the process a moment after a server accepted a message still finds it recorded;
 * then it is flushed to disk, so that a crash of the machine does too.
 */
export function openLedger(path: string) {
  const fd = openSync(path, 'a');
  return {
    append(record: LedgerRecord): void {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fdatasyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}
