import { readFile } from 'node:fs/promises';

/**
 * The final outcome of one digest for one recipient, recorded once the server has answered for
 * good. Sends before the readers' store wrote one a line in a ledger file, `digest` and `email`
 * first, so that a line cut short still names whom it was about.
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
function isFinal(record: LedgerRecord): boolean {
  // Older ledgers wrote `failed` for temporary failures too: only a 5xx was final.
  return record.result !== 'failed' || (record.code ?? 0) >= 500;
}

/**
 * The final outcomes of a ledger file, which sends kept before the readers' store: every
 * record of every line, those of a line that a crash cut short as far as they go.
 */
export async function readLedgerRecords(path: string): Promise<LedgerRecord[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const records: LedgerRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    for (const record of parseLine(line)) if (isFinal(record)) records.push(record);
  }
  return records;
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
