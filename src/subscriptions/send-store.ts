import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LedgerRecord, readLedgerRecords } from '../send/ledger.ts';
import { parseSendState, type SendState } from '../send/state.ts';
import type { SendStore } from '../send/store.ts';
import type { ReaderStore } from './database.ts';
import type { OutcomeRow } from './schema.ts';

/** The files that kept the send state and the outcomes before the store, beside the output. */
const legacySendFiles = {
  state: '.gazette-send.json',
  ledger: '.gazette-ledger.jsonl',
} as const;

const stateName = 'state';

/**
 * What `send` remembers, in the readers' store: the state (what was sent, the digest being
 * sent) as one document, and each recipient's final outcome as a row written in a transaction
 * of its own, with the bounce it means for the reader.
 */
export function createStoreSendStore(store: ReaderStore): SendStore {
  const { db } = store;
  return {
    async readState() {
      const row = await db
        .selectFrom('send_state')
        .select('value')
        .where('name', '=', stateName)
        .executeTakeFirst();
      return row ? parseSendState(row.value, store.location.display) : { sent: [] };
    },
    async writeState(state) {
      const value = JSON.stringify(state);
      await db
        .insertInto('send_state')
        .values({ name: stateName, value })
        .onConflict((conflict) => conflict.column('name').doUpdateSet({ value }))
        .execute();
    },
    async readOutcomes(digest) {
      const rows = await db
        .selectFrom('outcomes')
        .selectAll()
        .where('digest', '=', digest)
        .execute();
      return new Map(rows.map((row) => [row.email_key, recordOf(row)]));
    },
    async openRecorder() {
      return {
        async record(record) {
          await db.transaction().execute(async (tx) => {
            await tx
              .insertInto('outcomes')
              .values(rowOf(record))
              .onConflict((conflict) => conflict.columns(['digest', 'email_key']).doNothing())
              .execute();
            // A permanent refusal of the address: the reader is not sent anything again.
            if (record.result === 'refused' && (record.code ?? 0) >= 500)
              await tx
                .updateTable('readers')
                .set({
                  status: 'bounced',
                  status_at: record.at,
                  status_why: `${record.code ?? ''} ${record.response ?? ''}`.trim(),
                })
                .where('email_key', '=', record.email.toLowerCase())
                .where('status', '=', 'active')
                .execute();
          });
        },
      };
    },
  };
}

/**
 * Moves the send state and the ledger that sends kept in files before the store into it, once:
 * when the store has no state yet and `folder` holds the state file. The files are left as
 * they were. Returns what it did, to tell the user, or nothing.
 */
export async function takeOverSendFiles(
  store: ReaderStore,
  folder: string,
  display: string,
): Promise<string | undefined> {
  const statePath = join(folder, legacySendFiles.state);
  if (!existsSync(statePath)) return undefined;
  const known = await store.db
    .selectFrom('send_state')
    .select('name')
    .where('name', '=', stateName)
    .executeTakeFirst();
  if (known) return undefined;
  const state: SendState = parseSendState(
    await readFile(statePath, 'utf8'),
    join(display, legacySendFiles.state),
  );
  const records = await readLedgerRecords(join(folder, legacySendFiles.ledger));
  await store.db.transaction().execute(async (tx) => {
    for (let start = 0; start < records.length; start += 500) {
      await tx
        .insertInto('outcomes')
        .values(records.slice(start, start + 500).map(rowOf))
        .onConflict((conflict) => conflict.columns(['digest', 'email_key']).doNothing())
        .execute();
    }
    await tx
      .insertInto('send_state')
      .values({ name: stateName, value: JSON.stringify(state) })
      .execute();
  });
  return `the send state of ${join(display, legacySendFiles.state)} and the ${records.length} outcome(s) of ${join(display, legacySendFiles.ledger)} are now in the readers' store ${store.location.display}; the two files are no longer read, and may be removed`;
}

function rowOf(record: LedgerRecord): OutcomeRow {
  return {
    digest: record.digest,
    email_key: record.email.toLowerCase(),
    email: record.email,
    message_id: record.messageId,
    result: record.result,
    code: record.code ?? null,
    response: record.response ?? null,
    at: record.at,
    torn: record.torn ? 1 : 0,
  };
}

function recordOf(row: OutcomeRow): LedgerRecord {
  return {
    digest: row.digest,
    email: row.email,
    messageId: row.message_id,
    result: row.result,
    code: row.code ?? undefined,
    response: row.response ?? undefined,
    at: row.at,
    torn: row.torn === 1 ? true : undefined,
  };
}
