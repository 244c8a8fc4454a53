import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { ResolvedConfig, ResolvedPath } from '../config.ts';
import { GazetteError } from '../errors.ts';
import { migrations } from './migrations.ts';
import type { StoreTables } from './schema.ts';

/** Where the readers' store is: a SQLite file, or a PostgreSQL database. */
export type StoreLocation =
  | { kind: 'sqlite'; path: string; display: string }
  | { kind: 'postgres'; url: string; display: string };

/** The readers' store, open, at the latest version of its tables. */
export interface ReaderStore {
  db: Kysely<StoreTables>;
  location: StoreLocation;
  close(): Promise<void>;
}

const migrationTable = 'gazette_migration';

/**
 * The store of a project: the PostgreSQL database of `databaseUrl` (GAZETTE_DATABASE_URL, read
 * by the caller from the environment) when given, else the SQLite file of the config's
 * `subscriptions.database`, relative to the config file.
 */
export function resolveStoreLocation(
  config: ResolvedConfig,
  configFile: ResolvedPath,
  databaseUrl: string | undefined,
): StoreLocation {
  if (databaseUrl) return postgresLocation(databaseUrl);
  const file = config.subscriptions.database;
  return {
    kind: 'sqlite',
    path: resolve(dirname(configFile.path), file),
    display: isAbsolute(file) ? file : join(dirname(configFile.display), file),
  };
}

function postgresLocation(text: string): StoreLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The URL may hold a password: none of it is repeated.
    throw new GazetteError('DatabaseUrlInvalid', 'GAZETTE_DATABASE_URL is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new GazetteError(
      'DatabaseUrlInvalid',
      `GAZETTE_DATABASE_URL must start with postgres://, not ${url.protocol}//`,
    );
  // Shown without the password.
  const shown = new URL(text);
  shown.password = '';
  return { kind: 'postgres', url: text, display: shown.href };
}

/**
 * Opens the store and brings its tables to the latest version. Without `create`, a store that
 * does not exist yet is an error that says how to make one: a command that only reads or sends
 * never starts a new store, whose empty send state would take every entry for news.
 */
export async function openStore(
  location: StoreLocation,
  { create }: { create: boolean },
): Promise<ReaderStore> {
  const db =
    location.kind === 'sqlite' ? await openSqlite(location, create) : await openPostgres(location);
  const store: ReaderStore = { db, location, close: () => db.destroy() };
  try {
    if (!create && !(await hasTables(db))) throw notFound(location);
    await migrate(db, location);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openSqlite(location: StoreLocation & { kind: 'sqlite' }, create: boolean) {
  if (!existsSync(location.path)) {
    if (!create) throw notFound(location);
    // It holds personal data: readable by its owner only.
    try {
      closeSync(openSync(location.path, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new GazetteError(
          'StoreInvalid',
          `cannot create the readers' store (${(error as NodeJS.ErrnoException).code})`,
          { file: location.display },
        );
    }
  }
  // Loaded here only: a build never needs the native driver.
  const { default: Database } = await import('better-sqlite3');
  let database: InstanceType<typeof Database>;
  try {
    database = new Database(location.path, { fileMustExist: true });
    // Each outcome is on disk when its transaction ends, even if the machine stops next.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('busy_timeout = 10000');
  } catch (error) {
    throw new GazetteError('StoreInvalid', `not a readers' store: ${(error as Error).message}`, {
      file: location.display,
    });
  }
  return new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(location: StoreLocation & { kind: 'postgres' }) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: location.url,
    max: 10,
    connectionTimeoutMillis: 10_000,
  });
  // A pooled connection's error (the server restarting) is met by the query that uses it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new GazetteError(
      'StoreUnreachable',
      `cannot reach the database ${location.display}: ${(error as Error).message}`,
    );
  }
  return new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
}

async function hasTables(db: Kysely<StoreTables>): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((table) => table.name === migrationTable);
}

async function migrate(db: Kysely<StoreTables>, location: StoreLocation): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
  });
  const { error } = await migrator.migrateToLatest();
  if (!error) return;
  const message = (error as Error).message;
  if (/corrupted migrations|missing/i.test(message))
    throw new GazetteError(
      'StoreNewer',
      `the readers' store ${location.display} was brought to a newer version than this Gazette knows (${message})`,
    );
  throw error;
}

/** The key of the sends' advisory lock in a PostgreSQL store: any number, the same for all. */
const sendLockKey = 7_406_315_113;

/**
 * Takes the sends' lock of a PostgreSQL store, held on a connection of its own until the returned
 * function releases it: machines that share the database never send at once, as the lock file
 * beside the config does for one machine. A server that loses the connection (a killed send)
 * releases it. A SQLite store is one machine's, and needs none.
 */
export async function holdSendLock(store: ReaderStore): Promise<() => Promise<void>> {
  if (store.location.kind !== 'postgres') return async () => {};
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let taken: (ok: boolean) => void = () => {};
  const answer = new Promise<boolean>((resolve) => {
    taken = resolve;
  });
  const holding = store.db.connection().execute(async (connection) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(${sendLockKey}) as ok`.execute(connection);
    taken(rows[0]?.ok === true);
    if (rows[0]?.ok !== true) return;
    await released;
    await sql`select pg_advisory_unlock(${sendLockKey})`.execute(connection);
  });
  holding.catch(() => taken(false));
  if (!(await answer)) {
    await holding.catch(() => {});
    throw new GazetteError(
      'SendLocked',
      `another send is running on the readers' store ${store.location.display}`,
    );
  }
  return async () => {
    release();
    await holding;
  };
}

function notFound(location: StoreLocation): GazetteError {
  return location.kind === 'sqlite'
    ? new GazetteError('StoreNotFound', "there is no readers' store yet", {
        file: location.display,
      })
    : new GazetteError(
        'StoreNotFound',
        `the database ${location.display} holds no readers' store yet`,
      );
}
