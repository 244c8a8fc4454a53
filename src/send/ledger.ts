import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { notWritable, writeFileAtomic } from '../write/atomic-file.ts';

/**
 * One line of the send ledger: the final outcome of one digest for one recipient, written once
 * the server has answered for good. `digest` and `email` come first, so that a line cut short
 * still names whom it was about.
 */
export interface LedgerRecord {
  digest: string;
  email: string;
  messageId: string;
  /** `refused`: a permanent (5xx) answer for that recipient. `failed`: older ledgers' word. */
  result: 'sent' | 'refused' | 'failed';
  /** SMTP reply code of a refusal. */
  code?: number | undefined;
  response?: string | undefined;
  at: string;
  /** Recovered from a line that a crash cut short. */
  torn?: boolean | undefined;
}

/** Whether a record ends its recipient's part in its digest. */
export function isFinal(record: LedgerRecord): boolean {
  // Older ledgers wrote `failed` for temporary failures too: only a 5xx was final.
  return record.result !== 'failed' || (record.code ?? 0) >= 500;
}

/** The final outcomes recorded for `digest`, by lower-cased address. */
export async function readOutcomes(
  path: string,
  digest: string,
): Promise<Map<string, LedgerRecord>> {
  const done = new Map<string, LedgerRecord>();
  const text = await readFile(path, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    for (const record of parseLine(line)) {
      if (record.digest === digest && isFinal(record)) done.set(record.email.toLowerCase(), record);
    }
  }
  return done;
}

/**
 * The records of one line. A line that does not parse was cut short by a crash, and older
 * versions appended the next record to it: each record in it is read, as far as it goes.
 */
function parseLine(line: string): LedgerRecord[] {
  try {
    return [JSON.parse(line) as LedgerRecord];
  } catch {
    return line
      .split(/(?=\{"digest":)/)
      .map((piece) => {
        try {
          return JSON.parse(piece) as LedgerRecord;
        } catch {
          return recoverTorn(piece);
        }
      })
      .filter((record): record is LedgerRecord => record !== undefined);
  }
}

const tornStart =
  /^\{"digest":("(?:[^"\\]|\\.)*"),"email":("(?:[^"\\]|\\.)*")(?:,"messageId":("(?:[^"\\]|\\.)*"))?(?:,"result":("(?:[^"\\]|\\.)*"))?/;

/**
 * The record that a torn line began, when it names its digest and recipient in full. A line is
 * written only once the server has answered for good, and almost always after it accepted the
 * message: the recipient has it, and sending it again would serve them twice.
 */
function recoverTorn(text: string): LedgerRecord | undefined {
  const match = tornStart.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const result = match[4] ? (JSON.parse(match[4]) as LedgerRecord['result']) : 'sent';
  return {
    digest: JSON.parse(match[1]) as string,
    email: JSON.parse(match[2]) as string,
    messageId: match[3] ? (JSON.parse(match[3]) as string) : '',
    result: ['sent', 'refused', 'failed'].includes(result) ? result : 'sent',
    at: '',
    torn: true,
  };
}

/**
 * Mends a ledger whose last line a crash cut short (the file does not end with a newline):
 * rewritten as a whole without the torn tail, or with the record it names. Else the next
 * record would be appended to the torn line, and be unreadable too. Returns what it did, to
 * warn about, or nothing when the ledger was whole.
 */
export async function repairLedger(path: string, display: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  if (text === '' || text.endsWith('\n')) return undefined;
  const cut = text.lastIndexOf('\n') + 1;
  const tail = text.slice(cut);
  const record = recoverTorn(tail);
  writeFileAtomic(
    path,
    `${text.slice(0, cut)}${record ? `${JSON.stringify(record)}\n` : ''}`,
    display,
  );
  return record
    ? `the last line was cut short by a crash; it was kept as ${record.result} to ${record.email}, who is not sent that digest again`
    : `the last line was cut short by a crash before naming its recipient, and was removed: that recipient may get the digest again`;
}

/**
 * Appends records. Each is handed to the operating system at once, synchronously, so that a
 * crash of the process a moment after a server accepted a message still finds it recorded;
 * then it is flushed to disk, so that a crash of the machine does too.
 */
export function openLedger(path: string, display: string) {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    throw notWritable(error, display);
  }
  return {
    append(record: LedgerRecord): void {
      try {
        writeSync(fd, `${JSON.stringify(record)}\n`);
        fdatasyncSync(fd);
      } catch (error) {
        throw notWritable(error, display);
      }
    },
    close: () => closeSync(fd),
  };
}
