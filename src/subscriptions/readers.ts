import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { GazetteError } from '../errors.ts';
import type { Subscriber } from '../read/subscribers.ts';
import type { ReaderStore } from './database.ts';
import type { ReaderRow, ReaderStatus, StoreTables } from './schema.ts';

/**
 * A reader as a list or a command gives it. Topics, given, replace the reader's. The status,
 * token and consent record come from an export of a store, and are kept for a new reader.
 */
export type ReaderInput = Subscriber;

/** A reader of the store, as the commands and the send see them. */
export interface Reader {
  email: string;
  name: string | undefined;
  lang: string | undefined;
  topics: string[];
  status: ReaderStatus;
  /** Identifies the reader to the subscription service: `id.secret`. */
  token: string;
  joinedAt: string;
  joinedHow: string;
  confirmedAt: string | undefined;
  statusAt: string;
  statusWhy: string | undefined;
}

/** What an import changed. */
export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Readers who unsubscribed or bounced: left as they are, never brought back. */
  keptOut: number;
  /** Readers the list says unsubscribed or bounced, who were active or pending. */
  left: number;
}

/** Rows read and written at a time: well under both databases' limits on parameters. */
const batchSize = 500;

/**
 * Adds the readers not in the store, as active (or as the list's `status` says), and updates the
 * name, language and topics of those who are, in one transaction: a failed import changes
 * nothing. A pending reader becomes active (the list vouches for them); a reader the list says
 * unsubscribed or bounced leaves; one who unsubscribed or bounced stays so, whatever the list
 * says. Nobody is removed.
 */
export async function importReaders(
  store: ReaderStore,
  readers: readonly ReaderInput[],
  { how, now }: { how: string; now: Date },
): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, keptOut: 0, left: 0 };
  const at = now.toISOString();
  await store.db.transaction().execute(async (tx) => {
    for (let start = 0; start < readers.length; start += batchSize) {
      const batch = readers.slice(start, start + batchSize);
      const known = await rowsOf(
        tx,
        batch.map((r) => r.email.toLowerCase()),
      );
      const takenIds = await idsTaken(tx, batch);
      const fresh = new Map<string, ReaderRow>();
      for (const input of batch) {
        const key = input.email.toLowerCase();
        const row = known.get(key);
        if (!row) {
          const id = input.token?.split('.')[0];
          const keepsToken = id !== undefined && !takenIds.has(id);
          if (id) takenIds.add(id);
          const added = {
            ...newRow(input, input.status ?? 'active', { how, at }),
            ...(keepsToken && input.token ? tokenParts(input.token) : {}),
            joined_at: input.joined_at ?? at,
            joined_how: input.joined_how ?? how,
            confirmed_at: input.confirmed_at ?? null,
          };
          fresh.set(key, added);
          known.set(key, added);
          summary.added++;
          continue;
        }
        // The same address twice: the first row counts, as the reading of a list keeps it.
        if (fresh.has(key)) continue;
        if (row.status === 'unsubscribed' || row.status === 'bounced') {
          summary.keptOut++;
          continue;
        }
        const changes = changesOf(row, input);
        const leaving = input.status === 'unsubscribed' || input.status === 'bounced';
        if (leaving)
          Object.assign(changes, {
            status: input.status,
            status_at: at,
            status_why: `so in ${how.replace(/^imported from /, '')}`,
          });
        else if (row.status === 'pending' && input.status !== 'pending')
          Object.assign(changes, { status: 'active', status_at: at });
        if (Object.keys(changes).length === 0) {
          summary.unchanged++;
          continue;
        }
        await tx.updateTable('readers').set(changes).where('email_key', '=', key).execute();
        Object.assign(row, changes);
        if (leaving) summary.left++;
        else summary.updated++;
      }
      if (fresh.size > 0)
        await tx
          .insertInto('readers')
          .values([...fresh.values()])
          .execute();
    }
  });
  return summary;
}

/**
 * Adds one reader as active, or updates the one of that address. A reader who unsubscribed or
 * bounced is refused: only signing up again brings them back.
 */
export async function addReader(
  store: ReaderStore,
  input: ReaderInput,
  { how, now }: { how: string; now: Date },
): Promise<'added' | 'updated' | 'unchanged'> {
  const row = await findReader(store, input.email);
  if (row && (row.status === 'unsubscribed' || row.status === 'bounced'))
    throw new GazetteError(
      'ReaderLeft',
      `${input.email} ${row.status === 'bounced' ? 'bounced' : 'unsubscribed'} on ${row.status_at.slice(0, 10)}`,
    );
  const summary = await importReaders(store, [input], { how, now });
  return summary.added ? 'added' : summary.updated ? 'updated' : 'unchanged';
}

/**
 * Takes readers off the list. Each is kept as unsubscribed with their address only, so that no
 * later import brings them back; their name, language and topics are erased. Returns the
 * addresses the store did not know.
 */
export async function removeReaders(
  store: ReaderStore,
  emails: readonly string[],
  { now }: { now: Date },
): Promise<string[]> {
  const unknown: string[] = [];
  await store.db.transaction().execute(async (tx) => {
    for (const email of emails) {
      const result = await tx
        .updateTable('readers')
        .set({
          name: null,
          lang: null,
          topics: '[]',
          status: 'unsubscribed',
          status_at: now.toISOString(),
          status_why: 'removed by hand',
        })
        .where('email_key', '=', email.toLowerCase())
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) unknown.push(email);
    }
  });
  return unknown;
}

/** The readers of the store, in the order they joined; only those of `status` when given. */
export async function listReaders(store: ReaderStore, status?: ReaderStatus): Promise<Reader[]> {
  let query = store.db.selectFrom('readers').selectAll();
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('joined_at').orderBy('email_key').execute();
  return rows.map(readerOf);
}

/** How many readers were marked as bounced since `since` (an ISO time). */
export async function countBouncedSince(store: ReaderStore, since: string): Promise<number> {
  const row = await store.db
    .selectFrom('readers')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('status', '=', 'bounced')
    .where('status_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The readers of these addresses that the store knows, by lower-cased address. */
export async function readersByEmail(
  store: ReaderStore,
  emails: readonly string[],
): Promise<Map<string, Reader>> {
  const found = new Map<string, Reader>();
  for (let start = 0; start < emails.length; start += batchSize) {
    const rows = await rowsOf(
      store.db,
      emails.slice(start, start + batchSize).map((e) => e.toLowerCase()),
    );
    for (const [key, row] of rows) found.set(key, readerOf(row));
  }
  return found;
}

async function findReader(
  store: ReaderStore,
  email: string,
): Promise<Selectable<ReaderRow> | undefined> {
  return store.db
    .selectFrom('readers')
    .selectAll()
    .where('email_key', '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * The reader a token names, or undefined. The token's public half finds the reader; its secret
 * half is compared in constant time, so that the time of an answer tells nothing of a secret.
 */
export async function readerOfToken(
  store: ReaderStore,
  token: string,
): Promise<Reader | undefined> {
  const [id, secret, ...rest] = token.split('.');
  if (!id || !secret || rest.length > 0 || id.length > 64) return undefined;
  const row = await store.db
    .selectFrom('readers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const given = Buffer.from(secret);
  const kept = Buffer.from(row.secret);
  return given.length === kept.length && timingSafeEqual(given, kept) ? readerOf(row) : undefined;
}

/**
 * A sign-up through the form: a new address is kept as pending, with how it came; an address
 * the store knows is left as it is. The reader to send a confirmation link to, or undefined
 * when there is nothing to confirm (they are active already).
 */
export async function signUpReader(
  store: ReaderStore,
  input: ReaderInput,
  { how, now }: { how: string; now: Date },
): Promise<Reader | undefined> {
  const known = await findReader(store, input.email);
  if (known) return known.status === 'active' ? undefined : readerOf(known);
  const row = newRow(input, 'pending', { how, at: now.toISOString() });
  // Two sign-ups of one address at once: the second finds the first's row.
  await store.db
    .insertInto('readers')
    .values(row)
    .onConflict((conflict) => conflict.column('email_key').doNothing())
    .execute();
  const kept = await findReader(store, input.email);
  return kept && kept.status !== 'active' ? readerOf(kept) : undefined;
}

/** The reader's status from now on: `active` is a confirmation, and records when. */
export async function setReaderStatus(
  store: ReaderStore,
  reader: Reader,
  status: 'active' | 'unsubscribed',
  { now, why }: { now: Date; why: string },
): Promise<void> {
  const at = now.toISOString();
  await store.db
    .updateTable('readers')
    .set({
      status,
      status_at: at,
      status_why: why,
      ...(status === 'active' ? { confirmed_at: at } : {}),
    })
    .where('email_key', '=', reader.email.toLowerCase())
    .execute();
}

/** The reader's language and topics, as they chose them. */
export async function setReaderPreferences(
  store: ReaderStore,
  reader: Reader,
  { lang, topics }: { lang: string | undefined; topics: string[] },
): Promise<void> {
  await store.db
    .updateTable('readers')
    .set({ lang: lang ?? null, topics: JSON.stringify(topics) })
    .where('email_key', '=', reader.email.toLowerCase())
    .execute();
}

/** A new reader's row, with a token of its own. */
function newRow(
  input: ReaderInput,
  status: ReaderStatus,
  { how, at }: { how: string; at: string },
): ReaderRow {
  return {
    id: randomBytes(9).toString('base64url'),
    secret: randomBytes(18).toString('base64url'),
    email: input.email,
    email_key: input.email.toLowerCase(),
    name: input.name ?? null,
    lang: input.lang ?? null,
    topics: JSON.stringify(input.topics ?? []),
    status,
    joined_at: at,
    joined_how: how,
    confirmed_at: null,
    status_at: at,
    status_why: null,
  };
}

/** The fields an input changes: those it gives, when they differ from the row's. */
function changesOf(row: ReaderRow, input: ReaderInput): Partial<ReaderRow> {
  const changes: Partial<ReaderRow> = {};
  if (input.name !== undefined && input.name !== row.name) changes.name = input.name;
  if (input.lang !== undefined && input.lang !== row.lang) changes.lang = input.lang;
  if (input.topics !== undefined) {
    const topics = JSON.stringify(input.topics);
    if (topics !== row.topics) changes.topics = topics;
  }
  return changes;
}

/** The ids of the tokens a batch carries that readers of the store have already. */
async function idsTaken(
  db: Kysely<StoreTables>,
  batch: readonly ReaderInput[],
): Promise<Set<string>> {
  const ids = batch.flatMap((input) => input.token?.split('.')[0] ?? []);
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('readers').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

function tokenParts(token: string): Pick<ReaderRow, 'id' | 'secret'> {
  const [id = '', secret = ''] = token.split('.');
  return { id, secret };
}

async function rowsOf(
  db: Kysely<StoreTables>,
  keys: readonly string[],
): Promise<Map<string, ReaderRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('readers').selectAll().where('email_key', 'in', keys).execute();
  return new Map(rows.map((row) => [row.email_key, row]));
}

function readerOf(row: ReaderRow): Reader {
  return {
    email: row.email,
    name: row.name ?? undefined,
    lang: row.lang ?? undefined,
    topics: JSON.parse(row.topics) as string[],
    status: row.status,
    token: `${row.id}.${row.secret}`,
    joinedAt: row.joined_at,
    joinedHow: row.joined_how,
    confirmedAt: row.confirmed_at ?? undefined,
    statusAt: row.status_at,
    statusWhy: row.status_why ?? undefined,
  };
}
