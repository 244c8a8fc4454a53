import { randomBytes } from 'node:crypto';
import { after } from 'node:test';

/**
 * The databases a readers' store can be in, for tests that run on each: SQLite (the project's
 * file, no environment) and PostgreSQL (GAZETTE_DATABASE_URL naming a database of its own).
 */
export interface StoreKind {
  name: 'SQLite' | 'PostgreSQL';
  /** The environment a command needs to use a new, empty store of this kind; none: no server. */
  environment(): Promise<Record<string, string> | undefined>;
}

/**
 * The server the PostgreSQL tests make their databases on: `.ci/run` starts one and names it in
 * GAZETTE_TEST_POSTGRES_URL; without it, the one a developer's machine runs as `.ci/run` sets up.
 */
const serverUrl =
  process.env.GAZETTE_TEST_POSTGRES_URL ?? 'postgres://gazette:gazette@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;
const made: string[] = [];

/** A new database on the test server, dropped when the test file ends; none: no server. */
export async function postgresDatabase(): Promise<string | undefined> {
  const { default: pg } = await import('pg');
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  if (!(await reachable)) return undefined;
  const name = `gazette_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  if (made.length === 0) after(dropDatabases);
  made.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function dropDatabases(): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const name of made.splice(0))
      await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

export const storeKinds: StoreKind[] = [
  { name: 'SQLite', environment: async () => ({}) },
  {
    name: 'PostgreSQL',
    async environment() {
      const url = await postgresDatabase();
      return url ? { GAZETTE_DATABASE_URL: url } : undefined;
    },
  },
];

/** Why a PostgreSQL test is skipped: said where the test's result is shown. */
export const noPostgres = `no PostgreSQL server at ${new URL(serverUrl).host} (GAZETTE_TEST_POSTGRES_URL): .ci/run installs and starts one`;
