import { basename, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type BuildOptions, readConfig, resolveBuildOptions } from '../config.ts';
import { parseSubscriberOptions, readSubscribers } from '../read/subscribers.ts';
import { type BounceSummary, readBounces, readMailbox } from './bounces.ts';
import { openStore, type ReaderStore, resolveStoreLocation } from './database.ts';
import {
  addReader,
  type ImportSummary,
  importReaders,
  listReaders,
  type Reader,
  removeReaders,
} from './readers.ts';
import type { ReaderStatus } from './schema.ts';

/** The project whose store a `subscribers` command works on: its config, from a folder. */
export type SubscribersOptions = Pick<BuildOptions, 'config' | 'cwd'>;

export interface SubscribersDeps {
  now: () => Date;
  /** `GAZETTE_DATABASE_URL`, read by the caller: the store in PostgreSQL. */
  databaseUrl?: string | undefined;
}

/** Where the store of a command is, as the user knows it. */
export interface InStore<T> {
  store: string;
  value: T;
}

/** Adds and updates the readers of a CSV or JSON list, creating the store if there is none. */
export async function importSubscribers(
  file: string,
  options: SubscribersOptions,
  deps: SubscribersDeps,
): Promise<InStore<ImportSummary>> {
  const readers = await readSubscribers(resolve(options.cwd ?? process.cwd(), file), file);
  return withStore(options, deps, true, (store) =>
    importReaders(store, readers, { how: `imported from ${basename(file)}`, now: deps.now() }),
  );
}

/** Adds one reader, or updates the one of that address; the store is created if there is none. */
export async function addSubscriber(
  reader: Record<string, string | undefined>,
  options: SubscribersOptions,
  deps: SubscribersDeps,
): Promise<InStore<'added' | 'updated' | 'unchanged'>> {
  const input = parseSubscriberOptions(reader);
  return withStore(options, deps, true, (store) =>
    addReader(store, input, { how: 'added by hand', now: deps.now() }),
  );
}

/** Takes readers off the list; returns the addresses the store does not know. */
export async function removeSubscribers(
  emails: string[],
  options: SubscribersOptions,
  deps: SubscribersDeps,
): Promise<InStore<string[]>> {
  return withStore(options, deps, false, (store) =>
    removeReaders(store, emails, { now: deps.now() }),
  );
}

/** The store's readers, all or those of one status. */
export async function listSubscribers(
  status: ReaderStatus | undefined,
  options: SubscribersOptions,
  deps: SubscribersDeps,
): Promise<InStore<Reader[]>> {
  return withStore(options, deps, false, (store) => listReaders(store, status));
}

/** Marks as bounced the readers that the delivery reports of a mailbox say failed for good. */
export async function readBounceMailbox(
  mailbox: string,
  options: SubscribersOptions,
  deps: SubscribersDeps,
): Promise<InStore<BounceSummary>> {
  const messages = await readMailbox(resolve(options.cwd ?? process.cwd(), mailbox), mailbox);
  return withStore(options, deps, false, (store) =>
    readBounces(store, messages, { now: deps.now() }),
  );
}

/**
 * The readers as a CSV list that `subscribers import` reads back into another store whole:
 * status, consent record and token included, so that the links of the messages already sent
 * keep working and nobody who left comes back.
 */
export function renderReadersCsv(readers: readonly Reader[]): string {
  return stringify(
    readers.map((reader) => ({
      email: reader.email,
      name: reader.name ?? '',
      lang: reader.lang ?? '',
      topics: reader.topics.join(';'),
      status: reader.status,
      joined_at: reader.joinedAt,
      joined_how: reader.joinedHow,
      confirmed_at: reader.confirmedAt ?? '',
      token: reader.token,
    })),
    {
      header: true,
      columns: [
        'email',
        'name',
        'lang',
        'topics',
        'status',
        'joined_at',
        'joined_how',
        'confirmed_at',
        'token',
      ],
    },
  );
}

async function withStore<T>(
  options: SubscribersOptions,
  deps: SubscribersDeps,
  create: boolean,
  work: (store: ReaderStore) => Promise<T>,
): Promise<InStore<T>> {
  const resolved = resolveBuildOptions(options);
  const config = await readConfig(resolved.config.path, resolved.config.display);
  const store = await openStore(resolveStoreLocation(config, resolved.config, deps.databaseUrl), {
    create,
  });
  try {
    return { store: store.location.display, value: await work(store) };
  } finally {
    await store.close();
  }
}
